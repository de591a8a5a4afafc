// LOG: the natural logarithm. FLOAT32, and INT8/INT16 through the lookup
// table TFLite's reference kernel builds, where x <= 0 maps to the lowest
// output value (INT16: zero points 0).
#include <cmath>
#include <cstdint>

#include "tensorflow_micro/kernels/elementwise_unary_common.h"
#include "tensorflow_micro/kernels/internal/quantization_util.h"
#include "tensorflow_micro/kernels/reference_kernels.h"

namespace tfmicro {
namespace {

constexpr TypeSet kTypes = TypeBit(DataType::kFloat32) |
                           TypeBit(DataType::kInt8) | TypeBit(DataType::kInt16);

float Log(float x) { return std::log(x); }

Status Prepare(OpContext& context) {
  UnaryOpData* data;
  TFM_RETURN_IF_ERROR(UnaryPrepare(context, kTypes, true, &data));
  if (!data->quantized) return Status::kOk;
  int32_t type_min;
  int32_t type_max;
  QuantizedTypeRange(context.output(0)->type, &type_min, &type_max);
  const float output_min =
      static_cast<float>(type_min - data->output_zero_point) *
      data->output_scale;
  return UnaryPrepareLut(context, data, [output_min](float x) {
    return x <= 0.f ? output_min : std::log(x);
  });
}

Status Eval(OpContext& context) {
  if (context.input(0)->type == DataType::kFloat32) {
    return UnaryEvalFloat(context, Log);
  }
  UnaryEvalLut(context);
  return Status::kOk;
}

}  // namespace

const KernelRegistration& Register_LOG() {
  static const KernelRegistration r = {nullptr, Prepare, Eval, nullptr};
  return r;
}

}  // namespace tfmicro
