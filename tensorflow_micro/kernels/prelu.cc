// PRELU: out = x for x >= 0, alpha * x otherwise, alpha broadcast against
// the input (Keras' PReLU shares it over some axes); the output has the
// input's shape.
//
// As TFLite's reference kernel: FLOAT32 in float; INT8 with
// x' = x - zp_in requantized by input_scale / output_scale when x' >= 0,
// and x' * (alpha - zp_alpha) by input_scale * alpha_scale / output_scale
// otherwise (ratios taken in float), plus zp_out, saturated. INT16 input
// and output take an INT8 alpha (16x8, as TFLite's kernel, which reads the
// alpha buffer as INT8 whatever its type says) and compute the same way.
#include <cstdint>
#include <limits>

#include "tensorflow_micro/kernels/internal/broadcast.h"
#include "tensorflow_micro/kernels/internal/quantization_util.h"
#include "tensorflow_micro/kernels/internal/tensor_util.h"
#include "tensorflow_micro/kernels/reference_kernels.h"

namespace tfmicro {
namespace {

constexpr int kInputTensor = 0;
constexpr int kAlphaTensor = 1;
constexpr int kOutputTensor = 0;

struct OpData {
  BroadcastParams broadcast;
  int32_t input_zero_point;
  int32_t alpha_zero_point;
  int32_t output_zero_point;
  int32_t positive_multiplier;
  int positive_shift;
  int32_t negative_multiplier;
  int negative_shift;
};

Status Prepare(OpContext& context) {
  TFM_RETURN_IF_ERROR(ExpectIoCount(context, 2, 2, 1));
  const Tensor* input = context.input(kInputTensor);
  const Tensor* alpha = context.input(kAlphaTensor);
  const Tensor* output = context.output(kOutputTensor);
  TFM_RETURN_IF_ERROR(ExpectFloat32Int8OrInt16(context, input, output));
  if (input->type == DataType::kInt16) {
    TFM_RETURN_IF_ERROR(ExpectType(context, alpha, "alpha", DataType::kInt8));
  } else {
    TFM_RETURN_IF_ERROR(
        ExpectSameType(context, alpha, "alpha", input, "input"));
  }
  TFM_RETURN_IF_ERROR(
      ExpectSameShape(context, output, "output", input, "input"));
  OpData* data = AllocateOpData<OpData>(context);
  if (data == nullptr) return Status::kArenaTooSmall;
  TFM_RETURN_IF_ERROR(PrepareBroadcast(context, input, "input", alpha, "alpha",
                                       output, &data->broadcast));
  if (input->type == DataType::kFloat32) return Status::kOk;

  TFM_RETURN_IF_ERROR(ExpectPerTensorQuantized(context, input, "input"));
  TFM_RETURN_IF_ERROR(ExpectPerTensorQuantized(context, alpha, "alpha"));
  TFM_RETURN_IF_ERROR(ExpectPerTensorQuantized(context, output, "output"));
  data->input_zero_point = input->zero_point();
  data->alpha_zero_point = alpha->zero_point();
  data->output_zero_point = output->zero_point();
  const float positive_ratio = input->scale() / output->scale();
  const float negative_ratio =
      input->scale() * alpha->scale() / output->scale();
  TFM_RETURN_IF_ERROR(QuantizeModelMultiplier(
      context, positive_ratio, "input / output",
      &data->positive_multiplier, &data->positive_shift));
  TFM_RETURN_IF_ERROR(QuantizeModelMultiplier(
      context, negative_ratio, "input * alpha / output",
      &data->negative_multiplier, &data->negative_shift));
  return Status::kOk;
}

// T = int8_t or int16_t input and output; the alpha is INT8. |x'| < 2^16
// and |alpha'| < 2^8: their product fits int32.
template <typename T>
void EvalQuantized(const OpData& d, const Tensor* input, const Tensor* alpha,
                   Tensor* output) {
  constexpr int32_t kMin = std::numeric_limits<T>::min();
  constexpr int32_t kMax = std::numeric_limits<T>::max();
  BroadcastBinary(
      d.broadcast, input->data_as<T>(), alpha->data_as<int8_t>(),
      output->data_as<T>(), [&d](T q, int8_t a) {
        const int32_t x = static_cast<int32_t>(q) - d.input_zero_point;
        const int32_t scaled =
            x >= 0 ? MultiplyByQuantizedMultiplier(x, d.positive_multiplier,
                                                   d.positive_shift)
                   : MultiplyByQuantizedMultiplier(
                         x * (static_cast<int32_t>(a) - d.alpha_zero_point),
                         d.negative_multiplier, d.negative_shift);
        return static_cast<T>(
            Clamp<int32_t>(scaled + d.output_zero_point, kMin, kMax));
      });
}

Status Eval(OpContext& context) {
  const auto& d = *static_cast<const OpData*>(context.op_data());
  const Tensor* input = context.input(kInputTensor);
  const Tensor* alpha = context.input(kAlphaTensor);
  Tensor* output = context.output(kOutputTensor);
  if (input->type == DataType::kFloat32) {
    BroadcastBinary(d.broadcast, input->data_as<float>(),
                    alpha->data_as<float>(), output->data_as<float>(),
                    [](float x, float a) { return x >= 0.f ? x : x * a; });
  } else if (input->type == DataType::kInt8) {
    EvalQuantized<int8_t>(d, input, alpha, output);
  } else {
    EvalQuantized<int16_t>(d, input, alpha, output);
  }
  return Status::kOk;
}

}  // namespace

const KernelRegistration& Register_PRELU() {
  static const KernelRegistration r = {nullptr, Prepare, Eval, nullptr};
  return r;
}

}  // namespace tfmicro
