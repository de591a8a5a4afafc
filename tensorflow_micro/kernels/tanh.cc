// TANH, as TFLite's reference kernel: FLOAT32 in float, INT8 through a
// table of the float function (any output quantization), INT16 in 16-bit
// fixed point (see lut_activation_common.h).
#include <cmath>

#include "tensorflow_micro/kernels/internal/in_place.h"
#include "tensorflow_micro/kernels/lut_activation_common.h"
#include "tensorflow_micro/kernels/reference_kernels.h"

namespace tfmicro {
namespace {

float Tanh(float x) { return std::tanh(x); }

// EvalLutActivation reads element i before writing element i.
Status Prepare(OpContext& context) {
  TFM_RETURN_IF_ERROR(
      PrepareLutActivation(context, Tanh, Int16Sigmoid::kTanh));
  return AllowElementwiseInPlace(context, 0, 0);
}

Status Eval(OpContext& context) { return EvalLutActivation(context, Tanh); }

}  // namespace

const KernelRegistration& Register_TANH() {
  static const KernelRegistration r = {nullptr, Prepare, Eval, nullptr};
  return r;
}

}  // namespace tfmicro
