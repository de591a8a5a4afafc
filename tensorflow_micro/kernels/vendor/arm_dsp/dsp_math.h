// The few ACLE DSP intrinsics arm_dsp uses: <arm_acle.h>'s on cores with
// the DSP extension (__ARM_FEATURE_DSP, set by -mcpu=cortex-m4/m7/m33),
// portable equivalents with the same results elsewhere (host tests).
#ifndef TENSORFLOW_MICRO_KERNELS_VENDOR_ARM_DSP_DSP_MATH_H_
#define TENSORFLOW_MICRO_KERNELS_VENDOR_ARM_DSP_DSP_MATH_H_

#include <cstdint>
#include <cstring>

#if defined(__ARM_FEATURE_DSP) && __ARM_FEATURE_DSP
#include <arm_acle.h>
#endif

// For the helpers of the inner loops: the exported runtime is built with
// -Os, where GCC keeps a four-line helper taking pointers out of line.
#if defined(__GNUC__)
#define TFM_DSP_INLINE inline __attribute__((always_inline))
#else
#define TFM_DSP_INLINE inline
#endif

namespace tfmicro {
namespace arm_dsp {

// Four bytes from any address (the M4/M7/M33 LDR accepts unaligned ones).
inline uint32_t Load32(const void* p) {
  uint32_t v;
  std::memcpy(&v, p, sizeof(v));
  return v;
}

// Four bytes to any address.
inline void Store32(void* p, uint32_t v) { std::memcpy(p, &v, sizeof(v)); }

#if defined(__ARM_FEATURE_DSP) && __ARM_FEATURE_DSP

// Sign-extends bytes 0 and 2 of x into two halfwords.
inline uint32_t Sxtb16(uint32_t x) { return __sxtb16(x); }
// Bytes 1 and 3, in one instruction (GCC 12's <arm_acle.h> has no __ror,
// and it does not fold a rotate into __sxtb16's operand).
inline uint32_t Sxtb16Ror8(uint32_t x) {
  uint32_t r;
  __asm__("sxtb16 %0, %1, ror #8" : "=r"(r) : "r"(x));
  return r;
}
// acc + x.lo * y.lo + x.hi * y.hi (signed halfwords).
inline int32_t Smlad(uint32_t x, uint32_t y, int32_t acc) {
  return __smlad(x, y, acc);
}
// acc + x.lo * y.lo, acc + x.hi * y.hi.
inline int32_t Smlabb(uint32_t x, uint32_t y, int32_t acc) {
  return __smlabb(static_cast<int32_t>(x), static_cast<int32_t>(y), acc);
}
inline int32_t Smlatt(uint32_t x, uint32_t y, int32_t acc) {
  return __smlatt(static_cast<int32_t>(x), static_cast<int32_t>(y), acc);
}
// Halfword-wise x + y (wrapping).
inline uint32_t Sadd16(uint32_t x, uint32_t y) {
  return static_cast<uint32_t>(
      __sadd16(static_cast<int16x2_t>(x), static_cast<int16x2_t>(y)));
}

// x + y saturated to int32.
inline int32_t SaturatingAdd(int32_t x, int32_t y) { return __qadd(x, y); }

// The bytewise signed maximum of x and y (SSUB8 sets the GE flags SEL
// reads; one asm statement keeps the pair together).
inline uint32_t Max8x4(uint32_t x, uint32_t y) {
  uint32_t difference;
  uint32_t r;
  __asm__("ssub8 %[d], %[x], %[y]\n"
          "sel %[r], %[x], %[y]\n"
          : [d] "=&r"(difference), [r] "=r"(r)
          : [x] "r"(x), [y] "r"(y)
          : "cc");
  return r;
}

#else

inline int32_t SaturatingAdd(int32_t x, int32_t y) {
  const int64_t sum = static_cast<int64_t>(x) + y;
  return sum > INT32_MAX ? INT32_MAX
                         : (sum < INT32_MIN ? INT32_MIN
                                            : static_cast<int32_t>(sum));
}

inline uint32_t Max8x4(uint32_t x, uint32_t y) {
  uint32_t r = 0;
  for (int i = 0; i < 32; i += 8) {
    const int8_t a = static_cast<int8_t>((x >> i) & 0xff);
    const int8_t b = static_cast<int8_t>((y >> i) & 0xff);
    r |= static_cast<uint32_t>(static_cast<uint8_t>(a > b ? a : b)) << i;
  }
  return r;
}

inline uint32_t PackHalves(int32_t lo, int32_t hi) {
  return (static_cast<uint32_t>(lo) & 0xffffu) |
         (static_cast<uint32_t>(hi) << 16);
}
inline uint32_t Sxtb16(uint32_t x) {
  return PackHalves(static_cast<int8_t>(x & 0xff),
                    static_cast<int8_t>((x >> 16) & 0xff));
}
inline uint32_t Sxtb16Ror8(uint32_t x) { return Sxtb16(x >> 8); }
inline int32_t Smlad(uint32_t x, uint32_t y, int32_t acc) {
  const int32_t lo = static_cast<int16_t>(x & 0xffff) *
                     static_cast<int16_t>(y & 0xffff);
  const int32_t hi =
      static_cast<int16_t>(x >> 16) * static_cast<int16_t>(y >> 16);
  // Wraps like the instruction (the kernels' sums fit in int32).
  return static_cast<int32_t>(static_cast<uint32_t>(acc) +
                              static_cast<uint32_t>(lo) +
                              static_cast<uint32_t>(hi));
}

inline int32_t Smlabb(uint32_t x, uint32_t y, int32_t acc) {
  return acc + static_cast<int16_t>(x & 0xffff) *
                   static_cast<int16_t>(y & 0xffff);
}
inline int32_t Smlatt(uint32_t x, uint32_t y, int32_t acc) {
  return acc + static_cast<int16_t>(x >> 16) * static_cast<int16_t>(y >> 16);
}
inline uint32_t Sadd16(uint32_t x, uint32_t y) {
  return PackHalves(static_cast<int16_t>(x & 0xffff) +
                        static_cast<int16_t>(y & 0xffff),
                    static_cast<int16_t>(x >> 16) +
                        static_cast<int16_t>(y >> 16));
}

#endif

// Both halfwords v.
inline uint32_t Pack16x2(int32_t v) {
  return (static_cast<uint32_t>(v) & 0xffffu) * 0x10001u;
}

}  // namespace arm_dsp
}  // namespace tfmicro

#endif  // TENSORFLOW_MICRO_KERNELS_VENDOR_ARM_DSP_DSP_MATH_H_
