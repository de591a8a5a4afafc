// Runs one whole model (tfm_model_case, generated at build time) and checks
// that every output byte equals what the host build of tfmicro computed:
// on emulated Cortex-M CPUs this proves the target is bit-exact with the
// host (and so with TFLite's reference kernels). Prints the platform ticks
// of one Invoke: instructions under qemu -icount, nanoseconds on the host.
#include <cstdint>
#include <cstdio>
#include <cstring>

#include "tensorflow_micro/core/interpreter.h"
#include "tensorflow_micro/kernels/micro_op_resolver.h"
#include "tensorflow_micro/model_tests/model_case.h"
#include "tensorflow_micro/platform/platform.h"
#include "tensorflow_micro/testing/micro_test.h"

namespace {

using tfmicro::Status;

TFM_TEST(OutputsMatchTheHostBitForBit) {
  const tfmicro::testing::ModelCase& c = tfm_model_case;
  static tfmicro::AllOpsResolver resolver;
  tfmicro::Interpreter interpreter(c.model, c.model_bytes, resolver, c.arena,
                                   c.arena_bytes);
  const Status allocated = interpreter.AllocateTensors();
  if (allocated != Status::kOk) std::printf("%s\n", interpreter.error_message());
  TFM_EXPECT_EQ(Status::kOk, allocated);
  if (allocated != Status::kOk) return;
  TFM_EXPECT_EQ(c.num_inputs, interpreter.inputs_size());
  TFM_EXPECT_EQ(c.num_outputs, interpreter.outputs_size());
  if (c.num_inputs != interpreter.inputs_size() ||
      c.num_outputs != interpreter.outputs_size()) {
    return;
  }
  for (size_t i = 0; i < c.num_inputs; ++i) {
    tfmicro::Tensor* input = interpreter.input(i);
    TFM_EXPECT_EQ(c.inputs[i].bytes, input->bytes);
    if (c.inputs[i].bytes != input->bytes) return;
    std::memcpy(input->data_as<unsigned char>(), c.inputs[i].data,
                c.inputs[i].bytes);
  }

  const uint64_t start = tfm_platform_ticks();
  const Status invoked = interpreter.Invoke();
  const uint64_t ticks = tfm_platform_ticks() - start;
  if (invoked != Status::kOk) std::printf("%s\n", interpreter.error_message());
  TFM_EXPECT_EQ(Status::kOk, invoked);

  for (size_t i = 0; i < c.num_outputs; ++i) {
    const tfmicro::Tensor* output = interpreter.output(i);
    const tfmicro::testing::ModelCaseTensor& expected = c.expected_outputs[i];
    TFM_EXPECT_EQ(expected.bytes, output->bytes);
    if (expected.bytes != output->bytes) continue;
    const unsigned char* actual = output->data_as<unsigned char>();
    size_t differing = 0;
    for (size_t b = 0; b < expected.bytes; ++b) {
      if (actual[b] == expected.data[b]) continue;
      if (differing == 0) {
        std::printf("  output %u byte %u: host 0x%02x, here 0x%02x\n",
                    static_cast<unsigned>(i), static_cast<unsigned>(b),
                    expected.data[b], actual[b]);
      }
      ++differing;
    }
    TFM_EXPECT_EQ(0u, differing);
  }

  char ticks_text[24];
  char rate_text[24];
  using tfmicro::testing::IntegerText;
  std::printf("%s: %s ticks per Invoke (%s per second: instructions under "
              "qemu -icount), arena %u bytes used\n",
              c.name, IntegerText(static_cast<long long>(ticks), ticks_text),
              IntegerText(
                  static_cast<long long>(tfm_platform_ticks_per_second()),
                  rate_text),
              static_cast<unsigned>(interpreter.arena_used_bytes()));
}

}  // namespace

TFM_TEST_MAIN()
