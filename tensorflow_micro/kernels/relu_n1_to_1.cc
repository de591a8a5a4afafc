// RELU_N1_TO_1: min(max(-1, x), 1). FLOAT32, INT8 and INT16 (requantized to
// the output), as RELU and RELU6.
#include "tensorflow_micro/kernels/internal/in_place.h"
#include "tensorflow_micro/kernels/reference_kernels.h"
#include "tensorflow_micro/kernels/relu_common.h"

namespace tfmicro {
namespace {

// ReluEval reads element i before writing element i.
Status Prepare(OpContext& context) {
  TFM_RETURN_IF_ERROR(ReluPrepare(context, -1.f, 1.f));
  return AllowElementwiseInPlace(context, 0, 0);
}

}  // namespace

const KernelRegistration& Register_RELU_N1_TO_1() {
  static const KernelRegistration r = {nullptr, Prepare, ReluEval, nullptr};
  return r;
}

}  // namespace tfmicro
