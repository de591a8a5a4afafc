#include "tensorflow_micro/kernels/depthwise_conv.h"

#include "tensorflow_micro/kernels/conv_common.h"
#include "tensorflow_micro/kernels/internal/in_place.h"
#include "tensorflow_micro/kernels/internal/quantization_util.h"
#include "tensorflow_micro/kernels/internal/tensor_util.h"
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

// Eval walks ForEachConvWindow, which may run over its dying input.
Status Prepare(OpContext& context) {
  TFM_RETURN_IF_ERROR(PrepareDepthwiseConv(context));
  return AllowConvInPlace(
      context, static_cast<const DepthwiseConvOpData*>(context.op_data())->geometry);
}

Status Eval(OpContext& context) {
  return EvalByInputType<DepthwiseConvOpData>(context, EvalDepthwiseConvFloat,
                                              EvalDepthwiseConvInt8,
                                              EvalDepthwiseConvInt16);
}

}  // namespace

Status PrepareDepthwiseConv(OpContext& context) {
  TFM_RETURN_IF_ERROR(ExpectIoCount(context, 2, 3, 1));
  const Tensor* input = context.input(kInputTensor);
  const Tensor* filter = context.input(kFilterTensor);
  const Tensor* bias = context.input(kBiasTensor);
  const Tensor* output = context.output(kOutputTensor);
  TFM_RETURN_IF_ERROR(ExpectConvRanks(context, input, filter, output));
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
  const int activation = FusedActivationOf(opts);
  PaddingMode padding_mode;
  TFM_RETURN_IF_ERROR(PaddingModeFromOptions(context, opts, &padding_mode));

  DepthwiseConvOpData* data = AllocateOpData<DepthwiseConvOpData>(context);
  if (data == nullptr) return Status::kArenaTooSmall;
  data->depth_multiplier = output_channels / input_channels;
  TFM_RETURN_IF_ERROR(ComputeConvGeometryFromOptions(
      context, padding_mode, opts, input, filter, &data->geometry));
  TFM_RETURN_IF_ERROR(ExpectConvOutputShape(context, output, batches,
                                            data->geometry, output_channels));
  return PrepareConvOutput(context, input, filter, output, activation,
                           kFilterChannelDim, output_channels,
                           &data->float_activation_min,
                           &data->float_activation_max, &data->quant);
}

namespace {

// ConvolveReference with one filter channel per group: output channel
// ic * depth_multiplier + m reads input channel ic through the filter
// [1, KH, KW, C_out].
template <typename In, typename Filter, typename Acc, typename Accumulate,
          typename Finish>
void DepthwiseConvolve(const ConvGeometry& g, const Tensor& input,
                       const Tensor& filter, In* output_data,
                       Accumulate accumulate, Finish finish) {
  const int filter_h = filter.dim(1);
  const int filter_w = filter.dim(2);
  const int output_channels = filter.dim(3);
  ConvolveReference<In, Filter, Acc>(
      g, input, filter.data_as<Filter>(), output_channels, filter_h, filter_w,
      /*filter_channels=*/1,
      [filter_w, output_channels](int oc, int fy, int fx) {
        return (fy * filter_w + fx) * output_channels + oc;
      },
      output_data, accumulate, finish);
}

}  // namespace

void EvalDepthwiseConvFloat(const DepthwiseConvOpData& data,
                            const Tensor& input, const Tensor& filter,
                            const Tensor* bias, Tensor& output) {
  const float* bias_data = bias != nullptr ? bias->data_as<float>() : nullptr;
  DepthwiseConvolve<float, float, float>(
      data.geometry, input, filter, output.data_as<float>(),
      [](float total, float in, float f) { return total + in * f; },
      [&data, bias_data](float total, int oc) {
        return FloatConvOutput(total, bias_data, oc, data.float_activation_min,
                               data.float_activation_max);
      });
}

namespace {

// sum over the taps of a clipped window of f * (in + input_offset) for one
// channel: `rows` x `cols` taps, the input `in_step_y`/`in_step_x` and the
// filter `f_step_y`/`f_step_x` values apart.
int32_t DepthwiseChannelSum(const int8_t* in, const int8_t* f, int rows,
                            int cols, int in_step_y, int in_step_x,
                            int f_step_y, int f_step_x, int32_t input_offset) {
  int32_t acc = 0;
  for (int y = 0; y < rows; ++y, in += in_step_y, f += f_step_y) {
    const int8_t* in_tap = in;
    const int8_t* f_tap = f;
    for (int x = 0; x < cols; ++x, in_tap += in_step_x, f_tap += f_step_x) {
      acc += *f_tap * (*in_tap + input_offset);
    }
  }
  return acc;
}

}  // namespace

