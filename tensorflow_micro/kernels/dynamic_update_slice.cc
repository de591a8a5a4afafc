// DYNAMIC_UPDATE_SLICE: the operand with `update` written over it at
// `start_indices` (INT32 or INT64, one per dimension, read at every Invoke
// and clamped, as in XLA and TFLite, so the update fits). Any element type
// of 1, 2, 4 or 8 bytes; update and operand share type and quantization.
#include <cstdint>

#include "tensorflow_micro/kernels/data_movement_common.h"
#include "tensorflow_micro/kernels/internal/strided_copy.h"
#include "tensorflow_micro/kernels/internal/tensor_util.h"
#include "tensorflow_micro/kernels/reference_kernels.h"

namespace tfmicro {
namespace {

constexpr int kOperandTensor = 0;
constexpr int kUpdateTensor = 1;
constexpr int kStartTensor = 2;
constexpr int kOutputTensor = 0;

struct OpData {
  int64_t output_strides[kMaxMoveRank];
  size_t element_size;
};

Status Prepare(OpContext& context) {
  TFM_RETURN_IF_ERROR(ExpectIoCount(context, 3, 3, 1));
  const Tensor* operand = context.input(kOperandTensor);
  const Tensor* update = context.input(kUpdateTensor);
  const Tensor* start = context.input(kStartTensor);
  const Tensor* output = context.output(kOutputTensor);
  TFM_RETURN_IF_ERROR(ExpectMovedElements(context, operand, output));
  TFM_RETURN_IF_ERROR(
      ExpectSameType(context, update, "update", operand, "operand"));
  TFM_RETURN_IF_ERROR(
      ExpectSameQuantization(context, operand, "operand", update, "update"));
  TFM_RETURN_IF_ERROR(
      ExpectSameShape(context, output, "output", operand, "operand"));
  const int rank = operand->rank;
  TFM_ENSURE(context, rank <= kMaxMoveRank,
             "operand rank %d not supported (at most %d)", rank,
             kMaxMoveRank);
  TFM_ENSURE(context, update->rank == rank,
             "update rank %d differs from operand rank %d",
             static_cast<int>(update->rank), rank);
  for (int d = 0; d < rank; ++d) {
    TFM_ENSURE(context, update->dims[d] <= operand->dims[d],
               "update shape %s exceeds operand shape %s",
               ShapeText(*update).text, ShapeText(*operand).text);
  }
  TFM_RETURN_IF_ERROR(ExpectIndexType(context, start, "start_indices"));
  const int32_t start_shape[1] = {rank};
  TFM_RETURN_IF_ERROR(
      ExpectShape(context, start, "start_indices", start_shape, 1));
  OpData* data = AllocateOpData<OpData>(context);
  if (data == nullptr) return Status::kArenaTooSmall;
  data->element_size = DataTypeSize(operand->type);
  RowMajorStrides(operand->dims, rank, data->output_strides);
  return Status::kOk;
}

Status Eval(OpContext& context) {
  const auto& d = *static_cast<const OpData*>(context.op_data());
  const Tensor* operand = context.input(kOperandTensor);
  const Tensor* update = context.input(kUpdateTensor);
  const Tensor* start = context.input(kStartTensor);
  Tensor* output = context.output(kOutputTensor);
  if (output->data != operand->data) {
    CopyBytes(output->data, operand->data, operand->bytes);
  }
  const int rank = operand->rank;
  if (update->num_elements() == 0) return Status::kOk;
  if (rank == 0) {
    CopyBytes(output->data, update->data, d.element_size);
    return Status::kOk;
  }
  int64_t offset = 0;
  for (int i = 0; i < rank; ++i) {
    int64_t s = IndexAt(start, i);
    const int64_t high = operand->dims[i] - update->dims[i];
    s = s < 0 ? 0 : (s > high ? high : s);
    offset += s * d.output_strides[i];
  }
  // Row by row over the update's last dimension.
  const size_t row_bytes =
      static_cast<size_t>(update->dims[rank - 1]) * d.element_size;
  const int64_t rows = update->num_elements() / update->dims[rank - 1];
  const auto* in = static_cast<const uint8_t*>(update->data);
  auto* out = static_cast<uint8_t*>(output->data);
  int32_t index[kMaxMoveRank] = {};
  for (int64_t r = 0; r < rows; ++r) {
    int64_t at = offset;
    for (int i = 0; i + 1 < rank; ++i) at += index[i] * d.output_strides[i];
    CopyBytes(out + at * static_cast<int64_t>(d.element_size),
                in + r * static_cast<int64_t>(row_bytes), row_bytes);
    for (int i = rank - 2; i >= 0; --i) {
      if (++index[i] < update->dims[i]) break;
      index[i] = 0;
    }
  }
  return Status::kOk;
}

}  // namespace

const KernelRegistration& Register_DYNAMIC_UPDATE_SLICE() {
  static const KernelRegistration r = {nullptr, Prepare, Eval, nullptr};
  return r;
}

}  // namespace tfmicro
