// GATHER_ND: slices of `params` addressed by the rows of `indices` (INT32
// or INT64; its last dimension is the depth, at most params' rank). Output
// shape: indices[:-1] + params[depth:]. Params of any element type of 1, 2,
// 4 or 8 bytes. An index outside its dimension fails the Invoke.
#include <cstdint>

#include "tensorflow_micro/kernels/data_movement_common.h"
#include "tensorflow_micro/kernels/internal/tensor_util.h"
#include "tensorflow_micro/kernels/reference_kernels.h"

namespace tfmicro {
namespace {

constexpr int kParamsTensor = 0;
constexpr int kIndicesTensor = 1;
constexpr int kOutputTensor = 0;

struct OpData {
  int depth;
  int64_t rows;
  int64_t params_strides[kMaxMoveRank];  // in elements
  size_t element_size;
  size_t block_bytes;  // bytes of params dims from depth on
};

Status Prepare(OpContext& context) {
  TFM_RETURN_IF_ERROR(ExpectIoCount(context, 2, 2, 1));
  const Tensor* params = context.input(kParamsTensor);
  const Tensor* indices = context.input(kIndicesTensor);
  const Tensor* output = context.output(kOutputTensor);
  TFM_RETURN_IF_ERROR(ExpectMovedElements(context, params, output));
  TFM_RETURN_IF_ERROR(ExpectIndexType(context, indices, "indices"));
  TFM_ENSURE(context, params->rank >= 1 && params->rank <= kMaxMoveRank,
             "params rank %d not supported (1 to %d)",
             static_cast<int>(params->rank), kMaxMoveRank);
  TFM_ENSURE(context, indices->rank >= 1, "indices must have rank 1 or more");
  const int depth = indices->dims[indices->rank - 1];
  TFM_ENSURE(context, depth <= params->rank,
             "index depth %d exceeds params rank %d", depth,
             static_cast<int>(params->rank));
  const int rank = indices->rank - 1 + params->rank - depth;
  TFM_ENSURE(context, rank <= kMaxMoveRank,
             "output rank %d not supported (at most %d)", rank, kMaxMoveRank);
  int32_t output_dims[kMaxMoveRank];
  int n = 0;
  for (int d = 0; d + 1 < indices->rank; ++d) {
    output_dims[n++] = indices->dims[d];
  }
  for (int d = depth; d < params->rank; ++d) {
    output_dims[n++] = params->dims[d];
  }
  TFM_RETURN_IF_ERROR(ExpectShape(context, output, "output", output_dims, n));

  OpData* data = AllocateOpData<OpData>(context);
  if (data == nullptr) return Status::kArenaTooSmall;
  data->depth = depth;
  data->rows = ProductOfDims(indices->dims, 0, indices->rank - 1);
  data->element_size = DataTypeSize(params->type);
  RowMajorStrides(params->dims, params->rank, data->params_strides);
  data->block_bytes = static_cast<size_t>(
      ProductOfDims(params->dims, depth, params->rank) *
      static_cast<int64_t>(data->element_size));
  return Status::kOk;
}

Status Eval(OpContext& context) {
  const auto& d = *static_cast<const OpData*>(context.op_data());
  const Tensor* params = context.input(kParamsTensor);
  const Tensor* indices = context.input(kIndicesTensor);
  const auto* in = static_cast<const uint8_t*>(params->data);
  auto* out = static_cast<uint8_t*>(context.output(kOutputTensor)->data);
  for (int64_t r = 0; r < d.rows; ++r) {
    int64_t offset = 0;
    for (int k = 0; k < d.depth; ++k) {
      const int64_t index = IndexAt(indices, r * d.depth + k);
      if (index < 0 || index >= params->dims[k]) {
        return context.Error(
            "index %lld of row %lld out of range [0, %d) for dimension %d",
            static_cast<long long>(index), static_cast<long long>(r),
            static_cast<int>(params->dims[k]), k);
      }
      offset += index * d.params_strides[k];
    }
    CopyBytes(out, in + offset * static_cast<int64_t>(d.element_size),
                d.block_bytes);
    out += d.block_bytes;
  }
  return Status::kOk;
}

}  // namespace

const KernelRegistration& Register_GATHER_ND() {
  static const KernelRegistration r = {nullptr, Prepare, Eval, nullptr};
  return r;
}

}  // namespace tfmicro