void EvalDepthwiseConvInt8(const DepthwiseConvOpData& data, const Tensor& input,
                           const Tensor& filter, const Tensor* bias,
                           Tensor& output) {
  const ConvGeometry& g = data.geometry;
  const ConvQuantParams& q = data.quant;
  const int32_t* bias_data =
      bias != nullptr ? bias->data_as<int32_t>() : nullptr;
  const int input_w = input.dim(2);
  const int input_channels = input.dim(3);
  const int filter_h = filter.dim(1);
  const int filter_w = filter.dim(2);
  const int output_channels = filter.dim(3);
  const int depth_multiplier = data.depth_multiplier;
  const int32_t input_offset = q.input_offset;
  const int in_step_x = g.dilation_w * input_channels;
  const int in_step_y = g.dilation_h * input_w * input_channels;
  const int f_step_y = filter_w * output_channels;
  const int8_t* input_data = input.data_as<int8_t>();
  const int8_t* filter_data = filter.data_as<int8_t>();
  int8_t* output_data = output.data_as<int8_t>();

  ForEachConvWindow(g, input, filter_h, filter_w, [=](const ConvWindow& w,
                                                      int pixel) {
    int8_t* out = output_data + pixel * output_channels;
    const int rows = w.ty.end - w.ty.begin;
    const int cols = w.tx.end - w.tx.begin;
    // The window's first tap inside the input, and its filter values.
    const int8_t* window = input_data + w.input_offset;
    const int8_t* filter_window =
        w.empty() ? filter_data
                  : filter_data +
                        (w.ty.begin * filter_w + w.tx.begin) * output_channels;
    int c = 0;
    if (depth_multiplier == 1) {
      // Four neighbouring channels per pass over the window.
      for (; c + 4 <= output_channels; c += 4) {
        int32_t acc0 = 0;
        int32_t acc1 = 0;
        int32_t acc2 = 0;
        int32_t acc3 = 0;
        const int8_t* in_row = window + c;
        const int8_t* f_row = filter_window + c;
        for (int y = 0; y < rows; ++y, in_row += in_step_y, f_row += f_step_y) {
          const int8_t* in = in_row;
          const int8_t* f = f_row;
          const int8_t* f_end = f_row + cols * output_channels;
          for (; f != f_end; in += in_step_x, f += output_channels) {
            acc0 += f[0] * (in[0] + input_offset);
            acc1 += f[1] * (in[1] + input_offset);
            acc2 += f[2] * (in[2] + input_offset);
            acc3 += f[3] * (in[3] + input_offset);
          }
        }
        out[c] = Int8ConvOutput(acc0, bias_data, c, q);
        out[c + 1] = Int8ConvOutput(acc1, bias_data, c + 1, q);
        out[c + 2] = Int8ConvOutput(acc2, bias_data, c + 2, q);
        out[c + 3] = Int8ConvOutput(acc3, bias_data, c + 3, q);
      }
    }
    // Output channel c reads input channel c / depth_multiplier.
    for (; c < output_channels; ++c) {
      const int32_t acc = DepthwiseChannelSum(
          window + c / depth_multiplier, filter_window + c, rows, cols,
          in_step_y, in_step_x, f_step_y, output_channels, input_offset);
      out[c] = Int8ConvOutput(acc, bias_data, c, q);
    }
  });
}

void EvalDepthwiseConvInt16(const DepthwiseConvOpData& data,
                            const Tensor& input, const Tensor& filter,
                            const Tensor* bias, Tensor& output) {
  const ConvQuantParams& q = data.quant;
  DepthwiseConvolve<int16_t, int8_t, int64_t>(
      data.geometry, input, filter, output.data_as<int16_t>(),
      [](int64_t acc, int16_t in, int8_t f) {
        return acc + static_cast<int32_t>(f) * in;
      },
      [&q, bias](int64_t acc, int oc) {
        return Int16ConvOutput(acc, bias, oc, q);
      });
}

const KernelRegistration& Register_DEPTHWISE_CONV_2D() {
  static const KernelRegistration r = {nullptr, Prepare, Eval, nullptr};
  return r;
}

}  // namespace tfmicro
