#include "tensorflow_micro/kernels/conv_common.h"

#include "tensorflow_micro/kernels/internal/quantization_util.h"

namespace tfmicro {

Status PaddingModeFromSchema(OpContext& context, schema::Padding padding,
                             PaddingMode* mode) {
  switch (padding) {
    case schema::Padding_SAME:
      *mode = PaddingMode::kSame;
      return Status::kOk;
    case schema::Padding_VALID:
      *mode = PaddingMode::kValid;
      return Status::kOk;
  }
  return context.Error("padding %d not supported (expected SAME or VALID)",
                       static_cast<int>(padding));
}

Status ExpectConvRanks(OpContext& context, const Tensor* input,
                       const Tensor* filter, const Tensor* output) {
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
  return Status::kOk;
}

Status QuantizedBiasType(OpContext& context, DataType input_type,
                         schema::TensorType option, DataType* bias_type) {
  if (input_type == DataType::kInt16) {
    TFM_ENSURE(context,
               option == schema::TensorType_FLOAT32 ||
                   option == schema::TensorType_INT32 ||
                   option == schema::TensorType_INT64,
               "quantized_bias_type %s not supported for INT16 (expected "
               "INT64 or INT32)",
               schema::EnumNameTensorType(option));
    *bias_type = option == schema::TensorType_INT32 ? DataType::kInt32
                                                    : DataType::kInt64;
    return Status::kOk;
  }
  TFM_ENSURE(context,
             option == schema::TensorType_FLOAT32 ||
                 option == schema::TensorType_INT32,
             "quantized_bias_type %s not supported for %s (expected INT32)",
             schema::EnumNameTensorType(option), DataTypeName(input_type));
  *bias_type = DataType::kInt32;
  return Status::kOk;
}

Status ExpectConvOutputShape(OpContext& context, const Tensor* output,
                             int32_t batches, const ConvGeometry& geometry,
                             int32_t output_channels) {
  const int32_t expected[4] = {batches, geometry.output_h, geometry.output_w,
                               output_channels};
  for (int i = 0; i < 4; ++i) {
    TFM_ENSURE(
        context, output->dim(i) == expected[i],
        "output shape [%d, %d, %d, %d] does not match the expected "
        "[%d, %d, %d, %d]",
        static_cast<int>(output->dim(0)), static_cast<int>(output->dim(1)),
        static_cast<int>(output->dim(2)), static_cast<int>(output->dim(3)),
        static_cast<int>(expected[0]), static_cast<int>(expected[1]),
        static_cast<int>(expected[2]), static_cast<int>(expected[3]));
  }
  return Status::kOk;
}

Status PrepareConvOutput(OpContext& context, const Tensor* input,
                         const Tensor* filter, const Tensor* output,
                         int activation, int channel_dim, int num_channels,
                         float* float_activation_min,
                         float* float_activation_max, ConvQuantParams* quant) {
  if (input->type == DataType::kFloat32) {
    return CalculateActivationRangeFloat(
        context, activation, float_activation_min, float_activation_max);
  }
  return PrepareConvQuantParams(context, input, filter, output, activation,
                                channel_dim, num_channels, quant);
}

}  // namespace tfmicro
