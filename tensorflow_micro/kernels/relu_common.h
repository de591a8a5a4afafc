// Shared by RELU and RELU6 (and the other clamping activations): the output
// is the input clamped to [act_min, act_max], requantized to the output's
// scale for INT8/INT16 as TFLite's reference kernels do.
#ifndef TENSORFLOW_MICRO_KERNELS_RELU_COMMON_H_
#define TENSORFLOW_MICRO_KERNELS_RELU_COMMON_H_

#include <cstdint>

#include "tensorflow_micro/core/kernel_api.h"

namespace tfmicro {

struct ReluOpData {
  float min;  // clamp range of the real values
  float max;
  // Quantized: out = out_zp + (q - in_zp) * in_scale / out_scale, clamped to
  // [quantized_min, quantized_max].
  int32_t input_zero_point;
  int32_t output_zero_point;
  int32_t multiplier;
  int shift;
  int32_t quantized_min;
  int32_t quantized_max;
};

// Checks one FLOAT32, INT8 or INT16 input and an output of the same type and
// shape, and keeps the clamp range in the node's ReluOpData. `max` may be
// +infinity (no upper bound).
Status ReluPrepare(OpContext& context, float min, float max);

Status ReluEval(OpContext& context);

}  // namespace tfmicro

#endif  // TENSORFLOW_MICRO_KERNELS_RELU_COMMON_H_
