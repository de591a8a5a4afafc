// ADD: elementwise sum with NumPy broadcasting (rank <= 6) and a fused
// activation. FLOAT32, INT32, INT64, INT8 and INT16 (general rescaling path).
//
// Quantized inputs are brought to a common scale before the sum, as TFLite's
// reference kernel does (see AddSubQuantization).
#include <cstdint>

#include "tensorflow_micro/kernels/arithmetic_common.h"
#include "tensorflow_micro/kernels/reference_kernels.h"
#include "tensorflow_micro/schema/schema_generated.h"

namespace tfmicro {
namespace {

Status Eval(OpContext& context) {
  const auto& d = *static_cast<const AddSubOpData*>(context.op_data());
  // A copy, kept in registers by the element loop (see
  // EvalArithmeticQuantized).
  const AddSubQuantization q = d.quantization;
  EvalArithmetic(
      context, d.params, [](float a, float b) { return a + b; },
      [](auto a, auto b) { return WrappingAdd(a, b); },
      [q](int32_t a, int32_t b) {
        return AddSubScaleOutput(
            q, AddSubScaleInput1(q, a) + AddSubScaleInput2(q, b));
      });
  return Status::kOk;
}

Status Prepare(OpContext& context) {
  TFM_RETURN_IF_ERROR(PrepareAddSub<schema::AddOptions>(context));
  return AllowBinaryInPlace(context);
}

}  // namespace

const KernelRegistration& Register_ADD() {
  static const KernelRegistration r = {nullptr, Prepare, Eval, nullptr};
  return r;
}

}  // namespace tfmicro
