// MAX_POOL_2D over NHWC, as TFLite's reference kernel: the maximum of
// each window clipped to the input, then the fused activation.
#include "tensorflow_micro/kernels/internal/pooling.h"
#include "tensorflow_micro/kernels/pooling_common.h"
#include "tensorflow_micro/kernels/reference_kernels.h"

namespace tfmicro {
namespace {

Status Eval(OpContext& context) {
  static constexpr PoolFunctions kFunctions = {MaxPoolFloat, MaxPoolInt8,
                                               MaxPoolInt16};
  return EvalPool(context, kFunctions);
}

}  // namespace

const KernelRegistration& Register_MAX_POOL_2D() {
  static const KernelRegistration r = {nullptr, PreparePool, Eval, nullptr};
  return r;
}

}  // namespace tfmicro
