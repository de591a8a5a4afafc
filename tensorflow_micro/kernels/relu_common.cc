#include "tensorflow_micro/kernels/relu_common.h"

#include <limits>

#include "tensorflow_micro/kernels/internal/quantization_util.h"
#include "tensorflow_micro/kernels/internal/tensor_util.h"

namespace tfmicro {
namespace {

constexpr int kInputTensor = 0;
constexpr int kOutputTensor = 0;

Status PrepareQuantized(OpContext& context, const Tensor* input,
                        const Tensor* output, ReluOpData* data) {
  TFM_RETURN_IF_ERROR(ExpectPerTensorQuantized(context, input, "input"));
  TFM_RETURN_IF_ERROR(ExpectPerTensorQuantized(context, output, "output"));
  if (input->type == DataType::kInt16) {
    TFM_ENSURE(context, input->zero_point() == 0 && output->zero_point() == 0,
               "INT16 tensors must have zero point 0, got input %d, output %d",
               static_cast<int>(input->zero_point()),
               static_cast<int>(output->zero_point()));
  }
  data->input_zero_point = input->zero_point();
  data->output_zero_point = output->zero_point();
  // TFLite divides the scales in float before widening to double.
  const float real_multiplier = input->scale() / output->scale();
  TFM_RETURN_IF_ERROR(QuantizeModelMultiplier(
      context, real_multiplier, "input / output", &data->multiplier,
      &data->shift));

  int32_t type_min;
  int32_t type_max;
  QuantizedTypeRange(output->type, &type_min, &type_max);
  const float scale = output->scale();
  const int32_t zero_point = output->zero_point();
  const int32_t quantized_min = QuantizeValue(data->min, scale, zero_point);
  data->quantized_min = quantized_min > type_min ? quantized_min : type_min;
  if (data->max == std::numeric_limits<float>::infinity()) {
    data->quantized_max = type_max;
  } else {
    const int32_t quantized_max = QuantizeValue(data->max, scale, zero_point);
    data->quantized_max = quantized_max < type_max ? quantized_max : type_max;
  }
  return Status::kOk;
}

template <typename T>
void EvalQuantized(const ReluOpData& d, const T* in, T* out, int64_t size) {
  RequantizeBuffer(in, size, d.input_zero_point, d.multiplier, d.shift,
                   d.output_zero_point, d.quantized_min, d.quantized_max, out);
}

}  // namespace

Status ReluPrepare(OpContext& context, float min, float max) {
  TFM_RETURN_IF_ERROR(ExpectUnaryOp(context, /*allow_int16=*/true));
  const Tensor* input = context.input(kInputTensor);
  const Tensor* output = context.output(kOutputTensor);
  ReluOpData* data = AllocateOpData<ReluOpData>(context);
  if (data == nullptr) return Status::kArenaTooSmall;
  data->min = min;
  data->max = max;
  if (input->type == DataType::kFloat32) return Status::kOk;
  return PrepareQuantized(context, input, output, data);
}

Status ReluEval(OpContext& context) {
  const auto& d = *static_cast<const ReluOpData*>(context.op_data());
  const Tensor* input = context.input(kInputTensor);
  Tensor* output = context.output(kOutputTensor);
  const int64_t size = input->num_elements();
  switch (input->type) {
    case DataType::kFloat32: {
      const float* in = input->data_as<float>();
      float* out = output->data_as<float>();
      // NaN maps to the lower bound, as std::max(min, x) does in TFLite.
      for (int64_t i = 0; i < size; ++i) {
        const float x = in[i];
        out[i] = x > d.min ? (x > d.max ? d.max : x) : d.min;
      }
      break;
    }
    case DataType::kInt8:
      EvalQuantized(d, input->data_as<int8_t>(), output->data_as<int8_t>(),
                    size);
      break;
    default:
      EvalQuantized(d, input->data_as<int16_t>(), output->data_as<int16_t>(),
                    size);
      break;
  }
  return Status::kOk;
}

}  // namespace tfmicro
