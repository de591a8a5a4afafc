// Code size of the framework core: the interpreter over the small sine
// model with a resolver that holds no kernels. AllocateTensors() fails
// (FULLY_CONNECTED has no kernel) and so does Invoke(); what is linked is
// the verifier, model checks, allocator, planner and interpreter.
#include <stdint.h>

#include "tensorflow_micro/core/interpreter.h"
#include "tensorflow_micro/core/op_resolver.h"
#include "tensorflow_micro/examples/models/sine_int8_model.h"

namespace {

class NoKernels : public tfmicro::OpResolver {
 public:
  const tfmicro::KernelRegistration* FindBuiltin(int32_t) const override {
    return nullptr;
  }
  const tfmicro::KernelRegistration* FindCustom(const char*) const override {
    return nullptr;
  }
};

alignas(16) uint8_t g_arena[4 * 1024];

}  // namespace

int main() {
  static NoKernels resolver;
  tfmicro::Interpreter interpreter(g_sine_int8_model, g_sine_int8_model_len,
                                   resolver, g_arena, sizeof(g_arena));
  const tfmicro::Status allocated = interpreter.AllocateTensors();
  const tfmicro::Status invoked = interpreter.Invoke();
  return static_cast<int>(allocated) + static_cast<int>(invoked);
}
