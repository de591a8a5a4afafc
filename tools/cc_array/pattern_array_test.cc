// Checks that cc_array_library compiles and links the bytes of
// testdata/pattern.bin, 16-byte aligned.
#include <cstdint>

#include "tensorflow_micro/testing/micro_test.h"
#include "tools/cc_array/pattern_array.h"

namespace {

// testdata/pattern.bin holds byte i = (7 * i + 3) mod 256 for i < 301.
constexpr unsigned int kPatternSize = 301;

TFM_TEST(LengthMatchesFile) { TFM_EXPECT_EQ(kPatternSize, g_pattern_len); }

TFM_TEST(EveryByteMatchesFile) {
  int mismatches = 0;
  for (unsigned int i = 0; i < g_pattern_len; ++i) {
    if (g_pattern[i] != static_cast<unsigned char>((7 * i + 3) % 256)) {
      ++mismatches;
    }
  }
  TFM_EXPECT_EQ(0, mismatches);
}

TFM_TEST(ArrayIsSixteenByteAligned) {
  TFM_EXPECT_EQ(0u, reinterpret_cast<std::uintptr_t>(g_pattern) % 16);
}

}  // namespace

TFM_TEST_MAIN()
