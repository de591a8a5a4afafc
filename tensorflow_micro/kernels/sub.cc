// SUB: elementwise input1 - input2 with NumPy broadcasting (rank <= 6) and
// a fused activation. FLOAT32, INT32, INT8 and INT16 (general rescaling
// path).
//
// Quantized inputs are brought to a common scale before the difference,
// as TFLite's reference kernel does (see AddSubQuantization).
#include <cstdint>

#include "tensorflow_micro/kernels/arithmetic_common.h"
#include "tensorflow_micro/kernels/reference_kernels.h"
#include "tensorflow_micro/schema/schema_generated.h"

namespace tfmicro {
namespace {

struct OpData {
  ArithmeticParams params;
  AddSubQuantization quantization;
};

Status Prepare(OpContext& context) {
  const auto* opts = context.options<schema::SubOptions>();
  const int activation = FusedActivationOf(opts);
  OpData* data;
  bool quantized;
  TFM_RETURN_IF_ERROR(
      PrepareArithmeticOpData(context, activation, &data, &quantized));
  if (!quantized) return Status::kOk;
  const bool pot_scale_int16 = opts != nullptr && opts->pot_scale_int16();
  return PrepareAddSubQuantized(context, activation, pot_scale_int16,
                                &data->quantization, &data->params);
}

Status Eval(OpContext& context) {
  const auto& d = *static_cast<const OpData*>(context.op_data());
  const AddSubQuantization& q = d.quantization;
  EvalArithmetic(
      context, d.params, [](float a, float b) { return a - b; },
      [](int32_t a, int32_t b) {
        // Wraps on overflow like TFLite's two's-complement arithmetic.
        return static_cast<int32_t>(static_cast<uint32_t>(a) -
                                    static_cast<uint32_t>(b));
      },
      [&q](int32_t a, int32_t b) {
        return AddSubScaleOutput(
            q, AddSubScaleInput1(q, a) - AddSubScaleInput2(q, b));
      });
  return Status::kOk;
}

}  // namespace

const KernelRegistration& Register_SUB() {
  static const KernelRegistration r = {nullptr, Prepare, Eval, nullptr};
  return r;
}

}  // namespace tfmicro
