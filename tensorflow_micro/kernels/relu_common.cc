#include "tensorflow_micro/kernels/relu_common.h"

#include <limits>
#include <type_traits>

#include "tensorflow_micro/kernels/internal/quantization_util.h"
#include "tensorflow_micro/kernels/internal/tensor_util.h"

namespace tfmicro {
namespace {

constexpr int kInputTensor = 0;
constexpr int kOutputTensor = 0;

Status PrepareQuantized(OpContext& context, const Tensor* input,
                        const Tensor* output, ReluOpData* data) {
  TFM_RETURN_IF_ERROR(PrepareActivationRequantization(context, input, output,
                                                      &data->requantization));
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

}  // namespace

Status PrepareActivationRequantization(OpContext& context, const Tensor* input,
                                       const Tensor* output,
                                       ActivationRequantization* q) {
  TFM_RETURN_IF_ERROR(
      ExpectPerTensorQuantizedInputOutput(context, input, output));
  q->input_zero_point = input->zero_point();
  q->output_zero_point = output->zero_point();
  const float real_multiplier = input->scale() / output->scale();
  return QuantizeModelMultiplier(context, real_multiplier, "input / output",
                                 &q->multiplier, &q->shift);
}

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
  DispatchActivation(context, [&d](const auto* in, auto* out, int64_t size) {
    if constexpr (std::is_same<decltype(*in), const float&>::value) {
      // NaN maps to the lower bound, as std::max(min, x) does in TFLite.
      for (int64_t i = 0; i < size; ++i) {
        const float x = in[i];
        out[i] = x > d.min ? (x > d.max ? d.max : x) : d.min;
      }
    } else {
      const ActivationRequantization& q = d.requantization;
      RequantizeBuffer(in, size, q.input_zero_point, q.multiplier, q.shift,
                       q.output_zero_point, d.quantized_min, d.quantized_max,
                       out);
    }
  });
  return Status::kOk;
}

}  // namespace tfmicro
