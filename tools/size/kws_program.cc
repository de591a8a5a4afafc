// Code size of the keyword-spotting program: the int8 DS-CNN model with a
// resolver holding exactly its five kernels, one Invoke.
#include <stdint.h>

#include "tensorflow_micro/core/interpreter.h"
#include "tensorflow_micro/kernels/micro_op_resolver.h"
#include "tools/size/kws_int8_model.h"

namespace {
alignas(16) uint8_t g_arena[24 * 1024];
}  // namespace

int main() {
  static tfmicro::MicroOpResolver<5> resolver;
  resolver.AddAveragePool2D();
  resolver.AddConv2D();
  resolver.AddDepthwiseConv2D();
  resolver.AddFullyConnected();
  resolver.AddSoftmax();
  tfmicro::Interpreter interpreter(g_kws_int8_model, g_kws_int8_model_len,
                                   resolver, g_arena, sizeof(g_arena));
  if (interpreter.AllocateTensors() != tfmicro::Status::kOk) return 1;
  interpreter.input(0)->data_as<int8_t>()[0] = 1;
  if (interpreter.Invoke() != tfmicro::Status::kOk) return 2;
  return interpreter.output(0)->data_as<int8_t>()[0] == 0 ? 0 : 0;
}
