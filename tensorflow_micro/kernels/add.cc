// ADD: elementwise sum with NumPy broadcasting (rank <= 6) and a fused
// activation. FLOAT32, INT32, INT8 and INT16 (general rescaling path).
//
// Quantized inputs are brought to a common scale before the sum, as TFLite's
// reference kernel does: both are shifted left by 20 bits (15 for INT16),
// scaled by their scale over twice the larger input scale, summed, and the
// sum rescaled to the output.
#include <cmath>
#include <cstdint>

#include "tensorflow_micro/kernels/internal/broadcast.h"
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
  BroadcastParams broadcast;
  // Quantized path.
  int32_t input1_offset;
  int32_t input2_offset;
  int32_t output_offset;
  int32_t input1_multiplier;
  int32_t input2_multiplier;
  int32_t output_multiplier;
  int input1_shift;
  int input2_shift;
  int output_shift;
  int left_shift;
  // Activation clamp: quantized or INT32 outputs use the integers.
  int32_t activation_min;
  int32_t activation_max;
  float activation_min_f;
  float activation_max_f;
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
  QuantizeMultiplier(real, multiplier, shift);
  if (*shift > 0) {
    return context.Error(
        "%s rescale factor %g is not below one: the output scale is too "
        "small for the input scales",
        what, real);
  }
  return Status::kOk;
}

Status PrepareQuantized(OpContext& context, int activation,
                        const Tensor* input1, const Tensor* input2,
                        const Tensor* output, const schema::AddOptions* opts,
                        OpData* data) {
  TFM_RETURN_IF_ERROR(ExpectPerTensorQuantized(context, input1, "input1"));
  TFM_RETURN_IF_ERROR(ExpectPerTensorQuantized(context, input2, "input2"));
  TFM_RETURN_IF_ERROR(ExpectPerTensorQuantized(context, output, "output"));
  const bool is_int16 = output->type == DataType::kInt16;
  if (is_int16) {
    TFM_ENSURE(context,
               input1->zero_point() == 0 && input2->zero_point() == 0 &&
                   output->zero_point() == 0,
               "INT16 tensors must have zero point 0, got input1 %d, input2 "
               "%d, output %d",
               static_cast<int>(input1->zero_point()),
               static_cast<int>(input2->zero_point()),
               static_cast<int>(output->zero_point()));
    const bool pot_requested = opts != nullptr && opts->pot_scale_int16();
    TFM_ENSURE(context,
               !(pot_requested && IsPowerOfTwoScale(input1->scale()) &&
                 IsPowerOfTwoScale(input2->scale()) &&
                 IsPowerOfTwoScale(output->scale())),
               "INT16 with pot_scale_int16 and power-of-two scales is not "
               "supported (only the general rescaling path)");
  }
  data->input1_offset = -input1->zero_point();
  data->input2_offset = -input2->zero_point();
  data->output_offset = output->zero_point();
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
                                           &data->activation_min,
                                           &data->activation_max);
}

Status Prepare(OpContext& context) {
  TFM_RETURN_IF_ERROR(ExpectIoCount(context, 2, 2, 1));
  const Tensor* input1 = context.input(kInput1Tensor);
  const Tensor* input2 = context.input(kInput2Tensor);
  const Tensor* output = context.output(kOutputTensor);
  const auto* opts = context.options<schema::AddOptions>();
  const int activation =
      opts != nullptr ? static_cast<int>(opts->fused_activation_function())
                      : kActivationNone;

  const DataType type = input1->type;
  if (type != DataType::kFloat32 && type != DataType::kInt8 &&
      type != DataType::kInt16 && type != DataType::kInt32) {
    return context.Error(
        "input1 type %s not supported (expected FLOAT32, INT8, INT16 or "
        "INT32)",
        DataTypeName(type));
  }
  TFM_RETURN_IF_ERROR(
      ExpectSameType(context, input2, "input2", input1, "input1"));
  TFM_RETURN_IF_ERROR(
      ExpectSameType(context, output, "output", input1, "input1"));

  OpData* data = AllocateOpData<OpData>(context);
  if (data == nullptr) return Status::kArenaTooSmall;
  TFM_RETURN_IF_ERROR(PrepareBroadcast(context, input1, "input1", input2,
                                       "input2", output, &data->broadcast));

  switch (type) {
    case DataType::kFloat32:
      return CalculateActivationRangeFloat(context, activation,
                                           &data->activation_min_f,
                                           &data->activation_max_f);
    case DataType::kInt32:
      return CalculateActivationRangeInt32(
          context, activation, &data->activation_min, &data->activation_max);
    default:
      return PrepareQuantized(context, activation, input1, input2, output, opts,
                              data);
  }
}

template <typename T>
void EvalQuantized(const OpData& d, const Tensor* input1, const Tensor* input2,
                   Tensor* output) {
  BroadcastBinary(
      d.broadcast, input1->data_as<T>(), input2->data_as<T>(),
      output->data_as<T>(), [&d](T a, T b) {
        const int32_t shifted1 =
            (d.input1_offset + static_cast<int32_t>(a)) * (1 << d.left_shift);
        const int32_t shifted2 =
            (d.input2_offset + static_cast<int32_t>(b)) * (1 << d.left_shift);
        const int32_t scaled1 = MultiplyByQuantizedMultiplierSmallerThanOneExp(
            shifted1, d.input1_multiplier, d.input1_shift);
        const int32_t scaled2 = MultiplyByQuantizedMultiplierSmallerThanOneExp(
            shifted2, d.input2_multiplier, d.input2_shift);
        const int32_t sum =
            MultiplyByQuantizedMultiplierSmallerThanOneExp(
                scaled1 + scaled2, d.output_multiplier, d.output_shift) +
            d.output_offset;
        return static_cast<T>(Clamp(sum, d.activation_min, d.activation_max));
      });
}

Status Eval(OpContext& context) {
  const auto& d = *static_cast<const OpData*>(context.op_data());
  const Tensor* input1 = context.input(kInput1Tensor);
  const Tensor* input2 = context.input(kInput2Tensor);
  Tensor* output = context.output(kOutputTensor);
  switch (output->type) {
    case DataType::kFloat32:
      BroadcastBinary(d.broadcast, input1->data_as<float>(),
                      input2->data_as<float>(), output->data_as<float>(),
                      [&d](float a, float b) {
                        return ActivationClamp(a + b, d.activation_min_f,
                                               d.activation_max_f);
                      });
      break;
    case DataType::kInt32:
      BroadcastBinary(
          d.broadcast, input1->data_as<int32_t>(), input2->data_as<int32_t>(),
          output->data_as<int32_t>(), [&d](int32_t a, int32_t b) {
            // Wraps on overflow like TFLite's two's-complement arithmetic.
            const auto sum = static_cast<int32_t>(static_cast<uint32_t>(a) +
                                                  static_cast<uint32_t>(b));
            return Clamp(sum, d.activation_min, d.activation_max);
          });
      break;
    case DataType::kInt8:
      EvalQuantized<int8_t>(d, input1, input2, output);
      break;
    default:
      EvalQuantized<int16_t>(d, input1, input2, output);
      break;
  }
  return Status::kOk;
}

}  // namespace

const KernelRegistration& Register_ADD() {
  static const KernelRegistration r = {nullptr, Prepare, Eval, nullptr};
  return r;
}

}  // namespace tfmicro
