// TRANSPOSE_CONV: the gradient of CONV_2D with respect to its input.
//
// Tensors: output_shape (INT32 [4]: N, OH, OW, C_out), filter [C_out, KH,
// KW, C_in] (OHWI), input [N, H, W, C_in], optional bias [C_out], output
// [N, OH, OW, C_out]. Input element (y, x) feeds the output window whose
// corner is (y * stride_h - pad_h, x * stride_w - pad_w); the padding is
// the one CONV_2D would use on an input of the output's size, as in TFLite.
//
// Types: FLOAT32; INT8 with per-channel (or per-tensor) symmetric filters and
// an INT32 bias; 16x8 (INT16 activations, INT8 filters, INT64 bias, or INT32
// with quantized_bias_type INT32). Each output is computed by gathering its
// contributions in the order TFLite's reference scatters them (input row,
// column, channel), so float sums round alike and no scratch is needed.
#include <cstdint>

#include "tensorflow_micro/kernels/conv_common.h"
#include "tensorflow_micro/kernels/internal/conv_quantization.h"
#include "tensorflow_micro/kernels/internal/quantization_util.h"
#include "tensorflow_micro/kernels/internal/tensor_util.h"
#include "tensorflow_micro/kernels/reference_kernels.h"
#include "tensorflow_micro/schema/schema_generated.h"

