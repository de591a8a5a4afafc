// SQUARED_DIFFERENCE: (input1 - input2)^2 elementwise with broadcasting.
// FLOAT32, INT32 (wrapping) and INT8.
//
// INT8 as TFLite's reference kernel: both inputs (offsets added) shifted
// left by 7 bits and scaled by their scale over twice the larger input
// scale, their difference squared and rescaled by (2 * max scale)^2 /
// (2^14 * out_scale).
#include <cstdint>

#include "tensorflow_micro/kernels/arithmetic_common.h"
#include "tensorflow_micro/kernels/internal/quantization_util.h"
#include "tensorflow_micro/kernels/internal/tensor_util.h"
#include "tensorflow_micro/kernels/reference_kernels.h"

namespace tfmicro {
namespace {

constexpr TypeSet kTypes = TypeBit(DataType::kFloat32) |
                           TypeBit(DataType::kInt32) | TypeBit(DataType::kInt8);
constexpr int kLeftShift = 7;

struct OpData {
  BroadcastParams broadcast;
  int32_t input1_offset;
  int32_t input2_offset;
  int32_t output_offset;
  // The inputs' common scale as ADD's (left shift 7), then the output's.
  AddSubQuantization scaling;
};

Status Prepare(OpContext& context) {
  OpData* data = AllocateOpData<OpData>(context);
  if (data == nullptr) return Status::kArenaTooSmall;
  TFM_RETURN_IF_ERROR(
      PrepareBroadcastBinaryOp(context, kTypes, false, &data->broadcast));
  const Tensor* input1 = context.input(0);
  const Tensor* input2 = context.input(1);
  const Tensor* output = context.output(0);
  if (input1->type != DataType::kInt8) return Status::kOk;
  TFM_RETURN_IF_ERROR(ExpectPerTensorQuantized(context, input1, "input1"));
  TFM_RETURN_IF_ERROR(ExpectPerTensorQuantized(context, input2, "input2"));
  TFM_RETURN_IF_ERROR(ExpectPerTensorQuantized(context, output, "output"));
  data->input1_offset = -input1->zero_point();
  data->input2_offset = -input2->zero_point();
  data->output_offset = output->zero_point();
  const double twice_max_input_scale =
      2.0 * static_cast<double>(input1->scale() > input2->scale()
                                    ? input1->scale()
                                    : input2->scale());
  TFM_RETURN_IF_ERROR(QuantizeMultiplierBelowOne(
      context, static_cast<double>(input1->scale()) / twice_max_input_scale,
      "input1", &data->scaling.input1_multiplier,
      &data->scaling.input1_shift));
  TFM_RETURN_IF_ERROR(QuantizeMultiplierBelowOne(
      context, static_cast<double>(input2->scale()) / twice_max_input_scale,
      "input2", &data->scaling.input2_multiplier,
      &data->scaling.input2_shift));
  // 2^14 times the output scale in float, then widened, as TFLite does.
  const double real_output_multiplier =
      twice_max_input_scale * twice_max_input_scale /
      static_cast<double>(static_cast<float>(1 << (2 * kLeftShift)) *
                          output->scale());
  data->scaling.left_shift = kLeftShift;
  return QuantizeModelMultiplier(context, real_output_multiplier, "output",
                                 &data->scaling.output_multiplier,
                                 &data->scaling.output_shift);
}

int8_t SquaredDifferenceInt8(const OpData& d, int8_t a, int8_t b) {
  const AddSubQuantization& q = d.scaling;
  const int32_t difference = AddSubScaleInput1(q, d.input1_offset + a) -
                             AddSubScaleInput2(q, d.input2_offset + b);
  const int32_t output =
      MultiplyByQuantizedMultiplier(difference * difference,
                                    q.output_multiplier, q.output_shift) +
      d.output_offset;
  return static_cast<int8_t>(Clamp<int32_t>(output, -128, 127));
}

Status Eval(OpContext& context) {
  const auto& d = *static_cast<const OpData*>(context.op_data());
  switch (context.input(0)->type) {
    case DataType::kFloat32:
      EvalBroadcastBinaryOp<float, float>(context, d.broadcast,
                                          [](float a, float b) {
                                            const float diff = a - b;
                                            return diff * diff;
                                          });
      break;
    case DataType::kInt32:
      EvalBroadcastBinaryOp<int32_t, int32_t>(
          context, d.broadcast, [](int32_t a, int32_t b) {
            // Wraps on overflow like two's complement hardware.
            const uint32_t diff =
                static_cast<uint32_t>(a) - static_cast<uint32_t>(b);
            return static_cast<int32_t>(diff * diff);
          });
      break;
    default:
      EvalBroadcastBinaryOp<int8_t, int8_t>(
          context, d.broadcast,
          [&d](int8_t a, int8_t b) { return SquaredDifferenceInt8(d, a, b); });
      break;
  }
  return Status::kOk;
}

}  // namespace

const KernelRegistration& Register_SQUARED_DIFFERENCE() {
  static const KernelRegistration r = {nullptr, Prepare, Eval, nullptr};
  return r;
}

}  // namespace tfmicro
