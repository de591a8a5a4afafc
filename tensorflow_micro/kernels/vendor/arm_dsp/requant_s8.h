// Int8ConvOutput (conv_common.h) in fewer instructions, bit for bit, for
// the channels LeanRequantOk accepts: about 18 instructions per output
// instead of 45 on a Cortex-M4 (it is paid once per output value of every
// CONV_2D and DEPTHWISE_CONV_2D), with each channel's shifts decoded once
// per eval (ChannelRequant).
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

// Whether Int8OutputTable may serve these channels (every multiplier >= 0,
// every right shift <= 22).
inline bool LeanRequantOk(const ConvQuantParams& q, int channels) {
  for (int c = 0; c < channels; ++c) {
    if (q.multipliers[c] < 0 || q.shifts[c] < -22) return false;
  }
  return true;
}

// One channel's constants, decoded once per eval (the kernels keep a table
// of them in scratch): 16 bytes.
struct ChannelRequant {
  int32_t multiplier;
  int32_t left;   // left shift
  int32_t right;  // right shift
  int32_t round;  // 2^(right - 1), 0 without a right shift
};

inline void MakeChannelRequants(const ConvQuantParams& q, int channels,
                                ChannelRequant* table) {
  for (int c = 0; c < channels; ++c) {
    const int32_t shift = q.shifts[c];
    table[c].multiplier = q.multipliers[c];
    table[c].left = shift > 0 ? shift : 0;
    table[c].right = shift > 0 ? 0 : -shift;
    table[c].round = table[c].right > 0 ? int32_t{1} << (table[c].right - 1)
                                        : 0;
  }
}

// == Int8ConvOutput(acc, nullptr, channel, q) (acc already holds the bias)
// under LeanRequantOk, for r = the channel's ChannelRequant.
TFM_DSP_INLINE int8_t Int8OutputTable(int32_t acc, const ChannelRequant& r,
                                      const ConvQuantParams& q) {
  const int64_t product =
      static_cast<int64_t>(static_cast<int32_t>(static_cast<uint32_t>(acc)
                                                << r.left)) *
      r.multiplier;
  int32_t x = static_cast<int32_t>((product + (int64_t{1} << 30)) >> 31);
  if (r.right > 0) x = SaturatingAdd(x, r.round + (x >> 31)) >> r.right;
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