namespace tfmicro {
namespace {

constexpr int kOutputShapeTensor = 0;
constexpr int kFilterTensor = 1;
constexpr int kInputTensor = 2;
constexpr int kBiasTensor = 3;
constexpr int kOutputTensor = 0;

struct OpData {
  int32_t stride_h;
  int32_t stride_w;
  int32_t pad_h;
  int32_t pad_w;
  float float_activation_min;
  float float_activation_max;
  ConvQuantParams quant;
};

// TFLite's padding of a transpose conv: CONV_2D's on an input of `size`
// (the output's extent), its output size computed with C's truncating
// division as TFLite does.
int32_t TransposeConvPadding(PaddingMode mode, int32_t size, int32_t filter,
                             int32_t stride) {
  const int32_t conv_out = mode == PaddingMode::kSame
                               ? (size + stride - 1) / stride
                               : (size + stride - filter) / stride;
  const int32_t total = (conv_out - 1) * stride + filter - size;
  return total > 0 ? total / 2 : 0;
}

Status CheckOutputShapeTensor(OpContext& context, const Tensor* shape,
                              const Tensor* output) {
  TFM_ENSURE(context,
             shape->type == DataType::kInt32 && shape->rank == 1 &&
                 shape->dim(0) == 4,
             "output_shape must be an INT32 tensor of 4 values, got %s %s",
             DataTypeName(shape->type), ShapeText(*shape).text);
  if (!shape->is_constant) return Status::kOk;
  const int32_t* values = shape->data_as<int32_t>();
  for (int i = 0; i < 4; ++i) {
    TFM_ENSURE(context, values[i] == output->dim(i),
               "output_shape [%d, %d, %d, %d] differs from the output's shape "
               "%s",
               static_cast<int>(values[0]), static_cast<int>(values[1]),
               static_cast<int>(values[2]), static_cast<int>(values[3]),
               ShapeText(*output).text);
  }
  return Status::kOk;
}

Status Prepare(OpContext& context) {
  TFM_RETURN_IF_ERROR(ExpectIoCount(context, 3, 4, 1));
  const Tensor* output_shape = context.input(kOutputShapeTensor);
  const Tensor* filter = context.input(kFilterTensor);
  const Tensor* input = context.input(kInputTensor);
  const Tensor* bias = context.input(kBiasTensor);
  const Tensor* output = context.output(kOutputTensor);
  TFM_RETURN_IF_ERROR(ExpectConvRanks(context, input, filter, output));
  TFM_RETURN_IF_ERROR(CheckOutputShapeTensor(context, output_shape, output));
  const int32_t output_channels = filter->dim(0);
  const auto* opts = context.options<schema::TransposeConvOptions>();
  DataType int16_bias_type = DataType::kInt64;
  if (input->type != DataType::kFloat32) {
    TFM_RETURN_IF_ERROR(QuantizedBiasTypeFromOptions(context, input->type,
                                                     opts, &int16_bias_type));
  }
  TFM_RETURN_IF_ERROR(CheckConvTypes(context, input, filter, bias, output,
                                     output_channels, int16_bias_type));
  TFM_ENSURE(context, input->dim(3) == filter->dim(3),
             "input has %d channels, the filter %d (filter is [C_out, KH, KW, "
             "C_in])",
             static_cast<int>(input->dim(3)),
             static_cast<int>(filter->dim(3)));
  TFM_ENSURE(context,
             output->dim(0) == input->dim(0) &&
                 output->dim(3) == output_channels,
             "output %s must have the input's %d batches and the filter's %d "
             "output channels",
             ShapeText(*output).text, static_cast<int>(input->dim(0)),
             static_cast<int>(output_channels));

  PaddingMode padding;
  TFM_RETURN_IF_ERROR(PaddingModeFromOptions(context, opts, &padding));
  const int32_t stride_h = opts != nullptr ? opts->stride_h() : 0;
  const int32_t stride_w = opts != nullptr ? opts->stride_w() : 0;
  TFM_ENSURE(context, stride_h > 0 && stride_w > 0,
             "strides must be positive, got %d x %d",
             static_cast<int>(stride_h), static_cast<int>(stride_w));
  TFM_ENSURE(context,
             WindowFitsInt32(output->dim(1), filter->dim(1), stride_h, 1) &&
                 WindowFitsInt32(output->dim(2), filter->dim(2), stride_w, 1),
             "output %s, filter %s and strides %d x %d are too large",
             ShapeText(*output).text, ShapeText(*filter).text,
             static_cast<int>(stride_h), static_cast<int>(stride_w));

  OpData* data = AllocateOpData<OpData>(context);
  if (data == nullptr) return Status::kArenaTooSmall;
  data->stride_h = stride_h;
  data->stride_w = stride_w;
  data->pad_h =
      TransposeConvPadding(padding, output->dim(1), filter->dim(1), stride_h);
  data->pad_w =
      TransposeConvPadding(padding, output->dim(2), filter->dim(2), stride_w);
  return PrepareConvOutput(context, input, filter, output,
                           FusedActivationOf(opts), /*channel_dim=*/0,
                           output_channels, &data->float_activation_min,
                           &data->float_activation_max, &data->quant);
}

// For every output element (NHWC order), finish(acc, oc) of the sum over its
// contributing input elements of accumulate(acc, input, filter), in input
// row, column, channel order.
template <typename In, typename Filter, typename Acc, typename Accumulate,
          typename Finish>
void TransposeConvolve(const OpData& d, const Tensor& input,
                       const Tensor& filter, In* output_data,
                       const Tensor& output, Accumulate accumulate,
                       Finish finish) {
  const int batches = input.dim(0);
  const int in_h = input.dim(1);
  const int in_w = input.dim(2);
  const int in_c = input.dim(3);
  const int filter_h = filter.dim(1);
  const int filter_w = filter.dim(2);
  const int out_h = output.dim(1);
  const int out_w = output.dim(2);
  const int out_c = output.dim(3);
  const In* input_data = input.data_as<In>();
  const Filter* filter_data = filter.data_as<Filter>();
  for (int b = 0; b < batches; ++b) {
    const In* input_batch = input_data + b * in_h * in_w * in_c;
    for (int oy = 0; oy < out_h; ++oy) {
      // Input rows y with y * stride_h - pad_h <= oy < that + filter_h, in
      // ascending order.
      const int y_top = oy + d.pad_h;
      const int y_first = y_top - filter_h + 1 <= 0
                              ? 0
                              : (y_top - filter_h + d.stride_h) / d.stride_h;
      const int y_last = y_top / d.stride_h < in_h - 1 ? y_top / d.stride_h
                                                       : in_h - 1;
      for (int ox = 0; ox < out_w; ++ox) {
        const int x_left = ox + d.pad_w;
        const int x_first = x_left - filter_w + 1 <= 0
                                ? 0
                                : (x_left - filter_w + d.stride_w) / d.stride_w;
        const int x_last = x_left / d.stride_w < in_w - 1 ? x_left / d.stride_w
                                                          : in_w - 1;
        for (int oc = 0; oc < out_c; ++oc) {
          Acc acc = 0;
          for (int y = y_first; y <= y_last; ++y) {
            const int fy = y_top - y * d.stride_h;
            for (int x = x_first; x <= x_last; ++x) {
              const int fx = x_left - x * d.stride_w;
              const In* in = input_batch + (y * in_w + x) * in_c;
              const Filter* f =
                  filter_data + ((oc * filter_h + fy) * filter_w + fx) * in_c;
              for (int ic = 0; ic < in_c; ++ic) {
                acc = accumulate(acc, in[ic], f[ic]);
              }
            }
          }
          *output_data++ = finish(acc, oc);
        }
      }
    }
  }
}

void EvalFloat(const OpData& d, const Tensor& input, const Tensor& filter,
               const Tensor* bias, Tensor& output) {
  const float* bias_data = bias != nullptr ? bias->data_as<float>() : nullptr;
  TransposeConvolve<float, float, float>(
      d, input, filter, output.data_as<float>(), output,
      [](float acc, float in, float f) { return acc + in * f; },
      [&d, bias_data](float acc, int oc) {
        return FloatConvOutput(acc, bias_data, oc, d.float_activation_min,
                               d.float_activation_max);
      });
}

void EvalInt8(const OpData& d, const Tensor& input, const Tensor& filter,
              const Tensor* bias, Tensor& output) {
  const ConvQuantParams& q = d.quant;
  const int32_t* bias_data =
      bias != nullptr ? bias->data_as<int32_t>() : nullptr;
  TransposeConvolve<int8_t, int8_t, int32_t>(
      d, input, filter, output.data_as<int8_t>(), output,
      [&q](int32_t acc, int8_t in, int8_t f) {
        return acc + (in + q.input_offset) * f;
      },
      [&q, bias_data](int32_t acc, int oc) {
        return Int8ConvOutput(acc, bias_data, oc, q);
      });
}

// 16x8: TFLite accumulates in the bias type and requantizes an INT32
// accumulator with the 32-bit MultiplyByQuantizedMultiplier
// (Int16ConvOutputInt32Bias), an INT64 one with the 64-bit variant.
void EvalInt16(const OpData& d, const Tensor& input, const Tensor& filter,
               const Tensor* bias, Tensor& output) {
  const ConvQuantParams& q = d.quant;
  int16_t* output_data = output.data_as<int16_t>();
  if (bias != nullptr && bias->type == DataType::kInt32) {
    const int32_t* bias_data = bias->data_as<int32_t>();
    TransposeConvolve<int16_t, int8_t, int32_t>(
        d, input, filter, output_data, output,
        [](int32_t acc, int16_t in, int8_t f) {
          return acc + static_cast<int32_t>(in) * f;
        },
        [&q, bias_data](int32_t acc, int oc) {
          return Int16ConvOutputInt32Bias(acc, bias_data, oc, q);
        });
    return;
  }
  TransposeConvolve<int16_t, int8_t, int64_t>(
      d, input, filter, output_data, output,
      [](int64_t acc, int16_t in, int8_t f) {
        return acc + static_cast<int32_t>(in) * f;
      },
      [&q, bias](int64_t acc, int oc) {
        return Int16ConvOutput(acc, bias, oc, q);
      });
}

Status Eval(OpContext& context) {
  const OpData& d = *static_cast<const OpData*>(context.op_data());
  const Tensor& filter = *context.input(kFilterTensor);
  const Tensor& input = *context.input(kInputTensor);
  const Tensor* bias = context.input(kBiasTensor);
  Tensor& output = *context.output(kOutputTensor);
  switch (input.type) {
    case DataType::kFloat32:
      EvalFloat(d, input, filter, bias, output);
      return Status::kOk;
    case DataType::kInt8:
      EvalInt8(d, input, filter, bias, output);
      return Status::kOk;
    case DataType::kInt16:
      EvalInt16(d, input, filter, bias, output);
      return Status::kOk;
    default:
      return context.Error("input type %s not supported",
                           DataTypeName(input.type));
  }
}

}  // namespace

const KernelRegistration& Register_TRANSPOSE_CONV() {
  static const KernelRegistration r = {nullptr, Prepare, Eval, nullptr};
  return r;
}

}  // namespace tfmicro
