#include "tensorflow_micro/kernels/pooling_common.h"

#include <cmath>

#include "tensorflow_micro/kernels/internal/padding.h"
#include "tensorflow_micro/kernels/internal/quantization_util.h"
#include "tensorflow_micro/kernels/internal/tensor_util.h"
#include "tensorflow_micro/schema/schema_generated.h"

namespace tfmicro {
namespace {

constexpr int kInputTensor = 0;
constexpr int kOutputTensor = 0;

// TFLite treats input and output scales within this distance as equal.
constexpr float kSameScaleTolerance = 1e-6f;

Status CheckQuantization(OpContext& context, const Tensor* input,
                         const Tensor* output) {
  TFM_RETURN_IF_ERROR(ExpectQuantized(context, input, "input"));
  TFM_RETURN_IF_ERROR(ExpectQuantized(context, output, "output"));
  // The int8 kernels pool raw values without rescaling.
  TFM_ENSURE(context,
             std::fabs(input->scale() - output->scale()) <=
                     kSameScaleTolerance &&
                 input->zero_point() == output->zero_point(),
             "output quantization (scale %g, zero point %d) must equal the "
             "input's (scale %g, zero point %d)",
             static_cast<double>(output->scale()),
             static_cast<int>(output->zero_point()),
             static_cast<double>(input->scale()),
             static_cast<int>(input->zero_point()));
  TFM_ENSURE(context,
             input->type != DataType::kInt16 || input->zero_point() == 0,
             "INT16 tensors must have zero point 0, got %d",
             static_cast<int>(input->zero_point()));
  return Status::kOk;
}

}  // namespace

Status PreparePool(OpContext& context) {
  TFM_RETURN_IF_ERROR(ExpectIoCount(context, 1, 1, 1));
  const Tensor* input = context.input(kInputTensor);
  const Tensor* output = context.output(kOutputTensor);
  TFM_RETURN_IF_ERROR(ExpectFloat32Int8OrInt16(context, input, output));
  TFM_RETURN_IF_ERROR(ExpectRank(context, input, "input", 4));
  TFM_RETURN_IF_ERROR(ExpectRank(context, output, "output", 4));

  const auto* opts = context.options<schema::Pool2DOptions>();
  const bool valid_padding =
      opts != nullptr && opts->padding() == schema::Padding_VALID;
  const int32_t stride_h = opts != nullptr ? opts->stride_h() : 0;
  const int32_t stride_w = opts != nullptr ? opts->stride_w() : 0;
  const int32_t filter_h = opts != nullptr ? opts->filter_height() : 0;
  const int32_t filter_w = opts != nullptr ? opts->filter_width() : 0;
  const int activation = FusedActivationOf(opts);
  TFM_ENSURE(context, stride_h > 0 && stride_w > 0,
             "strides must be positive, got %dx%d (height x width)",
             static_cast<int>(stride_h), static_cast<int>(stride_w));
  TFM_ENSURE(context, filter_h > 0 && filter_w > 0,
             "filter size must be positive, got %dx%d (height x width)",
             static_cast<int>(filter_h), static_cast<int>(filter_w));

  PoolGeometry g;
  g.batches = input->dim(0);
  g.input_height = input->dim(1);
  g.input_width = input->dim(2);
  g.channels = input->dim(3);
  g.filter_height = filter_h;
  g.filter_width = filter_w;
  g.stride_height = stride_h;
  g.stride_width = stride_w;
  const PaddingMode mode =
      valid_padding ? PaddingMode::kValid : PaddingMode::kSame;
  g.output_height =
      ComputeOutputSize(mode, g.input_height, filter_h, stride_h, 1);
  g.output_width = ComputeOutputSize(mode, g.input_width, filter_w, stride_w, 1);
  TFM_ENSURE(context, g.output_height > 0 && g.output_width > 0,
             "the %dx%d filter does not fit the %dx%d input with VALID "
             "padding",
             static_cast<int>(filter_h), static_cast<int>(filter_w),
             static_cast<int>(g.input_height),
             static_cast<int>(g.input_width));
  const Padding2D padding = ComputePadding2D(
      stride_h, stride_w, 1, 1, g.input_height, g.input_width, filter_h,
      filter_w, g.output_height, g.output_width);
  g.padding_height = padding.height;
  g.padding_width = padding.width;
  TFM_ENSURE(context,
             output->dim(0) == g.batches &&
                 output->dim(1) == g.output_height &&
                 output->dim(2) == g.output_width &&
                 output->dim(3) == g.channels,
             "output shape [%d,%d,%d,%d] does not match the pooled shape "
             "[%d,%d,%d,%d]",
             static_cast<int>(output->dim(0)),
             static_cast<int>(output->dim(1)),
             static_cast<int>(output->dim(2)),
             static_cast<int>(output->dim(3)), static_cast<int>(g.batches),
             static_cast<int>(g.output_height),
             static_cast<int>(g.output_width), static_cast<int>(g.channels));
  PoolOpData* data = AllocateOpData<PoolOpData>(context);
  if (data == nullptr) return Status::kArenaTooSmall;
  data->geometry = g;
  if (input->type == DataType::kFloat32) {
    return CalculateActivationRangeFloat(context, activation,
                                         &data->float_activation_min,
                                         &data->float_activation_max);
  }
  TFM_RETURN_IF_ERROR(CheckQuantization(context, input, output));
  return CalculateActivationRangeQuantized(context, activation, output,
                                           &data->quantized_activation_min,
                                           &data->quantized_activation_max);
}

Status EvalPool(OpContext& context, const PoolFunctions& functions) {
  const auto& data = *static_cast<const PoolOpData*>(context.op_data());
  const Tensor* input = context.input(kInputTensor);
  Tensor* output = context.output(kOutputTensor);
  switch (input->type) {
    case DataType::kFloat32:
      functions.pool_float(data.geometry, data.float_activation_min,
                           data.float_activation_max, input->data_as<float>(),
                           output->data_as<float>());
      break;
    case DataType::kInt8:
      functions.pool_int8(data.geometry, data.quantized_activation_min,
                          data.quantized_activation_max,
                          input->data_as<int8_t>(), output->data_as<int8_t>());
      break;
    default:
      functions.pool_int16(data.geometry, data.quantized_activation_min,
                           data.quantized_activation_max,
                           input->data_as<int16_t>(),
                           output->data_as<int16_t>());
      break;
  }
  return Status::kOk;
}

}  // namespace tfmicro
