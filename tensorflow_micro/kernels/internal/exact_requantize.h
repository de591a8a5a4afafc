// TFLite's double-precision requantization, round(acc * scale) with
// `scale` = input_scale * filter_scale / output_scale in double (reference
// FULLY_CONNECTED), computed with integers only: Cortex-M FPUs are single
// precision, so the double arithmetic is a software library call per output.
//
// Every step is the IEEE 754 binary64 operation TFLite runs, done exactly:
// a double is a 53-bit integer significand times a power of two; a product
// or quotient is formed exactly in wider integers and rounded to 53 bits,
// to nearest with ties to even, as the FPU rounds it. The results equal the
// double computation's for every input (tested in exact_requantize_test.cc).
#ifndef TENSORFLOW_MICRO_KERNELS_INTERNAL_EXACT_REQUANTIZE_H_
#define TENSORFLOW_MICRO_KERNELS_INTERNAL_EXACT_REQUANTIZE_H_

#include <cstdint>

namespace tfmicro {

// A finite, non-negative double as significand * 2^exponent, the
// significand an integer in [2^52, 2^53) (0 for zero; subnormals
// normalized).
struct ExactScale {
  uint64_t significand = 0;
  int32_t exponent = 0;
};

// The value of a finite, non-negative double (its IEEE 754 fields).
ExactScale DecomposeScale(double scale);

// What the output scales of one op's channels share: input_scale and
// output_scale, with their ratio for ExactEffectiveScale.
struct ExactScaleRatio {
  uint32_t input_significand = 0;  // in [2^23, 2^24), or 0
  uint32_t output_significand = 0;
  int32_t exponent = 0;  // input's - output's
  // floor(input_significand * 2^62 / output_significand)
  uint64_t ratio = 0;
};

// Needs finite scales, input_scale >= 0, output_scale > 0.
ExactScaleRatio PrepareExactScaleRatio(float input_scale, float output_scale);

// DecomposeScale(EffectiveOutputScale(input_scale, filter_scale,
// output_scale)) of conv_quantization.h, (double(input) * double(filter)) /
// double(output) rounded as the FPU rounds it, without floating point.
// Needs a finite filter_scale >= 0.
ExactScale ExactEffectiveScale(const ExactScaleRatio& ratio,
                               float filter_scale);
inline ExactScale ExactEffectiveScale(float input_scale, float filter_scale,
                                      float output_scale) {
  return ExactEffectiveScale(PrepareExactScaleRatio(input_scale, output_scale),
                             filter_scale);
}

// round(double(acc) * scale), halves away from zero, saturated to int32:
// the conversion of acc to double and the product are rounded to nearest
// even as binary64 rounds them (|acc| above 2^53 loses bits, as in TFLite).
int32_t RequantizeExact(int64_t acc, const ExactScale& scale);

}  // namespace tfmicro

#endif  // TENSORFLOW_MICRO_KERNELS_INTERNAL_EXACT_REQUANTIZE_H_
