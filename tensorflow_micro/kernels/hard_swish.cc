// HARD_SWISH: out = x * relu6(x + 3) / 6.
//
// As TFLite's reference kernel: FLOAT32 in float; INT8 in 16-bit fixed
// point: x - zp_in is moved to a "high resolution" input scale
// (input_scale / 128), multiplied once by output_scale-relative and once by
// a "relu-ish" multiplier that maps [-3, 3] to [-1, 1] (saturating), and the
// two are combined with a truncating doubling high multiply. Every int16
// step below (saturations, the rounding of the shifts) follows TFLite's.
#include <cstdint>
#include <limits>

#include "tensorflow_micro/kernels/internal/quantization_util.h"
#include "tensorflow_micro/kernels/internal/tensor_util.h"
#include "tensorflow_micro/kernels/reference_kernels.h"

namespace tfmicro {
namespace {

constexpr int kInputTensor = 0;
constexpr int kOutputTensor = 0;

struct OpData {
  int32_t input_zero_point;
  int32_t output_zero_point;
  int16_t output_multiplier;  // Q15
  int output_exponent;        // <= 0
  int16_t reluish_multiplier;  // Q15
  int reluish_exponent;
};

// Rounds a Q31 multiplier to Q15, saturating at the top as TFLite does.
int16_t DownScaleToInt16(int32_t multiplier) {
  constexpr int32_t kRoundingOffset = 1 << 15;
  if (multiplier >= std::numeric_limits<int32_t>::max() - kRoundingOffset) {
    return std::numeric_limits<int16_t>::max();
  }
  return static_cast<int16_t>((multiplier + kRoundingOffset) >> 16);
}

int16_t SaturateToInt16(int64_t x) {
  return static_cast<int16_t>(Clamp<int64_t>(x, -32768, 32767));
}

int16_t SaturatingLeftShift(int16_t value, int amount) {
  return SaturateToInt16(static_cast<int64_t>(value) * (int64_t{1} << amount));
}

// round(a * b / 2^15), saturating the single overflow case.
int16_t RoundingDoublingHighMul16(int16_t a, int16_t b) {
  if (a == b && a == std::numeric_limits<int16_t>::min()) {
    return std::numeric_limits<int16_t>::max();
  }
  const int32_t ab = static_cast<int32_t>(a) * static_cast<int32_t>(b);
  const int32_t nudge = ab >= 0 ? (1 << 14) : (1 - (1 << 14));
  return static_cast<int16_t>((ab + nudge) / (1 << 15));
}

// a * b / 2^15 truncated toward zero, saturating the single overflow case.
int16_t DoublingHighMul16(int16_t a, int16_t b) {
  if (a == b && a == std::numeric_limits<int16_t>::min()) {
    return std::numeric_limits<int16_t>::max();
  }
  return static_cast<int16_t>(
      (static_cast<int32_t>(a) * static_cast<int32_t>(b)) / (1 << 15));
}

// x / 2^exponent rounded half away from zero with an int16 mask, as
// TFLite's int16 instantiation: from exponent 16 on the mask is all ones.
int16_t RoundingDivideByPOT16(int16_t x, int exponent) {
  const int32_t mask = static_cast<int16_t>((int64_t{1} << exponent) - 1);
  const int32_t remainder = x & mask;
  const int32_t threshold = (mask >> 1) + (x < 0 ? 1 : 0);
  return static_cast<int16_t>((static_cast<int32_t>(x) >> exponent) +
                              (remainder > threshold ? 1 : 0));
}

Status PrepareInt8(OpContext& context, const Tensor* input,
                   const Tensor* output) {
  TFM_RETURN_IF_ERROR(ExpectPerTensorQuantized(context, input, "input"));
  TFM_RETURN_IF_ERROR(ExpectPerTensorQuantized(context, output, "output"));
  OpData* data = AllocateOpData<OpData>(context);
  if (data == nullptr) return Status::kArenaTooSmall;
  data->input_zero_point = input->zero_point();
  data->output_zero_point = output->zero_point();
  // TFLite computes these ratios in float.
  const float hires_input_scale = (1.0f / 128.0f) * input->scale();
  const float reluish_scale = 3.0f / 32768.0f;
  const float output_ratio = hires_input_scale / output->scale();
  const float reluish_ratio = hires_input_scale / reluish_scale;
  int32_t multiplier;
  TFM_RETURN_IF_ERROR(QuantizeModelMultiplier(
      context, output_ratio, "input scale / 128 / output scale", &multiplier,
      &data->output_exponent));
  data->output_multiplier = DownScaleToInt16(multiplier);
  TFM_ENSURE(context, data->output_exponent <= 0,
             "input scale %g / output scale %g is too large for int8 "
             "hard swish (must be below 256)",
             static_cast<double>(input->scale()),
             static_cast<double>(output->scale()));
  // Up to 31 bits: the saturating shifts in eval widen to 64 bits first.
  TFM_RETURN_IF_ERROR(QuantizeModelMultiplier(
      context, reluish_ratio, "input scale / 128 / (3 / 32768)", &multiplier,
      &data->reluish_exponent));
  data->reluish_multiplier = DownScaleToInt16(multiplier);
  return Status::kOk;
}

Status Prepare(OpContext& context) {
  TFM_RETURN_IF_ERROR(ExpectUnaryOp(context, /*allow_int16=*/false));
  const Tensor* input = context.input(kInputTensor);
  const Tensor* output = context.output(kOutputTensor);
  if (input->type == DataType::kFloat32) return Status::kOk;
  return PrepareInt8(context, input, output);
}

int8_t HardSwishInt8(const OpData& d, int8_t q) {
  const int16_t x = static_cast<int16_t>(q - d.input_zero_point);
  const int16_t x_hires = static_cast<int16_t>(x * (1 << 7));
  const int16_t x_on_output_scale =
      RoundingDoublingHighMul16(x_hires, d.output_multiplier);
  // x / 3 saturated to [-1, 1] in Q15; a left shift saturates in two steps
  // so the first saturation never reaches the result.
  int16_t reluish = x_hires;
  if (d.reluish_exponent > 0) {
    reluish = SaturatingLeftShift(reluish, d.reluish_exponent - 1);
  }
  reluish = RoundingDoublingHighMul16(reluish, d.reluish_multiplier);
  if (d.reluish_exponent > 0) reluish = SaturatingLeftShift(reluish, 1);
  if (d.reluish_exponent < 0) {
    reluish = RoundingDivideByPOT16(reluish, -d.reluish_exponent);
  }
  // [-1, 1] -> [0, 1].
  reluish = static_cast<int16_t>((static_cast<int32_t>(reluish) + 32768) >> 1);
  const int16_t preshift = DoublingHighMul16(reluish, x_on_output_scale);
  int16_t value = RoundingDivideByPOT16(preshift, -d.output_exponent);
  // int16 addition as in TFLite (it can wrap before the clamp).
  value = static_cast<int16_t>(value + d.output_zero_point);
  return static_cast<int8_t>(Clamp<int16_t>(value, -128, 127));
}

float HardSwishFloat(float x) {
  const float relu6 = x + 3.f < 0.f ? 0.f : (x + 3.f > 6.f ? 6.f : x + 3.f);
  return x * relu6 / 6.f;
}

Status Eval(OpContext& context) {
  const Tensor* input = context.input(kInputTensor);
  Tensor* output = context.output(kOutputTensor);
  const int64_t size = input->num_elements();
  if (input->type == DataType::kFloat32) {
    const float* in = input->data_as<float>();
    float* out = output->data_as<float>();
    for (int64_t i = 0; i < size; ++i) out[i] = HardSwishFloat(in[i]);
    return Status::kOk;
  }
  const auto& d = *static_cast<const OpData*>(context.op_data());
  const int8_t* in = input->data_as<int8_t>();
  int8_t* out = output->data_as<int8_t>();
  for (int64_t i = 0; i < size; ++i) out[i] = HardSwishInt8(d, in[i]);
  return Status::kOk;
}

}  // namespace

const KernelRegistration& Register_HARD_SWISH() {
  static const KernelRegistration r = {nullptr, Prepare, Eval, nullptr};
  return r;
}

}  // namespace tfmicro
