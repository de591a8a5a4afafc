// PACK: stacks values_count tensors of one shape into a tensor of rank + 1
// along `axis` (negative counts from the end). FLOAT32, INT8, UINT8, INT16,
// INT32, UINT32, INT64. Quantized inputs must share the output's scale and
// zero point, as in TFLite.
#include <cstdint>
#include <cstring>

#include "tensorflow_micro/kernels/internal/tensor_util.h"
#include "tensorflow_micro/kernels/reference_kernels.h"
#include "tensorflow_micro/schema/schema_generated.h"

namespace tfmicro {
namespace {

constexpr int kOutputTensor = 0;
constexpr int kMaxPackRank = 8;

struct OpData {
  int64_t outer_size;  // product of the input dims before the axis
  size_t block_bytes;  // bytes of the input dims from the axis on
};

bool IsSupportedType(DataType type) {
  switch (type) {
    case DataType::kFloat32:
    case DataType::kInt8:
    case DataType::kUInt8:
    case DataType::kInt16:
    case DataType::kInt32:
    case DataType::kUInt32:
    case DataType::kInt64:
      return true;
    default:
      return false;
  }
}

Status Prepare(OpContext& context) {
  const auto* opts = context.options<schema::PackOptions>();
  const int values_count = opts != nullptr ? opts->values_count() : 0;
  TFM_ENSURE(context, values_count >= 1,
             "values_count option must be at least 1, got %d", values_count);
  TFM_RETURN_IF_ERROR(ExpectIoCount(context, values_count, values_count, 1));
  const Tensor* first = context.input(0);
  const Tensor* output = context.output(kOutputTensor);
  if (!IsSupportedType(first->type)) {
    return context.Error(
        "input type %s not supported (expected FLOAT32, INT8, UINT8, INT16, "
        "INT32, UINT32 or INT64)",
        DataTypeName(first->type));
  }
  TFM_RETURN_IF_ERROR(
      ExpectSameType(context, output, "output", first, "input 0"));
  const int rank = first->rank + 1;
  TFM_ENSURE(context, rank <= kMaxPackRank,
             "output rank %d not supported (at most %d)", rank, kMaxPackRank);
  const int requested_axis = opts->axis();
  const int axis = requested_axis < 0 ? requested_axis + rank : requested_axis;
  TFM_ENSURE(context, axis >= 0 && axis < rank,
             "axis %d out of range for output rank %d", requested_axis, rank);

  const bool quantized = output->quant.num_channels > 0;
  for (int i = 0; i < values_count; ++i) {
    const Tensor* input = context.input(i);
    TFM_ENSURE(context, input->type == first->type,
               "input %d type %s differs from input 0 type %s", i,
               DataTypeName(input->type), DataTypeName(first->type));
    if (!SameShape(*input, *first)) {
      return context.Error("input %d shape %s differs from input 0 shape %s", i,
                           ShapeText(*input).text, ShapeText(*first).text);
    }
    if (quantized || input->quant.num_channels > 0) {
      TFM_ENSURE(context,
                 input->scale() == output->scale() &&
                     input->zero_point() == output->zero_point(),
                 "input %d quantization (scale %g, zero point %d) differs "
                 "from the output's (scale %g, zero point %d)",
                 i, static_cast<double>(input->scale()),
                 static_cast<int>(input->zero_point()),
                 static_cast<double>(output->scale()),
                 static_cast<int>(output->zero_point()));
    }
  }
  int32_t output_dims[kMaxPackRank];
  for (int d = 0, j = 0; d < rank; ++d) {
    output_dims[d] = d == axis ? values_count : first->dims[j++];
  }
  TFM_RETURN_IF_ERROR(
      ExpectShape(context, output, "output", output_dims, rank));

  OpData* data = AllocateOpData<OpData>(context);
  if (data == nullptr) return Status::kArenaTooSmall;
  data->outer_size = ProductOfDims(first->dims, 0, axis);
  data->block_bytes =
      static_cast<size_t>(ProductOfDims(first->dims, axis, first->rank) *
                          static_cast<int64_t>(DataTypeSize(first->type)));
  return Status::kOk;
}

Status Eval(OpContext& context) {
  const auto& d = *static_cast<const OpData*>(context.op_data());
  const int count = context.num_inputs();
  auto* out = static_cast<uint8_t*>(context.output(kOutputTensor)->data);
  for (int64_t k = 0; k < d.outer_size; ++k) {
    for (int i = 0; i < count; ++i) {
      const auto* in = static_cast<const uint8_t*>(context.input(i)->data);
      std::memcpy(out, in + k * d.block_bytes, d.block_bytes);
      out += d.block_bytes;
    }
  }
  return Status::kOk;
}

}  // namespace

const KernelRegistration& Register_PACK() {
  static const KernelRegistration r = {nullptr, Prepare, Eval, nullptr};
  return r;
}

}  // namespace tfmicro
