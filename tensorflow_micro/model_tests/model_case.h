// A whole-model test case made at build time by make_model_case.py: the
// model, fixed inputs and the outputs the host build of tfmicro computed.
#ifndef TENSORFLOW_MICRO_MODEL_TESTS_MODEL_CASE_H_
#define TENSORFLOW_MICRO_MODEL_TESTS_MODEL_CASE_H_

#include <stddef.h>

namespace tfmicro {
namespace testing {

struct ModelCaseTensor {
  const unsigned char* data;
  size_t bytes;
};

struct ModelCase {
  const char* name;
  const unsigned char* model;
  size_t model_bytes;
  const ModelCaseTensor* inputs;
  size_t num_inputs;
  const ModelCaseTensor* expected_outputs;
  size_t num_outputs;
  unsigned char* arena;
  size_t arena_bytes;
};

}  // namespace testing
}  // namespace tfmicro

// Defined by the generated <model>_case.cc linked into the test.
extern const tfmicro::testing::ModelCase tfm_model_case;

#endif  // TENSORFLOW_MICRO_MODEL_TESTS_MODEL_CASE_H_
