// The integer requantization against the double arithmetic it replaces
// (TFLite's reference FULLY_CONNECTED): equal results for random and edge
// accumulators over tiny, ordinary and huge scales, and equal effective
// scales for random and edge float scales.
#include "tensorflow_micro/kernels/internal/exact_requantize.h"

#include <cmath>
#include <cstdint>
#include <cstring>
#include <limits>

#include "tensorflow_micro/testing/micro_test.h"

namespace tfmicro {
namespace {

// What TFLite computes (and tfmicro did before): round half away from zero
// of the double product, saturated to int32.
int32_t DoubleRequantize(int64_t acc, double scale) {
  const double scaled = std::round(static_cast<double>(acc) * scale);
  if (scaled >= static_cast<double>(std::numeric_limits<int32_t>::max())) {
    return std::numeric_limits<int32_t>::max();
  }
  if (scaled <= static_cast<double>(std::numeric_limits<int32_t>::min())) {
    return std::numeric_limits<int32_t>::min();
  }
  return static_cast<int32_t>(scaled);
}

double DoubleEffectiveScale(float input, float filter, float output) {
  return static_cast<double>(input) * static_cast<double>(filter) /
         static_cast<double>(output);
}

// xorshift64*: deterministic on every target.
class Random {
 public:
  uint64_t Next() {
    state_ ^= state_ >> 12;
    state_ ^= state_ << 25;
    state_ ^= state_ >> 27;
    return state_ * 2685821657736338717ull;
  }
  // A value with a random number of significant bits (0..bits), signed.
  int64_t Int(int bits) {
    const int width = static_cast<int>(Next() % static_cast<uint64_t>(bits + 1));
    const uint64_t magnitude =
        width == 0 ? 0 : Next() >> (64 - width);
    return (Next() & 1) != 0 ? -static_cast<int64_t>(magnitude)
                             : static_cast<int64_t>(magnitude);
  }
  double Scale(int min_exponent, int max_exponent) {
    const int span = max_exponent - min_exponent + 1;
    const int e = min_exponent + static_cast<int>(Next() % span);
    const double fraction =
        1.0 + static_cast<double>(Next() >> 11) / 9007199254740992.0;
    return std::ldexp(fraction, e);
  }
  float FloatScale() {
    // Any positive finite float, subnormals included, by its bits.
    uint32_t bits;
    do {
      bits = static_cast<uint32_t>(Next() >> 33);  // sign bit clear
    } while (((bits >> 23) & 0xFF) == 0xFF || bits == 0);
    float value;
    std::memcpy(&value, &bits, sizeof(value));
    return value;
  }

