// Quantization of the multiply-accumulate ops (CONV_2D, DEPTHWISE_CONV_2D,
// FULLY_CONNECTED) as TFLite defines it: int8 activations quantized per
// tensor (asymmetric), int8 filters quantized symmetrically per tensor or per
// output channel, int32 bias with scale input_scale * filter_scale[c].
// 16x8: int16 activations (symmetric, zero point 0), the same int8 filters,
// an int64 bias (int32 when the op's quantized_bias_type asks for it) and a
// 64-bit accumulator.
//
// One accumulator of such an op is sum(filter * (input - input_zero_point))
// + bias, in units of input_scale * filter_scale[c]. Its output is
// acc * EffectiveOutputScale(...) + output_zero_point, clamped to the fused
// activation's range. TFLite's reference kernels apply that scale two ways:
//   - CONV_2D and DEPTHWISE_CONV_2D: a Q31 multiplier and shift computed once
//     (QuantizeMultiplier) applied with MultiplyByQuantizedMultiplier (int8)
//     or MultiplyByQuantizedMultiplierInt64 (16x8);
//   - FULLY_CONNECTED: in double precision, round(acc * scale) (see
//     RequantizeWithDouble). Bit-exactness needs the same choice per op.
#ifndef TENSORFLOW_MICRO_KERNELS_INTERNAL_CONV_QUANTIZATION_H_
#define TENSORFLOW_MICRO_KERNELS_INTERNAL_CONV_QUANTIZATION_H_

#include <cmath>
#include <cstdint>

#include "tensorflow_micro/core/kernel_api.h"
#include "tensorflow_micro/kernels/internal/exact_requantize.h"

namespace tfmicro {

// The real factor from accumulator units to output units. The order of the
// double operations is TFLite's: (input * filter) / output.
inline double EffectiveOutputScale(float input_scale, float filter_scale,
                                   float output_scale) {
  return static_cast<double>(input_scale) * static_cast<double>(filter_scale) /
         static_cast<double>(output_scale);
}

// The scale of output channel `channel`; a per-tensor scale applies to all.
inline float ChannelScale(const Quantization& quant, int channel) {
  return quant.num_channels > 1 ? quant.scales[channel] : quant.scales[0];
}

// round(acc * scale), halves away from zero, saturated to int32: TFLite's
// double-precision requantization (reference FULLY_CONNECTED), computed in
// integers with identical results (exact_requantize.h). Kernels call
// RequantizeExact with a scale decomposed once instead.
inline int32_t RequantizeWithDouble(int64_t acc, double scale) {
  return RequantizeExact(acc, DecomposeScale(scale));
}

// Checks `tensor` (role names it in messages, e.g. "input") is quantized per
// tensor with a positive, finite scale and a zero point in the range of its
// type.
Status CheckPerTensorQuantization(OpContext& context, const Tensor* tensor,
                                  const char* role);

// Checks an int8 filter's quantization: per tensor, or per channel along
// `channel_dim` with `num_channels` scales; finite, non-negative scales.
// Per-channel filters must be symmetric (every zero point 0). Per-tensor
// filters must be too unless `allow_per_tensor_zero_point` (TFLite's
// per-tensor FULLY_CONNECTED applies a filter offset).
Status CheckFilterQuantization(OpContext& context, const Tensor* filter,
                               int channel_dim, int num_channels,
                               bool allow_per_tensor_zero_point);

// Checks the types of a multiply-accumulate op: FLOAT32 input, filter,
// output and bias; INT8 input, filter and output with an INT32 bias; or INT16
// input and output with an INT8 filter and a bias of `int16_bias_type` (INT64,
// or INT32 when the op's options select it). The optional bias (nullptr
// passes) must hold one value per output channel.
Status CheckConvTypes(OpContext& context, const Tensor* input,
                      const Tensor* filter, const Tensor* bias,
                      const Tensor* output, int num_channels,
                      DataType int16_bias_type = DataType::kInt64);

// Checks INT16 activations are symmetric (zero point 0), as TFLite's 16x8
// kernels require; other types pass.
Status CheckInt16ZeroPoint(OpContext& context, const Tensor* tensor,
                           const char* role);

// Checks an optional bias (nullptr passes): its type, that it holds one
// value per output channel, and a zero point of 0 when it is quantized.
Status CheckBias(OpContext& context, const Tensor* bias, DataType type,
                 int num_channels);

// Q31 multiplier and shift (positive = left) of every output channel, from
// EffectiveOutputScale with the filter's scale of that channel.
void ComputeChannelMultipliers(float input_scale, const Quantization& filter,
                               float output_scale, int num_channels,
                               int32_t* multipliers, int32_t* shifts);

// What the int8 and 16x8 CONV_2D and DEPTHWISE_CONV_2D kernels need at eval.
struct ConvQuantParams {
  int32_t input_offset = 0;   // -input zero point, added to every input
  int32_t output_offset = 0;  // output zero point
  int32_t activation_min = 0;
  int32_t activation_max = 0;
  const int32_t* multipliers = nullptr;  // one per output channel
  const int32_t* shifts = nullptr;
};

// Checks input, filter and output quantization (per-tensor int8 or
// symmetric int16 activations, filter per tensor or per channel along
// channel_dim) and fills `params`, with its per-channel arrays taken from
// persistent memory.
Status PrepareConvQuantParams(OpContext& context, const Tensor* input,
                              const Tensor* filter, const Tensor* output,
                              int activation, int channel_dim,
                              int num_channels, ConvQuantParams* params);

}  // namespace tfmicro

#endif  // TENSORFLOW_MICRO_KERNELS_INTERNAL_CONV_QUANTIZATION_H_
