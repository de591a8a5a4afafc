// Shared parts of PAD, PADV2 and MIRROR_PAD: the paddings input (a constant
// [rank, 2] INT32 or INT64 tensor of `before` and `after` counts) and the
// padded output shape; and the constant padding PAD and PADV2 both run.
#ifndef TENSORFLOW_MICRO_KERNELS_PAD_COMMON_H_
#define TENSORFLOW_MICRO_KERNELS_PAD_COMMON_H_

#include <cstddef>
#include <cstdint>

#include "tensorflow_micro/core/kernel_api.h"

namespace tfmicro {

constexpr int kMaxPadRank = 6;

struct PadGeometry {
  int rank;
  int32_t input_dims[kMaxPadRank];
  int32_t before[kMaxPadRank];
  int32_t after[kMaxPadRank];
  int32_t output_dims[kMaxPadRank];
  // Elements of the output per step along each dimension.
  int64_t output_strides[kMaxPadRank];
  size_t element_size;
};

// Checks the input type (FLOAT32, INT8, UINT8, INT16, INT32, INT64 or
// BOOL), the output's type, the paddings and the output shape; fills
// `geometry`.
Status PreparePadGeometry(OpContext& context, const Tensor* input,
                          const Tensor* paddings, const Tensor* output,
                          PadGeometry* geometry);

// PAD and PADV2: inputs (input, paddings[, constant_values]); the pad value
// is constant_values, or else the output zero point (quantized) or 0.
Status PrepareConstantPad(OpContext& context);
Status EvalConstantPad(OpContext& context);

}  // namespace tfmicro

#endif  // TENSORFLOW_MICRO_KERNELS_PAD_COMMON_H_
