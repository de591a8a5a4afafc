// LOGISTIC: out = 1 / (1 + exp(-x)).
//
// As TFLite's reference kernel: FLOAT32 in float (exp(x) below -9 and 1
// above ~16.6, where the quotient loses precision); INT8 through a table of
// the float function, with the output scale fixed at 1/256; INT16 in 16-bit
// fixed point (see lut_activation_common.h), output scale 1/32768.
#include <cmath>

#include "tensorflow_micro/kernels/internal/in_place.h"
#include "tensorflow_micro/kernels/lut_activation_common.h"
#include "tensorflow_micro/kernels/reference_kernels.h"

namespace tfmicro {
namespace {

constexpr int kOutputTensor = 0;

// The function TFLite tabulates for int8.
float LogisticForTable(float x) { return 1.f / (1.f + std::exp(-x)); }

float LogisticFloat(float x) {
  constexpr float kCutoffUpper = 16.619047164916992188f;
  constexpr float kCutoffLower = -9.f;
  if (x > kCutoffUpper) return 1.f;
  if (x < kCutoffLower) return std::exp(x);
  return 1.f / (1.f + std::exp(-x));
}

Status Prepare(OpContext& context) {
  TFM_RETURN_IF_ERROR(PrepareLutActivation(context, LogisticForTable,
                                           Int16Sigmoid::kLogistic));
  const Tensor* output = context.output(kOutputTensor);
  if (output->type == DataType::kInt8) {
    TFM_ENSURE(context, output->scale() == 1.f / 256,
               "int8 output scale must be 1/256 (0.00390625), got %g",
               static_cast<double>(output->scale()));
  }
  // EvalLutActivation reads element i before writing element i.
  return AllowElementwiseInPlace(context, 0, 0);
}

Status Eval(OpContext& context) {
  return EvalLutActivation(context, LogisticFloat);
}

}  // namespace

const KernelRegistration& Register_LOGISTIC() {
  static const KernelRegistration r = {nullptr, Prepare, Eval, nullptr};
  return r;
}

}  // namespace tfmicro
