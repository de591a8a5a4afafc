// Shared by SELECT and SELECT_V2: condition ? x : y elementwise. condition
// is BOOL (any nonzero byte is true); x, y and the output share one type:
// FLOAT32, INT8, INT16, INT32, INT64 or BOOL. Values are copied as stored
// (quantized ones keep x's and y's raw values, as in TFLite).
#ifndef TENSORFLOW_MICRO_KERNELS_SELECT_COMMON_H_
#define TENSORFLOW_MICRO_KERNELS_SELECT_COMMON_H_

#include "tensorflow_micro/core/kernel_api.h"

namespace tfmicro {

// SELECT_V2 (numpy_broadcast): all three inputs broadcast (rank <= 6).
// SELECT: x and y of one shape, the output's, and the condition of that
// shape too, a scalar, or a vector selecting along x's first dimension.
Status PrepareSelect(OpContext& context, bool numpy_broadcast);

Status EvalSelect(OpContext& context);

}  // namespace tfmicro

#endif  // TENSORFLOW_MICRO_KERNELS_SELECT_COMMON_H_
