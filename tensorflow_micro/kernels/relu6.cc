// RELU6: min(max(0, x), 6). FLOAT32, INT8 and INT16 (requantized to the
// output).
#include "tensorflow_micro/kernels/reference_kernels.h"
#include "tensorflow_micro/kernels/relu_common.h"

namespace tfmicro {
namespace {

Status Prepare(OpContext& context) { return ReluPrepare(context, 0.f, 6.f); }

}  // namespace

const KernelRegistration& Register_RELU6() {
  static const KernelRegistration r = {nullptr, Prepare, ReluEval, nullptr};
  return r;
}

}  // namespace tfmicro
