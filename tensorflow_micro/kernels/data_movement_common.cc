#include "tensorflow_micro/kernels/data_movement_common.h"

#include <cstdint>
#include <cstring>

#include "tensorflow_micro/kernels/internal/tensor_util.h"

namespace tfmicro {

Status ExpectMovedElements(OpContext& context, const Tensor* input,
                           const Tensor* output) {
  TFM_RETURN_IF_ERROR(ExpectMovableType(context, input, "input"));
  TFM_RETURN_IF_ERROR(
      ExpectSameType(context, output, "output", input, "input"));
  return ExpectSameQuantization(context, input, "input", output, "output");
}

StridedViewOpData* AllocateStridedViewOpData(OpContext& context,
                                             const Tensor* input) {
  StridedViewOpData* data = AllocateOpData<StridedViewOpData>(context);
  if (data != nullptr) data->element_size = DataTypeSize(input->type);
  return data;
}

Status PrepareStridedView(OpContext& context, const Tensor* input, int rank,
                          const int32_t* dims, const int64_t* strides) {
  StridedViewOpData* data = AllocateStridedViewOpData(context, input);
  if (data == nullptr) return Status::kArenaTooSmall;
  StridedView& view = data->view;
  view.rank = rank;
  for (int i = 0; i < rank; ++i) {
    view.dims[i] = dims[i];
    view.strides[i] = strides[i];
  }
  SimplifyView(&view);
  return Status::kOk;
}

Status PrepareBlockRearrangement(OpContext& context, int32_t block_size) {
  TFM_RETURN_IF_ERROR(ExpectIoCount(context, 1, 1, 1));
  const Tensor* input = context.input(0);
  TFM_RETURN_IF_ERROR(ExpectMovedElements(context, input, context.output(0)));
  TFM_RETURN_IF_ERROR(ExpectRank(context, input, "input", 4));
  TFM_ENSURE(context, block_size >= 1, "block_size must be at least 1, got %d",
             static_cast<int>(block_size));
  return Status::kOk;
}

Status EvalStridedView(OpContext& context) {
  const auto& d = *static_cast<const StridedViewOpData*>(context.op_data());
  StridedCopy(d.view, d.element_size, context.input(0)->data,
              context.output(0)->data);
  return Status::kOk;
}

Status EvalCopyInput(OpContext& context) {
  const Tensor* input = context.input(0);
  Tensor* output = context.output(0);
  // The planner may start the output before the input and overlap it
  // (PrepareView): memmove copies such a pair correctly.
  if (output->data != input->data && input->bytes != 0) {
    std::memmove(output->data, input->data, input->bytes);
  }
  return Status::kOk;
}

Status ExpectSplitOutput(OpContext& context, const Tensor* input, int axis,
                         bool drop_axis, int i, int64_t extent) {
  TFM_ENSURE(context, input->rank <= kMaxMoveRank,
             "input rank %d not supported (at most %d)",
             static_cast<int>(input->rank), kMaxMoveRank);
  const Tensor* output = context.output(i);
  TFM_RETURN_IF_ERROR(ExpectMovedElements(context, input, output));
  int32_t dims[kMaxMoveRank];
  int rank = 0;
  for (int d = 0; d < input->rank; ++d) {
    if (d != axis) {
      dims[rank++] = input->dims[d];
    } else if (!drop_axis) {
      dims[rank++] = static_cast<int32_t>(extent);
    }
  }
  bool same = rank == output->rank && (!drop_axis || extent == 1);
  for (int d = 0; same && d < rank; ++d) same = dims[d] == output->dims[d];
  if (!same) {
    return context.Error("output %d shape %s does not match the expected %s",
                         i, ShapeText(*output).text,
                         ShapeText(dims, rank).text);
  }
  return Status::kOk;
}

Status AllocateSplitOpData(OpContext& context, int input_index, int axis) {
  const Tensor* input = context.input(input_index);
  SplitOpData* data = AllocateOpData<SplitOpData>(context);
  if (data == nullptr) return Status::kArenaTooSmall;
  data->input_index = input_index;
  data->outer = ProductOfDims(input->dims, 0, axis);
  return Status::kOk;
}

Status EvalSplit(OpContext& context) {
  const auto& d = *static_cast<const SplitOpData*>(context.op_data());
  const auto* in =
      static_cast<const uint8_t*>(context.input(d.input_index)->data);
  const int count = context.num_outputs();
  for (int64_t k = 0; k < d.outer; ++k) {
    for (int i = 0; i < count; ++i) {
      Tensor* output = context.output(i);
      const size_t chunk = output->bytes / static_cast<size_t>(d.outer);
      CopyBytes(static_cast<uint8_t*>(output->data) + k * chunk, in, chunk);
      in += chunk;
    }
  }
  return Status::kOk;
}

}  // namespace tfmicro
