// SLICE: input[begin[i] : begin[i] + size[i]] along every dimension; begin
// and size are constant INT32 or INT64 vectors, size -1 meaning "to the
// end". Rank up to 8; any element type of 1, 2, 4 or 8 bytes. The output
// tensor must have the slice's shape.
#include <cstdint>

#include "tensorflow_micro/kernels/data_movement_common.h"
#include "tensorflow_micro/kernels/internal/tensor_util.h"
#include "tensorflow_micro/kernels/reference_kernels.h"

namespace tfmicro {
namespace {

constexpr int kInputTensor = 0;
constexpr int kBeginTensor = 1;
constexpr int kSizeTensor = 2;
constexpr int kOutputTensor = 0;

Status Prepare(OpContext& context) {
  TFM_RETURN_IF_ERROR(ExpectIoCount(context, 3, 3, 1));
  const Tensor* input = context.input(kInputTensor);
  const Tensor* begin = context.input(kBeginTensor);
  const Tensor* size = context.input(kSizeTensor);
  const Tensor* output = context.output(kOutputTensor);
  TFM_RETURN_IF_ERROR(ExpectMovedElements(context, input, output));
  const int rank = input->rank;
  TFM_ENSURE(context, rank <= kMaxMoveRank,
             "input rank %d not supported (at most %d)", rank, kMaxMoveRank);
  TFM_RETURN_IF_ERROR(ExpectConstantIndices(context, begin, "begin"));
  TFM_RETURN_IF_ERROR(ExpectConstantIndices(context, size, "size"));
  const int32_t index_shape[1] = {rank};
  TFM_RETURN_IF_ERROR(ExpectShape(context, begin, "begin", index_shape, 1));
  TFM_RETURN_IF_ERROR(ExpectShape(context, size, "size", index_shape, 1));

  StridedViewOpData* data = AllocateStridedViewOpData(context, input);
  if (data == nullptr) return Status::kArenaTooSmall;
  StridedView& view = data->view;
  view.rank = rank;
  RowMajorStrides(input->dims, rank, view.strides);
  int32_t output_dims[kMaxMoveRank];
  for (int i = 0; i < rank; ++i) {
    const int64_t dim = input->dims[i];
    const int64_t start = IndexAt(begin, i);
    int64_t extent = IndexAt(size, i);
    if (extent == -1) extent = dim - start;
    TFM_ENSURE(context,
               start >= 0 && start <= dim && extent >= 0 &&
                   start + extent <= dim,
               "slice of dimension %d (begin %lld, size %lld) exceeds the "
               "input size %d",
               i, static_cast<long long>(start),
               static_cast<long long>(IndexAt(size, i)),
               static_cast<int>(dim));
    output_dims[i] = static_cast<int32_t>(extent);
    view.dims[i] = static_cast<int32_t>(extent);
    view.offset += start * view.strides[i];
  }
  TFM_RETURN_IF_ERROR(
      ExpectShape(context, output, "output", output_dims, rank));
  SimplifyView(&view);
  return Status::kOk;
}

}  // namespace

const KernelRegistration& Register_SLICE() {
  static const KernelRegistration r = {nullptr, Prepare, EvalStridedView,
                                       nullptr};
  return r;
}

}  // namespace tfmicro
