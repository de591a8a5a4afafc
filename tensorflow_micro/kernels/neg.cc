// NEG: -x. FLOAT32, INT32 and INT64 (wrapping at the type's minimum), and
// INT8 and INT16, the types TFLite's reference kernel takes. TFLite negates
// quantized values raw (wrapping too), ignoring their quantization; that is
// the negation only with zero points 0 and equal input and output scales,
// which are required here.
#include <cstdint>

#include "tensorflow_micro/kernels/elementwise_unary_common.h"
#include "tensorflow_micro/kernels/reference_kernels.h"

namespace tfmicro {
namespace {

constexpr TypeSet kTypes =
    TypeBit(DataType::kFloat32) | TypeBit(DataType::kInt8) |
    TypeBit(DataType::kInt16) | TypeBit(DataType::kInt32) |
    TypeBit(DataType::kInt64);

Status Prepare(OpContext& context) {
  UnaryOpData* data;
  TFM_RETURN_IF_ERROR(
      UnaryPrepare(context, kTypes, /*int16_quantized=*/false, &data));
  if (!data->quantized) return Status::kOk;
  TFM_ENSURE(context,
             data->input_zero_point == 0 && data->output_zero_point == 0 &&
                 data->input_scale == data->output_scale,
             "quantized NEG negates the raw values (as TFLite), which needs "
             "zero points 0 and equal scales; got input scale %g, zero point "
             "%d, output scale %g, zero point %d",
             static_cast<double>(data->input_scale),
             static_cast<int>(data->input_zero_point),
             static_cast<double>(data->output_scale),
             static_cast<int>(data->output_zero_point));
  return Status::kOk;
}

template <typename T, typename U>
void EvalInteger(OpContext& context) {
  UnaryMap<T>(context,
              [](T x) { return static_cast<T>(U{0} - static_cast<U>(x)); });
}

Status Eval(OpContext& context) {
  switch (context.input(0)->type) {
    case DataType::kFloat32:
      UnaryMap<float>(context, [](float x) { return -x; });
      break;
    case DataType::kInt8:
      EvalInteger<int8_t, uint8_t>(context);
      break;
    case DataType::kInt16:
      EvalInteger<int16_t, uint16_t>(context);
      break;
    case DataType::kInt32:
      EvalInteger<int32_t, uint32_t>(context);
      break;
    default:
      EvalInteger<int64_t, uint64_t>(context);
      break;
  }
  return Status::kOk;
}

}  // namespace

const KernelRegistration& Register_NEG() {
  static const KernelRegistration r = {nullptr, Prepare, Eval, nullptr};
  return r;
}

}  // namespace tfmicro
