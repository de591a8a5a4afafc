// The structure-aware mutator on a real model (the sine example, given as
// the argument): mutants differ from the original, nearly all keep the
// flatbuffer structure, and run through the fuzzer's path without crashing;
// some are rejected by the semantic checks and some get as far as invoke.
#include "tensorflow_micro/fuzz/model_mutator.h"

#include <cstdio>
#include <cstring>
#include <vector>

#include "flatbuffers/flatbuffers.h"
#include "tensorflow_micro/fuzz/fuzz_harness.h"
#include "tensorflow_micro/schema/schema_generated.h"
#include "tensorflow_micro/testing/micro_test.h"

namespace tfmicro {
namespace {

const char* g_model_path = nullptr;

TFM_TEST(MutantsKeepTheStructureAndReachEveryStep) {
  std::vector<uint8_t> original;
  TFM_EXPECT_TRUE(fuzz::ReadFile(g_model_path, &original));
  TFM_EXPECT_TRUE(original.size() > 100);
  int changed = 0;
  int structured = 0;  // still pass flatbuffers' verifier
  int rejected = 0;
  int invoked = 0;
  constexpr int kMutants = 300;
  for (uint32_t seed = 0; seed < kMutants; ++seed) {
    std::vector<uint64_t> storage((original.size() + 7) / 8);
    auto* mutant = reinterpret_cast<uint8_t*>(storage.data());
    std::memcpy(mutant, original.data(), original.size());
    TFM_EXPECT_TRUE(fuzz::MutateModelFields(mutant, original.size(), seed));
    if (std::memcmp(mutant, original.data(), original.size()) != 0) ++changed;
    flatbuffers::Verifier verifier(mutant, original.size());
    if (schema::VerifyModelBuffer(verifier)) ++structured;
    const fuzz::RunResult result = fuzz::RunModel(mutant, original.size());
    if (result.status != Status::kOk) {
      TFM_EXPECT_TRUE(result.error[0] != '\0');
    }
    if (std::strcmp(result.step, "verify") == 0) ++rejected;
    if (result.status == Status::kOk ||
        std::strcmp(result.step, "invoke") == 0) {
      ++invoked;
    }
  }
  std::printf("  %d mutants: %d changed, %d flatbuffers, %d rejected by "
              "the checks, %d invoked\n",
              kMutants, changed, structured, rejected, invoked);
  TFM_EXPECT_TRUE(changed > kMutants * 8 / 10);
  // Only a changed union tag breaks the structure.
  TFM_EXPECT_TRUE(structured > kMutants * 8 / 10);
  TFM_EXPECT_TRUE(rejected > 0);
  TFM_EXPECT_TRUE(invoked > 0);
}

TFM_TEST(LeavesBytesThatAreNotAModelAlone) {
  uint8_t bytes[64] = {1, 2, 3};
  uint8_t copy[64];
  std::memcpy(copy, bytes, sizeof(bytes));
  TFM_EXPECT_FALSE(fuzz::MutateModelFields(bytes, sizeof(bytes), 7));
  TFM_EXPECT_TRUE(std::memcmp(bytes, copy, sizeof(bytes)) == 0);
}

}  // namespace
}  // namespace tfmicro

int main(int argc, char** argv) {
  tfmicro::g_model_path = argc > 1 ? argv[1] : nullptr;
  return tfmicro::testing::RunAllTests();
}
