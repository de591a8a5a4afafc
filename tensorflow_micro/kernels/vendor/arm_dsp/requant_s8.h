// Int8ConvOutput (conv_common.h) in fewer instructions, bit for bit, for
// the channels LeanRequantOk accepts: about 20 instructions per output
// instead of 45 on a Cortex-M4 (it is paid once per output value of every
// CONV_2D and DEPTHWISE_CONV_2D).
//
//   - SaturatingRoundingDoublingHighMul(a, m) for m >= 0 (a quantized
//     multiplier) never saturates and equals floor((a * m + 2^30) / 2^31):
//     for a * m < 0 the reference's nudge 1 - 2^30 and truncation toward
//     zero give the same value.
//   - RoundingDivideByPOT(x, e) = (x + 2^(e-1) - (x < 0)) >> e for e >= 1;
//     the sum is saturated (QADD) instead of wrapping: when it saturates,
//     x >= 2^30 and both results are >= 2^(31-e) - 1 >= 511 for e <= 22,
//     which the int8 clamp maps to the same value.
#ifndef TENSORFLOW_MICRO_KERNELS_VENDOR_ARM_DSP_REQUANT_S8_H_
#define TENSORFLOW_MICRO_KERNELS_VENDOR_ARM_DSP_REQUANT_S8_H_

#include <cstdint>
#include <limits>

#include "tensorflow_micro/kernels/conv_common.h"
#include "tensorflow_micro/kernels/vendor/arm_dsp/dsp_math.h"

namespace tfmicro {
namespace arm_dsp {

// Whether Int8OutputLean may serve these channels (every multiplier >= 0,
// every right shift <= 22).
inline bool LeanRequantOk(const ConvQuantParams& q, int channels) {
  for (int c = 0; c < channels; ++c) {
    if (q.multipliers[c] < 0 || q.shifts[c] < -22) return false;
  }
  return true;
}

// == Int8ConvOutput(acc, nullptr, channel, q) (acc already holds the bias)
// under LeanRequantOk.
TFM_DSP_INLINE int8_t Int8OutputLean(int32_t acc, int channel,
                             const ConvQuantParams& q) {
  const int32_t shift = q.shifts[channel];
  const int left = shift > 0 ? shift : 0;
  const int right = left - shift;
  const int64_t product =
      static_cast<int64_t>(static_cast<int32_t>(static_cast<uint32_t>(acc)
                                                << left)) *
      q.multipliers[channel];
  int32_t x = static_cast<int32_t>((product + (int64_t{1} << 30)) >> 31);
  if (right > 0) {
    const int32_t half = (int32_t{1} << (right - 1)) + (x >> 31);
    x = SaturatingAdd(x, half) >> right;
  }
  // The reference's int32 addition (wrapping, as the compiled reference).
  x = static_cast<int32_t>(static_cast<uint32_t>(x) +
                           static_cast<uint32_t>(q.output_offset));
  return static_cast<int8_t>(x < q.activation_min
                                 ? q.activation_min
                                 : (x > q.activation_max ? q.activation_max
                                                         : x));
}

}  // namespace arm_dsp
}  // namespace tfmicro

#endif  // TENSORFLOW_MICRO_KERNELS_VENDOR_ARM_DSP_REQUANT_S8_H_
