#include "tensorflow_micro/kernels/arg_min_max_common.h"

#include <cstdint>

#include "tensorflow_micro/kernels/internal/tensor_util.h"
#include "tensorflow_micro/kernels/internal/type_set.h"

namespace tfmicro {
namespace {

constexpr int kInputTensor = 0;
constexpr int kAxisTensor = 1;
constexpr int kOutputTensor = 0;

struct OpData {
  int64_t outer;
  int32_t axis_size;
  int64_t inner;
};

template <typename T, typename I, bool kMax>
void ArgMinMax(const OpData& d, const T* in, I* out) {
  for (int64_t o = 0; o < d.outer; ++o) {
    const T* slab = in + o * d.axis_size * d.inner;
    for (int64_t i = 0; i < d.inner; ++i) {
      T best = slab[i];
      I best_index = 0;
      for (int32_t a = 1; a < d.axis_size; ++a) {
        const T value = slab[a * d.inner + i];
        if (kMax ? value > best : value < best) {
          best = value;
          best_index = static_cast<I>(a);
        }
      }
      *out++ = best_index;
    }
  }
}

template <typename I, bool kMax>
void Dispatch(const OpData& d, const Tensor* input, I* out) {
  switch (input->type) {
    case DataType::kFloat32:
      ArgMinMax<float, I, kMax>(d, input->data_as<float>(), out);
      break;
    case DataType::kInt8:
      ArgMinMax<int8_t, I, kMax>(d, input->data_as<int8_t>(), out);
      break;
    case DataType::kUInt8:
      ArgMinMax<uint8_t, I, kMax>(d, input->data_as<uint8_t>(), out);
      break;
    case DataType::kInt16:
      ArgMinMax<int16_t, I, kMax>(d, input->data_as<int16_t>(), out);
      break;
    case DataType::kInt32:
      ArgMinMax<int32_t, I, kMax>(d, input->data_as<int32_t>(), out);
      break;
    case DataType::kInt64:
      ArgMinMax<int64_t, I, kMax>(d, input->data_as<int64_t>(), out);
      break;
    default:
      ArgMinMax<BoolByte, I, kMax>(d, input->data_as<BoolByte>(), out);
      break;
  }
}

template <bool kMax>
Status Eval(OpContext& context) {
  const auto& d = *static_cast<const OpData*>(context.op_data());
  const Tensor* input = context.input(kInputTensor);
  Tensor* output = context.output(kOutputTensor);
  if (output->type == DataType::kInt32) {
    Dispatch<int32_t, kMax>(d, input, output->data_as<int32_t>());
  } else {
    Dispatch<int64_t, kMax>(d, input, output->data_as<int64_t>());
  }
  return Status::kOk;
}

}  // namespace

Status PrepareArgMinMax(OpContext& context, int output_type) {
  TFM_RETURN_IF_ERROR(ExpectIoCount(context, 2, 2, 1));
  const Tensor* input = context.input(kInputTensor);
  const Tensor* axis_tensor = context.input(kAxisTensor);
  const Tensor* output = context.output(kOutputTensor);
  TFM_RETURN_IF_ERROR(ExpectTypeIn(
      context, input, "input",
      TypeBit(DataType::kFloat32) | TypeBit(DataType::kInt8) |
          TypeBit(DataType::kUInt8) | TypeBit(DataType::kInt16) |
          TypeBit(DataType::kInt32) | TypeBit(DataType::kInt64) |
          TypeBit(DataType::kBool)));
  TFM_RETURN_IF_ERROR(ExpectIndexType(context, output, "output"));
  // FLOAT32 (0, the schema default) is the option left out: the output's
  // own type applies.
  const auto option_type = static_cast<DataType>(output_type);
  TFM_ENSURE(context,
             option_type == DataType::kFloat32 || option_type == output->type,
             "output_type option %s does not match the output type %s",
             DataTypeName(option_type), DataTypeName(output->type));
  TFM_ENSURE(context, input->rank >= 1, "input must have rank 1 or more");
  int axis = 0;
  TFM_RETURN_IF_ERROR(
      ReadConstantAxis(context, axis_tensor, input->rank, &axis));
  TFM_ENSURE(context, input->dims[axis] >= 1,
             "dimension %d along the axis is empty", axis);
  int32_t output_dims[8];
  TFM_ENSURE(context, input->rank <= 9, "input rank %d not supported",
             static_cast<int>(input->rank));
  int n = 0;
  for (int d = 0; d < input->rank; ++d) {
    if (d != axis) output_dims[n++] = input->dims[d];
  }
  TFM_RETURN_IF_ERROR(ExpectShape(context, output, "output", output_dims, n));
  OpData* data = AllocateOpData<OpData>(context);
  if (data == nullptr) return Status::kArenaTooSmall;
  data->outer = ProductOfDims(input->dims, 0, axis);
  data->axis_size = input->dims[axis];
  data->inner = ProductOfDims(input->dims, axis + 1, input->rank);
  return Status::kOk;
}

Status EvalArgMax(OpContext& context) { return Eval<true>(context); }
Status EvalArgMin(OpContext& context) { return Eval<false>(context); }

}  // namespace tfmicro
