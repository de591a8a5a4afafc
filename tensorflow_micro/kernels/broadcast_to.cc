// BROADCAST_TO: the input repeated to the shape of a constant INT32 or
// INT64 vector, with NumPy's rules (dimensions right-aligned; an input
// dimension is 1 or equal to the target's). Rank up to 8; any element type
// of 1, 2, 4 or 8 bytes. The output tensor must have the target shape.
#include <cstdint>

#include "tensorflow_micro/kernels/data_movement_common.h"
#include "tensorflow_micro/kernels/internal/tensor_util.h"
#include "tensorflow_micro/kernels/reference_kernels.h"

namespace tfmicro {
namespace {

constexpr int kInputTensor = 0;
constexpr int kShapeTensor = 1;
constexpr int kOutputTensor = 0;

Status Prepare(OpContext& context) {
  TFM_RETURN_IF_ERROR(ExpectIoCount(context, 2, 2, 1));
  const Tensor* input = context.input(kInputTensor);
  const Tensor* shape = context.input(kShapeTensor);
  const Tensor* output = context.output(kOutputTensor);
  TFM_RETURN_IF_ERROR(ExpectMovedElements(context, input, output));
  TFM_RETURN_IF_ERROR(ExpectConstantIndices(context, shape, "shape"));
  TFM_ENSURE(context, shape->rank == 1, "shape must be a vector, got shape %s",
             ShapeText(*shape).text);
  const int rank = shape->dims[0];
  TFM_ENSURE(context, rank <= kMaxMoveRank,
             "shape has %d entries, at most %d supported", rank, kMaxMoveRank);
  TFM_ENSURE(context, input->rank <= rank,
             "input rank %d exceeds the %d entries of shape",
             static_cast<int>(input->rank), rank);
  int32_t target[kMaxMoveRank];
  for (int i = 0; i < rank; ++i) {
    const int64_t dim = IndexAt(shape, i);
    TFM_ENSURE(context, dim >= 0 && dim <= INT32_MAX,
               "shape entry %d (%lld) is not a dimension", i,
               static_cast<long long>(dim));
    target[i] = static_cast<int32_t>(dim);
  }
  TFM_RETURN_IF_ERROR(ExpectShape(context, output, "output", target, rank));

  StridedViewOpData* data = AllocateStridedViewOpData(context, input);
  if (data == nullptr) return Status::kArenaTooSmall;
  int64_t input_strides[kMaxMoveRank];
  RowMajorStrides(input->dims, input->rank, input_strides);
  StridedView& view = data->view;
  view.rank = rank;
  const int lead = rank - input->rank;
  for (int i = 0; i < rank; ++i) {
    view.dims[i] = target[i];
    if (i < lead) continue;  // stride 0: repeated
    const int32_t dim = input->dims[i - lead];
    TFM_ENSURE(context, dim == target[i] || dim == 1,
               "input shape %s cannot be broadcast to %s",
               ShapeText(*input).text, ShapeText(target, rank).text);
    if (dim == target[i]) view.strides[i] = input_strides[i - lead];
  }
  SimplifyView(&view);
  return Status::kOk;
}

}  // namespace

const KernelRegistration& Register_BROADCAST_TO() {
  static const KernelRegistration r = {nullptr, Prepare, EvalStridedView,
                                       nullptr};
  return r;
}

}  // namespace tfmicro
