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
#include <type_traits>

#include "tensorflow_micro/kernels/internal/quantization_util.h"
#include "tensorflow_micro/kernels/internal/tensor_util.h"
#include "tensorflow_micro/kernels/reference_kernels.h"
#include "tensorflow_micro/kernels/relu_common.h"
#include "tensorflow_micro/schema/schema_generated.h"

namespace tfmicro {
namespace {

constexpr int kInputTensor = 0;
constexpr int kOutputTensor = 0;

struct OpData {
  float alpha;
  // x >= 0: requantized by input_scale / output_scale.
  ActivationRequantization identity;
  // x < 0: by input_scale * alpha / output_scale.
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

  TFM_RETURN_IF_ERROR(PrepareActivationRequantization(context, input, output,
                                                      &data->identity));
  // TFLite forms the ratio in float before widening it to double.
  const float alpha_ratio = input->scale() * data->alpha / output->scale();
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
  const ActivationRequantization& q = d.identity;
  for (int64_t i = 0; i < size; ++i) {
    const int32_t x = static_cast<int32_t>(in[i]) - q.input_zero_point;
    const int32_t scaled =
        x >= 0 ? MultiplyByQuantizedMultiplier(x, q.multiplier, q.shift)
               : MultiplyByQuantizedMultiplier(x, d.alpha_multiplier,
                                               d.alpha_shift);
    out[i] = static_cast<T>(Clamp(q.output_zero_point + scaled, kMin, kMax));
  }
}

Status Eval(OpContext& context) {
  const auto& d = *static_cast<const OpData*>(context.op_data());
  DispatchActivation(context, [&d](const auto* in, auto* out, int64_t size) {
    if constexpr (std::is_same<decltype(*in), const float&>::value) {
      for (int64_t i = 0; i < size; ++i) {
        out[i] = in[i] > 0.f ? in[i] : in[i] * d.alpha;
      }
    } else {
      EvalQuantized(d, in, out, size);
    }
  });
  return Status::kOk;
}

}  // namespace

const KernelRegistration& Register_LEAKY_RELU() {
  static const KernelRegistration r = {nullptr, Prepare, Eval, nullptr};
  return r;
}

}  // namespace tfmicro
