// The Helium (MVE) operations arm_mve uses, as small inline functions:
// <arm_mve.h>'s intrinsics on cores with MVE (__ARM_FEATURE_MVE, set by
// -mcpu=cortex-m55), portable equivalents with the same results elsewhere,
// so host tests run the kernels' tiling and tail logic too.
//
// Vectors: I8x16 (16 int8 lanes), I32x4 (4 int32 lanes), U32x4 (byte
// offsets). A Pred is an MVE lane predicate: one bit per byte of the
// vector (bits 4j..4j+3 for 32-bit lane j); inactive lanes of a predicated
// load read as zero and are not accessed, inactive lanes of a store are
// not written.
#ifndef TENSORFLOW_MICRO_KERNELS_VENDOR_ARM_MVE_MVE_MATH_H_
#define TENSORFLOW_MICRO_KERNELS_VENDOR_ARM_MVE_MVE_MATH_H_

#include <cstdint>

#if defined(__ARM_FEATURE_MVE) && (__ARM_FEATURE_MVE & 1)
#include <arm_mve.h>
#define TFM_ARM_MVE_INTRINSICS 1
#else
#include "tensorflow_micro/kernels/internal/quantization_util.h"
#endif

// Forces inlining of the small per-block helpers of the kernels' inner
// loops (the size-optimized builds would call them).
// TFM_MVE_NOINLINE keeps a block's vector registers to itself (inlined
// into a larger loop, loop-invariant values hoisted there push its
// accumulators to the stack).
#if defined(__GNUC__)
#define TFM_MVE_INLINE inline __attribute__((always_inline))
#define TFM_MVE_NOINLINE __attribute__((noinline))
#else
#define TFM_MVE_INLINE inline
#define TFM_MVE_NOINLINE
#endif

