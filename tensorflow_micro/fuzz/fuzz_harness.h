// The one path every fuzz input takes, shared by the libFuzzer target
// (model_fuzzer.cc) and the regression test that replays saved inputs
// (regressions_test.cc): verify the bytes as a model, allocate it with every
// kernel in a fixed arena, fill its inputs deterministically, invoke it; a
// model that passes verification also goes through the C API the Python
// bindings use (every introspection call, a profiled invoke).
// Test-only code: it uses the heap so that AddressSanitizer sees the exact
// extent of the model and of the arena.
#ifndef TENSORFLOW_MICRO_FUZZ_FUZZ_HARNESS_H_
#define TENSORFLOW_MICRO_FUZZ_FUZZ_HARNESS_H_

#include <cstddef>
#include <cstdint>
#include <vector>

#include "tensorflow_micro/core/status.h"

namespace tfmicro {
namespace fuzz {

// Arena every fuzz input gets (models needing more fail cleanly).
constexpr size_t kFuzzArenaBytes = 256 * 1024;

struct RunResult {
  Status status = Status::kOk;  // of the first step that failed, or kOk
  const char* step = "";        // "verify", "allocate", "invoke", "reset"
  char error[256] = {};         // the interpreter's message for a failure
};

// Runs `size` bytes as a model. Never trusts them: any outcome but a crash
// is acceptable, and a non-OK status comes with a non-empty message.
RunResult RunModel(const uint8_t* data, size_t size);

// Appends the bytes of a file (a saved input, a seed model); false when it
// cannot be read.
bool ReadFile(const char* path, std::vector<uint8_t>* bytes);

}  // namespace fuzz
}  // namespace tfmicro

#endif  // TENSORFLOW_MICRO_FUZZ_FUZZ_HARNESS_H_
