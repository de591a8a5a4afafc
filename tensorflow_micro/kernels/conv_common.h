// Prepare and eval steps shared by the multiply-accumulate kernels:
// CONV_2D, DEPTHWISE_CONV_2D and FULLY_CONNECTED (reference and vendor).
#ifndef TENSORFLOW_MICRO_KERNELS_CONV_COMMON_H_
#define TENSORFLOW_MICRO_KERNELS_CONV_COMMON_H_

#include <cstdint>
#include <cstring>

#include "tensorflow_micro/core/kernel_api.h"
#include "tensorflow_micro/kernels/internal/conv_geometry.h"
#include "tensorflow_micro/kernels/internal/conv_quantization.h"
#include "tensorflow_micro/kernels/internal/quantization_util.h"
#include "tensorflow_micro/schema/schema_generated.h"

namespace tfmicro {

// Converts the schema's padding, failing on values it does not define.
Status PaddingModeFromSchema(OpContext& context, schema::Padding padding,
                             PaddingMode* mode);

// The padding of Conv2DOptions or DepthwiseConv2DOptions (SAME without
// them), through PaddingModeFromSchema.
template <typename Options>
Status PaddingModeFromOptions(OpContext& context, const Options* opts,
                              PaddingMode* mode) {
  return PaddingModeFromSchema(
      context, opts != nullptr ? opts->padding() : schema::Padding_SAME, mode);
}

// Checks a windowed conv's input, filter and output have rank 4 and that
// the input's and the filter's dimensions are positive.
Status ExpectConvRanks(OpContext& context, const Tensor* input,
                       const Tensor* filter, const Tensor* output);

// The bias type a quantized op's quantized_bias_type option selects
// (FLOAT32, the schema default, means unset): INT32 for INT8 inputs; INT64
// for INT16 inputs, or INT32 when the option says so. Fails on other values
// (TFLite reads the bias as the option's type).
Status QuantizedBiasType(OpContext& context, DataType input_type,
                         schema::TensorType option, DataType* bias_type);

// QuantizedBiasType of an options table with a quantized_bias_type field
// (the default without the table).
template <typename Options>
Status QuantizedBiasTypeFromOptions(OpContext& context, DataType input_type,
                                    const Options* opts, DataType* bias_type) {
  const schema::TensorType option = opts != nullptr
                                        ? opts->quantized_bias_type()
                                        : schema::TensorType_FLOAT32;
  return QuantizedBiasType(context, input_type, option, bias_type);
}

// The geometry of a CONV_2D or DEPTHWISE_CONV_2D node from its options
// (Conv2DOptions or DepthwiseConv2DOptions; without them strides are 0,
// which fails, and dilations 1) and its NHWC input and filter.
template <typename Options>
Status ComputeConvGeometryFromOptions(OpContext& context, PaddingMode padding,
                                      const Options* opts, const Tensor* input,
                                      const Tensor* filter,
                                      ConvGeometry* geometry) {
  return ComputeConvGeometry(
      context, padding, opts != nullptr ? opts->stride_h() : 0,
      opts != nullptr ? opts->stride_w() : 0,
      opts != nullptr ? opts->dilation_h_factor() : 1,
      opts != nullptr ? opts->dilation_w_factor() : 1, input->dim(1),
      input->dim(2), filter->dim(1), filter->dim(2), geometry);
}

// Checks the output is [batches, output_h, output_w, output_channels].
Status ExpectConvOutputShape(OpContext& context, const Tensor* output,
                             int32_t batches, const ConvGeometry& geometry,
                             int32_t output_channels);

// The FLOAT32 activation range, or for INT8 the quantization checks and
// parameters (PrepareConvQuantParams).
Status PrepareConvOutput(OpContext& context, const Tensor* input,
                         const Tensor* filter, const Tensor* output,
                         int activation, int channel_dim, int num_channels,
                         float* float_activation_min,
                         float* float_activation_max, ConvQuantParams* quant);

// One output pixel's window clipped to the input: the valid filter taps
// and where the first of them (ty.begin, tx.begin) reads the NHWC input.
struct ConvWindow {
  TapRange ty;
  TapRange tx;
  // Offset of the first valid tap's input pixel (channel 0); 0 for a window
  // wholly in the padding, which reads nothing.
  int32_t input_offset;
  bool empty() const { return ty.begin == ty.end || tx.begin == tx.end; }
};

// Calls visit(window, pixel) for every output pixel of a CONV_2D or
// DEPTHWISE_CONV_2D over the NHWC input [batches, input_h, input_w,
// input_channels], in NHWC order (what the in-place gap assumes); pixel
// counts the output pixels from 0.
template <typename Visit>
void ForEachConvWindow(const ConvGeometry& g, const Tensor& input,
                       int filter_h, int filter_w, Visit visit) {
  const int batches = input.dim(0);
  const int input_h = input.dim(1);
  const int input_w = input.dim(2);
  const int input_channels = input.dim(3);
  int pixel = 0;
  for (int b = 0; b < batches; ++b) {
    for (int out_y = 0; out_y < g.output_h; ++out_y) {
      const int in_y_origin = out_y * g.stride_h - g.pad_h;
      ConvWindow w;
      w.ty = ValidTaps(in_y_origin, g.dilation_h, filter_h, input_h);
      const int in_y = in_y_origin + g.dilation_h * w.ty.begin;
      for (int out_x = 0; out_x < g.output_w; ++out_x) {
        const int in_x_origin = out_x * g.stride_w - g.pad_w;
        w.tx = ValidTaps(in_x_origin, g.dilation_w, filter_w, input_w);
        const int in_x = in_x_origin + g.dilation_w * w.tx.begin;
        w.input_offset =
            w.empty() ? 0
                      : ((b * input_h + in_y) * input_w + in_x) * input_channels;
        visit(w, pixel++);
      }
    }
  }
}

// The reference loop of CONV_2D and DEPTHWISE_CONV_2D, a grouped
// convolution over the NHWC input (values of type In, filter values of type
// Filter, output of type In): output channel oc reads the
// `filter_channels` input channels from (oc / filters_per_group) *
// filter_channels on, with the filter values from
// filter_data[filter_offset(oc, fy, fx)] on. For every output element (NHWC
// order) the accumulator starts at zero, takes accumulate(acc, input,
// filter) over each filter tap inside the input, and finish(acc, oc) gives
// the output value.
template <typename In, typename Filter, typename Acc, typename FilterOffset,
          typename Accumulate, typename Finish>
void ConvolveReference(const ConvGeometry& g, const Tensor& input,
                       const Filter* filter_data, int output_channels,
                       int filter_h, int filter_w, int filter_channels,
                       FilterOffset filter_offset, In* output_data,
                       Accumulate accumulate, Finish finish) {
  const int input_channels = input.dim(3);
  const int filters_per_group =
      output_channels / (input_channels / filter_channels);
  const int row_step = g.dilation_h * input.dim(2) * input_channels;
  const int tap_step = g.dilation_w * input_channels;
  const In* input_data = input.data_as<In>();
  ForEachConvWindow(g, input, filter_h, filter_w, [=](const ConvWindow& w,
                                                      int pixel) {
    In* out = output_data + pixel * output_channels;
    for (int oc = 0; oc < output_channels; ++oc) {
      const In* row = input_data + w.input_offset +
                      (oc / filters_per_group) * filter_channels;
      Acc acc = 0;
      for (int fy = w.ty.begin; fy < w.ty.end; ++fy, row += row_step) {
        const In* in = row;
        for (int fx = w.tx.begin; fx < w.tx.end; ++fx, in += tap_step) {
          const Filter* f = filter_data + filter_offset(oc, fy, fx);
          for (int ic = 0; ic < filter_channels; ++ic) {
            acc = accumulate(acc, in[ic], f[ic]);
          }
        }
      }
      out[oc] = finish(acc, oc);
    }
  });
}

// The output of a FLOAT32 conv accumulator: plus the bias of `channel`
// (when there is a bias), clamped to the activation range.
inline float FloatConvOutput(float total, const float* bias, int channel,
                             float activation_min, float activation_max) {
  const float bias_value = bias != nullptr ? bias[channel] : 0.f;
  return ActivationClamp(total + bias_value, activation_min, activation_max);
}

// The output of an INT8 conv accumulator: plus the bias of `channel` (when
// there is a bias), requantized with the channel's multiplier, offset and
// clamped to the activation range.
inline int8_t Int8ConvOutput(int32_t acc, const int32_t* bias, int channel,
                             const ConvQuantParams& q) {
  if (bias != nullptr) acc += bias[channel];
  acc = MultiplyByQuantizedMultiplier(acc, q.multipliers[channel],
                                      q.shifts[channel]);
  acc += q.output_offset;
  return static_cast<int8_t>(Clamp(acc, q.activation_min, q.activation_max));
}

// The bias of `channel` of a 16x8 op: INT64, or INT32 (selected by
// quantized_bias_type); 0 without a bias. The TFLite converter aligns
// constant buffers to 4 bytes only, so INT64 values are copied out rather
// than read through an int64_t pointer.
inline int64_t Int16OpBias(const Tensor* bias, int channel) {
  if (bias == nullptr) return 0;
  if (bias->type == DataType::kInt32) return bias->data_as<int32_t>()[channel];
  int64_t value;
  std::memcpy(&value,
              static_cast<const char*>(bias->data) +
                  sizeof(int64_t) * static_cast<size_t>(channel),
              sizeof(value));
  return value;
}

// The output of a 16x8 conv accumulator: plus the bias of `channel`,
// requantized with the channel's multiplier in 64 bits, offset and clamped
// to the activation range.
inline int16_t Int16ConvOutput(int64_t acc, const Tensor* bias, int channel,
                               const ConvQuantParams& q) {
  int32_t value = MultiplyByQuantizedMultiplierInt64(
      acc + Int16OpBias(bias, channel), q.multipliers[channel],
      q.shifts[channel]);
  value += q.output_offset;
  return static_cast<int16_t>(
      Clamp(value, q.activation_min, q.activation_max));
}

// The same with an INT32 bias (quantized_bias_type INT32): TFLite's 16x8
// CONV_2D and TRANSPOSE_CONV then accumulate in 32 bits and requantize
// with the 32-bit MultiplyByQuantizedMultiplier.
inline int16_t Int16ConvOutputInt32Bias(int32_t acc, const int32_t* bias,
                                        int channel,
                                        const ConvQuantParams& q) {
  if (bias != nullptr) acc += bias[channel];
  const int32_t value = MultiplyByQuantizedMultiplier(
                            acc, q.multipliers[channel], q.shifts[channel]) +
                        q.output_offset;
  return static_cast<int16_t>(
      Clamp(value, q.activation_min, q.activation_max));
}

// A multiply-accumulate kernel's reference compute of one input type.
template <typename OpData>
using MacEval = void (*)(const OpData&, const Tensor&, const Tensor&,
                         const Tensor*, Tensor&);

// Runs a multiply-accumulate kernel's FLOAT32, INT8 or INT16 reference
// compute on the node's input, filter, optional bias and output.
template <typename OpData>
Status EvalByInputType(OpContext& context, MacEval<OpData> eval_float,
                       MacEval<OpData> eval_int8, MacEval<OpData> eval_int16) {
  const auto& data = *static_cast<const OpData*>(context.op_data());
  const Tensor& input = *context.input(0);
  const Tensor& filter = *context.input(1);
  const Tensor* bias = context.input(2);
  Tensor& output = *context.output(0);
  switch (input.type) {
    case DataType::kFloat32:
      eval_float(data, input, filter, bias, output);
      return Status::kOk;
    case DataType::kInt8:
      eval_int8(data, input, filter, bias, output);
      return Status::kOk;
    case DataType::kInt16:
      eval_int16(data, input, filter, bias, output);
      return Status::kOk;
    default:
      return context.Error("input type %s not supported",
                           DataTypeName(input.type));
  }
}

}  // namespace tfmicro

#endif  // TENSORFLOW_MICRO_KERNELS_CONV_COMMON_H_
