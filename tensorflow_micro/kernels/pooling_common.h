// Shared Prepare and Eval of AVERAGE_POOL_2D and MAX_POOL_2D: validation,
// output geometry and activation ranges, kept in PoolOpData for Eval
// (reference and vendor kernels alike).
#ifndef TENSORFLOW_MICRO_KERNELS_POOLING_COMMON_H_
#define TENSORFLOW_MICRO_KERNELS_POOLING_COMMON_H_

#include <cstdint>

#include "tensorflow_micro/core/kernel_api.h"
#include "tensorflow_micro/kernels/internal/pooling.h"

namespace tfmicro {

struct PoolOpData {
  PoolGeometry geometry;
  float float_activation_min;  // FLOAT32
  float float_activation_max;
  int32_t quantized_activation_min;  // INT8
  int32_t quantized_activation_max;
};

// Checks a pooling node (one NHWC FLOAT32 or INT8 input, an output of the
// same type and quantization with the pooled shape, valid Pool2DOptions) and
// stores a PoolOpData as the node's op data.
Status PreparePool(OpContext& context);

// Runs `pool_float` or `pool_int8` (internal/pooling.h) on the node's input
// with the PoolOpData that PreparePool stored.
Status EvalPool(OpContext& context,
                void (*pool_float)(const PoolGeometry&, float, float,
                                   const float*, float*),
                void (*pool_int8)(const PoolGeometry&, int32_t, int32_t,
                                  const int8_t*, int8_t*));

}  // namespace tfmicro

#endif  // TENSORFLOW_MICRO_KERNELS_POOLING_COMMON_H_
