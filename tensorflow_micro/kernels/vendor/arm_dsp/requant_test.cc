// arm_dsp's requantizations against the reference's: RequantizeQ32
// against RequantizeWithDouble (double precision; soft-float on the
// Cortex-M targets) on random accumulators and scales, exact ties and
// values near ties; Int8OutputTable against Int8ConvOutput.
#include "tensorflow_micro/kernels/vendor/arm_dsp/double_requant.h"
#include "tensorflow_micro/kernels/vendor/arm_dsp/requant_s8.h"

#include <cmath>
#include <cstdint>

#include "tensorflow_micro/kernels/internal/conv_quantization.h"
#include "tensorflow_micro/testing/micro_test.h"

namespace tfmicro {
namespace {

struct Rng {
  uint32_t state;
  uint32_t Next() {
    state = state * 1664525u + 1013904223u;
    return state;
  }
  // A float in [0.5, 1) times 2^e.
  float Float(int e) {
    return std::ldexp(0.5f + static_cast<float>(Next() >> 8) * 0x1p-25f, e);
  }
};

int undecided = 0;

// 1 when RequantizeQ32 decides acc * scale wrongly.
int Mismatches(int32_t acc, double scale) {
  int32_t got;
  if (!arm_dsp::RequantizeQ32(acc, arm_dsp::Q32Scale(scale), &got)) {
    ++undecided;
    return 0;
  }
  return RequantizeWithDouble(acc, scale) == got ? 0 : 1;
}

TFM_TEST(RandomScalesAndAccumulators) {
  Rng rng{7};
  int bad = 0;
  int narrow_undecided = 0;
  for (int i = 0; i < 4000; ++i) {
    // The scales of quantized models: input * filter / output.
    const double scale =
        EffectiveOutputScale(rng.Float(-8 + static_cast<int>(rng.Next() % 8)),
                             rng.Float(-10 + static_cast<int>(rng.Next() % 6)),
                             rng.Float(-6 + static_cast<int>(rng.Next() % 6)));
    const int32_t wide = static_cast<int32_t>(rng.Next());
    const int32_t narrow = static_cast<int32_t>(rng.Next() >> 12) - (1 << 19);
    bad += Mismatches(wide, scale);
    const int before = undecided;
    bad += Mismatches(narrow, scale);
    narrow_undecided += undecided - before;
    // Accumulators whose product lands next to a half: the double
    // product's rounding decides those.
    const double half = static_cast<double>(narrow % 300) + 0.5;
    const int32_t near = static_cast<int32_t>(std::floor(half / scale));
    for (int32_t d = -2; d <= 2; ++d) bad += Mismatches(near + d, scale);
  }
  TFM_EXPECT_EQ(0, bad);
  // Sums of a typical size (< 2^19) are decided without doubles.
  TFM_EXPECT_TRUE(narrow_undecided < 10);
}

TFM_TEST(ExactTiesAndExtremes) {
  int bad = 0;
  for (int k = 1; k < 40; ++k) {
    const double scale = std::ldexp(1.0, -k);
    for (int32_t n = -5; n <= 5; ++n) {
      const int64_t acc =
          (2 * static_cast<int64_t>(n) + 1) * (int64_t{1} << (k - 1));
      if (acc > INT32_MAX || acc < INT32_MIN) continue;
      bad += Mismatches(static_cast<int32_t>(acc), scale);
    }
  }
  const int32_t accs[] = {0, 1, -1, INT32_MAX, INT32_MIN, 12345, -98765};
  const double scales[] = {0.0,  1e-300, 4e-320, 1.0,
                           3.0,  1e6,    1e30,   0.5,
                           0.99999999999, 0.3333333333333333, 2.5e-5};
  for (double s : scales) {
    for (int32_t a : accs) bad += Mismatches(a, s);
  }
  TFM_EXPECT_EQ(0, bad);
}

TFM_TEST(TableInt8OutputMatchesInt8ConvOutput) {
  Rng rng{11};
  int bad = 0;
  int32_t multipliers[1];
  int32_t shifts[1];
  ConvQuantParams q;
  q.multipliers = multipliers;
  q.shifts = shifts;
  for (int i = 0; i < 20000; ++i) {
    multipliers[0] = static_cast<int32_t>((rng.Next() >> 1) | (1u << 30));
    shifts[0] = -22 + static_cast<int32_t>(rng.Next() % 26);  // [-22, 3]
    q.output_offset = static_cast<int32_t>(rng.Next() % 256) - 128;
    q.activation_min = (i & 1) != 0 ? -128 : q.output_offset;
    q.activation_max = (i & 2) != 0 ? 127 : 100;
    TFM_EXPECT_TRUE(arm_dsp::LeanRequantOk(q, 1));
    // Sums of every size; exact halves of the right shift too.
    const uint32_t r = rng.Next();
    int32_t acc = static_cast<int32_t>(r) >> (r % 31);
    if (i % 7 == 0) acc = static_cast<int32_t>(rng.Next());
    if (i % 11 == 0) {
      acc = (i & 4) != 0 ? INT32_MAX : INT32_MIN;
    }
    arm_dsp::ChannelRequant table[1];
    arm_dsp::MakeChannelRequants(q, 1, table);
    const int8_t want = Int8ConvOutput(acc, nullptr, 0, q);
    if (arm_dsp::Int8OutputTable(acc, table[0], q) != want) {
      ++bad;
    }
  }
  TFM_EXPECT_EQ(0, bad);
  shifts[0] = -23;
  TFM_EXPECT_FALSE(arm_dsp::LeanRequantOk(q, 1));
}

}  // namespace
}  // namespace tfmicro

TFM_TEST_MAIN()
