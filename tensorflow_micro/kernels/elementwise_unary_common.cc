#include "tensorflow_micro/kernels/elementwise_unary_common.h"

#include "tensorflow_micro/kernels/internal/tensor_util.h"

namespace tfmicro {
namespace {

constexpr int kInputTensor = 0;
constexpr int kOutputTensor = 0;

}  // namespace

Status UnaryPrepare(OpContext& context, TypeSet types, bool int16_quantized,
                    UnaryOpData** data) {
  TFM_RETURN_IF_ERROR(ExpectIoCount(context, 1, 1, 1));
  const Tensor* input = context.input(kInputTensor);
  const Tensor* output = context.output(kOutputTensor);
  TFM_RETURN_IF_ERROR(ExpectTypeIn(context, input, "input", types));
  TFM_RETURN_IF_ERROR(
      ExpectSameType(context, output, "output", input, "input"));
  TFM_RETURN_IF_ERROR(
      ExpectSameShape(context, output, "output", input, "input"));
  *data = AllocateOpData<UnaryOpData>(context);
  if (*data == nullptr) return Status::kArenaTooSmall;
  const bool quantized =
      input->type == DataType::kInt8 ||
      (input->type == DataType::kInt16 &&
       (int16_quantized || input->quant.num_channels > 0));
  (*data)->quantized = quantized;
  if (!quantized) return Status::kOk;
  TFM_RETURN_IF_ERROR(
      ExpectPerTensorQuantizedInputOutput(context, input, output));
  (*data)->input_scale = input->scale();
  (*data)->output_scale = output->scale();
  (*data)->input_zero_point = input->zero_point();
  (*data)->output_zero_point = output->zero_point();
  return Status::kOk;
}

void UnaryEvalLut(OpContext& context) {
  const auto& d = *static_cast<const UnaryOpData*>(context.op_data());
  const Tensor* input = context.input(kInputTensor);
  Tensor* output = context.output(kOutputTensor);
  if (input->type == DataType::kInt8) {
    LookupInt8(d.lut8, input->data_as<int8_t>(), output->data_as<int8_t>(),
               input->num_elements());
  } else {
    LookupInt16(d.lut16, input->data_as<int16_t>(),
                output->data_as<int16_t>(), input->num_elements());
  }
}

Status UnaryPrepareFloat(OpContext& context) {
  UnaryOpData* data;
  return UnaryPrepare(context, kFloat32Only, false, &data);
}

Status UnaryEvalFloat(OpContext& context, float (*fn)(float)) {
  UnaryMap<float>(context, fn);
  return Status::kOk;
}

}  // namespace tfmicro
