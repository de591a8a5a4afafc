#include "tensorflow_micro/kernels/conv.h"

#include "tensorflow_micro/kernels/internal/dot_product.h"
#include "tensorflow_micro/kernels/internal/in_place.h"
#include "tensorflow_micro/kernels/internal/quantization_util.h"
#include "tensorflow_micro/kernels/internal/tensor_util.h"
#include "tensorflow_micro/kernels/reference_kernels.h"

namespace tfmicro {
namespace {

constexpr int kInputTensor = 0;
constexpr int kFilterTensor = 1;
constexpr int kBiasTensor = 2;
constexpr int kOutputTensor = 0;

// Eval walks ForEachConvWindow, which may run over its dying input.
Status Prepare(OpContext& context) {
  TFM_RETURN_IF_ERROR(PrepareConv(context));
  return AllowConvInPlace(
      context, static_cast<const ConvOpData*>(context.op_data())->geometry);
}

Status Eval(OpContext& context) {
  return EvalByInputType<ConvOpData>(context, EvalConvFloat, EvalConvInt8,
                                     EvalConvInt16);
}

}  // namespace

Status PrepareConv(OpContext& context) {
  TFM_RETURN_IF_ERROR(ExpectIoCount(context, 2, 3, 1));
  const Tensor* input = context.input(kInputTensor);
  const Tensor* filter = context.input(kFilterTensor);
  const Tensor* bias = context.input(kBiasTensor);
  const Tensor* output = context.output(kOutputTensor);
  TFM_RETURN_IF_ERROR(ExpectConvRanks(context, input, filter, output));
  const int32_t batches = input->dim(0);
  const int32_t input_channels = input->dim(3);
  const int32_t output_channels = filter->dim(0);
  const int32_t filter_channels = filter->dim(3);
  const auto* opts = context.options<schema::Conv2DOptions>();
  DataType int16_bias_type = DataType::kInt64;
  if (input->type != DataType::kFloat32) {
    TFM_RETURN_IF_ERROR(QuantizedBiasTypeFromOptions(context, input->type,
                                                     opts, &int16_bias_type));
  }
  TFM_RETURN_IF_ERROR(CheckConvTypes(context, input, filter, bias, output,
                                     output_channels, int16_bias_type));

  TFM_ENSURE(context, input_channels % filter_channels == 0,
             "input has %d channels, not a multiple of the filter's %d "
             "input channels",
             static_cast<int>(input_channels),
             static_cast<int>(filter_channels));
  const int32_t groups = input_channels / filter_channels;
  TFM_ENSURE(context, output_channels % groups == 0,
             "grouped convolution with %d groups needs output channels "
             "divisible by %d, got %d",
             static_cast<int>(groups), static_cast<int>(groups),
             static_cast<int>(output_channels));

  const int activation = FusedActivationOf(opts);
  PaddingMode padding_mode;
  TFM_RETURN_IF_ERROR(PaddingModeFromOptions(context, opts, &padding_mode));

  ConvOpData* data = AllocateOpData<ConvOpData>(context);
  if (data == nullptr) return Status::kArenaTooSmall;
  TFM_RETURN_IF_ERROR(ComputeConvGeometryFromOptions(
      context, padding_mode, opts, input, filter, &data->geometry));
  TFM_RETURN_IF_ERROR(ExpectConvOutputShape(context, output, batches,
                                            data->geometry, output_channels));
  return PrepareConvOutput(context, input, filter, output, activation,
                           /*channel_dim=*/0, output_channels,
                           &data->float_activation_min,
                           &data->float_activation_max, &data->quant);
}

namespace {

// ConvolveReference over the OHWI filter.
template <typename In, typename Filter, typename Acc, typename Accumulate,
          typename Finish>
void Convolve(const ConvGeometry& g, const Tensor& input, const Tensor& filter,
              In* output_data, Accumulate accumulate, Finish finish) {
  const int filter_h = filter.dim(1);
  const int filter_w = filter.dim(2);
  const int filter_channels = filter.dim(3);
  ConvolveReference<In, Filter, Acc>(
      g, input, filter.data_as<Filter>(), filter.dim(0), filter_h, filter_w,
      filter_channels,
      [filter_h, filter_w, filter_channels](int oc, int fy, int fx) {
        return ((oc * filter_h + fy) * filter_w + fx) * filter_channels;
      },
      output_data, accumulate, finish);
}

}  // namespace

void EvalConvFloat(const ConvOpData& data, const Tensor& input,
                   const Tensor& filter, const Tensor* bias, Tensor& output) {
  const float* bias_data = bias != nullptr ? bias->data_as<float>() : nullptr;
  Convolve<float, float, float>(
      data.geometry, input, filter, output.data_as<float>(),
      [](float total, float in, float f) { return total + in * f; },
      [&data, bias_data](float total, int oc) {
        return FloatConvOutput(total, bias_data, oc, data.float_activation_min,
                               data.float_activation_max);
      });
}

void EvalConvInt8(const ConvOpData& data, const Tensor& input,
                  const Tensor& filter, const Tensor* bias, Tensor& output) {
  const ConvGeometry& g = data.geometry;
  const ConvQuantParams& q = data.quant;
  const int32_t* bias_data =
      bias != nullptr ? bias->data_as<int32_t>() : nullptr;
  const int input_w = input.dim(2);
  const int input_channels = input.dim(3);
  const int output_channels = filter.dim(0);
  const int filter_h = filter.dim(1);
  const int filter_w = filter.dim(2);
  const int filter_channels = filter.dim(3);
  const int filter_size = filter_h * filter_w * filter_channels;
  const int filters_per_group =
      output_channels / (input_channels / filter_channels);
  // Without dilation or groups the taps of one filter row that fall inside
  // the input read one contiguous input run, and their filter values too.
  const bool contiguous_rows =
      g.dilation_w == 1 && filter_channels == input_channels;
  const int32_t input_offset = q.input_offset;
  const int8_t* input_data = input.data_as<int8_t>();
  const int8_t* filter_data = filter.data_as<int8_t>();
  int8_t* output_data = output.data_as<int8_t>();
  const int row_step = g.dilation_h * input_w * input_channels;
  const int tap_step = g.dilation_w * input_channels;

  ForEachConvWindow(g, input, filter_h, filter_w, [=](const ConvWindow& w,
                                                      int pixel) {
    int8_t* out = output_data + pixel * output_channels;
    const int taps_x = w.tx.end - w.tx.begin;
    const int8_t* window = input_data + w.input_offset;
    const int filter_window =
        w.empty() ? 0 : (w.ty.begin * filter_w + w.tx.begin) * filter_channels;
    for (int oc = 0; oc < output_channels;) {
      const int group = oc / filters_per_group;
      // Two output channels of one group share their input reads.
      const bool pair =
          oc + 1 < output_channels && (oc + 1) / filters_per_group == group;
      const int8_t* in_row = window + group * filter_channels;
      const int8_t* f0 = filter_data + oc * filter_size + filter_window;
      const int8_t* f1 = f0 + filter_size;
      int32_t acc0 = 0;
      int32_t acc1 = 0;
      for (int fy = w.ty.begin; fy < w.ty.end; ++fy) {
        if (contiguous_rows) {
          const int n = taps_x * input_channels;
          if (pair) {
            DotInt8x2(in_row, f0, f1, n, input_offset, &acc0, &acc1);
          } else {
            acc0 = DotInt8(in_row, f0, n, input_offset, acc0);
          }
        } else {
          for (int t = 0; t < taps_x; ++t) {
            const int8_t* in = in_row + t * tap_step;
            const int f = t * filter_channels;
            if (pair) {
              DotInt8x2(in, f0 + f, f1 + f, filter_channels, input_offset,
                        &acc0, &acc1);
            } else {
              acc0 =
                  DotInt8(in, f0 + f, filter_channels, input_offset, acc0);
            }
          }
        }
        in_row += row_step;
        f0 += filter_w * filter_channels;
        f1 += filter_w * filter_channels;
      }
      out[oc] = Int8ConvOutput(acc0, bias_data, oc, q);
      if (pair) out[oc + 1] = Int8ConvOutput(acc1, bias_data, oc + 1, q);
      oc += pair ? 2 : 1;
    }
  });
}

void EvalConvInt16(const ConvOpData& data, const Tensor& input,
                   const Tensor& filter, const Tensor* bias, Tensor& output) {
  const ConvQuantParams& q = data.quant;
  if (bias != nullptr && bias->type == DataType::kInt32) {
    const int32_t* bias_data = bias->data_as<int32_t>();
    Convolve<int16_t, int8_t, int32_t>(
        data.geometry, input, filter, output.data_as<int16_t>(),
        [](int32_t acc, int16_t in, int8_t f) {
          return acc + static_cast<int32_t>(f) * in;
        },
        [&q, bias_data](int32_t acc, int oc) {
          return Int16ConvOutputInt32Bias(acc, bias_data, oc, q);
        });
    return;
  }
  Convolve<int16_t, int8_t, int64_t>(
      data.geometry, input, filter, output.data_as<int16_t>(),
      [](int64_t acc, int16_t in, int8_t f) {
        return acc + static_cast<int32_t>(f) * in;
      },
      [&q, bias](int64_t acc, int oc) {
        return Int16ConvOutput(acc, bias, oc, q);
      });
}

const KernelRegistration& Register_CONV_2D() {
  static const KernelRegistration r = {nullptr, Prepare, Eval, nullptr};
  return r;
}

}  // namespace tfmicro
