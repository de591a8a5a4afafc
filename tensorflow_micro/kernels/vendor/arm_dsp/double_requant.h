// RequantizeWithDouble (conv_quantization.h: round(double(acc) * scale),
// ties away from zero, saturated) without doubles in almost every case: on
// a Cortex-M4F the double multiply and round are soft-float calls (~1000
// instructions per FULLY_CONNECTED output); this is one 32x32->64 multiply.
//
// With q = floor(scale * 2^32) (scale < 1), t = |acc| * q satisfies
// |acc| * scale * 2^32 in [t, t + |acc|), and the double product differs
// from the exact one by at most 2^-53 of it (< 2^11 in units of t). When
// that whole interval, plus one half, lies inside one multiple of 2^32, the
// rounded result is t's high word (after adding the half); otherwise (a
// fraction within |acc| + 2^12 units of one half: about one output in 2^20
// for typical sums) the caller asks RequantizeWithDouble itself.
#ifndef TENSORFLOW_MICRO_KERNELS_VENDOR_ARM_DSP_DOUBLE_REQUANT_H_
#define TENSORFLOW_MICRO_KERNELS_VENDOR_ARM_DSP_DOUBLE_REQUANT_H_

#include <cmath>
#include <cstdint>
#include <limits>

namespace tfmicro {
namespace arm_dsp {

// floor(scale * 2^32) for a finite scale in [0, 1); 0 (never decided: the
// caller always takes RequantizeWithDouble) for other scales.
inline uint32_t Q32Scale(double scale) {
  if (!(scale >= 0.0 && scale < 1.0)) return 0;
  return static_cast<uint32_t>(std::floor(std::ldexp(scale, 32)));
}

// Sets *out to RequantizeWithDouble(acc, scale) and returns true, for q =
// Q32Scale(scale), or returns false when that needs the double product.
inline bool RequantizeQ32(int32_t acc, uint32_t q, int32_t* out) {
  constexpr uint32_t kDoubleError = 1u << 12;
  const uint32_t a = acc < 0 ? 0u - static_cast<uint32_t>(acc)
                             : static_cast<uint32_t>(acc);
  const uint64_t t = static_cast<uint64_t>(a) * q + (uint64_t{1} << 31);
  const uint32_t low = static_cast<uint32_t>(t);
  // low - error >= 0 and low + a + error < 2^32, unsigned.
  if (q == 0 || low - kDoubleError >= 0u - a - 2 * kDoubleError) return false;
  const uint32_t magnitude = static_cast<uint32_t>(t >> 32);  // < 2^31
  *out = acc < 0 ? -static_cast<int32_t>(magnitude)
                 : static_cast<int32_t>(magnitude);
  return true;
}

}  // namespace arm_dsp
}  // namespace tfmicro

#endif  // TENSORFLOW_MICRO_KERNELS_VENDOR_ARM_DSP_DOUBLE_REQUANT_H_
