// AVERAGE_POOL_2D over NHWC, as TFLite's reference kernel: windows clipped
// to the input, the average divided by the covered element count; int8
// and int16 round half away from zero.
#include "tensorflow_micro/kernels/internal/in_place.h"
#include "tensorflow_micro/kernels/internal/pooling.h"
#include "tensorflow_micro/kernels/pooling_common.h"
#include "tensorflow_micro/kernels/reference_kernels.h"

namespace tfmicro {
namespace {

Status Eval(OpContext& context) {
  static constexpr PoolFunctions kFunctions = {AveragePoolFloat, AveragePoolInt8,
                                               AveragePoolInt16};
  return EvalPool(context, kFunctions);
}

// Eval walks output pixels in order over their windows (ForEachWindow):
// it may run over its dying input.
Status Prepare(OpContext& context) {
  TFM_RETURN_IF_ERROR(PreparePool(context));
  return AllowPoolInPlace(
      context, static_cast<const PoolOpData*>(context.op_data())->geometry);
}

}  // namespace

const KernelRegistration& Register_AVERAGE_POOL_2D() {
  static const KernelRegistration r = {nullptr, Prepare, Eval, nullptr};
  return r;
}

}  // namespace tfmicro
