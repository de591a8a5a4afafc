// ARG_MAX and ARG_MIN: the index of the largest (smallest) element along
// one axis, the first one on ties. The axis is a constant INT32 or INT64
// tensor of one element (negative counts from the end); the output, INT32
// or INT64 as the output_type option says, has the input's shape without
// that axis. Inputs FLOAT32, INT8, UINT8, INT16, INT32, INT64 or BOOL.
#ifndef TENSORFLOW_MICRO_KERNELS_ARG_MIN_MAX_COMMON_H_
#define TENSORFLOW_MICRO_KERNELS_ARG_MIN_MAX_COMMON_H_

#include "tensorflow_micro/core/kernel_api.h"

namespace tfmicro {

// `output_type` is the option's value (a schema::TensorType; 0 when left
// out).
Status PrepareArgMinMax(OpContext& context, int output_type);
Status EvalArgMax(OpContext& context);
Status EvalArgMin(OpContext& context);

}  // namespace tfmicro

#endif  // TENSORFLOW_MICRO_KERNELS_ARG_MIN_MAX_COMMON_H_
