// Shared parts of SPACE_TO_BATCH_ND and BATCH_TO_SPACE_ND, which move
// blocks between M spatial dimensions and the batch. With B the space-side
// batch, S the padded (SPACE_TO_BATCH) or uncropped (BATCH_TO_SPACE)
// spatial extents and b the block shape, batch-side element
// [o * B + n, q_1..q_M, rest] is space-side [n, q_i * b_i + o_i, rest],
// o the row-major block offset. Inputs: input, block_shape (constant INT32
// or INT64 [M]), paddings / crops (constant [M, 2], before and after).
#ifndef TENSORFLOW_MICRO_KERNELS_SPACE_BATCH_COMMON_H_
#define TENSORFLOW_MICRO_KERNELS_SPACE_BATCH_COMMON_H_

#include "tensorflow_micro/core/kernel_api.h"

namespace tfmicro {

Status PrepareSpaceToBatch(OpContext& context);
Status EvalSpaceToBatch(OpContext& context);
Status PrepareBatchToSpace(OpContext& context);
Status EvalBatchToSpace(OpContext& context);

}  // namespace tfmicro

#endif  // TENSORFLOW_MICRO_KERNELS_SPACE_BATCH_COMMON_H_
