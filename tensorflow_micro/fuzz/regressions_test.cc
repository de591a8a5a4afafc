// Replays every input in tensorflow_micro/fuzz/regressions/ (the files are
// the arguments) through the fuzzer's own path. Each once crashed the
// runtime or tripped a sanitizer; now each must end in OK or in a non-OK
// status with a message. Under tools/fuzz/run_fuzzer.sh the same files are
// part of the seed corpus, so the sanitized build replays them as well.
#include <cstdio>
#include <vector>

#include "tensorflow_micro/fuzz/fuzz_harness.h"
#include "tensorflow_micro/testing/micro_test.h"

namespace tfmicro {
namespace {

int g_argc = 0;
char** g_argv = nullptr;

TFM_TEST(EverySavedInputEndsInAStatus) {
  int replayed = 0;
  for (int i = 1; i < g_argc; ++i) {
    if (g_argv[i][0] == '\0') continue;
    ++replayed;
    std::vector<uint8_t> bytes;
    TFM_EXPECT_TRUE(fuzz::ReadFile(g_argv[i], &bytes));
    const fuzz::RunResult result = fuzz::RunModel(bytes.data(), bytes.size());
    std::printf("  %s: %s %s%s%s\n", g_argv[i], result.step,
                StatusName(result.status), result.error[0] ? ": " : "",
                result.error);
    if (result.status != Status::kOk) TFM_EXPECT_TRUE(result.error[0] != '\0');
  }
  TFM_EXPECT_TRUE(replayed > 0);  // the directory is not empty
}

}  // namespace
}  // namespace tfmicro

int main(int argc, char** argv) {
  tfmicro::g_argc = argc;
  tfmicro::g_argv = argv;
  return tfmicro::testing::RunAllTests();
}
