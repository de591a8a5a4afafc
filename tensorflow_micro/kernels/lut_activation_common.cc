#include "tensorflow_micro/kernels/lut_activation_common.h"

#include "tensorflow_micro/kernels/internal/tensor_util.h"

namespace tfmicro {
namespace {

constexpr int kInputTensor = 0;
constexpr int kOutputTensor = 0;

}  // namespace

Status PrepareLutActivation(OpContext& context, float (*transform)(float)) {
  TFM_RETURN_IF_ERROR(ExpectUnaryOp(context, /*allow_int16=*/false));
  const Tensor* input = context.input(kInputTensor);
  const Tensor* output = context.output(kOutputTensor);
  if (input->type != DataType::kInt8) return Status::kOk;

  TFM_RETURN_IF_ERROR(ExpectQuantized(context, input, "input"));
  TFM_RETURN_IF_ERROR(ExpectQuantized(context, output, "output"));
  auto* data = static_cast<LutActivationOpData*>(
      context.AllocatePersistent(sizeof(LutActivationOpData)));
  if (data == nullptr) return Status::kArenaTooSmall;
  PopulateInt8Lut(input->scale(), input->zero_point(), output->scale(),
                  output->zero_point(), transform, data->lut);
  context.set_op_data(data);
  return Status::kOk;
}

Status EvalLutActivation(OpContext& context, float (*float_function)(float)) {
  const Tensor* input = context.input(kInputTensor);
  Tensor* output = context.output(kOutputTensor);
  const int64_t size = input->num_elements();
  if (input->type == DataType::kFloat32) {
    const float* in = input->data_as<float>();
    float* out = output->data_as<float>();
    for (int64_t i = 0; i < size; ++i) out[i] = float_function(in[i]);
  } else {
    const auto* data =
        static_cast<const LutActivationOpData*>(context.op_data());
    LookupInt8(data->lut, input->data_as<int8_t>(), output->data_as<int8_t>(),
               size);
  }
  return Status::kOk;
}

}  // namespace tfmicro
