// 16-bit fixed-point logistic and tanh: the gemmlowp scheme (FixedPoint<
// int16_t, I>) that TFLite's integer LSTM applies to its gates, written from
// its semantics so results are bit-exact. The int32 counterparts used by
// SOFTMAX are in fixed_point.h.
//
// A raw int16 value with I integer bits ("QI") stands for raw / 2^(15 - I).
// As in gemmlowp, plain additions and negations wrap to 16 bits; products
// are rounding doubling high multiplications (QA x QB gives Q(A + B)).
#ifndef TENSORFLOW_MICRO_KERNELS_INTERNAL_FIXED_POINT_INT16_H_
#define TENSORFLOW_MICRO_KERNELS_INTERNAL_FIXED_POINT_INT16_H_

#include <cstdint>
#include <limits>

#include "tensorflow_micro/kernels/internal/quantization_util.h"

namespace tfmicro {
namespace fixed_point16 {

constexpr int32_t kMax = std::numeric_limits<int16_t>::max();
constexpr int32_t kMin = std::numeric_limits<int16_t>::min();

// gemmlowp's int16 Add / Sub / Neg: the result truncated to 16 bits.
inline int16_t Wrap(int32_t x) {
  return static_cast<int16_t>(static_cast<uint16_t>(static_cast<uint32_t>(x)));
}

inline int16_t SaturatingAdd(int16_t a, int16_t b) {
  return static_cast<int16_t>(Clamp<int32_t>(a + b, kMin, kMax));
}

// round(a * b / 2^15), saturating the single overflow case.
inline int16_t Mul(int16_t a, int16_t b) {
  if (a == b && a == kMin) return static_cast<int16_t>(kMax);
  const int32_t ab = static_cast<int32_t>(a) * b;
  const int32_t nudge = ab >= 0 ? (1 << 14) : (1 - (1 << 14));
  return static_cast<int16_t>((ab + nudge) / (1 << 15));
}

// x * 2^exponent: rounding to nearest when exponent < 0, saturating when
// exponent > 0.
inline int16_t MultiplyByPOT(int16_t x, int exponent) {
  if (exponent == 0) return x;
  if (exponent < 0) {
    return static_cast<int16_t>(RoundingDivideByPOT(x, -exponent));
  }
  const int32_t threshold = (1 << (15 - exponent)) - 1;
  if (x > threshold) return static_cast<int16_t>(kMax);
  if (x < -threshold) return static_cast<int16_t>(kMin);
  return static_cast<int16_t>(x * (1 << exponent));
}

// A gemmlowp constant given as its 32-bit raw value, rounded to 16 bits.
inline int16_t Constant(int32_t raw32) {
  return static_cast<int16_t>(RoundingDivideByPOT(raw32, 16));
}

// (a + b) / 2 rounded away from zero.
inline int16_t RoundingHalfSum(int16_t a, int16_t b) {
  const int32_t sum = static_cast<int32_t>(a) + b;
  return static_cast<int16_t>((sum + (sum >= 0 ? 1 : -1)) / 2);
}

// exp(a) for a Q0 a in [-1/4, 0): Taylor expansion around -1/8.
inline int16_t ExpOnIntervalNegativeQuarterToZero(int16_t a) {
  const int16_t constant_term = Constant(1895147668);  // exp(-1/8)
  const int16_t one_third = Constant(715827883);
  const int16_t x = Wrap(a + (1 << 12));  // a + 1/8
  const int16_t x2 = Mul(x, x);
  const int16_t x3 = Mul(x2, x);
  const int16_t x4 = Mul(x2, x2);
  const int16_t x4_over_4 = MultiplyByPOT(x4, -2);
  const int16_t poly = MultiplyByPOT(
      Wrap(Mul(Wrap(x4_over_4 + x3), one_third) + x2), -1);
  return SaturatingAdd(constant_term, Mul(constant_term, Wrap(x + poly)));
}

// exp(a) as a Q0 value for a QI a <= 0 (I integer bits, I <= 7).
inline int16_t ExpOnNegativeValues(int16_t a, int integer_bits) {
  const int fractional_bits = 15 - integer_bits;
  const int16_t one_quarter = static_cast<int16_t>(1 << (fractional_bits - 2));
  const int16_t mask = static_cast<int16_t>(one_quarter - 1);
  const int16_t a_mod_quarter_minus_quarter =
      Wrap((a & mask) - one_quarter);
  int16_t result = ExpOnIntervalNegativeQuarterToZero(
      MultiplyByPOT(a_mod_quarter_minus_quarter, integer_bits));
  const int16_t remainder = Wrap(a_mod_quarter_minus_quarter - a);
  // exp(-2^e) for e = -2 .. 4, as 32-bit Q0 raw values.
  static const int32_t kMultipliers[7] = {1672461947, 1302514674, 790015084,
                                          290630308,  39332535,   720401,
                                          242};
  for (int e = -2; e <= 4; ++e) {
    if (integer_bits <= e) continue;
    const int shift = fractional_bits + e;
    if ((remainder & (1 << shift)) != 0) {
      result = Mul(result, Constant(kMultipliers[e + 2]));
    }
  }
  if (integer_bits > 5) {
    // exp(x) rounds to 0 below -32.
    const int16_t clamp = Constant(-(1 << (36 - integer_bits)));
    if (a < clamp) result = 0;
  }
  return a == 0 ? static_cast<int16_t>(kMax) : result;
}

// Newton-Raphson for 1 / (1 + a) / 2 as a Q2 value, a Q0 in [0, 1].
inline int16_t HalfReciprocalQ2(int16_t half_denominator) {
  const int16_t c48_over_17 = Constant(1515870810);
  const int16_t cneg32_over_17 = Constant(-1010580540);
  const int16_t one_q2 = 1 << 13;
  int16_t x = Wrap(c48_over_17 + Mul(half_denominator, cneg32_over_17));
  for (int i = 0; i < 3; ++i) {
    const int16_t one_minus = Wrap(one_q2 - Mul(half_denominator, x));
    x = Wrap(x + MultiplyByPOT(Mul(x, one_minus), 2));
  }
  return x;
}

// 1 / (1 + a) as a Q0 value, a Q0 in [0, 1].
inline int16_t OneOverOnePlusX(int16_t a) {
  const int16_t x =
      HalfReciprocalQ2(RoundingHalfSum(a, static_cast<int16_t>(kMax)));
  return MultiplyByPOT(x, 1);  // Q2 raw read as Q1, rescaled to Q0
}

// (1 - a) / (1 + a) as a Q0 value, a Q0 in [0, 1].
inline int16_t OneMinusXOverOnePlusX(int16_t a) {
  const int16_t x =
      HalfReciprocalQ2(RoundingHalfSum(a, static_cast<int16_t>(kMax)));
  return MultiplyByPOT(Wrap(x - (1 << 13)), 2);
}

// logistic(a) as a Q0 value for a QI a.
inline int16_t Logistic(int16_t a, int integer_bits) {
  if (a == 0) return Constant(1 << 30);  // 0.5
  const int16_t abs_a = a > 0 ? a : Wrap(-a);
  const int16_t positive =
      OneOverOnePlusX(ExpOnNegativeValues(Wrap(-abs_a), integer_bits));
  return a > 0 ? positive : Wrap(kMax - positive);
}

// tanh(a) as a Q0 value for a QI a (I <= 6).
inline int16_t Tanh(int16_t a, int integer_bits) {
  if (a == 0) return 0;
  const int16_t negative = a < 0 ? a : Wrap(-a);  // -|a|
  // exp(2 * -|a|): the same raw value read with one more integer bit.
  const int16_t t =
      OneMinusXOverOnePlusX(ExpOnNegativeValues(negative, integer_bits + 1));
  return a < 0 ? Wrap(-t) : t;
}

}  // namespace fixed_point16
}  // namespace tfmicro

#endif  // TENSORFLOW_MICRO_KERNELS_INTERNAL_FIXED_POINT_INT16_H_
