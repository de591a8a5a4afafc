#include "tensorflow_micro/kernels/internal/tensor_util.h"

namespace tfmicro {
namespace {

// Appends text to the buffer; false once it no longer fits.
bool Append(char* buffer, size_t size, size_t* length, const char* text) {
  for (; *text != '\0'; ++text) {
    if (*length + 1 >= size) return false;
    buffer[(*length)++] = *text;
  }
  buffer[*length] = '\0';
  return true;
}

void FormatInt(int32_t value, char* out) {
  char digits[12];
  int n = 0;
  int64_t v = value;
  const bool negative = v < 0;
  if (negative) v = -v;
  do {
    digits[n++] = static_cast<char>('0' + v % 10);
    v /= 10;
  } while (v != 0);
  int i = 0;
  if (negative) out[i++] = '-';
  while (n > 0) out[i++] = digits[--n];
  out[i] = '\0';
}

}  // namespace

ShapeString ShapeText(const int32_t* dims, int rank) {
  ShapeString s;
  constexpr size_t kEllipsisRoom = 5;  // "...]" and the NUL
  constexpr size_t kLimit = ShapeString::kSize - kEllipsisRoom;
  size_t length = 0;
  s.text[0] = '\0';
  Append(s.text, kLimit, &length, "[");
  for (int i = 0; i < rank; ++i) {
    char number[16];
    FormatInt(dims[i], number);
    if ((i > 0 && !Append(s.text, kLimit, &length, ", ")) ||
        !Append(s.text, kLimit, &length, number)) {
      Append(s.text, ShapeString::kSize, &length, "...]");
      return s;
    }
  }
  Append(s.text, ShapeString::kSize, &length, "]");
  return s;
}

Status ExpectFloat32OrInt8(OpContext& context, const Tensor* input,
                           const Tensor* output) {
  TFM_ENSURE(
      context,
      input->type == DataType::kFloat32 || input->type == DataType::kInt8,
      "input type %s not supported (expected FLOAT32 or INT8)",
      DataTypeName(input->type));
  return ExpectSameType(context, output, "output", input, "input");
}

Status ExpectFloat32Int8OrInt16(OpContext& context, const Tensor* input,
                                const Tensor* output) {
  TFM_ENSURE(context,
             input->type == DataType::kFloat32 ||
                 input->type == DataType::kInt8 ||
                 input->type == DataType::kInt16,
             "input type %s not supported (expected FLOAT32, INT8 or INT16)",
             DataTypeName(input->type));
  return ExpectSameType(context, output, "output", input, "input");
}

Status ExpectUnaryOp(OpContext& context, bool allow_int16) {
  TFM_RETURN_IF_ERROR(ExpectIoCount(context, 1, 1, 1));
  const Tensor* input = context.input(0);
  const Tensor* output = context.output(0);
  TFM_RETURN_IF_ERROR(allow_int16
                          ? ExpectFloat32Int8OrInt16(context, input, output)
                          : ExpectFloat32OrInt8(context, input, output));
  return ExpectSameShape(context, output, "output", input, "input");
}

Status ExpectHasQuantization(OpContext& context, const Tensor* tensor,
                             const char* role) {
  if (tensor->quant.num_channels == 0 || tensor->quant.scales == nullptr) {
    return context.Error("%s (%s) must be quantized (scale and zero point)",
                         role, DataTypeName(tensor->type));
  }
  return Status::kOk;
}

Status ExpectPerTensorQuantized(OpContext& context, const Tensor* tensor,
                                const char* role) {
  TFM_RETURN_IF_ERROR(ExpectHasQuantization(context, tensor, role));
  if (tensor->quant.num_channels != 1) {
    return context.Error(
        "%s must be per-tensor quantized (one scale), got %d scales", role,
        static_cast<int>(tensor->quant.num_channels));
  }
  if (!(tensor->quant.scales[0] > 0.f)) {
    return context.Error("%s scale must be positive, got %g", role,
                         static_cast<double>(tensor->quant.scales[0]));
  }
  return Status::kOk;
}

Status ComputeChannelBlocks(OpContext& context, const Tensor* tensor,
                            const char* role, ChannelBlocks* blocks) {
  const Quantization& q = tensor->quant;
  blocks->num_channels = q.num_channels;
  if (q.num_channels == 1) {
    blocks->outer = 1;
    blocks->inner = tensor->num_elements();
    return Status::kOk;
  }
  const int axis = q.quantized_dimension;
  TFM_ENSURE(context, axis >= 0 && axis < tensor->rank,
             "%s quantized dimension %d out of range for rank %d", role, axis,
             static_cast<int>(tensor->rank));
  TFM_ENSURE(context, tensor->dims[axis] == q.num_channels,
             "%s has %d scales but dimension %d has size %d", role,
             static_cast<int>(q.num_channels), axis,
             static_cast<int>(tensor->dims[axis]));
  blocks->outer = ProductOfDims(tensor->dims, 0, axis);
  blocks->inner = ProductOfDims(tensor->dims, axis + 1, tensor->rank);
  return Status::kOk;
}

Status ExpectShape(OpContext& context, const Tensor* tensor, const char* role,
                   const int32_t* dims, int rank) {
  bool same = tensor->rank == rank;
  for (int i = 0; same && i < rank; ++i) same = tensor->dims[i] == dims[i];
  if (!same) {
    return context.Error("%s shape %s does not match the expected %s", role,
                         ShapeText(*tensor).text, ShapeText(dims, rank).text);
  }
  return Status::kOk;
}

Status ExpectPerTensorQuantizedInputOutput(OpContext& context,
                                           const Tensor* input,
                                           const Tensor* output) {
  TFM_RETURN_IF_ERROR(ExpectPerTensorQuantized(context, input, "input"));
  TFM_RETURN_IF_ERROR(ExpectPerTensorQuantized(context, output, "output"));
  if (input->type == DataType::kInt16) {
    TFM_ENSURE(context, input->zero_point() == 0 && output->zero_point() == 0,
               "INT16 tensors must have zero point 0, got input %d, output %d",
               static_cast<int>(input->zero_point()),
               static_cast<int>(output->zero_point()));
  }
  return Status::kOk;
}

Status ExpectStateTensor(OpContext& context, int index, const char* role,
                         int32_t batches, int32_t size, DataType type) {
  const Tensor* state = context.input(index);
  TFM_ENSURE(context, state != nullptr, "%s (input %d) is missing", role,
             index);
  TFM_ENSURE(context, state->is_variable,
             "%s (input %d) must be a variable tensor", role, index);
  TFM_RETURN_IF_ERROR(ExpectType(context, state, role, type));
  const int32_t dims[2] = {batches, size};
  return ExpectShape(context, state, role, dims, 2);
}

Status ExpectIndexType(OpContext& context, const Tensor* tensor,
                       const char* role) {
  if (tensor->type != DataType::kInt32 && tensor->type != DataType::kInt64) {
    return context.Error("%s type %s not supported (expected INT32 or INT64)",
                         role, DataTypeName(tensor->type));
  }
  return Status::kOk;
}

Status ExpectConstantIndices(OpContext& context, const Tensor* tensor,
                             const char* role) {
  TFM_RETURN_IF_ERROR(ExpectIndexType(context, tensor, role));
  TFM_ENSURE(context, tensor->is_constant, "%s must be a constant tensor",
             role);
  return Status::kOk;
}

Status ResolveAxis(OpContext& context, int64_t axis, int rank,
                   const char* role, int* resolved) {
  TFM_ENSURE(context, axis >= -rank && axis < rank,
             "%s %lld out of range for rank %d", role,
             static_cast<long long>(axis), rank);
  *resolved = static_cast<int>(axis < 0 ? axis + rank : axis);
  return Status::kOk;
}

Status ReadConstantAxis(OpContext& context, const Tensor* axis_tensor,
                        int rank, int* axis) {
  TFM_RETURN_IF_ERROR(ExpectConstantIndices(context, axis_tensor, "axis"));
  TFM_ENSURE(context, axis_tensor->num_elements() == 1,
             "axis must hold one element, got shape %s",
             ShapeText(*axis_tensor).text);
  return ResolveAxis(context, IndexAt(axis_tensor, 0), rank, "axis", axis);
}

Status ExpectMovableType(OpContext& context, const Tensor* tensor,
                         const char* role) {
  const size_t size = DataTypeSize(tensor->type);
  TFM_ENSURE(context, size == 1 || size == 2 || size == 4 || size == 8,
             "%s type %s not supported", role, DataTypeName(tensor->type));
  return Status::kOk;
}

Status ExpectSameQuantization(OpContext& context, const Tensor* a,
                              const char* role_a, const Tensor* b,
                              const char* role_b) {
  if (a->quant.num_channels == 0 && b->quant.num_channels == 0) {
    return Status::kOk;
  }
  TFM_ENSURE(context,
             a->scale() == b->scale() && a->zero_point() == b->zero_point(),
             "%s quantization (scale %g, zero point %d) differs from the "
             "%s's (scale %g, zero point %d)",
             role_b, static_cast<double>(b->scale()),
             static_cast<int>(b->zero_point()), role_a,
             static_cast<double>(a->scale()),
             static_cast<int>(a->zero_point()));
  return Status::kOk;
}

}  // namespace tfmicro
