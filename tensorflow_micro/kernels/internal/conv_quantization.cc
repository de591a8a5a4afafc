#include "tensorflow_micro/kernels/internal/conv_quantization.h"

#include "tensorflow_micro/kernels/internal/quantization_util.h"

namespace tfmicro {

Status CheckPerTensorQuantization(OpContext& context, const Tensor* tensor,
                                  const char* role) {
  TFM_ENSURE(context, tensor->quant.num_channels > 0,
             "%s is not quantized (a %s tensor needs a scale and a zero "
             "point)",
             role, DataTypeName(tensor->type));
  TFM_ENSURE(context, tensor->quant.num_channels == 1,
             "%s must be quantized per tensor, got %d scales", role,
             static_cast<int>(tensor->quant.num_channels));
  const float scale = tensor->scale();
  TFM_ENSURE(context, std::isfinite(scale) && scale > 0.f,
             "%s scale must be positive and finite, got %g", role,
             static_cast<double>(scale));
  int32_t qmin;
  int32_t qmax;
  QuantizedTypeRange(tensor->type, &qmin, &qmax);
  const int64_t zero_point =
      tensor->quant.zero_points != nullptr ? tensor->quant.zero_points[0] : 0;
  TFM_ENSURE(context, zero_point >= qmin && zero_point <= qmax,
             "%s zero point %lld is outside the %s range [%d, %d]", role,
             static_cast<long long>(zero_point), DataTypeName(tensor->type),
             static_cast<int>(qmin), static_cast<int>(qmax));
  return Status::kOk;
}

Status CheckFilterQuantization(OpContext& context, const Tensor* filter,
                               int channel_dim, int num_channels,
                               bool allow_per_tensor_zero_point) {
  const Quantization& q = filter->quant;
  TFM_ENSURE(context, q.num_channels > 0 && q.scales != nullptr,
             "filter is not quantized (an %s filter needs scales)",
             DataTypeName(filter->type));
  const bool per_channel = q.num_channels > 1;
  if (per_channel) {
    TFM_ENSURE(context, q.quantized_dimension == channel_dim,
               "filter must be per-channel quantized on dimension %d (the "
               "output channels), got dimension %d",
               channel_dim, static_cast<int>(q.quantized_dimension));
    TFM_ENSURE(context, q.num_channels == num_channels,
               "filter has %d scales (expected 1, or %d: one per output "
               "channel)",
               static_cast<int>(q.num_channels), num_channels);
  }
  for (int c = 0; c < q.num_channels; ++c) {
    TFM_ENSURE(context, std::isfinite(q.scales[c]) && q.scales[c] >= 0.f,
               "filter scale of channel %d must be finite and non-negative, "
               "got %g",
               c, static_cast<double>(q.scales[c]));
  }
  if (q.zero_points == nullptr) return Status::kOk;
  if (!per_channel && allow_per_tensor_zero_point) {
    int32_t qmin;
    int32_t qmax;
    QuantizedTypeRange(filter->type, &qmin, &qmax);
    TFM_ENSURE(context,
               q.zero_points[0] >= qmin && q.zero_points[0] <= qmax,
               "filter zero point %lld is outside the %s range",
               static_cast<long long>(q.zero_points[0]),
               DataTypeName(filter->type));
    return Status::kOk;
  }
  for (int c = 0; c < q.num_channels; ++c) {
    TFM_ENSURE(context, q.zero_points[c] == 0,
               "filter zero point of channel %d is %lld (expected 0: "
               "quantized filters are symmetric)",
               c, static_cast<long long>(q.zero_points[c]));
  }
  return Status::kOk;
}

Status CheckBias(OpContext& context, const Tensor* bias, DataType type,
                 int num_channels) {
  if (bias == nullptr) return Status::kOk;
  TFM_ENSURE(context, bias->type == type,
             "bias type %s not supported (expected %s)",
             DataTypeName(bias->type), DataTypeName(type));
  TFM_ENSURE(context, bias->num_elements() == num_channels,
             "bias has %lld elements (expected %d, one per output channel)",
             static_cast<long long>(bias->num_elements()), num_channels);
  if (type != DataType::kFloat32) {
    TFM_ENSURE(context, bias->zero_point() == 0,
               "bias zero point must be 0, got %d",
               static_cast<int>(bias->zero_point()));
  }
  return Status::kOk;
}

Status CheckConvTypes(OpContext& context, const Tensor* input,
                      const Tensor* filter, const Tensor* bias,
                      const Tensor* output, int num_channels,
                      DataType int16_bias_type) {
  DataType bias_type;
  DataType filter_type = input->type;
  if (input->type == DataType::kFloat32) {
    bias_type = DataType::kFloat32;
  } else if (input->type == DataType::kInt8) {
    bias_type = DataType::kInt32;
  } else if (input->type == DataType::kInt16) {
    bias_type = int16_bias_type;
    filter_type = DataType::kInt8;
  } else {
    return context.Error(
        "input type %s not supported (expected FLOAT32, INT8 or INT16)",
        DataTypeName(input->type));
  }
  TFM_ENSURE(context, filter->type == filter_type,
             "filter type %s not supported with %s input (expected %s)",
             DataTypeName(filter->type), DataTypeName(input->type),
             DataTypeName(filter_type));
  TFM_ENSURE(context, output->type == input->type,
             "output type %s not supported with %s input (expected %s)",
             DataTypeName(output->type), DataTypeName(input->type),
             DataTypeName(input->type));
  return CheckBias(context, bias, bias_type, num_channels);
}

Status CheckInt16ZeroPoint(OpContext& context, const Tensor* tensor,
                           const char* role) {
  if (tensor->type != DataType::kInt16) return Status::kOk;
  TFM_ENSURE(context, tensor->zero_point() == 0,
             "INT16 %s zero point must be 0 (16x8 quantization is "
             "symmetric), got %d",
             role, static_cast<int>(tensor->zero_point()));
  return Status::kOk;
}

void ComputeChannelMultipliers(float input_scale, const Quantization& filter,
                               float output_scale, int num_channels,
                               int32_t* multipliers, int32_t* shifts) {
  for (int c = 0; c < num_channels; ++c) {
    int shift;
    QuantizeMultiplier(EffectiveOutputScale(input_scale,
                                            ChannelScale(filter, c),
                                            output_scale),
                       &multipliers[c], &shift);
    shifts[c] = shift;
  }
}

Status PrepareConvQuantParams(OpContext& context, const Tensor* input,
                              const Tensor* filter, const Tensor* output,
                              int activation, int channel_dim,
                              int num_channels, ConvQuantParams* params) {
  TFM_RETURN_IF_ERROR(CheckPerTensorQuantization(context, input, "input"));
  TFM_RETURN_IF_ERROR(CheckPerTensorQuantization(context, output, "output"));
  TFM_RETURN_IF_ERROR(CheckInt16ZeroPoint(context, input, "input"));
  TFM_RETURN_IF_ERROR(CheckInt16ZeroPoint(context, output, "output"));
  TFM_RETURN_IF_ERROR(CheckFilterQuantization(
      context, filter, channel_dim, num_channels,
      /*allow_per_tensor_zero_point=*/false));
  TFM_RETURN_IF_ERROR(CalculateActivationRangeQuantized(
      context, activation, output, &params->activation_min,
      &params->activation_max));

  const size_t bytes = sizeof(int32_t) * static_cast<size_t>(num_channels);
  auto* multipliers = static_cast<int32_t*>(context.AllocatePersistent(bytes));
  auto* shifts = static_cast<int32_t*>(context.AllocatePersistent(bytes));
  if (multipliers == nullptr || shifts == nullptr) {
    return Status::kArenaTooSmall;
  }
  ComputeChannelMultipliers(input->scale(), filter->quant, output->scale(),
                            num_channels, multipliers, shifts);
  // MultiplyByQuantizedMultiplier shifts a 32-bit value left by `shift`;
  // the 64-bit variant shifts right by 15 - shift.
  const int max_shift = input->type == DataType::kInt16 ? 14 : 31;
  for (int c = 0; c < num_channels; ++c) {
    TFM_ENSURE(context, shifts[c] <= max_shift,
               "effective scale of channel %d (input scale x filter scale / "
               "output scale) needs a left shift of %d bits; at most %d are "
               "supported",
               c, static_cast<int>(shifts[c]), max_shift);
  }
  params->input_offset = -input->zero_point();
  params->output_offset = output->zero_point();
  params->multipliers = multipliers;
  params->shifts = shifts;
  return Status::kOk;
}

}  // namespace tfmicro
