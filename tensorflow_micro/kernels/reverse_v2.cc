// REVERSE_V2: reverses the input along each axis of a constant INT32 or
// INT64 vector (negative axes count from the end). Rank up to 8; any
// element type of 1, 2, 4 or 8 bytes.
#include <cstdint>

#include "tensorflow_micro/kernels/data_movement_common.h"
#include "tensorflow_micro/kernels/internal/tensor_util.h"
#include "tensorflow_micro/kernels/reference_kernels.h"

namespace tfmicro {
namespace {

constexpr int kInputTensor = 0;
constexpr int kAxisTensor = 1;
constexpr int kOutputTensor = 0;

Status Prepare(OpContext& context) {
  TFM_RETURN_IF_ERROR(ExpectIoCount(context, 2, 2, 1));
  const Tensor* input = context.input(kInputTensor);
  const Tensor* axes = context.input(kAxisTensor);
  const Tensor* output = context.output(kOutputTensor);
  TFM_RETURN_IF_ERROR(ExpectMovedElements(context, input, output));
  TFM_RETURN_IF_ERROR(ExpectSameShape(context, output, "output", input,
                                      "input"));
  const int rank = input->rank;
  TFM_ENSURE(context, rank <= kMaxMoveRank,
             "input rank %d not supported (at most %d)", rank,
             kMaxMoveRank);
  TFM_RETURN_IF_ERROR(ExpectConstantIndices(context, axes, "axis"));
  TFM_ENSURE(context, axes->rank <= 1, "axis must be a vector, got shape %s",
             ShapeText(*axes).text);

  StridedViewOpData* data = AllocateStridedViewOpData(context, input);
  if (data == nullptr) return Status::kArenaTooSmall;
  StridedView& view = data->view;
  view.rank = rank;
  RowMajorStrides(input->dims, rank, view.strides);
  for (int i = 0; i < rank; ++i) view.dims[i] = input->dims[i];
  bool reversed[kMaxMoveRank] = {};
  for (int64_t i = 0; i < axes->num_elements(); ++i) {
    int axis = 0;
    TFM_RETURN_IF_ERROR(
        ResolveAxis(context, IndexAt(axes, i), rank, "axis", &axis));
    TFM_ENSURE(context, !reversed[axis], "axis %d given more than once", axis);
    reversed[axis] = true;
    if (input->dims[axis] == 0) continue;
    view.offset += (input->dims[axis] - 1) * view.strides[axis];
    view.strides[axis] = -view.strides[axis];
  }
  SimplifyView(&view);
  return Status::kOk;
}

}  // namespace

const KernelRegistration& Register_REVERSE_V2() {
  static const KernelRegistration r = {nullptr, Prepare, EvalStridedView,
                                       nullptr};
  return r;
}

}  // namespace tfmicro
