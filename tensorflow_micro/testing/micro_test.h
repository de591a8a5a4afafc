// A tiny test framework for host and emulated targets: no heap, no
// iostream. Each test binary prints one line per failure and ends with
// "N passed, N failed"; the exit code is 0 only when nothing failed.
//
//   TFM_TEST(AddsTwoNumbers) { TFM_EXPECT_EQ(2, 1 + 1); }
//   TFM_TEST_MAIN()
#ifndef TENSORFLOW_MICRO_TESTING_MICRO_TEST_H_
#define TENSORFLOW_MICRO_TESTING_MICRO_TEST_H_

#include <cmath>
#include <cstdio>

namespace tfmicro {
namespace testing {

using TestFunction = void (*)();

struct TestCase {
  const char* name;
  TestFunction function;
  TestCase* next;
};

// Registry of tests, filled by TFM_TEST's static registrars.
struct TestRegistry {
  TestCase* head = nullptr;
  TestCase* tail = nullptr;
  int failures_in_current = 0;
  static TestRegistry& Get() {
    static TestRegistry registry;
    return registry;
  }
};

struct TestRegistrar {
  TestRegistrar(TestCase* test) {
    TestRegistry& r = TestRegistry::Get();
    if (r.tail) {
      r.tail->next = test;
    } else {
      r.head = test;
    }
    r.tail = test;
  }
};

// Decimal text of `value` in `text` (newlib-nano's printf has no %lld).
inline const char* IntegerText(long long value, char (&text)[24]) {
  char* end = text + sizeof(text) - 1;
  *end = '\0';
  unsigned long long magnitude =
      value < 0 ? 0ull - static_cast<unsigned long long>(value)
                : static_cast<unsigned long long>(value);
  do {
    *--end = static_cast<char>('0' + magnitude % 10);
    magnitude /= 10;
  } while (magnitude != 0);
  if (value < 0) *--end = '-';
  return end;
}

inline void ReportFailure(const char* file, int line, const char* what) {
  std::printf("%s:%d: FAILED: %s\n", file, line, what);
  ++TestRegistry::Get().failures_in_current;
}

inline int RunAllTests() {
  int passed = 0;
  int failed = 0;
  for (TestCase* t = TestRegistry::Get().head; t; t = t->next) {
    TestRegistry::Get().failures_in_current = 0;
    t->function();
    if (TestRegistry::Get().failures_in_current == 0) {
      ++passed;
      std::printf("[ OK ] %s\n", t->name);
    } else {
      ++failed;
      std::printf("[FAIL] %s\n", t->name);
    }
  }
  std::printf("%d passed, %d failed\n", passed, failed);
  return failed == 0 ? 0 : 1;
}

}  // namespace testing
}  // namespace tfmicro

#define TFM_TEST(name)                                                  \
  static void tfm_test_##name();                                        \
  static ::tfmicro::testing::TestCase tfm_case_##name = {               \
      #name, tfm_test_##name, nullptr};                                 \
  static ::tfmicro::testing::TestRegistrar tfm_registrar_##name(        \
      &tfm_case_##name);                                                \
  static void tfm_test_##name()

#define TFM_TEST_MAIN() \
  int main() { return ::tfmicro::testing::RunAllTests(); }

#define TFM_EXPECT_TRUE(cond)                                      \
  do {                                                             \
    if (!(cond)) ::tfmicro::testing::ReportFailure(__FILE__, __LINE__, #cond); \
  } while (0)

#define TFM_EXPECT_FALSE(cond) TFM_EXPECT_TRUE(!(cond))

#define TFM_EXPECT_EQ(expected, actual)                                  \
  do {                                                                   \
    const auto tfm_e_ = (expected);                                      \
    const auto tfm_a_ = (actual);                                        \
    if (!(tfm_e_ == tfm_a_)) {                                           \
      char tfm_e_text_[24];                                              \
      char tfm_a_text_[24];                                              \
      std::printf("  expected %s, got %s\n",                             \
                  ::tfmicro::testing::IntegerText(                       \
                      static_cast<long long>(tfm_e_), tfm_e_text_),      \
                  ::tfmicro::testing::IntegerText(                       \
                      static_cast<long long>(tfm_a_), tfm_a_text_));     \
      ::tfmicro::testing::ReportFailure(__FILE__, __LINE__,              \
                                        #expected " == " #actual);       \
    }                                                                    \
  } while (0)

#define TFM_EXPECT_NEAR(expected, actual, tolerance)                     \
  do {                                                                   \
    const double tfm_e_ = (expected);                                    \
    const double tfm_a_ = (actual);                                      \
    if (!(std::fabs(tfm_e_ - tfm_a_) <= (tolerance))) {                  \
      std::printf("  expected %g, got %g (tolerance %g)\n", tfm_e_,      \
                  tfm_a_, static_cast<double>(tolerance));               \
      ::tfmicro::testing::ReportFailure(__FILE__, __LINE__,              \
                                        #expected " ~= " #actual);       \
    }                                                                    \
  } while (0)

// True when `haystack` contains `needle` (for checking error messages).
inline bool TfmContains(const char* haystack, const char* needle) {
  if (!haystack || !needle) return false;
  for (const char* h = haystack; *h; ++h) {
    const char* a = h;
    const char* b = needle;
    while (*a && *b && *a == *b) {
      ++a;
      ++b;
    }
    if (*b == '\0') return true;
  }
  return *needle == '\0';
}

#endif  // TENSORFLOW_MICRO_TESTING_MICRO_TEST_H_
