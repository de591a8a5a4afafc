#include "tensorflow_micro/kernels/arithmetic_common.h"

namespace tfmicro {
namespace {

constexpr int kInput1Tensor = 0;
constexpr int kInput2Tensor = 1;
constexpr int kOutputTensor = 0;

}  // namespace

Status PrepareBroadcastBinaryOp(OpContext& context, TypeSet types,
                                bool bool_output, BroadcastParams* params) {
  TFM_RETURN_IF_ERROR(ExpectIoCount(context, 2, 2, 1));
  const Tensor* input1 = context.input(kInput1Tensor);
  const Tensor* input2 = context.input(kInput2Tensor);
  const Tensor* output = context.output(kOutputTensor);
  TFM_RETURN_IF_ERROR(ExpectTypeIn(context, input1, "input1", types));
  TFM_RETURN_IF_ERROR(
      ExpectSameType(context, input2, "input2", input1, "input1"));
  if (bool_output) {
    TFM_RETURN_IF_ERROR(ExpectType(context, output, "output", DataType::kBool));
  } else {
    TFM_RETURN_IF_ERROR(
        ExpectSameType(context, output, "output", input1, "input1"));
  }
  return PrepareBroadcast(context, input1, "input1", input2, "input2", output,
                          params);
}

Status ExpectArithmeticTypes(OpContext& context) {
  TFM_RETURN_IF_ERROR(ExpectIoCount(context, 2, 2, 1));
  const Tensor* input1 = context.input(kInput1Tensor);
  const Tensor* input2 = context.input(kInput2Tensor);
  const Tensor* output = context.output(kOutputTensor);
  const DataType type = input1->type;
  if (type != DataType::kFloat32 && type != DataType::kInt8 &&
      type != DataType::kInt16 && type != DataType::kInt32) {
    return context.Error(
        "input1 type %s not supported (expected FLOAT32, INT8, INT16 or "
        "INT32)",
        DataTypeName(type));
  }
  TFM_RETURN_IF_ERROR(
      ExpectSameType(context, input2, "input2", input1, "input1"));
  return ExpectSameType(context, output, "output", input1, "input1");
}

Status PrepareArithmetic(OpContext& context, int activation,
                         ArithmeticParams* params) {
  const Tensor* input1 = context.input(kInput1Tensor);
  const Tensor* input2 = context.input(kInput2Tensor);
  const Tensor* output = context.output(kOutputTensor);
  TFM_RETURN_IF_ERROR(PrepareBroadcast(context, input1, "input1", input2,
                                       "input2", output, &params->broadcast));
  switch (input1->type) {
    case DataType::kFloat32:
      return CalculateActivationRangeFloat(context, activation,
                                           &params->activation_min_f,
                                           &params->activation_max_f);
    case DataType::kInt32:
      return CalculateActivationRangeInt32(context, activation,
                                           &params->activation_min,
                                           &params->activation_max);
    default:
      break;
  }
  TFM_RETURN_IF_ERROR(ExpectPerTensorQuantized(context, input1, "input1"));
  TFM_RETURN_IF_ERROR(ExpectPerTensorQuantized(context, input2, "input2"));
  TFM_RETURN_IF_ERROR(ExpectPerTensorQuantized(context, output, "output"));
  if (output->type == DataType::kInt16) {
    TFM_ENSURE(context,
               input1->zero_point() == 0 && input2->zero_point() == 0 &&
                   output->zero_point() == 0,
               "INT16 tensors must have zero point 0, got input1 %d, input2 "
               "%d, output %d",
               static_cast<int>(input1->zero_point()),
               static_cast<int>(input2->zero_point()),
               static_cast<int>(output->zero_point()));
  }
  params->input1_offset = -input1->zero_point();
  params->input2_offset = -input2->zero_point();
  params->output_offset = output->zero_point();
  return Status::kOk;
}

}  // namespace tfmicro
