// ABS: |x|. FLOAT32, INT32, INT8 and INT16 (quantized, or plain INT16).
//
// Quantized as TFLite's reference kernel does: |q - in_zp| is kept as is
// when both scales are equal, otherwise rescaled by in_scale / out_scale,
// then offset by out_zp and saturated.
#include <cstdint>
#include <limits>

#include "tensorflow_micro/kernels/elementwise_unary_common.h"
#include "tensorflow_micro/kernels/internal/quantization_util.h"
#include "tensorflow_micro/kernels/reference_kernels.h"

namespace tfmicro {
namespace {

constexpr TypeSet kTypes =
    TypeBit(DataType::kFloat32) | TypeBit(DataType::kInt32) |
    TypeBit(DataType::kInt8) | TypeBit(DataType::kInt16);

Status Prepare(OpContext& context) {
  UnaryOpData* data;
  TFM_RETURN_IF_ERROR(UnaryPrepare(context, kTypes, false, &data));
  if (data->quantized && data->input_scale != data->output_scale) {
    // TFLite divides the scales in float before widening to double.
    QuantizeMultiplier(data->input_scale / data->output_scale,
                       &data->multiplier, &data->shift);
  }
  return Status::kOk;
}

template <typename T>
void EvalQuantized(OpContext& context, const UnaryOpData& d) {
  const bool rescale = d.input_scale != d.output_scale;
  UnaryMap<T>(context, [&d, rescale](T q) {
    const int32_t centered = static_cast<int32_t>(q) - d.input_zero_point;
    int32_t value = centered < 0 ? -centered : centered;
    if (rescale) value = MultiplyByQuantizedMultiplier(value, d.multiplier,
                                                       d.shift);
    return static_cast<T>(Clamp<int32_t>(value + d.output_zero_point,
                                         std::numeric_limits<T>::min(),
                                         std::numeric_limits<T>::max()));
  });
}

Status Eval(OpContext& context) {
  const auto& d = *static_cast<const UnaryOpData*>(context.op_data());
  switch (context.input(0)->type) {
    case DataType::kFloat32:
      UnaryMap<float>(context, [](float x) { return x < 0.f ? -x : x; });
      break;
    case DataType::kInt32:
      // |INT32_MIN| wraps to itself, as std::abs does on two's complement.
      UnaryMap<int32_t>(context, [](int32_t x) {
        return x < 0 ? static_cast<int32_t>(0u - static_cast<uint32_t>(x))
                     : x;
      });
      break;
    case DataType::kInt8:
      EvalQuantized<int8_t>(context, d);
      break;
    default:
      if (d.quantized) {
        EvalQuantized<int16_t>(context, d);
      } else {
        UnaryMap<int16_t>(context, [](int16_t x) {
          return static_cast<int16_t>(x < 0 ? -static_cast<int32_t>(x) : x);
        });
      }
      break;
  }
  return Status::kOk;
}

}  // namespace

const KernelRegistration& Register_ABS() {
  static const KernelRegistration r = {nullptr, Prepare, Eval, nullptr};
  return r;
}

}  // namespace tfmicro
