// LEAKY_RELU: out = x for x > 0, alpha * x otherwise
// (LeakyReluOptions.alpha).
//
// As TFLite's reference kernel: FLOAT32 in float; INT8 and INT16 (zero
// points 0) requantize x - zp_in with input_scale / output_scale when it is
// non-negative and with input_scale * alpha / output_scale when negative
// (both ratios taken in float), then add zp_out and saturate.
#include <cmath>
#include <cstdint>
#include <limits>

#include "tensorflow_micro/kernels/internal/quantization_util.h"
#include "tensorflow_micro/kernels/internal/tensor_util.h"
#include "tensorflow_micro/kernels/reference_kernels.h"
#include "tensorflow_micro/schema/schema_generated.h"

namespace tfmicro {
namespace {

constexpr int kInputTensor = 0;
constexpr int kOutputTensor = 0;

struct OpData {
  float alpha;
  int32_t input_zero_point;
  int32_t output_zero_point;
  int32_t identity_multiplier;
  int identity_shift;
  int32_t alpha_multiplier;
  int alpha_shift;
};

Status Prepare(OpContext& context) {
  TFM_RETURN_IF_ERROR(ExpectUnaryOp(context, /*allow_int16=*/true));
  const Tensor* input = context.input(kInputTensor);
  const Tensor* output = context.output(kOutputTensor);
  OpData* data = AllocateOpData<OpData>(context);
  if (data == nullptr) return Status::kArenaTooSmall;
  const auto* opts = context.options<schema::LeakyReluOptions>();
  data->alpha = opts != nullptr ? opts->alpha() : 0.f;
  if (input->type == DataType::kFloat32) return Status::kOk;

  TFM_RETURN_IF_ERROR(ExpectPerTensorQuantized(context, input, "input"));
  TFM_RETURN_IF_ERROR(ExpectPerTensorQuantized(context, output, "output"));
  if (input->type == DataType::kInt16) {
    TFM_ENSURE(context, input->zero_point() == 0 && output->zero_point() == 0,
               "INT16 tensors must have zero point 0, got input %d, output %d",
               static_cast<int>(input->zero_point()),
               static_cast<int>(output->zero_point()));
  }
  data->input_zero_point = input->zero_point();
  data->output_zero_point = output->zero_point();
  // TFLite forms both ratios in float before widening them to double.
  const float alpha_ratio = input->scale() * data->alpha / output->scale();
  const float identity_ratio = input->scale() / output->scale();
  TFM_RETURN_IF_ERROR(QuantizeModelMultiplier(
      context, identity_ratio, "input / output",
      &data->identity_multiplier, &data->identity_shift));
  // Checked by magnitude; a negative alpha keeps its sign in the multiplier.
  TFM_RETURN_IF_ERROR(QuantizeModelMultiplier(
      context, std::fabs(alpha_ratio), "input * |alpha| / output",
      &data->alpha_multiplier, &data->alpha_shift));
  QuantizeMultiplier(alpha_ratio, &data->alpha_multiplier, &data->alpha_shift);
  return Status::kOk;
}

template <typename T>
void EvalQuantized(const OpData& d, const T* in, T* out, int64_t size) {
  constexpr int32_t kMin = std::numeric_limits<T>::min();
  constexpr int32_t kMax = std::numeric_limits<T>::max();
  for (int64_t i = 0; i < size; ++i) {
    const int32_t x = static_cast<int32_t>(in[i]) - d.input_zero_point;
    const int32_t scaled =
        x >= 0 ? MultiplyByQuantizedMultiplier(x, d.identity_multiplier,
                                               d.identity_shift)
               : MultiplyByQuantizedMultiplier(x, d.alpha_multiplier,
                                               d.alpha_shift);
    out[i] = static_cast<T>(Clamp(d.output_zero_point + scaled, kMin, kMax));
  }
}

Status Eval(OpContext& context) {
  const auto& d = *static_cast<const OpData*>(context.op_data());
  const Tensor* input = context.input(kInputTensor);
  Tensor* output = context.output(kOutputTensor);
  const int64_t size = input->num_elements();
  switch (input->type) {
    case DataType::kFloat32: {
      const float* in = input->data_as<float>();
      float* out = output->data_as<float>();
      for (int64_t i = 0; i < size; ++i) {
        out[i] = in[i] > 0.f ? in[i] : in[i] * d.alpha;
      }
      break;
    }
    case DataType::kInt8:
      EvalQuantized(d, input->data_as<int8_t>(), output->data_as<int8_t>(),
                    size);
      break;
    default:
      EvalQuantized(d, input->data_as<int16_t>(), output->data_as<int16_t>(),
                    size);
      break;
  }
  return Status::kOk;
}

}  // namespace

const KernelRegistration& Register_LEAKY_RELU() {
  static const KernelRegistration r = {nullptr, Prepare, Eval, nullptr};
  return r;
}

}  // namespace tfmicro
