// Fixed-point arithmetic shared by the quantized kernels. Rounding follows
// TFLite's reference kernels exactly (the double-rounding variant, TFLite's
// default build), so int8/int16 results are bit-exact.
#ifndef TENSORFLOW_MICRO_KERNELS_INTERNAL_QUANTIZATION_UTIL_H_
#define TENSORFLOW_MICRO_KERNELS_INTERNAL_QUANTIZATION_UTIL_H_

#include <cmath>
#include <cstdint>
#include <limits>

#include "tensorflow_micro/core/kernel_api.h"

namespace tfmicro {

// Fused activation codes, numbered as the schema's ActivationFunctionType.
enum FusedActivation : int {
  kActivationNone = 0,
  kActivationRelu = 1,
  kActivationReluN1To1 = 2,
  kActivationRelu6 = 3,
  kActivationTanh = 4,
  kActivationSignBit = 5,
};

// The fused activation an operator's options table (such as
// schema::Conv2DOptions) asks for; none without the table.
template <typename Options>
int FusedActivationOf(const Options* opts) {
  return opts != nullptr ? static_cast<int>(opts->fused_activation_function())
                         : kActivationNone;
}

// Splits real_multiplier into a Q31 multiplier in [2^30, 2^31) and a
// power-of-two shift (positive = left). Zero maps to (0, 0); multipliers
// below 2^-31 flush to zero as TFLite does.
// Non-finite multipliers map to (0, 0) too: callers check first (below).
void QuantizeMultiplier(double real_multiplier, int32_t* quantized_multiplier,
                        int* shift);

// QuantizeMultiplier for a multiplier computed from a model's scales, in
// prepare: an error naming `what` unless it is finite, not negative and
// needs a left shift of at most max_shift bits (31: what
// MultiplyByQuantizedMultiplier can apply to an int32; 14 for
// MultiplyByQuantizedMultiplierInt64). Extreme scales (3e38, 1e-45)
// overflow the float arithmetic TFLite uses to combine them.
Status QuantizeModelMultiplier(OpContext& context, double real_multiplier,
                               const char* what, int32_t* quantized_multiplier,
                               int* shift, int max_shift = 31);

// Clamps x to [min, max].
template <typename T>
inline T Clamp(T x, T min, T max) {
  return x < min ? min : (x > max ? max : x);
}

// round(a * b / 2^31), saturating the single overflow case.
inline int32_t SaturatingRoundingDoublingHighMul(int32_t a, int32_t b) {
  const bool overflow = a == b && a == std::numeric_limits<int32_t>::min();
  const int64_t ab = static_cast<int64_t>(a) * static_cast<int64_t>(b);
  const int32_t nudge = ab >= 0 ? (1 << 30) : (1 - (1 << 30));
  const int32_t high = static_cast<int32_t>((ab + nudge) / (1LL << 31));
  return overflow ? std::numeric_limits<int32_t>::max() : high;
}

// x / 2^exponent rounded half away from zero.
inline int32_t RoundingDivideByPOT(int32_t x, int exponent) {
  const int32_t mask = static_cast<int32_t>((1LL << exponent) - 1);
  const int32_t remainder = x & mask;
  const int32_t threshold = (mask >> 1) + (x < 0 ? 1 : 0);
  return (x >> exponent) + (remainder > threshold ? 1 : 0);
}

// x * multiplier * 2^shift with TFLite's rounding.
inline int32_t MultiplyByQuantizedMultiplier(int32_t x, int32_t multiplier,
                                             int shift) {
  const int left_shift = shift > 0 ? shift : 0;
  const int right_shift = shift > 0 ? 0 : -shift;
  return RoundingDivideByPOT(
      SaturatingRoundingDoublingHighMul(
          static_cast<int32_t>(static_cast<uint32_t>(x) << left_shift),
          multiplier),
      right_shift);
}

// x * multiplier * 2^shift for a 64-bit accumulator (the 16x8 kernels), as
// TFLite rounds it: the multiplier reduced to 16 bits (rounded), then one
// rounding right shift by 15 - shift. Needs shift <= 14; |x| is clamped
// below 2^47 (only a hostile int64 bias gets there; the product would
// overflow).
inline int32_t MultiplyByQuantizedMultiplierInt64(int64_t x, int32_t multiplier,
                                                  int shift) {
  constexpr int64_t kMaxAccumulator = (int64_t{1} << 47) - 1;
  x = x > kMaxAccumulator ? kMaxAccumulator
                          : (x < -kMaxAccumulator ? -kMaxAccumulator : x);
  const int64_t reduced =
      multiplier < 0x7FFF0000
          ? (static_cast<int64_t>(multiplier) + (1 << 15)) >> 16
          : 0x7FFF;
  const int total_shift = 15 - shift;
  const int64_t round = static_cast<int64_t>(1) << (total_shift - 1);
  return static_cast<int32_t>((x * reduced + round) >> total_shift);
}

// For multipliers known to be below one (shift <= 0).
inline int32_t MultiplyByQuantizedMultiplierSmallerThanOneExp(
    int32_t x, int32_t multiplier, int left_shift) {
  return RoundingDivideByPOT(SaturatingRoundingDoublingHighMul(x, multiplier),
                             -left_shift);
}

// zero_point + round(real / scale): a real value on a quantized tensor's
// scale, rounded half away from zero, not saturated to the tensor's type but
// to int32 (an activation bound over a tiny scale, 6 / 1e-38, is far past
// it; converting that float to int32 would be undefined). NaN gives the
// zero point.
inline int32_t QuantizeValue(float real, float scale, int32_t zero_point) {
  const double value = static_cast<double>(zero_point) +
                       static_cast<double>(std::round(real / scale));
  if (!(value == value)) return zero_point;
  return static_cast<int32_t>(
      Clamp(value, static_cast<double>(std::numeric_limits<int32_t>::min()),
            static_cast<double>(std::numeric_limits<int32_t>::max())));
}

// out[i] = output_zero_point + (in[i] - input_zero_point) * multiplier *
// 2^shift, clamped to [min, max]: TFLite's requantization of a buffer.
template <typename In, typename Out>
void RequantizeBuffer(const In* in, int64_t size, int32_t input_zero_point,
                      int32_t multiplier, int shift, int32_t output_zero_point,
                      int32_t min, int32_t max, Out* out) {
  for (int64_t i = 0; i < size; ++i) {
    const int32_t value =
        output_zero_point +
        MultiplyByQuantizedMultiplier(
            static_cast<int32_t>(in[i]) - input_zero_point, multiplier, shift);
    out[i] = static_cast<Out>(Clamp(value, min, max));
  }
}

// Range of the quantized type: [-128, 127] for int8 etc.
void QuantizedTypeRange(DataType type, int32_t* min, int32_t* max);

// The clamp range a fused activation imposes on a quantized output, as
// TFLite computes it. Fails for activations a quantized kernel cannot fuse.
Status CalculateActivationRangeQuantized(OpContext& context, int activation,
                                         const Tensor* output, int32_t* min,
                                         int32_t* max);

// The clamp range of a fused activation on a float output.
Status CalculateActivationRangeFloat(OpContext& context, int activation,
                                     float* min, float* max);

// The clamp range of a fused activation on an INT32 output (TFLite's
// CalculateActivationRange<int32_t>).
Status CalculateActivationRangeInt32(OpContext& context, int activation,
                                     int32_t* min, int32_t* max);

// Float clamp used by float kernels with a fused activation.
inline float ActivationClamp(float x, float min, float max) {
  return x < min ? min : (x > max ? max : x);
}

}  // namespace tfmicro

#endif  // TENSORFLOW_MICRO_KERNELS_INTERNAL_QUANTIZATION_UTIL_H_
