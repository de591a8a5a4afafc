// L2_POOL_2D over NHWC, as TFLite's reference kernel (FLOAT32 only, as
// there): sqrt(mean of the squares) of each window clipped to the input,
// then the fused activation.
#include "tensorflow_micro/kernels/internal/pooling.h"
#include "tensorflow_micro/kernels/pooling_common.h"
#include "tensorflow_micro/kernels/reference_kernels.h"

namespace tfmicro {
namespace {

Status Prepare(OpContext& context) {
  const Tensor* input = context.input(0);
  TFM_ENSURE(context, input == nullptr || input->type == DataType::kFloat32,
             "input type %s not supported (TFLite has only a FLOAT32 "
             "L2_POOL_2D)",
             DataTypeName(input->type));
  return PreparePool(context);
}

Status Eval(OpContext& context) {
  static constexpr PoolFunctions kFunctions = {L2PoolFloat, nullptr, nullptr};
  return EvalPool(context, kFunctions);
}

}  // namespace

const KernelRegistration& Register_L2_POOL_2D() {
  static const KernelRegistration r = {nullptr, Prepare, Eval, nullptr};
  return r;
}

}  // namespace tfmicro
