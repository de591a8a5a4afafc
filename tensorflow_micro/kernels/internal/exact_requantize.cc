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
  // 2^86 / divisor by long division with 32-bit divides, 8 quotient bits
  // per step (divisor < 2^24): 2^86 is the byte 0x40 and ten zero bytes.
  const uint32_t divisor = out.significand;
  uint64_t quotient = 0;
  uint32_t remainder = 0;
  for (int step = 0; step < 11; ++step) {
    remainder = (remainder << 8) | (step == 0 ? 0x40u : 0u);
    quotient = (quotient << 8) | (remainder / divisor);
    remainder %= divisor;
  }
  ratio.output_reciprocal = quotient;
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
  // reciprocal is 2^86 / divisor less under 1, so numerator * reciprocal /
  // 2^54 falls short of it by under 2^-6: one correction step at most,
  // decided by the exact remainder (below 2^25, so exact modulo 2^64).
  const uint32_t divisor = ratio.output_significand;
  uint64_t hi;
  uint64_t lo;
  Multiply64(numerator, ratio.output_reciprocal, &hi, &lo);
  uint64_t quotient = (hi << 10) | (lo >> 54);
  uint64_t remainder = (numerator << 32) - quotient * divisor;
  if (remainder >= divisor) {
    ++quotient;
    remainder -= divisor;
  }
  // Round to 53 bits, nearest even; a non-zero remainder lies below the
  // last quotient bit, so it only breaks ties (upwards).
  const int drop = (64 - LeadingZeros(quotient)) - kSignificandBits;
  uint64_t q = quotient >> drop;
  const uint64_t rest = quotient & ((uint64_t{1} << drop) - 1);
  const uint64_t half = uint64_t{1} << (drop - 1);
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
  int32_t exponent = scale.exponent;
  if (a >> kSignificandBits != 0) {  // double(acc) rounds
    const int drop = (64 - LeadingZeros(a)) - kSignificandBits;
    a = ShiftRightToEven(a, drop);
    exponent += drop;
  }
  // a <= 2^53 and significand < 2^53: the product has at most 106 bits, so
  // rounding it to 53 drops at most 53, all from the low word.
  uint64_t hi;
  uint64_t lo;
  Multiply64(a, scale.significand, &hi, &lo);
  const int bits = hi != 0 ? 128 - LeadingZeros(hi) : 64 - LeadingZeros(lo);
  uint64_t q = lo;
  if (bits > kSignificandBits) {
    const int drop = bits - kSignificandBits;
    q = (hi << (64 - drop)) | (lo >> drop);
    const uint64_t rest = lo & ((uint64_t{1} << drop) - 1);
    if (RoundsUp(q, rest, drop)) ++q;
    exponent += drop;
  }
  // round(q * 2^exponent), halves away from zero; q <= 2^53.
  constexpr uint64_t kSaturated = uint64_t{1} << 31;
  uint64_t magnitude;
  if (exponent >= 0) {
    magnitude = exponent >= 31 || q >= (kSaturated >> exponent)
                    ? kSaturated
                    : q << exponent;
  } else if (exponent < -54) {
    magnitude = 0;  // at most 2^53 * 2^-55
  } else {
    const int n = -exponent;
    magnitude = (q + (uint64_t{1} << (n - 1))) >> n;
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
