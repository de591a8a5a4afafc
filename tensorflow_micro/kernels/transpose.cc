// TRANSPOSE: output dimension i is input dimension perm[i]. perm is a
// constant INT32 or INT64 permutation of [0, rank); rank up to 8. Any
// element type of 1, 2, 4 or 8 bytes.
#include <cstdint>

#include "tensorflow_micro/kernels/data_movement_common.h"
#include "tensorflow_micro/kernels/internal/tensor_util.h"
#include "tensorflow_micro/kernels/reference_kernels.h"

namespace tfmicro {
namespace {

constexpr int kInputTensor = 0;
constexpr int kPermTensor = 1;
constexpr int kOutputTensor = 0;

Status Prepare(OpContext& context) {
  TFM_RETURN_IF_ERROR(ExpectIoCount(context, 2, 2, 1));
  const Tensor* input = context.input(kInputTensor);
  const Tensor* perm = context.input(kPermTensor);
  const Tensor* output = context.output(kOutputTensor);
  TFM_RETURN_IF_ERROR(ExpectMovedElements(context, input, output));
  const int rank = input->rank;
  TFM_ENSURE(context, rank <= kMaxMoveRank,
             "input rank %d not supported (at most %d)", rank,
             kMaxMoveRank);
  TFM_RETURN_IF_ERROR(ExpectConstantIndices(context, perm, "perm"));
  const int32_t perm_shape[1] = {rank};
  TFM_RETURN_IF_ERROR(ExpectShape(context, perm, "perm", perm_shape, 1));

  StridedViewOpData* data = AllocateStridedViewOpData(context, input);
  if (data == nullptr) return Status::kArenaTooSmall;
  int64_t input_strides[kMaxMoveRank];
  RowMajorStrides(input->dims, rank, input_strides);
  bool used[kMaxMoveRank] = {};
  int32_t output_dims[kMaxMoveRank];
  StridedView& view = data->view;
  view.rank = rank;
  for (int i = 0; i < rank; ++i) {
    const int64_t axis = IndexAt(perm, i);
    TFM_ENSURE(context, axis >= 0 && axis < rank && !used[axis],
               "perm entry %d (%lld) is not a permutation of [0, %d)", i,
               static_cast<long long>(axis), rank);
    used[axis] = true;
    output_dims[i] = input->dims[axis];
    view.dims[i] = input->dims[axis];
    view.strides[i] = input_strides[axis];
  }
  TFM_RETURN_IF_ERROR(
      ExpectShape(context, output, "output", output_dims, rank));
  SimplifyView(&view);
  return Status::kOk;
}

}  // namespace

const KernelRegistration& Register_TRANSPOSE() {
  static const KernelRegistration r = {nullptr, Prepare, EvalStridedView,
                                       nullptr};
  return r;
}

}  // namespace tfmicro
