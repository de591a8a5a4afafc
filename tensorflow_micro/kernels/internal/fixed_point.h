// Fixed-point exp and reciprocal on int32 Q-format values, the arithmetic
// TFLite's quantized softmax uses (gemmlowp's scheme), written from its
// semantics so results are bit-exact.
//
// A raw int32 value with I integer bits ("QI") stands for raw / 2^(31 - I):
// Q0 covers [-1, 1), Q5 covers [-32, 32). Multiplying a QA by a QB with
// SaturatingRoundingDoublingHighMul gives a Q(A + B).
#ifndef TENSORFLOW_MICRO_KERNELS_INTERNAL_FIXED_POINT_H_
#define TENSORFLOW_MICRO_KERNELS_INTERNAL_FIXED_POINT_H_

#include <cstdint>
#include <limits>

#include "tensorflow_micro/kernels/internal/quantization_util.h"

namespace tfmicro {
namespace fixed_point {

// Leading zero bits of x; 32 for zero.
inline int CountLeadingZeros32(uint32_t x) {
  if (x == 0) return 32;
#if defined(__GNUC__)
  return __builtin_clz(x);
#else
  int zeros = 0;
  while ((x & 0x80000000u) == 0) {
    x <<= 1;
    ++zeros;
  }
  return zeros;
#endif
}

// x * 2^exponent: rounding to nearest when exponent < 0, saturating to the
// int32 range when exponent > 0. exponent in [-31, 30].
inline int32_t SaturatingRoundingMultiplyByPOT(int32_t x, int exponent) {
  if (exponent == 0) return x;
  if (exponent < 0) return RoundingDivideByPOT(x, -exponent);
  const int32_t threshold = (int32_t{1} << (31 - exponent)) - 1;
  if (x > threshold) return std::numeric_limits<int32_t>::max();
  if (x < -threshold) return std::numeric_limits<int32_t>::min();
  return x * (int32_t{1} << exponent);
}

// Converts a value from Q(src_integer_bits) to Q(dst_integer_bits).
inline int32_t Rescale(int32_t x, int src_integer_bits, int dst_integer_bits) {
  return SaturatingRoundingMultiplyByPOT(x, src_integer_bits -
                                                dst_integer_bits);
}

// round((a + b) / 2), ties away from zero.
inline int32_t RoundingHalfSum(int32_t a, int32_t b) {
  const int64_t sum = static_cast<int64_t>(a) + static_cast<int64_t>(b);
  const int64_t sign = sum >= 0 ? 1 : -1;
  return static_cast<int32_t>((sum + sign) / 2);
}

// exp(a) for a Q0 value a in [-1/4, 0); result in Q0. A fourth-order Taylor
// expansion around -1/8.
inline int32_t ExpOnIntervalBetweenNegativeOneQuarterAnd0Excl(int32_t a) {
  constexpr int32_t kExpMinusOneEighth = 1895147668;  // exp(-1/8) in Q0
  constexpr int32_t kOneThird = 715827883;            // 1/3 in Q0
  constexpr int32_t kOneEighth = int32_t{1} << 28;    // 1/8 in Q0
  const int32_t x = a + kOneEighth;
  const int32_t x2 = SaturatingRoundingDoublingHighMul(x, x);
  const int32_t x3 = SaturatingRoundingDoublingHighMul(x2, x);
  const int32_t x4 = SaturatingRoundingDoublingHighMul(x2, x2);
  const int32_t x4_over_4 = RoundingDivideByPOT(x4, 2);
  // x^4/24 + x^3/6 + x^2/2
  const int32_t higher_terms = RoundingDivideByPOT(
      SaturatingRoundingDoublingHighMul(x4_over_4 + x3, kOneThird) + x2, 1);
  return kExpMinusOneEighth +
         SaturatingRoundingDoublingHighMul(kExpMinusOneEighth,
                                           x + higher_terms);
}

// exp(a) for a <= 0 given in Q(kIntegerBits); result in Q0 (exp(0) gives
// the largest Q0 value). The input splits into a part in [-1/4, 0), handled
// by the Taylor expansion, and multiples of powers of two, each applied as
// a multiplication by a constant exp(-2^k).
template <int kIntegerBits>
int32_t ExpOnNegativeValues(int32_t a) {
  static_assert(kIntegerBits >= 0 && kIntegerBits <= 30, "bad integer bits");
  constexpr int kFractionalBits = 31 - kIntegerBits;
  static_assert(kFractionalBits >= 2, "1/4 must be representable");
  constexpr int32_t kOneQuarter = int32_t{1} << (kFractionalBits - 2);
  const int32_t a_mod_quarter_minus_one_quarter =
      (a & (kOneQuarter - 1)) - kOneQuarter;
  int32_t result = ExpOnIntervalBetweenNegativeOneQuarterAnd0Excl(
      Rescale(a_mod_quarter_minus_one_quarter, kIntegerBits, 0));
  const int32_t remainder = a_mod_quarter_minus_one_quarter - a;

  // exp(-2^k) in Q0 for k = -2 .. 4.
  constexpr int kFirstExponent = -2;
  constexpr int32_t kExpMinusPowersOfTwo[] = {
      1672461947,  // exp(-1/4)
      1302514674,  // exp(-1/2)
      790015084,   // exp(-1)
      290630308,   // exp(-2)
      39332535,    // exp(-4)
      720401,      // exp(-8)
      242,         // exp(-16)
  };
  for (int i = 0; i < 7; ++i) {
    const int exponent = kFirstExponent + i;
    if (kIntegerBits <= exponent) break;
    const int32_t bit = int32_t{1} << (kFractionalBits + exponent);
    if (remainder & bit) {
      result = SaturatingRoundingDoublingHighMul(result,
                                                 kExpMinusPowersOfTwo[i]);
    }
  }
  if constexpr (kIntegerBits > 5) {
    // exp(x) below -32 is zero at this precision.
    const int32_t minus_32 = -(int32_t{1} << (36 - kIntegerBits));
    if (a < minus_32) result = 0;
  }
  if (a == 0) result = std::numeric_limits<int32_t>::max();
  return result;
}

// 1 / (1 + a) for a Q0 value a in [0, 1); result in Q0. Three Newton-Raphson
// steps on the half denominator, in Q2.
inline int32_t OneOverOnePlusXForXIn01(int32_t a) {
  constexpr int32_t kOneQ2 = int32_t{1} << 29;
  constexpr int32_t k48Over17 = 1515870810;       // 48/17 in Q2
  constexpr int32_t kMinus32Over17 = -1010580540;  // -32/17 in Q2
  const int32_t half_denominator =
      RoundingHalfSum(a, std::numeric_limits<int32_t>::max());
  int32_t x = k48Over17 +
              SaturatingRoundingDoublingHighMul(half_denominator,
                                                kMinus32Over17);
  for (int i = 0; i < 3; ++i) {
    const int32_t half_denominator_times_x =
        SaturatingRoundingDoublingHighMul(half_denominator, x);
    const int32_t one_minus_half_denominator_times_x =
        kOneQ2 - half_denominator_times_x;
    // x (Q2) * (1 - d x) (Q2) is a Q4; back to Q2.
    x = x + Rescale(SaturatingRoundingDoublingHighMul(
                        x, one_minus_half_denominator_times_x),
                    4, 2);
  }
  // x / 2 seen as a Q1, converted to Q0.
  return Rescale(x, 1, 0);
}

// The reciprocal of a positive value x with x_integer_bits integer bits,
// as a Q0 value r and a shift: 1/x = r * 2^-num_bits_over_unit.
inline int32_t GetReciprocal(int32_t x, int x_integer_bits,
                             int* num_bits_over_unit) {
  const int headroom_plus_one =
      CountLeadingZeros32(static_cast<uint32_t>(x));
  *num_bits_over_unit = x_integer_bits - headroom_plus_one;
  // x normalized into [1, 2), minus one, as a Q0 value.
  const int32_t shifted_minus_one = static_cast<int32_t>(
      (static_cast<uint32_t>(x) << headroom_plus_one) - (1u << 31));
  return OneOverOnePlusXForXIn01(shifted_minus_one);
}

// The largest input difference |d| that stays representable after scaling
// by 2^input_left_shift into a value with input_integer_bits integer bits
// out of total_signed_bits.
inline int32_t CalculateInputRadius(int input_integer_bits,
                                    int input_left_shift,
                                    int total_signed_bits = 31) {
  const double max_input_rescaled =
      1.0 * ((int64_t{1} << input_integer_bits) - 1) *
      static_cast<double>(int64_t{1}
                          << (total_signed_bits - input_integer_bits)) /
      static_cast<double>(int64_t{1} << input_left_shift);
  // Floor: a value exactly at the bound would overflow once scaled.
  return static_cast<int32_t>(max_input_rescaled);
}

// a + b and a - b saturated to the int32 range.
inline int32_t SaturatingAdd(int32_t a, int32_t b) {
  const int64_t sum = static_cast<int64_t>(a) + b;
  return static_cast<int32_t>(Clamp<int64_t>(
      sum, std::numeric_limits<int32_t>::min(),
      std::numeric_limits<int32_t>::max()));
}
inline int32_t SaturatingSub(int32_t a, int32_t b) {
  const int64_t difference = static_cast<int64_t>(a) - b;
  return static_cast<int32_t>(Clamp<int64_t>(
      difference, std::numeric_limits<int32_t>::min(),
      std::numeric_limits<int32_t>::max()));
}

// log(x) for a positive x with input_integer_bits integer bits, result
// with kOutputIntegerBits integer bits: TFLite's
// log_x_for_x_greater_than_or_equal_to_1 (valid down to 1 / x_max). x is
// split into a power of two (taken two ways, with and without a factor
// sqrt(1/2), keeping the better-conditioned one) and a mantissa r near
// 2^-1/4, whose log comes from a rational approximation in Q0. Sums of Q
// values wrap like gemmlowp's plain additions.
template <int kOutputIntegerBits>
inline int32_t LogXForXGreaterThanOrEqualTo1(int32_t x,
                                             int input_integer_bits) {
  constexpr int kAccumIntegerBits = kOutputIntegerBits + 1;
  constexpr int32_t kLog2 = 1488522236;         // log(2)
  constexpr int32_t kSqrtSqrtHalf = 1805811301;  // 0.5^(1/4)
  constexpr int32_t kSqrtHalf = 1518500250;      // sqrt(0.5)
  constexpr int32_t kOneQuarter = 536870912;
  constexpr int32_t kAlphaN = 117049297;  // 11/240 * 2^(1/4)
  constexpr int32_t kAlphaD = 127690142;  // 1/20 * 2^(1/4)
  constexpr int32_t kAlphaI = 1057819769;  // 2 / 2^(1/4) - 2^(1/4)
  constexpr int32_t kAlphaF = 638450708;   // 1/4 * 2^(1/4)
  const auto add = [](int32_t a, int32_t b) {
    return static_cast<int32_t>(static_cast<uint32_t>(a) +
                                static_cast<uint32_t>(b));
  };
  const auto mul = SaturatingRoundingDoublingHighMul;
  const int32_t shifted_quarter = Rescale(kOneQuarter, 0, kAccumIntegerBits);

  const int z_a_headroom_plus_1 =
      CountLeadingZeros32(static_cast<uint32_t>(x));
  const int32_t r_a_tmp =
      SaturatingRoundingMultiplyByPOT(x, z_a_headroom_plus_1 - 1);
  const int32_t r_a = SaturatingRoundingMultiplyByPOT(mul(r_a_tmp, kSqrtHalf),
                                                      1);
  const int32_t z_a_pow_2_adj = SaturatingAdd(
      SaturatingRoundingMultiplyByPOT(input_integer_bits - z_a_headroom_plus_1,
                                      31 - kAccumIntegerBits),
      shifted_quarter);

  const int32_t z_b = mul(x, kSqrtHalf);
  const int z_b_headroom = CountLeadingZeros32(static_cast<uint32_t>(z_b)) - 1;
  const int32_t r_b = SaturatingRoundingMultiplyByPOT(x, z_b_headroom);
  const int32_t z_b_pow_2_adj = SaturatingSub(
      SaturatingRoundingMultiplyByPOT(input_integer_bits - z_b_headroom,
                                      31 - kAccumIntegerBits),
      shifted_quarter);

  const int32_t r = r_a < r_b ? r_a : r_b;
  const int32_t z_pow_2_adj =
      z_a_pow_2_adj > z_b_pow_2_adj ? z_a_pow_2_adj : z_b_pow_2_adj;

  const int32_t p = RoundingHalfSum(r, kSqrtSqrtHalf);
  int32_t q = add(r, -kSqrtSqrtHalf);
  q = add(q, q);
  const int32_t common_sq = mul(q, q);
  const int32_t num = add(mul(q, r), mul(mul(q, common_sq), kAlphaN));
  const int32_t denom_minus_one =
      add(mul(p, add(add(kAlphaI, q), mul(kAlphaD, common_sq))),
          mul(kAlphaF, q));
  const int32_t recip_denom = OneOverOnePlusXForXIn01(denom_minus_one);
  const int32_t num_scaled = Rescale(num, 0, kAccumIntegerBits);
  return Rescale(add(mul(z_pow_2_adj, kLog2), mul(num_scaled, recip_denom)),
                 kAccumIntegerBits, kOutputIntegerBits);
}

// Leading bits of x equal to its sign bit, less one (31 for 0 and -1, 0
// for the int32 minimum).
inline int CountLeadingSignBits32(int32_t x) {
  if (x >= 0) return CountLeadingZeros32(static_cast<uint32_t>(x)) - 1;
  if (x == std::numeric_limits<int32_t>::min()) return 0;
  return CountLeadingZeros32(2 * static_cast<uint32_t>(-x) - 1);
}

// 1 / sqrt(input) for an integer input > 1 as a Q31 multiplier and a shift
// (times reverse_shift: -1 gives the left shift MultiplyByQuantizedMultiplier
// takes). The input is normalized into [2^27, 2^29) by bit pairs and five
// Newton-Raphson steps x <- 1.5 x - (input / 2) x^3 run in Q3 from x = 1;
// inputs 0 and 1 give the largest multiplier with shift 0. TFLite's
// GetInvSqrtQuantizedMultiplierExp.
inline void GetInvSqrtQuantizedMultiplierExp(int32_t input, int reverse_shift,
                                             int32_t* multiplier,
                                             int* shift) {
  if (input <= 1) {
    *multiplier = std::numeric_limits<int32_t>::max();
    *shift = 0;
    return;
  }
  int right_shift = 11;
  while (input >= (1 << 29)) {
    input /= 4;
    ++right_shift;
  }
  const int max_left_shift_bits =
      CountLeadingZeros32(static_cast<uint32_t>(input)) - 1;
  const int left_shift_bit_pairs = max_left_shift_bits / 2 - 1;
  right_shift -= left_shift_bit_pairs;
  input <<= 2 * left_shift_bit_pairs;
  // Q3 values: raw / 2^28.
  const int32_t q3_input = input >> 1;
  const int32_t q3_half_input = SaturatingRoundingMultiplyByPOT(q3_input, -1);
  constexpr int32_t kQ3HalfThree = (1 << 28) + (1 << 27);
  int32_t x = 1 << 28;
  for (int i = 0; i < 5; ++i) {
    const int32_t x2 = SaturatingRoundingDoublingHighMul(x, x);
    const int32_t x3 =
        Rescale(SaturatingRoundingDoublingHighMul(x2, x), 9, 3);
    x = Rescale(SaturatingRoundingDoublingHighMul(kQ3HalfThree, x) -
                    SaturatingRoundingDoublingHighMul(q3_half_input, x3),
                6, 3);
  }
  constexpr int32_t kQ0HalfSqrt2 = 1518500250;  // sqrt(2) / 2
  x = SaturatingRoundingDoublingHighMul(x, kQ0HalfSqrt2);
  if (right_shift < 0) {
    x = static_cast<int32_t>(static_cast<uint32_t>(x) << -right_shift);
    right_shift = 0;
  }
  *multiplier = x;
  *shift = right_shift * reverse_shift;
}

}  // namespace fixed_point
}  // namespace tfmicro

#endif  // TENSORFLOW_MICRO_KERNELS_INTERNAL_FIXED_POINT_H_
