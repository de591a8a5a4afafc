// GELU: x * Phi(x), Phi the standard normal CDF, or with
// GeluOptions.approximate its tanh approximation
// 0.5 x (1 + tanh(sqrt(2 / pi) (x + 0.044715 x^3))). FLOAT32 computed in
// float, INT8 and INT16 (zero points 0) through the lookup table TFLite's
// reference kernel builds from the same float function.
#include <cmath>
#include <cstdint>

#include "tensorflow_micro/kernels/elementwise_unary_common.h"
#include "tensorflow_micro/kernels/reference_kernels.h"
#include "tensorflow_micro/schema/schema_generated.h"

namespace tfmicro {
namespace {

constexpr TypeSet kTypes = TypeBit(DataType::kFloat32) |
                           TypeBit(DataType::kInt8) | TypeBit(DataType::kInt16);

// 0.5 x erfc(-x / sqrt(2)): the erf form without its cancellation for large
// negative x, as TFLite writes it.
float Gelu(float x) {
  return 0.5f * x * std::erfc(x * static_cast<float>(-0.70710678118654752440));
}

float GeluApproximate(float x) {
  constexpr float kSqrt2OverPi =
      static_cast<float>(1.12837916709551257390 * 0.70710678118654752440);
  return 0.5f * x *
         (1.f + std::tanh(kSqrt2OverPi * (x + 0.044715f * x * x * x)));
}

bool Approximate(OpContext& context) {
  const auto* opts = context.options<schema::GeluOptions>();
  return opts != nullptr && opts->approximate();
}

Status Prepare(OpContext& context) {
  UnaryOpData* data;
  TFM_RETURN_IF_ERROR(UnaryPrepare(context, kTypes, true, &data));
  if (!data->quantized) return Status::kOk;
  return UnaryPrepareLut(context, data,
                         Approximate(context) ? GeluApproximate : Gelu);
}

Status Eval(OpContext& context) {
  if (context.input(0)->type == DataType::kFloat32) {
    return UnaryEvalFloat(context,
                          Approximate(context) ? GeluApproximate : Gelu);
  }
  UnaryEvalLut(context);
  return Status::kOk;
}

}  // namespace

const KernelRegistration& Register_GELU() {
  static const KernelRegistration r = {nullptr, Prepare, Eval, nullptr};
  return r;
}

}  // namespace tfmicro
