// The bundled example: runs the int8 sine model (compiled into the program
// as a C array) on the host runtime and prints its outputs next to sin(x),
// a per-operator profile and the arena bytes it needed.
#include <cmath>
#include <cstdio>

#include "tensorflow_micro/core/interpreter.h"
#include "tensorflow_micro/examples/models/sine_int8_model.h"
#include "tensorflow_micro/kernels/micro_op_resolver.h"
#include "tensorflow_micro/platform/platform.h"

namespace {

constexpr int kMaxOps = 16;

// Collects platform ticks per operator.
class OpTimer : public tfmicro::Profiler {
 public:
  void BeginOp(int, const char*) override { start_ = tfm_platform_ticks(); }
  void EndOp(int node) override {
    if (node < kMaxOps) ticks[node] += tfm_platform_ticks() - start_;
  }
  uint64_t ticks[kMaxOps] = {};

 private:
  uint64_t start_ = 0;
};

}  // namespace

int main() {
  alignas(16) static uint8_t arena[4 * 1024];
  // Only the kernels the model uses are linked.
  tfmicro::MicroOpResolver<1> resolver;
  resolver.AddFullyConnected();
  tfmicro::Interpreter interpreter(g_sine_int8_model, g_sine_int8_model_len,
                                   resolver, arena, sizeof(arena));
  if (interpreter.AllocateTensors() != tfmicro::Status::kOk) {
    std::printf("error: %s\n", interpreter.error_message());
    return 1;
  }
  tfmicro::Tensor* input = interpreter.input(0);
  tfmicro::Tensor* output = interpreter.output(0);

  OpTimer timer;
  interpreter.SetProfiler(&timer);
  std::printf("sine model (int8, %u bytes): y = model(x) vs sin(x)\n",
              g_sine_int8_model_len);
  std::printf("%8s %10s %10s\n", "x", "model", "sin(x)");
  constexpr int kSteps = 8;
  const float kTwoPi = 6.2831853f;
  for (int step = 0; step <= kSteps; ++step) {
    const float x = kTwoPi * static_cast<float>(step) / kSteps;
    const long q = std::lround(x / input->scale()) + input->zero_point();
    input->data_as<int8_t>()[0] =
        static_cast<int8_t>(q < -128 ? -128 : (q > 127 ? 127 : q));
    if (interpreter.Invoke() != tfmicro::Status::kOk) {
      std::printf("error: %s\n", interpreter.error_message());
      return 1;
    }
    const float y = (output->data_as<int8_t>()[0] - output->zero_point()) *
                    output->scale();
    std::printf("%8.3f %10.4f %10.4f\n", x, y, std::sin(x));
  }

  uint64_t total = 0;
  for (size_t i = 0; i < interpreter.operators_size() && i < kMaxOps; ++i) {
    total += timer.ticks[i];
  }
  std::printf("\nper-operator profile (%d invocations, host clock)\n",
              kSteps + 1);
  std::printf("%4s %-18s %12s %7s\n", "#", "op", "ns/invoke", "share");
  for (size_t i = 0; i < interpreter.operators_size() && i < kMaxOps; ++i) {
    std::printf("%4u %-18s %12.0f %6.1f%%\n", static_cast<unsigned>(i),
                interpreter.operator_name(i),
                static_cast<double>(timer.ticks[i]) / (kSteps + 1),
                total ? 100.0 * static_cast<double>(timer.ticks[i]) /
                            static_cast<double>(total)
                      : 0.0);
  }
  const tfmicro::ArenaUsage usage = interpreter.arena_usage();
  // %u with casts: newlib-nano's printf (Cortex-M builds) has no %zu.
  std::printf(
      "\narena: %u bytes used (planned tensors %u, persistent %u) of %u\n",
      static_cast<unsigned>(usage.total_bytes),
      static_cast<unsigned>(usage.planned_bytes),
      static_cast<unsigned>(usage.persistent_bytes),
      static_cast<unsigned>(sizeof(arena)));
  return 0;
}
