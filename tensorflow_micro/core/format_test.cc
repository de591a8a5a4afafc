#include "tensorflow_micro/core/format.h"

#include <cstring>

#include "tensorflow_micro/testing/micro_test.h"

namespace tfmicro {
namespace {

bool Formats(const char* expected, const char* format, ...) {
  char buffer[128];
  va_list args;
  va_start(args, format);
  FormatV(buffer, sizeof(buffer), format, args);
  va_end(args);
  if (std::strcmp(expected, buffer) != 0) {
    std::printf("  expected '%s', got '%s'\n", expected, buffer);
    return false;
  }
  return true;
}

TFM_TEST(FormatsIntegersAndStrings) {
  TFM_EXPECT_TRUE(Formats("node 3 (CONV_2D): x", "node %d (%s): %c", 3,
                          "CONV_2D", 'x'));
  TFM_EXPECT_TRUE(Formats("-2147483648 4294967295 ff", "%d %u %x",
                          -2147483647 - 1, 4294967295u, 255u));
  TFM_EXPECT_TRUE(Formats("123456789012 7 100%", "%lld %zu 100%%",
                          123456789012LL, size_t{7}));
  TFM_EXPECT_TRUE(Formats("(null)", "%s", static_cast<const char*>(nullptr)));
}

TFM_TEST(FormatsFloatsWithSixSignificantDigits) {
  TFM_EXPECT_TRUE(Formats("0.5 -3.25 100", "%g %g %g", 0.5, -3.25, 100.0));
  TFM_EXPECT_TRUE(Formats("0.00390625", "%g", 1.0 / 256));
  TFM_EXPECT_TRUE(Formats("1.23457e-07", "%g", 1.2345678e-7));
  TFM_EXPECT_TRUE(Formats("1e+10", "%g", 1e10));
}

TFM_TEST(TruncatesSafely) {
  char small[6];
  TFM_EXPECT_EQ(5u, Format(small, sizeof(small), "%s", "abcdefgh"));
  TFM_EXPECT_EQ(0, std::strcmp(small, "abcde"));
  TFM_EXPECT_EQ(0u, Format(small, 0, "%s", "abc"));
}

}  // namespace
}  // namespace tfmicro

TFM_TEST_MAIN()
