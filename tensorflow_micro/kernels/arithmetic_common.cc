#include "tensorflow_micro/kernels/arithmetic_common.h"

#include <cmath>
#include <limits>

#include "tensorflow_micro/kernels/internal/in_place.h"

namespace tfmicro {
namespace {

constexpr int kInput1Tensor = 0;
constexpr int kInput2Tensor = 1;
constexpr int kOutputTensor = 0;

constexpr int kInt8LeftShift = 20;
constexpr int kInt16LeftShift = 15;

// TFLite's test for a power-of-two scale (log2 within 1e-3 of an integer).
bool IsPowerOfTwoScale(float scale) {
  const float log2 = std::log(scale) * (1.0f / std::log(2.0f));
  return std::fabs(log2 - std::round(log2)) < 1e-3f;
}

}  // namespace

Status QuantizeMultiplierBelowOne(OpContext& context, double real,
                                  const char* what, int32_t* multiplier,
                                  int* shift) {
  TFM_RETURN_IF_ERROR(
      QuantizeModelMultiplier(context, real, what, multiplier, shift));
  if (*shift > 0) {
    return context.Error(
        "%s rescale factor %g is not below one: the output scale is too "
        "small for the input scales",
        what, real);
  }
  return Status::kOk;
}

Status AllowBinaryInPlace(OpContext& context) {
  TFM_RETURN_IF_ERROR(
      AllowElementwiseInPlace(context, kInput1Tensor, kOutputTensor));
  return AllowElementwiseInPlace(context, kInput2Tensor, kOutputTensor);
}

Status PrepareBroadcastBinaryOpData(OpContext& context, TypeSet types,
                                    bool bool_output) {
  auto* broadcast = AllocateOpData<BroadcastParams>(context);
  if (broadcast == nullptr) return Status::kArenaTooSmall;
  return PrepareBroadcastBinaryOp(context, types, bool_output, broadcast);
}

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
      type != DataType::kInt16 && type != DataType::kInt32 &&
      type != DataType::kInt64) {
    return context.Error(
        "input1 type %s not supported (expected FLOAT32, INT8, INT16, INT32 "
        "or INT64)",
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
    case DataType::kInt64: {
      // TFLite's int64 range: the type's limits where the activation sets
      // none, its small bounds (0, 6, -1, 1) otherwise.
      int32_t min;
      int32_t max;
      TFM_RETURN_IF_ERROR(
          CalculateActivationRangeInt32(context, activation, &min, &max));
      params->activation_min64 = min == std::numeric_limits<int32_t>::min()
                                     ? std::numeric_limits<int64_t>::min()
                                     : min;
      params->activation_max64 = max == std::numeric_limits<int32_t>::max()
                                     ? std::numeric_limits<int64_t>::max()
                                     : max;
      return Status::kOk;
    }
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

Status PrepareAddSubQuantized(OpContext& context, int activation,
                              bool pot_scale_int16, AddSubQuantization* q,
                              ArithmeticParams* params) {
  const Tensor* input1 = context.input(kInput1Tensor);
  const Tensor* input2 = context.input(kInput2Tensor);
  const Tensor* output = context.output(kOutputTensor);
  const bool is_int16 = output->type == DataType::kInt16;
  if (is_int16) {
    TFM_ENSURE(context,
               !(pot_scale_int16 && IsPowerOfTwoScale(input1->scale()) &&
                 IsPowerOfTwoScale(input2->scale()) &&
                 IsPowerOfTwoScale(output->scale())),
               "INT16 with pot_scale_int16 and power-of-two scales is not "
               "supported (only the general rescaling path)");
  }
  q->left_shift = is_int16 ? kInt16LeftShift : kInt8LeftShift;
  // Same float/double mix as TFLite so the multipliers match bit for bit.
  const float max_input_scale =
      input1->scale() > input2->scale() ? input1->scale() : input2->scale();
  const double twice_max_input_scale = 2 * max_input_scale;
  const double real_input1_multiplier = input1->scale() / twice_max_input_scale;
  const double real_input2_multiplier = input2->scale() / twice_max_input_scale;
  const double real_output_multiplier =
      twice_max_input_scale /
      (static_cast<float>(1 << q->left_shift) * output->scale());
  TFM_RETURN_IF_ERROR(QuantizeMultiplierBelowOne(
      context, real_input1_multiplier, "input1", &q->input1_multiplier,
      &q->input1_shift));
  TFM_RETURN_IF_ERROR(QuantizeMultiplierBelowOne(
      context, real_input2_multiplier, "input2", &q->input2_multiplier,
      &q->input2_shift));
  TFM_RETURN_IF_ERROR(QuantizeMultiplierBelowOne(
      context, real_output_multiplier, "output", &q->output_multiplier,
      &q->output_shift));
  return CalculateActivationRangeQuantized(context, activation, output,
                                           &params->activation_min,
                                           &params->activation_max);
}

}  // namespace tfmicro