 private:
  uint64_t state_ = 0x9E3779B97F4A7C15ull;
};

// Emulated targets run the double oracle in software: fewer cases there.
#if defined(__arm__)
constexpr int kRandomCases = 2000;
#else
constexpr int kRandomCases = 200000;
#endif

int mismatches = 0;

void Check(int64_t acc, double scale) {
  const int32_t expected = DoubleRequantize(acc, scale);
  const int32_t actual = RequantizeExact(acc, DecomposeScale(scale));
  if (expected != actual && ++mismatches <= 10) {
    char text[3][24];
    std::printf("acc %s scale %.17g: double %s, exact %s\n",
                testing::IntegerText(acc, text[0]), scale,
                testing::IntegerText(expected, text[1]),
                testing::IntegerText(actual, text[2]));
  }
}

// Accumulators where rounding decides: near the halves of the scale's
// integer results, at the int32/int64 limits and around 2^53.
void CheckEdges(double scale) {
  const int64_t fixed[] = {0,
                           1,
                           -1,
                           2,
                           3,
                           127,
                           -128,
                           std::numeric_limits<int32_t>::max(),
                           std::numeric_limits<int32_t>::min(),
                           std::numeric_limits<int64_t>::max(),
                           std::numeric_limits<int64_t>::min(),
                           (int64_t{1} << 32) - 1,
                           int64_t{1} << 32,
                           -(int64_t{1} << 32),
                           (int64_t{1} << 53) - 1,
                           int64_t{1} << 53,
                           (int64_t{1} << 53) + 1,
                           (int64_t{1} << 54) + 3,
                           -((int64_t{1} << 53) + 1)};
  for (int64_t acc : fixed) Check(acc, scale);
  // acc near (k + 1/2) / scale for small k.
  for (int k = -4; k <= 4; ++k) {
    const double center = (k + 0.5) / scale;
    if (std::fabs(center) > 9e18) continue;
    const int64_t c = static_cast<int64_t>(center);
    for (int64_t d = -2; d <= 2; ++d) Check(c + d, scale);
  }
}

TFM_TEST(SmallScalesAndEdges) {
  mismatches = 0;
  // Exact halves: scale 2^-n makes acc * scale land on k + 1/2.
  for (int n = 0; n <= 64; ++n) {
    const double scale = std::ldexp(1.0, -n);
    for (int64_t acc = -40; acc <= 40; ++acc) Check(acc, scale);
    CheckEdges(scale);
    CheckEdges(scale * 3.0);
    CheckEdges(scale * 0.75);
  }
  const double specials[] = {0.0,
                             std::numeric_limits<double>::denorm_min(),
                             std::numeric_limits<double>::min(),
                             1e-300,
                             1e-20,
                             0.1,
                             0.5,
                             1.0 / 3.0,
                             0.9999999999999999,
                             1.0,
                             1.5,
                             2147483647.0,
                             2147483648.0,
                             1e10,
                             1e300,
                             std::numeric_limits<double>::max()};
  for (double scale : specials) CheckEdges(scale);
  TFM_EXPECT_EQ(0, mismatches);
}

TFM_TEST(RandomAccumulatorsAndScales) {
  mismatches = 0;
  Random random;
  for (int i = 0; i < kRandomCases; ++i) {
    // Mostly the scales quantized models have (2^-40 .. 2^4); some wild.
    const double scale = (i % 8) == 0 ? random.Scale(-1074 + 53, 1000)
                                      : random.Scale(-40, 4);
    Check(random.Int(i % 4 == 0 ? 63 : 32), scale);
    CheckEdges(scale);
  }
  TFM_EXPECT_EQ(0, mismatches);
}

TFM_TEST(EffectiveScaleEqualsTheDoubleExpression) {
  mismatches = 0;
  Random random;
  auto check = [](float in, float filter, float out) {
    const ExactScale expected =
        DecomposeScale(DoubleEffectiveScale(in, filter, out));
    const ExactScale actual = ExactEffectiveScale(in, filter, out);
    if ((expected.significand != actual.significand ||
         expected.exponent != actual.exponent) &&
        ++mismatches <= 10) {
      std::printf("scales %.9g * %.9g / %.9g differ\n",
                  static_cast<double>(in), static_cast<double>(filter),
                  static_cast<double>(out));
    }
  };
  const float specials[] = {std::numeric_limits<float>::denorm_min(),
                            std::numeric_limits<float>::min(),
                            1e-10f,
                            0.00390625f,
                            0.1f,
                            1.0f,
                            3.0f,
                            1e10f,
                            std::numeric_limits<float>::max()};
  for (float in : specials) {
    for (float filter : specials) {
      for (float out : specials) check(in, filter, out);
    }
  }
  for (int i = 0; i < kRandomCases; ++i) {
    check(random.FloatScale(), random.FloatScale(), random.FloatScale());
    // Typical model scales.
    const float in = static_cast<float>(random.Scale(-12, 0));
    const float filter = static_cast<float>(random.Scale(-14, -2));
    const float out = static_cast<float>(random.Scale(-12, 0));
    check(in, filter, out);
  }
  // A zero filter scale (allowed: an all-zero channel) gives zero.
  TFM_EXPECT_EQ(0u, static_cast<unsigned>(
                        ExactEffectiveScale(0.1f, 0.f, 0.2f).significand));
  TFM_EXPECT_EQ(0, mismatches);
}

}  // namespace
}  // namespace tfmicro

TFM_TEST_MAIN()
