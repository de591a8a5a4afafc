// arm_mve AVERAGE_POOL_2D: INT8 through avg_pool_s8 (pooling_s8.h), FLOAT32 and
// INT16 through the reference; the reference's prepare (PreparePool and
// its in-place allowance, which avg_pool_s8 keeps).
#include "tensorflow_micro/kernels/internal/in_place.h"
#include "tensorflow_micro/kernels/internal/pooling.h"
#include "tensorflow_micro/kernels/pooling_common.h"
#include "tensorflow_micro/kernels/vendor/arm_mve/pooling_s8.h"

namespace tfmicro {
namespace vendor {
namespace {

Status Prepare(OpContext& context) {
  TFM_RETURN_IF_ERROR(PreparePool(context));
  return AllowPoolInPlace(
      context, static_cast<const PoolOpData*>(context.op_data())->geometry);
}

Status Eval(OpContext& context) {
  static constexpr PoolFunctions kFunctions = {
      AveragePoolFloat, arm_mve::avg_pool_s8, AveragePoolInt16};
  return EvalPool(context, kFunctions);
}

}  // namespace

const KernelRegistration& Register_AVERAGE_POOL_2D() {
  static const KernelRegistration r = {nullptr, Prepare, Eval, nullptr};
  return r;
}

}  // namespace vendor
}  // namespace tfmicro
