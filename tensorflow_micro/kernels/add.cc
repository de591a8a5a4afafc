// ADD: elementwise sum with NumPy broadcasting (rank <= 6) and a fused
// activation. FLOAT32, INT32, INT8 and INT16 (general rescaling path).
//
// Quantized inputs are brought to a common scale before the sum, as TFLite's
// reference kernel does: both are shifted left by 20 bits (15 for INT16),
// scaled by their scale over twice the larger input scale, summed, and the
// sum rescaled to the output.
#include <cmath>
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

constexpr int kInt8LeftShift = 20;
constexpr int kInt16LeftShift = 15;

struct OpData {
  ArithmeticParams params;
  // Quantized path.
  int32_t input1_multiplier;
  int32_t input2_multiplier;
  int32_t output_multiplier;
  int input1_shift;
  int input2_shift;
  int output_shift;
  int left_shift;
};

// TFLite's test for a power-of-two scale (log2 within 1e-3 of an integer).
bool IsPowerOfTwoScale(float scale) {
  const float log2 = std::log(scale) * (1.0f / std::log(2.0f));
  return std::fabs(log2 - std::round(log2)) < 1e-3f;
}

// Splits a multiplier below one into a Q31 value and a shift <= 0.
Status QuantizeMultiplierBelowOne(OpContext& context, double real,
                                  const char* what, int32_t* multiplier,
                                  int* shift) {
  TFM_RETURN_IF_ERROR(
      QuantizeModelMultiplier(context, real, what, multiplier, shift));
  if (*shift > 0) {
    return context.Error(
        "%s rescale factor %g is not below one: the output scale is too "
        "small for the input scales",
        what, real);
  }
  return Status::kOk;
}

// Runs after PrepareArithmetic has checked the quantization.
Status PrepareQuantized(OpContext& context, int activation,
                        const Tensor* input1, const Tensor* input2,
                        const Tensor* output, const schema::AddOptions* opts,
                        OpData* data) {
  const bool is_int16 = output->type == DataType::kInt16;
  if (is_int16) {
    const bool pot_requested = opts != nullptr && opts->pot_scale_int16();
    TFM_ENSURE(context,
               !(pot_requested && IsPowerOfTwoScale(input1->scale()) &&
                 IsPowerOfTwoScale(input2->scale()) &&
                 IsPowerOfTwoScale(output->scale())),
               "INT16 with pot_scale_int16 and power-of-two scales is not "
               "supported (only the general rescaling path)");
  }
  data->left_shift = is_int16 ? kInt16LeftShift : kInt8LeftShift;
  // Same float/double mix as TFLite so the multipliers match bit for bit.
  const float max_input_scale =
      input1->scale() > input2->scale() ? input1->scale() : input2->scale();
  const double twice_max_input_scale = 2 * max_input_scale;
  const double real_input1_multiplier = input1->scale() / twice_max_input_scale;
  const double real_input2_multiplier = input2->scale() / twice_max_input_scale;
  const double real_output_multiplier =
      twice_max_input_scale /
      (static_cast<float>(1 << data->left_shift) * output->scale());
  TFM_RETURN_IF_ERROR(QuantizeMultiplierBelowOne(
      context, real_input1_multiplier, "input1", &data->input1_multiplier,
      &data->input1_shift));
  TFM_RETURN_IF_ERROR(QuantizeMultiplierBelowOne(
      context, real_input2_multiplier, "input2", &data->input2_multiplier,
      &data->input2_shift));
  TFM_RETURN_IF_ERROR(QuantizeMultiplierBelowOne(
      context, real_output_multiplier, "output", &data->output_multiplier,
      &data->output_shift));
  return CalculateActivationRangeQuantized(context, activation, output,
                                           &data->params.activation_min,
                                           &data->params.activation_max);
}

Status PrepareAdd(OpContext& context) {
  const auto* opts = context.options<schema::AddOptions>();
  const int activation = FusedActivationOf(opts);
  OpData* data;
  bool quantized;
  TFM_RETURN_IF_ERROR(
      PrepareArithmeticOpData(context, activation, &data, &quantized));
  if (!quantized) return Status::kOk;
  return PrepareQuantized(context, activation, context.input(kInput1Tensor),
                          context.input(kInput2Tensor),
                          context.output(kOutputTensor), opts, data);
}

Status Eval(OpContext& context) {
  const auto& d = *static_cast<const OpData*>(context.op_data());
  EvalArithmetic(
      context, d.params, [](float a, float b) { return a + b; },
      [](int32_t a, int32_t b) {
        // Wraps on overflow like TFLite's two's-complement arithmetic.
        return static_cast<int32_t>(static_cast<uint32_t>(a) +
                                    static_cast<uint32_t>(b));
      },
      [&d](int32_t a, int32_t b) {
        const int32_t shifted1 = a * (1 << d.left_shift);
        const int32_t shifted2 = b * (1 << d.left_shift);
        const int32_t scaled1 = MultiplyByQuantizedMultiplierSmallerThanOneExp(
            shifted1, d.input1_multiplier, d.input1_shift);
        const int32_t scaled2 = MultiplyByQuantizedMultiplierSmallerThanOneExp(
            shifted2, d.input2_multiplier, d.input2_shift);
        return MultiplyByQuantizedMultiplierSmallerThanOneExp(
            scaled1 + scaled2, d.output_multiplier, d.output_shift);
      });
  return Status::kOk;
}

// The broadcast loop reads both operands of an output element before
// writing it: an unbroadcast operand may be overwritten in place.
Status Prepare(OpContext& context) {
  TFM_RETURN_IF_ERROR(PrepareAdd(context));
  TFM_RETURN_IF_ERROR(
      AllowElementwiseInPlace(context, kInput1Tensor, kOutputTensor));
  return AllowElementwiseInPlace(context, kInput2Tensor, kOutputTensor);
}

}  // namespace

const KernelRegistration& Register_ADD() {
  static const KernelRegistration r = {nullptr, Prepare, Eval, nullptr};
  return r;
}

}  // namespace tfmicro
