// DIV: elementwise input1 / input2 with NumPy broadcasting (rank <= 6) and
// a fused activation. FLOAT32, INT32 (truncating), INT8 and INT16 (zero
// points 0).
//
// INT8 and INT16 as TFLite's reference kernel: (q2 - zp2) is inverted in
// fixed point (a Q31 reciprocal and a shift), multiplied into (q1 - zp1)
// normalized by its headroom, and rescaled by in1_scale / (in2_scale *
// out_scale). A zero divisor (INT32 0, or a quantized one at its zero
// point) fails the invoke, as in TFLite.
#include <cstdint>

#include "tensorflow_micro/kernels/arithmetic_common.h"
#include "tensorflow_micro/kernels/internal/fixed_point.h"
#include "tensorflow_micro/kernels/internal/quantization_util.h"
#include "tensorflow_micro/kernels/reference_kernels.h"
#include "tensorflow_micro/schema/schema_generated.h"

namespace tfmicro {
namespace {

constexpr TypeSet kTypes =
    TypeBit(DataType::kFloat32) | TypeBit(DataType::kInt32) |
    TypeBit(DataType::kInt8) | TypeBit(DataType::kInt16);

struct OpData {
  ArithmeticParams params;
  int32_t output_multiplier;
  int output_shift;
};

Status Prepare(OpContext& context) {
  const auto* opts = context.options<schema::DivOptions>();
  const int activation = FusedActivationOf(opts);
  TFM_RETURN_IF_ERROR(ExpectIoCount(context, 2, 2, 1));
  TFM_RETURN_IF_ERROR(
      ExpectTypeIn(context, context.input(0), "input1", kTypes));
  OpData* data;
  bool quantized;
  TFM_RETURN_IF_ERROR(
      PrepareArithmeticOpData(context, activation, &data, &quantized));
  if (!quantized) return Status::kOk;
  const Tensor* input1 = context.input(0);
  const Tensor* input2 = context.input(1);
  const Tensor* output = context.output(0);
  // In float, as TFLite computes it, before widening to double.
  const float real_multiplier =
      input1->scale() / (input2->scale() * output->scale());
  TFM_RETURN_IF_ERROR(QuantizeModelMultiplier(
      context, real_multiplier, "input1 / (input2 * output) scale",
      &data->output_multiplier, &data->output_shift));
  return CalculateActivationRangeQuantized(context, activation, output,
                                           &data->params.activation_min,
                                           &data->params.activation_max);
}

// TFLite's final rounding shift. Its C++ is undefined for exponents of 32
// and more, which small divisors and quotients reach with ordinary scales;
// the oracle (TFLite built for x86) then masks every bit and shifts by the
// exponent modulo 32. That is reproduced here on every target, so results
// match TFLite's and do not depend on the compiler.
int32_t RoundingDivideByPOTAsTflite(int32_t x, int exponent) {
  if (exponent < 32) return RoundingDivideByPOT(x, exponent);
  return (x >> (exponent & 31)) + (x >= 0 ? 1 : 0);
}

// The quotient a / b of two inputs with their offsets added, on the
// output's scale (before its offset).
int32_t QuantizedQuotient(const OpData& d, int32_t a, int32_t b) {
  if (b < 0) {
    // The reciprocal is a positive multiplier: move the sign to a.
    a = -a;
    b = -b;
  }
  int reciprocal_shift;
  const int32_t reciprocal =
      fixed_point::GetReciprocal(b, 31, &reciprocal_shift);
  const int headroom = fixed_point::CountLeadingSignBits32(a);
  const int32_t unscaled = SaturatingRoundingDoublingHighMul(
      static_cast<int32_t>(static_cast<uint32_t>(a) << headroom), reciprocal);
  int total_shift = d.output_shift - reciprocal_shift - headroom;
  if (total_shift > 0) {
    // Only with extreme scales; TFLite's shift is undefined there.
    return MultiplyByQuantizedMultiplier(unscaled, d.output_multiplier,
                                         total_shift);
  }
  return RoundingDivideByPOTAsTflite(
      SaturatingRoundingDoublingHighMul(unscaled, d.output_multiplier),
      -total_shift);
}

Status Eval(OpContext& context) {
  const auto& d = *static_cast<const OpData*>(context.op_data());
  const DataType type = context.input(0)->type;
  if (type == DataType::kInt32) {
    TFM_RETURN_IF_ERROR(ExpectNoZeroDivisor<int32_t>(context, 0));
  } else if (type == DataType::kInt8) {
    TFM_RETURN_IF_ERROR(
        ExpectNoZeroDivisor<int8_t>(context, -d.params.input2_offset));
  } else if (type == DataType::kInt16) {
    TFM_RETURN_IF_ERROR(ExpectNoZeroDivisor<int16_t>(context, 0));
  }
  EvalArithmetic(
      context, d.params, [](float a, float b) { return a / b; },
      [](auto a, auto b) {
        // INT32_MIN / -1 wraps, as on two's complement hardware.
        return b == -1 ? WrappingSub(decltype(a){0}, a) : a / b;
      },
      [&d](int32_t a, int32_t b) { return QuantizedQuotient(d, a, b); });
  return Status::kOk;
}

}  // namespace

const KernelRegistration& Register_DIV() {
  static const KernelRegistration r = {nullptr, Prepare, Eval, nullptr};
  return r;
}

}  // namespace tfmicro
