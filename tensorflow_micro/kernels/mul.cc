// MUL: elementwise product with NumPy broadcasting (rank <= 6) and a fused
// activation. FLOAT32, INT32, INT8 and INT16 (zero points 0).
//
// Quantized: (q1 - zp1) * (q2 - zp2) rescaled by in1_scale * in2_scale /
// out_scale, as TFLite's reference kernel does.
#include <cstdint>

#include "tensorflow_micro/kernels/arithmetic_common.h"
#include "tensorflow_micro/kernels/internal/in_place.h"
#include "tensorflow_micro/kernels/internal/quantization_util.h"
#include "tensorflow_micro/kernels/internal/tensor_util.h"
#include "tensorflow_micro/kernels/reference_kernels.h"
#include "tensorflow_micro/schema/schema_generated.h"

namespace tfmicro {
namespace {

constexpr int kInput1Tensor = 0;
constexpr int kInput2Tensor = 1;
constexpr int kOutputTensor = 0;

struct OpData {
  ArithmeticParams params;
  int32_t output_multiplier;
  int output_shift;
};

Status PrepareMul(OpContext& context) {
  const auto* opts = context.options<schema::MulOptions>();
  const int activation = FusedActivationOf(opts);
  OpData* data;
  bool quantized;
  // For INT16 the zero points are 0 (checked), so (q1 - zp1) * (q2 - zp2)
  // fits in 32 bits.
  TFM_RETURN_IF_ERROR(
      PrepareArithmeticOpData(context, activation, &data, &quantized));
  if (!quantized) return Status::kOk;
  const Tensor* input1 = context.input(kInput1Tensor);
  const Tensor* input2 = context.input(kInput2Tensor);
  const Tensor* output = context.output(kOutputTensor);
  // The product of the scales is taken in float, as TFLite does, before
  // widening to double.
  const float real_multiplier =
      input1->scale() * input2->scale() / output->scale();
  TFM_RETURN_IF_ERROR(QuantizeModelMultiplier(
      context, real_multiplier, "input1 x input2 / output",
      &data->output_multiplier, &data->output_shift));
  return CalculateActivationRangeQuantized(context, activation, output,
                                           &data->params.activation_min,
                                           &data->params.activation_max);
}

Status Eval(OpContext& context) {
  const auto& d = *static_cast<const OpData*>(context.op_data());
  EvalArithmetic(
      context, d.params, [](float a, float b) { return a * b; },
      [](int32_t a, int32_t b) {
        // Wraps on overflow like TFLite's two's-complement arithmetic.
        return static_cast<int32_t>(static_cast<uint32_t>(a) *
                                    static_cast<uint32_t>(b));
      },
      [&d](int32_t a, int32_t b) {
        return MultiplyByQuantizedMultiplier(a * b, d.output_multiplier,
                                             d.output_shift);
      });
  return Status::kOk;
}

// The broadcast loop reads both operands of an output element before
// writing it: an unbroadcast operand may be overwritten in place.
Status Prepare(OpContext& context) {
  TFM_RETURN_IF_ERROR(PrepareMul(context));
  TFM_RETURN_IF_ERROR(
      AllowElementwiseInPlace(context, kInput1Tensor, kOutputTensor));
  return AllowElementwiseInPlace(context, kInput2Tensor, kOutputTensor);
}

}  // namespace

const KernelRegistration& Register_MUL() {
  static const KernelRegistration r = {nullptr, Prepare, Eval, nullptr};
  return r;
}

}  // namespace tfmicro