namespace tfmicro {
namespace arm_mve {

#if defined(TFM_ARM_MVE_INTRINSICS)

using I8x16 = int8x16_t;
using I16x8 = int16x8_t;
using I32x4 = int32x4_t;
using U32x4 = uint32x4_t;
using Pred = mve_pred16_t;

// The first n (saturating at the lane count) lanes.
TFM_MVE_INLINE Pred Tail8(int n) { return vctp8q(static_cast<uint32_t>(n)); }
TFM_MVE_INLINE Pred Tail32(int n) { return vctp32q(static_cast<uint32_t>(n)); }

TFM_MVE_INLINE I8x16 Load8(const int8_t* p) { return vldrbq_s8(p); }
TFM_MVE_INLINE I8x16 Load8Z(const int8_t* p, Pred pred) {
  return vldrbq_z_s8(p, pred);
}
TFM_MVE_INLINE void Store8(int8_t* p, I8x16 v) { vstrbq_s8(p, v); }
TFM_MVE_INLINE void Store8P(int8_t* p, I8x16 v, Pred pred) {
  vstrbq_p_s8(p, v, pred);
}
TFM_MVE_INLINE I8x16 Dup8(int8_t x) { return vdupq_n_s8(x); }
TFM_MVE_INLINE I8x16 Max8(I8x16 a, I8x16 b) { return vmaxq_s8(a, b); }
TFM_MVE_INLINE I8x16 MaxN8(I8x16 a, int8_t b) {
  return vmaxq_s8(a, vdupq_n_s8(b));
}
TFM_MVE_INLINE I8x16 MinN8(I8x16 a, int8_t b) {
  return vminq_s8(a, vdupq_n_s8(b));
}
// max(a, every active lane of v) (VMAXV.S8).
TFM_MVE_INLINE int8_t MaxAcross8P(int8_t a, I8x16 v, Pred pred) {
  return vmaxvq_p_s8(a, v, pred);
}

// acc + sum(a[i] * b[i]) (VMLADAVA.S8), wrapping like the instruction.
TFM_MVE_INLINE int32_t DotAcc8(int32_t acc, I8x16 a, I8x16 b) {
  return vmladavaq_s8(acc, a, b);
}
// acc + sum(a[i]) (VADDVA.S8).
TFM_MVE_INLINE int32_t SumAcc8(int32_t acc, I8x16 a) {
  return vaddvaq_s8(acc, a);
}

// Four int8 values sign-extended to int32 lanes.
TFM_MVE_INLINE I32x4 Load8To32(const int8_t* p) { return vldrbq_s32(p); }
TFM_MVE_INLINE I32x4 Load8To32Z(const int8_t* p, Pred pred) {
  return vldrbq_z_s32(p, pred);
}
TFM_MVE_INLINE I32x4 Load32(const int32_t* p) { return vldrwq_s32(p); }
TFM_MVE_INLINE I32x4 Load32Z(const int32_t* p, Pred pred) {
  return vldrwq_z_s32(p, pred);
}
TFM_MVE_INLINE void Store32(int32_t* p, I32x4 v) { vstrwq_s32(p, v); }
TFM_MVE_INLINE void Store32P(int32_t* p, I32x4 v, Pred pred) {
  vstrwq_p_s32(p, v, pred);
}
// The low byte of each lane to p[0..3].
TFM_MVE_INLINE void Store32To8(int8_t* p, I32x4 v) { vstrbq_s32(p, v); }
TFM_MVE_INLINE void Store32To8P(int8_t* p, I32x4 v, Pred pred) {
  vstrbq_p_s32(p, v, pred);
}
// The low byte of lane j to base[offsets[j]].
TFM_MVE_INLINE void Scatter32To8(int8_t* base, U32x4 offsets, I32x4 v) {
  vstrbq_scatter_offset_s32(base, offsets, v);
}
TFM_MVE_INLINE void Scatter32To8P(int8_t* base, U32x4 offsets, I32x4 v,
                                  Pred pred) {
  vstrbq_scatter_offset_p_s32(base, offsets, v, pred);
}

TFM_MVE_INLINE I32x4 Dup32(int32_t x) { return vdupq_n_s32(x); }
TFM_MVE_INLINE I32x4 Make32(int32_t a, int32_t b, int32_t c, int32_t d) {
  // A vector constructor: two VMOVs of two lanes each.
  return I32x4{a, b, c, d};
}
// {0, step, 2 step, 3 step}, and the same plus first.
TFM_MVE_INLINE U32x4 Offsets(uint32_t step) {
  return vmulq_n_u32(vidupq_n_u32(0u, 1), step);
}
TFM_MVE_INLINE U32x4 OffsetsFrom(uint32_t first, uint32_t step) {
  return vaddq_n_u32(Offsets(step), first);
}
// base[index[j]] for each lane j.
TFM_MVE_INLINE I32x4 Gather32(const int32_t* base, U32x4 index) {
  return vldrwq_gather_shifted_offset_s32(base, index);
}
// Products of the even (bottom) and odd (top) byte lanes as int16 lanes:
// lane i is a[2i] * b[2i] (a[2i + 1] * b[2i + 1]). Exact.
TFM_MVE_INLINE I16x8 MulEven8(I8x16 a, I8x16 b) { return vmullbq_int_s8(a, b); }
TFM_MVE_INLINE I16x8 MulOdd8(I8x16 a, I8x16 b) { return vmulltq_int_s8(a, b); }
// The even (odd) int16 lanes widened: lane i is v[2i] (v[2i + 1]).
TFM_MVE_INLINE I32x4 WidenEven16(I16x8 v) { return vmovlbq_s16(v); }
TFM_MVE_INLINE I32x4 WidenOdd16(I16x8 v) { return vmovltq_s16(v); }
TFM_MVE_INLINE I32x4 Add32(I32x4 a, I32x4 b) { return vaddq_s32(a, b); }
TFM_MVE_INLINE I32x4 AddN32(I32x4 a, int32_t b) { return vaddq_n_s32(a, b); }
TFM_MVE_INLINE I32x4 Mul32(I32x4 a, I32x4 b) { return vmulq_s32(a, b); }
// acc + a * b for a scalar b (VMLA).
TFM_MVE_INLINE I32x4 MlaN32(I32x4 acc, I32x4 a, int32_t b) {
  return vmlaq_n_s32(acc, a, b);
}
TFM_MVE_INLINE I32x4 MaxN32(I32x4 a, int32_t b) {
  return vmaxq_s32(a, vdupq_n_s32(b));
}
TFM_MVE_INLINE I32x4 MinN32(I32x4 a, int32_t b) {
  return vminq_s32(a, vdupq_n_s32(b));
}
// a << b (0 <= b < 32), bits shifted out are lost.
TFM_MVE_INLINE I32x4 ShlN32(I32x4 a, int32_t b) { return vshlq_r_s32(a, b); }

namespace internal {

// RoundingDivideByPOT lane-wise (exponent e >= 0 in every lane, given as
// minus_e = -e): VRSHL rounds halves up; TFLite rounds them away from
// zero, so negative values go one below first (only where e > 0: minus_e
// then has its sign bit set).
TFM_MVE_INLINE I32x4 RoundingDivideByPOT(I32x4 x, I32x4 minus_e) {
  const I32x4 fixup = vshrq_n_s32(vandq_s32(x, minus_e), 31);
  return vrshlq_s32(vqaddq_s32(x, fixup), minus_e);
}

}  // namespace internal

// MultiplyByQuantizedMultiplier lane-wise, one multiplier and shift for
// all lanes. VQRDMULH is SaturatingRoundingDoublingHighMul exactly
// (halves round up in both; the one overflow saturates).
TFM_MVE_INLINE I32x4 MulByQuantN(I32x4 x, int32_t multiplier, int32_t shift) {
  const int32_t left = shift > 0 ? shift : 0;
  const int32_t minus_right = shift > 0 ? 0 : shift;
  const I32x4 high = vqrdmulhq_n_s32(vshlq_r_s32(x, left), multiplier);
  return internal::RoundingDivideByPOT(high, vdupq_n_s32(minus_right));
}

// The same with a multiplier and shift per lane.
TFM_MVE_INLINE I32x4 MulByQuant(I32x4 x, I32x4 multiplier, I32x4 shift) {
  const I32x4 zero = vdupq_n_s32(0);
  const I32x4 high =
      vqrdmulhq_s32(vshlq_s32(x, vmaxq_s32(shift, zero)), multiplier);
  return internal::RoundingDivideByPOT(high, vminq_s32(shift, zero));
}

#else  // portable equivalents

struct I8x16 {
  int8_t lane[16];
};
struct I16x8 {
  int16_t lane[8];
};
struct I32x4 {
  int32_t lane[4];
};
struct U32x4 {
  uint32_t lane[4];
};
using Pred = uint16_t;

TFM_MVE_INLINE Pred Tail8(int n) {
  return n >= 16 ? Pred{0xffff}
                 : static_cast<Pred>(n <= 0 ? 0u : (1u << n) - 1u);
}
TFM_MVE_INLINE Pred Tail32(int n) { return Tail8(4 * (n > 4 ? 4 : n)); }
TFM_MVE_INLINE bool Active8(Pred pred, int lane) {
  return ((pred >> lane) & 1) != 0;
}
TFM_MVE_INLINE bool Active32(Pred pred, int lane) {
  return Active8(pred, 4 * lane);
}

TFM_MVE_INLINE I8x16 Load8Z(const int8_t* p, Pred pred) {
  I8x16 v;
  for (int i = 0; i < 16; ++i) v.lane[i] = Active8(pred, i) ? p[i] : 0;
  return v;
}
TFM_MVE_INLINE I8x16 Load8(const int8_t* p) { return Load8Z(p, 0xffff); }
TFM_MVE_INLINE void Store8P(int8_t* p, I8x16 v, Pred pred) {
  for (int i = 0; i < 16; ++i) {
    if (Active8(pred, i)) p[i] = v.lane[i];
  }
}
TFM_MVE_INLINE void Store8(int8_t* p, I8x16 v) { Store8P(p, v, 0xffff); }
TFM_MVE_INLINE I8x16 Dup8(int8_t x) {
  I8x16 v;
  for (int i = 0; i < 16; ++i) v.lane[i] = x;
  return v;
}
TFM_MVE_INLINE I8x16 Max8(I8x16 a, I8x16 b) {
  for (int i = 0; i < 16; ++i) {
    a.lane[i] = a.lane[i] > b.lane[i] ? a.lane[i] : b.lane[i];
  }
  return a;
}
TFM_MVE_INLINE I8x16 MaxN8(I8x16 a, int8_t b) { return Max8(a, Dup8(b)); }
TFM_MVE_INLINE I8x16 MinN8(I8x16 a, int8_t b) {
  for (int i = 0; i < 16; ++i) a.lane[i] = a.lane[i] < b ? a.lane[i] : b;
  return a;
}
TFM_MVE_INLINE int8_t MaxAcross8P(int8_t a, I8x16 v, Pred pred) {
  for (int i = 0; i < 16; ++i) {
    if (Active8(pred, i) && v.lane[i] > a) a = v.lane[i];
  }
  return a;
}

TFM_MVE_INLINE int32_t DotAcc8(int32_t acc, I8x16 a, I8x16 b) {
  uint32_t sum = static_cast<uint32_t>(acc);
  for (int i = 0; i < 16; ++i) {
    sum += static_cast<uint32_t>(a.lane[i] * b.lane[i]);
  }
  return static_cast<int32_t>(sum);
}
TFM_MVE_INLINE int32_t SumAcc8(int32_t acc, I8x16 a) {
  for (int i = 0; i < 16; ++i) acc += a.lane[i];
  return acc;
}

TFM_MVE_INLINE I32x4 Load8To32Z(const int8_t* p, Pred pred) {
  I32x4 v;
  for (int i = 0; i < 4; ++i) v.lane[i] = Active32(pred, i) ? p[i] : 0;
  return v;
}
TFM_MVE_INLINE I32x4 Load8To32(const int8_t* p) {
  return Load8To32Z(p, 0xffff);
}
TFM_MVE_INLINE I32x4 Load32Z(const int32_t* p, Pred pred) {
  I32x4 v;
  for (int i = 0; i < 4; ++i) v.lane[i] = Active32(pred, i) ? p[i] : 0;
  return v;
}
TFM_MVE_INLINE I32x4 Load32(const int32_t* p) { return Load32Z(p, 0xffff); }
TFM_MVE_INLINE void Store32P(int32_t* p, I32x4 v, Pred pred) {
  for (int i = 0; i < 4; ++i) {
    if (Active32(pred, i)) p[i] = v.lane[i];
  }
}
TFM_MVE_INLINE void Store32(int32_t* p, I32x4 v) { Store32P(p, v, 0xffff); }
TFM_MVE_INLINE void Store32To8P(int8_t* p, I32x4 v, Pred pred) {
  for (int i = 0; i < 4; ++i) {
    if (Active32(pred, i)) p[i] = static_cast<int8_t>(v.lane[i]);
  }
}
TFM_MVE_INLINE void Store32To8(int8_t* p, I32x4 v) {
  Store32To8P(p, v, 0xffff);
}
TFM_MVE_INLINE void Scatter32To8P(int8_t* base, U32x4 offsets, I32x4 v,
                                  Pred pred) {
  for (int i = 0; i < 4; ++i) {
    if (Active32(pred, i)) {
      base[offsets.lane[i]] = static_cast<int8_t>(v.lane[i]);
    }
  }
}
TFM_MVE_INLINE void Scatter32To8(int8_t* base, U32x4 offsets, I32x4 v) {
  Scatter32To8P(base, offsets, v, 0xffff);
}

TFM_MVE_INLINE I32x4 Make32(int32_t a, int32_t b, int32_t c, int32_t d) {
  return I32x4{{a, b, c, d}};
}
TFM_MVE_INLINE I32x4 Dup32(int32_t x) { return Make32(x, x, x, x); }
TFM_MVE_INLINE U32x4 Offsets(uint32_t step) {
  return U32x4{{0, step, 2 * step, 3 * step}};
}
TFM_MVE_INLINE U32x4 OffsetsFrom(uint32_t first, uint32_t step) {
  return U32x4{{first, first + step, first + 2 * step, first + 3 * step}};
}
TFM_MVE_INLINE I32x4 Gather32(const int32_t* base, U32x4 index) {
  I32x4 v;
  for (int i = 0; i < 4; ++i) v.lane[i] = base[index.lane[i]];
  return v;
}
TFM_MVE_INLINE I16x8 MulEven8(I8x16 a, I8x16 b) {
  I16x8 v;
  for (int i = 0; i < 8; ++i) {
    v.lane[i] = static_cast<int16_t>(a.lane[2 * i] * b.lane[2 * i]);
  }
  return v;
}
TFM_MVE_INLINE I16x8 MulOdd8(I8x16 a, I8x16 b) {
  I16x8 v;
  for (int i = 0; i < 8; ++i) {
    v.lane[i] = static_cast<int16_t>(a.lane[2 * i + 1] * b.lane[2 * i + 1]);
  }
  return v;
}
TFM_MVE_INLINE I32x4 WidenEven16(I16x8 v) {
  return I32x4{{v.lane[0], v.lane[2], v.lane[4], v.lane[6]}};
}
TFM_MVE_INLINE I32x4 WidenOdd16(I16x8 v) {
  return I32x4{{v.lane[1], v.lane[3], v.lane[5], v.lane[7]}};
}
// Lane-wise a op b, wrapping like the instructions.
template <typename Op>
TFM_MVE_INLINE I32x4 Map32(I32x4 a, I32x4 b, Op op) {
  for (int i = 0; i < 4; ++i) a.lane[i] = op(a.lane[i], b.lane[i]);
  return a;
}
TFM_MVE_INLINE int32_t Wrap(uint32_t x) { return static_cast<int32_t>(x); }
TFM_MVE_INLINE I32x4 Add32(I32x4 a, I32x4 b) {
  return Map32(a, b, [](int32_t x, int32_t y) {
    return Wrap(static_cast<uint32_t>(x) + static_cast<uint32_t>(y));
  });
}
TFM_MVE_INLINE I32x4 AddN32(I32x4 a, int32_t b) { return Add32(a, Dup32(b)); }
TFM_MVE_INLINE I32x4 Mul32(I32x4 a, I32x4 b) {
  return Map32(a, b, [](int32_t x, int32_t y) {
    return Wrap(static_cast<uint32_t>(x) * static_cast<uint32_t>(y));
  });
}
TFM_MVE_INLINE I32x4 MlaN32(I32x4 acc, I32x4 a, int32_t b) {
  return Add32(acc, Mul32(a, Dup32(b)));
}
TFM_MVE_INLINE I32x4 MaxN32(I32x4 a, int32_t b) {
  return Map32(a, Dup32(b), [](int32_t x, int32_t y) { return x > y ? x : y; });
}
TFM_MVE_INLINE I32x4 MinN32(I32x4 a, int32_t b) {
  return Map32(a, Dup32(b), [](int32_t x, int32_t y) { return x < y ? x : y; });
}
TFM_MVE_INLINE I32x4 ShlN32(I32x4 a, int32_t b) {
  return Map32(a, Dup32(b), [](int32_t x, int32_t s) {
    return Wrap(static_cast<uint32_t>(x) << s);
  });
}
TFM_MVE_INLINE I32x4 MulByQuant(I32x4 x, I32x4 multiplier, I32x4 shift) {
  for (int i = 0; i < 4; ++i) {
    x.lane[i] = MultiplyByQuantizedMultiplier(x.lane[i], multiplier.lane[i],
                                              shift.lane[i]);
  }
  return x;
}
TFM_MVE_INLINE I32x4 MulByQuantN(I32x4 x, int32_t multiplier, int32_t shift) {
  return MulByQuant(x, Dup32(multiplier), Dup32(shift));
}

#endif

// An int8 result: x + offset clamped to [min, max] (as int32 lanes).
TFM_MVE_INLINE I32x4 OffsetClamp(I32x4 x, int32_t offset, int32_t min,
                                 int32_t max) {
  return MinN32(MaxN32(AddN32(x, offset), min), max);
}

}  // namespace arm_mve
}  // namespace tfmicro

#endif  // TENSORFLOW_MICRO_KERNELS_VENDOR_ARM_MVE_MVE_MATH_H_
