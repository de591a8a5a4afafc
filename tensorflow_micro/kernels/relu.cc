// RELU: max(0, x). FLOAT32, INT8 and INT16 (requantized to the output).
#include <limits>

#include "tensorflow_micro/kernels/internal/in_place.h"
#include "tensorflow_micro/kernels/reference_kernels.h"
#include "tensorflow_micro/kernels/relu_common.h"

namespace tfmicro {
namespace {

Status PrepareRelu(OpContext& context) {
  return ReluPrepare(context, 0.f, std::numeric_limits<float>::infinity());
}

// ReluEval reads element i before writing element i.
Status Prepare(OpContext& context) {
  TFM_RETURN_IF_ERROR(PrepareRelu(context));
  return AllowElementwiseInPlace(context, 0, 0);
}

}  // namespace

const KernelRegistration& Register_RELU() {
  static const KernelRegistration r = {nullptr, Prepare, ReluEval, nullptr};
  return r;
}

}  // namespace tfmicro
