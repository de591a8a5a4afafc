// Shared by SOFTMAX and LOG_SOFTMAX on INT8 inputs: TFLite's fixed-point
// path scales each input difference x - max (at most 0) by
// beta * input_scale into Q5.26 and exponentiates it in fixed point (exp of
// anything below -32 is negligible); the exponentials are summed in Q12.19.
#ifndef TENSORFLOW_MICRO_KERNELS_SOFTMAX_COMMON_H_
#define TENSORFLOW_MICRO_KERNELS_SOFTMAX_COMMON_H_

#include <cstdint>

#include "tensorflow_micro/core/kernel_api.h"
#include "tensorflow_micro/kernels/internal/fixed_point.h"
#include "tensorflow_micro/kernels/internal/quantization_util.h"

namespace tfmicro {

constexpr int kSoftmaxScaledDiffIntegerBits = 5;
constexpr int kSoftmaxAccumulationIntegerBits = 12;

struct SoftmaxDiffScaling {
  // x - max becomes Q5.26 through multiplier * 2^left_shift (left_shift in
  // [1, 31]); differences below diff_min would not fit and count as
  // exp() = 0.
  int32_t multiplier;
  int left_shift;
  int32_t diff_min;
};

// beta * input_scale * 2^26 as a Q31 multiplier, capped at 2^31 - 1 where
// every difference but 0 already rounds exp() to 0 (as TFLite). An error
// unless it exceeds 1 (TFLite aborts there) and is a finite number.
Status PrepareSoftmaxDiffScaling(OpContext& context, float beta,
                                 float input_scale,
                                 SoftmaxDiffScaling* scaling);

// x - max (at least diff_min) in Q5.26.
inline int32_t ScaleSoftmaxDiff(const SoftmaxDiffScaling& s, int32_t diff) {
  return MultiplyByQuantizedMultiplier(diff, s.multiplier, s.left_shift);
}

// exp(beta * input_scale * diff) in Q0.31, for diff at least diff_min.
inline int32_t SoftmaxExp(const SoftmaxDiffScaling& s, int32_t diff) {
  return fixed_point::ExpOnNegativeValues<kSoftmaxScaledDiffIntegerBits>(
      ScaleSoftmaxDiff(s, diff));
}

}  // namespace tfmicro

#endif  // TENSORFLOW_MICRO_KERNELS_SOFTMAX_COMMON_H_
