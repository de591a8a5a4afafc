// Shared parts of the kernels that only move elements (TRANSPOSE, SLICE,
// TILE, BROADCAST_TO, REVERSE_V2, DEPTH_TO_SPACE, ...): the input/output
// checks they all make and, for those whose output is one strided view of
// input 0, the OpData and the Eval.
#ifndef TENSORFLOW_MICRO_KERNELS_DATA_MOVEMENT_COMMON_H_
#define TENSORFLOW_MICRO_KERNELS_DATA_MOVEMENT_COMMON_H_

#include <cstddef>

#include "tensorflow_micro/core/kernel_api.h"
#include "tensorflow_micro/kernels/internal/strided_copy.h"

namespace tfmicro {

// Checks `input` has an element type of 1, 2, 4 or 8 bytes and `output`
// the same type and quantization.
Status ExpectMovedElements(OpContext& context, const Tensor* input,
                           const Tensor* output);

struct StridedViewOpData {
  StridedView view;  // of input 0, written to output 0
  size_t element_size;
};

// Allocates the node's StridedViewOpData for elements of `input`'s type;
// nullptr (error recorded) when the arena is full.
StridedViewOpData* AllocateStridedViewOpData(OpContext& context,
                                             const Tensor* input);

// Allocates the node's StridedViewOpData: the output is `input` read
// through the view of `rank` (at most kMaxStridedCopyRank) dims and strides
// (in elements), simplified.
Status PrepareStridedView(OpContext& context, const Tensor* input, int rank,
                          const int32_t* dims, const int64_t* strides);

// Eval of a StridedViewOpData kernel: copies the view.
Status EvalStridedView(OpContext& context);

// The checks DEPTH_TO_SPACE and SPACE_TO_DEPTH share: one input and one
// output of the same element type and quantization, the input NHWC (rank
// 4), block_size (from the op's options) at least 1.
Status PrepareBlockRearrangement(OpContext& context, int32_t block_size);

// Eval of the ops whose output holds the input's bytes unchanged (RESHAPE,
// EXPAND_DIMS, SQUEEZE): copies input 0 to output 0 unless they share
// memory.
Status EvalCopyInput(OpContext& context);

// SPLIT, SPLIT_V and UNPACK: the input cut along one axis into the node's
// outputs, in order. Each output takes output.bytes / outer contiguous
// bytes from every one of the `outer` blocks before the axis.
struct SplitOpData {
  int input_index;
  int64_t outer;  // product of the input dims before the axis
};

// Checks every output's type and quantization against `input` and that
// output i has the input's shape outside `axis`, and `extent(i)` on it (or,
// when `drop_axis`, no such dimension and extent(i) == 1); then allocates
// the node's SplitOpData. `extent` is a callable int -> int64_t.
template <typename Extent>
Status PrepareSplit(OpContext& context, int input_index, int axis,
                    bool drop_axis, Extent extent);

Status EvalSplit(OpContext& context);

// PrepareSplit's checks of output i.
Status ExpectSplitOutput(OpContext& context, const Tensor* input, int axis,
                         bool drop_axis, int i, int64_t extent);
// Allocates the node's SplitOpData once every output is checked.
Status AllocateSplitOpData(OpContext& context, int input_index, int axis);

template <typename Extent>
Status PrepareSplit(OpContext& context, int input_index, int axis,
                    bool drop_axis, Extent extent) {
  const Tensor* input = context.input(input_index);
  for (int i = 0; i < context.num_outputs(); ++i) {
    TFM_RETURN_IF_ERROR(
        ExpectSplitOutput(context, input, axis, drop_axis, i, extent(i)));
  }
  return AllocateSplitOpData(context, input_index, axis);
}

}  // namespace tfmicro

#endif  // TENSORFLOW_MICRO_KERNELS_DATA_MOVEMENT_COMMON_H_
