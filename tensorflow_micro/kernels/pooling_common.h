// Shared Prepare and Eval of AVERAGE_POOL_2D, MAX_POOL_2D and L2_POOL_2D:
// validation,
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
  int32_t quantized_activation_min;  // INT8, INT16
  int32_t quantized_activation_max;
};

// One pooling operation per type (internal/pooling.h); nullptr for a type
// the op does not support.
struct PoolFunctions {
  void (*pool_float)(const PoolGeometry&, float, float, const float*, float*);
  void (*pool_int8)(const PoolGeometry&, int32_t, int32_t, const int8_t*,
                    int8_t*);
  void (*pool_int16)(const PoolGeometry&, int32_t, int32_t, const int16_t*,
                     int16_t*);
};

// Checks a pooling node (one NHWC FLOAT32, INT8 or INT16 input, an output of
// the same type and quantization with the pooled shape, INT16 zero points 0,
// valid Pool2DOptions) and stores a PoolOpData as the node's op data.
Status PreparePool(OpContext& context);

// Runs the function of the input's type on the node's input with the
// PoolOpData that PreparePool stored.
Status EvalPool(OpContext& context, const PoolFunctions& functions);

}  // namespace tfmicro

#endif  // TENSORFLOW_MICRO_KERNELS_POOLING_COMMON_H_
