#include "tensorflow_micro/kernels/internal/exact_requantize.h"

#include <cstring>
#include <limits>

namespace tfmicro {
namespace {

constexpr int kSignificandBits = 53;

// Leading zero bits of a non-zero value.
inline int LeadingZeros(uint64_t x) { return __builtin_clzll(x); }
inline int LeadingZeros(uint32_t x) { return __builtin_clz(x); }

// Whether x / 2^n (n >= 1), truncated to `q`, rounds up to nearest even:
// `rest` is the n bits shifted out.
inline bool RoundsUp(uint64_t q, uint64_t rest, int n) {
  const uint64_t half = uint64_t{1} << (n - 1);
  return rest > half || (rest == half && (q & 1) != 0);
}

// x / 2^n rounded to nearest, ties to even; 1 <= n <= 63.
inline uint64_t ShiftRightToEven(uint64_t x, int n) {
  const uint64_t q = x >> n;
  const uint64_t rest = x & ((uint64_t{1} << n) - 1);
  return RoundsUp(q, rest, n) ? q + 1 : q;
}

// The 128-bit product a * b as hi:lo, from 32-bit halves.
inline void Multiply64(uint64_t a, uint64_t b, uint64_t* hi, uint64_t* lo) {
  const uint64_t a0 = static_cast<uint32_t>(a);
  const uint64_t a1 = a >> 32;
  const uint64_t b0 = static_cast<uint32_t>(b);
  const uint64_t b1 = b >> 32;
  const uint64_t p00 = a0 * b0;
  const uint64_t p01 = a0 * b1;
  const uint64_t p10 = a1 * b0;
  const uint64_t middle = (p00 >> 32) + static_cast<uint32_t>(p01) +
                          static_cast<uint32_t>(p10);
  *lo = (middle << 32) | static_cast<uint32_t>(p00);
  *hi = a1 * b1 + (p01 >> 32) + (p10 >> 32) + (middle >> 32);
}

// A finite float as significand * 2^exponent, the significand in
// [2^23, 2^24) (0 for zero).
struct FloatParts {
  uint32_t significand;
  int32_t exponent;
};

FloatParts NormalizedParts(float value) {
  uint32_t bits;
  std::memcpy(&bits, &value, sizeof(bits));
  const int32_t biased = static_cast<int32_t>((bits >> 23) & 0xFF);
  FloatParts parts;
  parts.significand = bits & 0x7FFFFF;
  if (biased != 0) {
    parts.significand |= uint32_t{1} << 23;
    parts.exponent = biased - 150;
    return parts;
  }
  parts.exponent = -149;
  if (parts.significand == 0) return parts;
  const int shift = LeadingZeros(parts.significand) - 8;  // subnormal
  parts.significand <<= shift;
  parts.exponent -= shift;
  return parts;
}

}  // namespace

ExactScale DecomposeScale(double scale) {
  uint64_t bits;
  std::memcpy(&bits, &scale, sizeof(bits));
  const int32_t biased = static_cast<int32_t>((bits >> 52) & 0x7FF);
  ExactScale s;
  s.significand = bits & ((uint64_t{1} << 52) - 1);
  if (biased == 0) {
    s.exponent = -1074;  // zero or subnormal
    if (s.significand != 0) {
      const int shift = LeadingZeros(s.significand) - 11;
      s.significand <<= shift;
      s.exponent -= shift;
    }
  } else if (biased == 0x7FF) {
    // Not finite (callers pass finite scales): the largest double, which
    // saturates every non-zero accumulator.
    s.significand = (uint64_t{1} << kSignificandBits) - 1;
    s.exponent = 1023 - 52;
  } else {
    s.significand |= uint64_t{1} << 52;
    s.exponent = biased - 1075;
  }
  return s;
}

ExactScaleRatio PrepareExactScaleRatio(float input_scale,
                                       float output_scale) {
  const FloatParts in = NormalizedParts(input_scale);
  const FloatParts out = NormalizedParts(output_scale);
  ExactScaleRatio ratio;
  if (in.significand == 0 || out.significand == 0) return ratio;
  ratio.input_significand = in.significand;
  ratio.output_significand = out.significand;
  ratio.exponent = in.exponent - out.exponent;
  // input * 2^62 / divisor by long division with 32-bit divides: the
  // remainder stays below the divisor (< 2^24), so 8 quotient bits per
  // step fit (7 steps of 8 and one of 6).
  const uint32_t divisor = out.significand;
  uint64_t quotient = in.significand / divisor;
  uint32_t remainder = in.significand % divisor;
  for (int bits = 62; bits > 0; bits -= 8) {
    const int step = bits >= 8 ? 8 : bits;
    remainder <<= step;
    quotient = (quotient << step) | (remainder / divisor);
    remainder %= divisor;
  }
  ratio.ratio = quotient;
  return ratio;
}

ExactScale ExactEffectiveScale(const ExactScaleRatio& ratio,
                               float filter_scale) {
  const FloatParts filter = NormalizedParts(filter_scale);
  ExactScale s;
  if (ratio.input_significand == 0 || filter.significand == 0) return s;
  // The double product of two floats is exact: 48 bits at most, at least
  // 2^46 (both significands are normalized).
  const uint64_t numerator =
      static_cast<uint64_t>(ratio.input_significand) * filter.significand;
  // quotient = floor(numerator * 2^32 / divisor), in (2^54, 2^57). The
  // ratio is input * 2^62 / divisor less under 1, so filter * ratio / 2^30
  // falls short of it by under filter / 2^30 < 2^-6: one correction step
  // at most, decided by the exact remainder (below 2^25, so exact modulo
  // 2^64). filter * ratio from 32-bit halves: 24 x 63 bits.
  const uint32_t divisor = ratio.output_significand;
  const uint64_t low = static_cast<uint64_t>(filter.significand) *
                       static_cast<uint32_t>(ratio.ratio);
  const uint64_t high = static_cast<uint64_t>(filter.significand) *
                        static_cast<uint32_t>(ratio.ratio >> 32);
  uint64_t quotient = (high << 2) + (low >> 30);
  uint64_t remainder = (numerator << 32) - quotient * divisor;
  if (remainder >= divisor) {
    ++quotient;
    remainder -= divisor;
  }
  // Round to 53 bits, nearest even, dropping 2 to 4 bits (all from the
  // low word); a non-zero remainder lies below the last quotient bit, so
  // it only breaks ties (upwards).
  const uint32_t q1 = static_cast<uint32_t>(quotient >> 32);  // 2^22..2^25
  const uint32_t q0 = static_cast<uint32_t>(quotient);
  const int drop = 11 - LeadingZeros(q1);
  uint64_t q = (static_cast<uint64_t>(q1 >> drop) << 32) |
               ((q0 >> drop) | (q1 << (32 - drop)));
  const uint32_t rest = q0 & ((uint32_t{1} << drop) - 1);
  const uint32_t half = uint32_t{1} << (drop - 1);
  if (rest > half || (rest == half && (remainder != 0 || (q & 1) != 0))) {
    ++q;
  }
  int32_t exponent = ratio.exponent + filter.exponent - 32 + drop;
  if (q >> kSignificandBits != 0) {  // rounded up to 2^53
    q >>= 1;
    ++exponent;
  }
  s.significand = q;
  s.exponent = exponent;
  return s;
}

int32_t RequantizeExact(int64_t acc, const ExactScale& scale) {
  if (acc == 0 || scale.significand == 0) return 0;
  const bool negative = acc < 0;
  // Rounding is symmetric: work on the magnitude.
  uint64_t a = negative ? uint64_t{0} - static_cast<uint64_t>(acc)
                        : static_cast<uint64_t>(acc);
  const uint64_t m = scale.significand;
  int32_t exponent = scale.exponent;
  // q * 2^exponent = the double product rounded to 53 bits, nearest even.
  uint64_t q;
  if ((a >> 32) == 0) {
    // The int8 kernels' 32-bit accumulators, exact in a double: normalized
    // to [2^31, 2^32), times the significand in [2^83, 2^85), so rounding
    // to 53 bits drops the low 31 or 32 bits.
    const int leading = LeadingZeros(static_cast<uint32_t>(a));
    const uint32_t an = static_cast<uint32_t>(a) << leading;
    const uint64_t low = static_cast<uint64_t>(an) * static_cast<uint32_t>(m);
    const uint64_t high =
        static_cast<uint64_t>(an) * static_cast<uint32_t>(m >> 32) +
        (low >> 32);  // the product / 2^32
    const uint32_t low_word = static_cast<uint32_t>(low);
    uint32_t rest;
    uint32_t half;
    if ((high >> 52) != 0) {
      q = high;
      rest = low_word;
      half = uint32_t{1} << 31;
      exponent += 32 - leading;
    } else {
      q = (high << 1) | (low_word >> 31);
      rest = low_word & 0x7FFFFFFF;
      half = uint32_t{1} << 30;
      exponent += 31 - leading;
    }
    if (rest > half || (rest == half && (q & 1) != 0)) ++q;
  } else {
    // double(acc) with its significand in [2^52, 2^53]: exact below 2^53,
    // rounded to nearest even above.
    const int leading = LeadingZeros(a);
    if (leading >= 11) {
      a <<= leading - 11;
      exponent -= leading - 11;
    } else {
      a = ShiftRightToEven(a, 11 - leading);
      exponent += 11 - leading;
    }
    // Both significands in [2^52, 2^53]: the product lies in
    // [2^104, 2^106), so rounding it to 53 bits drops 52 or 53, all from
    // the low word.
    uint64_t hi;
    uint64_t lo;
    Multiply64(a, m, &hi, &lo);
    uint64_t rest;
    uint64_t half;
    if ((hi >> 41) != 0) {
      q = (hi << 11) | (lo >> 53);
      rest = lo & ((uint64_t{1} << 53) - 1);
      half = uint64_t{1} << 52;
      exponent += 53;
    } else {
      q = (hi << 12) | (lo >> 52);
      rest = lo & ((uint64_t{1} << 52) - 1);
      half = uint64_t{1} << 51;
      exponent += 52;
    }
    if (rest > half || (rest == half && (q & 1) != 0)) ++q;
  }
  if ((q >> 53) != 0) {  // rounded up to 2^53
    q >>= 1;
    ++exponent;
  }
  // round(q * 2^exponent), halves away from zero, q in [2^52, 2^53): from
  // 2^-21 on it is at least 2^31; at 2^-53 in [1/2, 1); below that under 1/2.
  // Between, n = -exponent in [22, 52]: rounding half up reads bits n - 1
  // and above only, so q's low 21 bits can go.
  constexpr uint32_t kSaturated = uint32_t{1} << 31;
  uint32_t magnitude;
  if (exponent >= -21) {
    magnitude = kSaturated;
  } else if (exponent <= -54) {
    magnitude = 0;
  } else if (exponent == -53) {
    magnitude = 1;
  } else {
    const uint32_t top = static_cast<uint32_t>(q >> 21);
    const int m = -exponent - 21;  // 1..31
    magnitude = (top >> m) + ((top >> (m - 1)) & 1);
  }
  if (negative) {
    return magnitude >= kSaturated
               ? std::numeric_limits<int32_t>::min()
               : -static_cast<int32_t>(magnitude);
  }
  return magnitude >= kSaturated - 1 ? std::numeric_limits<int32_t>::max()
                                     : static_cast<int32_t>(magnitude);
}

}  // namespace tfmicro
