#include "tensorflow_micro/kernels/depthwise_conv.h"

#include <new>

#include "tensorflow_micro/kernels/conv.h"
#include "tensorflow_micro/kernels/internal/quantization_util.h"
#include "tensorflow_micro/kernels/reference_kernels.h"
#include "tensorflow_micro/schema/schema_generated.h"

namespace tfmicro {
namespace {

constexpr int kInputTensor = 0;
constexpr int kFilterTensor = 1;
constexpr int kBiasTensor = 2;
constexpr int kOutputTensor = 0;
// The filter's output-channel dimension, which per-channel scales follow.
constexpr int kFilterChannelDim = 3;

Status Prepare(OpContext& context) { return PrepareDepthwiseConv(context); }

Status Eval(OpContext& context) {
  const auto& data =
      *static_cast<const DepthwiseConvOpData*>(context.op_data());
  const Tensor& input = *context.input(kInputTensor);
  const Tensor& filter = *context.input(kFilterTensor);
  const Tensor* bias = context.input(kBiasTensor);
  Tensor& output = *context.output(kOutputTensor);
  switch (input.type) {
    case DataType::kFloat32:
      EvalDepthwiseConvFloat(data, input, filter, bias, output);
      return Status::kOk;
    case DataType::kInt8:
      EvalDepthwiseConvInt8(data, input, filter, bias, output);
      return Status::kOk;
    default:
      return context.Error("input type %s not supported",
                           DataTypeName(input.type));
  }
}

}  // namespace

Status PrepareDepthwiseConv(OpContext& context) {
  TFM_RETURN_IF_ERROR(ExpectIoCount(context, 2, 3, 1));
  const Tensor* input = context.input(kInputTensor);
  const Tensor* filter = context.input(kFilterTensor);
  const Tensor* bias = context.input(kBiasTensor);
  const Tensor* output = context.output(kOutputTensor);
  TFM_RETURN_IF_ERROR(ExpectRank(context, input, "input", 4));
  TFM_RETURN_IF_ERROR(ExpectRank(context, filter, "filter", 4));
  TFM_RETURN_IF_ERROR(ExpectRank(context, output, "output", 4));
  for (int i = 0; i < 4; ++i) {
    TFM_ENSURE(context, input->dim(i) > 0 && filter->dim(i) > 0,
               "input and filter dimensions must be positive, got input "
               "dimension %d = %d, filter dimension %d = %d",
               i, static_cast<int>(input->dim(i)), i,
               static_cast<int>(filter->dim(i)));
  }
  TFM_ENSURE(context, filter->dim(0) == 1,
             "filter must have shape [1, KH, KW, C_out], got dimension 0 = %d",
             static_cast<int>(filter->dim(0)));
  const int32_t batches = input->dim(0);
  const int32_t input_channels = input->dim(3);
  const int32_t output_channels = filter->dim(kFilterChannelDim);
  TFM_RETURN_IF_ERROR(
      CheckConvTypes(context, input, filter, bias, output, output_channels));
  TFM_ENSURE(context, output_channels % input_channels == 0,
             "filter has %d output channels, not a multiple of the input's "
             "%d channels (output channels = input channels * "
             "depth_multiplier)",
             static_cast<int>(output_channels),
             static_cast<int>(input_channels));

  const auto* opts = context.options<schema::DepthwiseConv2DOptions>();
  const schema::Padding padding =
      opts != nullptr ? opts->padding() : schema::Padding_SAME;
  const int activation =
      opts != nullptr ? static_cast<int>(opts->fused_activation_function())
                      : kActivationNone;
  PaddingMode padding_mode;
  TFM_RETURN_IF_ERROR(PaddingModeFromSchema(context, padding, &padding_mode));

  auto* data = static_cast<DepthwiseConvOpData*>(
      context.AllocatePersistent(sizeof(DepthwiseConvOpData)));
  if (data == nullptr) return Status::kArenaTooSmall;
  new (data) DepthwiseConvOpData();
  data->depth_multiplier = output_channels / input_channels;
  TFM_RETURN_IF_ERROR(ComputeConvGeometry(
      context, padding_mode, opts != nullptr ? opts->stride_h() : 0,
      opts != nullptr ? opts->stride_w() : 0,
      opts != nullptr ? opts->dilation_h_factor() : 1,
      opts != nullptr ? opts->dilation_w_factor() : 1, input->dim(1),
      input->dim(2), filter->dim(1), filter->dim(2), &data->geometry));

  const int32_t expected[4] = {batches, data->geometry.output_h,
                               data->geometry.output_w, output_channels};
  for (int i = 0; i < 4; ++i) {
    TFM_ENSURE(context, output->dim(i) == expected[i],
               "output shape [%d, %d, %d, %d] does not match the expected "
               "[%d, %d, %d, %d]",
               static_cast<int>(output->dim(0)),
               static_cast<int>(output->dim(1)),
               static_cast<int>(output->dim(2)),
               static_cast<int>(output->dim(3)),
               static_cast<int>(expected[0]), static_cast<int>(expected[1]),
               static_cast<int>(expected[2]), static_cast<int>(expected[3]));
  }

  if (input->type == DataType::kFloat32) {
    TFM_RETURN_IF_ERROR(CalculateActivationRangeFloat(
        context, activation, &data->float_activation_min,
        &data->float_activation_max));
  } else {
    TFM_RETURN_IF_ERROR(PrepareConvQuantParams(
        context, input, filter, output, activation, kFilterChannelDim,
        output_channels, &data->quant));
  }
  context.set_op_data(data);
  return Status::kOk;
}

void EvalDepthwiseConvFloat(const DepthwiseConvOpData& data,
                            const Tensor& input, const Tensor& filter,
                            const Tensor* bias, Tensor& output) {
  const ConvGeometry& g = data.geometry;
  const int batches = input.dim(0);
  const int input_h = input.dim(1);
  const int input_w = input.dim(2);
  const int input_channels = input.dim(3);
  const int filter_h = filter.dim(1);
  const int filter_w = filter.dim(2);
  const int output_channels = filter.dim(3);
  const int multiplier = data.depth_multiplier;
  const float* input_data = input.data_as<float>();
  const float* filter_data = filter.data_as<float>();
  const float* bias_data = bias != nullptr ? bias->data_as<float>() : nullptr;
  float* output_data = output.data_as<float>();

  for (int b = 0; b < batches; ++b) {
    const float* input_batch =
        input_data + b * input_h * input_w * input_channels;
    for (int out_y = 0; out_y < g.output_h; ++out_y) {
      const int in_y_origin = out_y * g.stride_h - g.pad_h;
      for (int out_x = 0; out_x < g.output_w; ++out_x) {
        const int in_x_origin = out_x * g.stride_w - g.pad_w;
        for (int ic = 0; ic < input_channels; ++ic) {
          for (int m = 0; m < multiplier; ++m) {
            const int oc = ic * multiplier + m;
            float total = 0.f;
            for (int fy = 0; fy < filter_h; ++fy) {
              const int in_y = in_y_origin + g.dilation_h * fy;
              if (in_y < 0 || in_y >= input_h) continue;
              for (int fx = 0; fx < filter_w; ++fx) {
                const int in_x = in_x_origin + g.dilation_w * fx;
                if (in_x < 0 || in_x >= input_w) continue;
                total += input_batch[(in_y * input_w + in_x) * input_channels +
                                     ic] *
                         filter_data[(fy * filter_w + fx) * output_channels +
                                     oc];
              }
            }
            const float bias_value =
                bias_data != nullptr ? bias_data[oc] : 0.f;
            *output_data++ =
                ActivationClamp(total + bias_value, data.float_activation_min,
                                data.float_activation_max);
          }
        }
      }
    }
  }
}

void EvalDepthwiseConvInt8(const DepthwiseConvOpData& data,
                           const Tensor& input, const Tensor& filter,
                           const Tensor* bias, Tensor& output) {
  const ConvGeometry& g = data.geometry;
  const ConvQuantParams& q = data.quant;
  const int batches = input.dim(0);
  const int input_h = input.dim(1);
  const int input_w = input.dim(2);
  const int input_channels = input.dim(3);
  const int filter_h = filter.dim(1);
  const int filter_w = filter.dim(2);
  const int output_channels = filter.dim(3);
  const int multiplier = data.depth_multiplier;
  const int8_t* input_data = input.data_as<int8_t>();
  const int8_t* filter_data = filter.data_as<int8_t>();
  const int32_t* bias_data =
      bias != nullptr ? bias->data_as<int32_t>() : nullptr;
  int8_t* output_data = output.data_as<int8_t>();

  for (int b = 0; b < batches; ++b) {
    const int8_t* input_batch =
        input_data + b * input_h * input_w * input_channels;
    for (int out_y = 0; out_y < g.output_h; ++out_y) {
      const int in_y_origin = out_y * g.stride_h - g.pad_h;
      for (int out_x = 0; out_x < g.output_w; ++out_x) {
        const int in_x_origin = out_x * g.stride_w - g.pad_w;
        for (int ic = 0; ic < input_channels; ++ic) {
          for (int m = 0; m < multiplier; ++m) {
            const int oc = ic * multiplier + m;
            int32_t acc = 0;
            for (int fy = 0; fy < filter_h; ++fy) {
              const int in_y = in_y_origin + g.dilation_h * fy;
              if (in_y < 0 || in_y >= input_h) continue;
              for (int fx = 0; fx < filter_w; ++fx) {
                const int in_x = in_x_origin + g.dilation_w * fx;
                if (in_x < 0 || in_x >= input_w) continue;
                const int32_t in =
                    input_batch[(in_y * input_w + in_x) * input_channels + ic];
                const int32_t f =
                    filter_data[(fy * filter_w + fx) * output_channels + oc];
                acc += f * (in + q.input_offset);
              }
            }
            if (bias_data != nullptr) acc += bias_data[oc];
            acc = MultiplyByQuantizedMultiplier(acc, q.multipliers[oc],
                                                q.shifts[oc]);
            acc += q.output_offset;
            *output_data++ = static_cast<int8_t>(
                Clamp(acc, q.activation_min, q.activation_max));
          }
        }
      }
    }
  }
}

const KernelRegistration& Register_DEPTHWISE_CONV_2D() {
  static const KernelRegistration r = {nullptr, Prepare, Eval, nullptr};
  return r;
}

}  // namespace tfmicro
