// Shared by RELU and RELU6 (and the other clamping activations): the output
// is the input clamped to [act_min, act_max], requantized to the output's
// scale for INT8/INT16 as TFLite's reference kernels do. LEAKY_RELU shares
// the requantization and the dispatch on the element type.
#ifndef TENSORFLOW_MICRO_KERNELS_RELU_COMMON_H_
#define TENSORFLOW_MICRO_KERNELS_RELU_COMMON_H_

#include <cstdint>

#include "tensorflow_micro/core/kernel_api.h"

namespace tfmicro {

// out = out_zp + (q - in_zp) * in_scale / out_scale.
struct ActivationRequantization {
  int32_t input_zero_point;
  int32_t output_zero_point;
  int32_t multiplier;
  int shift;
};

// Checks `input` and `output` are per-tensor quantized (INT16 with zero
// points 0) and fills `q`, the ratio of the scales divided in float before
// widening to double, as TFLite.
Status PrepareActivationRequantization(OpContext& context, const Tensor* input,
                                       const Tensor* output,
                                       ActivationRequantization* q);

// Calls fn(in, out, size) with input 0's and output 0's elements as float,
// int8_t or int16_t (by the input's type; prepare has checked it).
template <typename Fn>
void DispatchActivation(OpContext& context, Fn fn) {
  const Tensor* input = context.input(0);
  Tensor* output = context.output(0);
  const int64_t size = input->num_elements();
  switch (input->type) {
    case DataType::kFloat32:
      fn(input->data_as<float>(), output->data_as<float>(), size);
      break;
    case DataType::kInt8:
      fn(input->data_as<int8_t>(), output->data_as<int8_t>(), size);
      break;
    default:
      fn(input->data_as<int16_t>(), output->data_as<int16_t>(), size);
      break;
  }
}

struct ReluOpData {
  float min;  // clamp range of the real values
  float max;
  // Quantized: the requantized value clamped to [quantized_min,
  // quantized_max].
  ActivationRequantization requantization;
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
