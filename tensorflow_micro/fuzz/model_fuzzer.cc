// libFuzzer target: arbitrary bytes as a model through verify, allocate and
// invoke (fuzz_harness.h), with a structure-aware mutator that edits the
// fields of valid models (model_mutator.h) and otherwise mutates raw bytes.
// Built outside Bazel by tools/fuzz/run_fuzzer.sh (clang,
// -fsanitize=fuzzer,address,undefined).
#include <cstddef>
#include <cstdint>

#include "tensorflow_micro/fuzz/fuzz_harness.h"
#include "tensorflow_micro/fuzz/model_mutator.h"

extern "C" size_t LLVMFuzzerMutate(uint8_t* data, size_t size,
                                   size_t max_size);

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  tfmicro::fuzz::RunModel(data, size);
  return 0;
}

extern "C" size_t LLVMFuzzerCustomMutator(uint8_t* data, size_t size,
                                          size_t max_size,
                                          unsigned int seed) {
  // Three in four mutations edit fields when the input is a valid model;
  // the rest, and every input that is not, go to libFuzzer's byte mutators
  // (which also reach the verifier's own checks).
  if (seed % 4 != 0 &&
      tfmicro::fuzz::MutateModelFields(data, size, seed / 4)) {
    return size;
  }
  return LLVMFuzzerMutate(data, size, max_size);
}
