// MUL: elementwise product with NumPy broadcasting (rank <= 6) and a fused
// activation. FLOAT32, INT32, INT8 and INT16 (zero points 0).
//
// Quantized: (q1 - zp1) * (q2 - zp2) rescaled by in1_scale * in2_scale /
// out_scale, as TFLite's reference kernel does.
#include <cstdint>

#include "tensorflow_micro/kernels/internal/broadcast.h"
#include "tensorflow_micro/kernels/internal/quantization_util.h"
#include "tensorflow_micro/kernels/internal/tensor_util.h"
#include "tensorflow_micro/kernels/reference_kernels.h"
#include "tensorflow_micro/schema/schema_generated.h"

namespace tfmicro {
namespace {

constexpr int kInput1Tensor = 0;
constexpr int kInput2Tensor = 1;
constexpr int kOutputTensor = 0;

struct OpData {
  BroadcastParams broadcast;
  int32_t input1_offset;
  int32_t input2_offset;
  int32_t output_offset;
  int32_t output_multiplier;
  int output_shift;
  int32_t activation_min;
  int32_t activation_max;
  float activation_min_f;
  float activation_max_f;
};

Status PrepareQuantized(OpContext& context, int activation,
                        const Tensor* input1, const Tensor* input2,
                        const Tensor* output, OpData* data) {
  TFM_RETURN_IF_ERROR(ExpectPerTensorQuantized(context, input1, "input1"));
  TFM_RETURN_IF_ERROR(ExpectPerTensorQuantized(context, input2, "input2"));
  TFM_RETURN_IF_ERROR(ExpectPerTensorQuantized(context, output, "output"));
  if (output->type == DataType::kInt16) {
    // (q1 - zp1) * (q2 - zp2) must fit in 32 bits.
    TFM_ENSURE(context,
               input1->zero_point() == 0 && input2->zero_point() == 0 &&
                   output->zero_point() == 0,
               "INT16 tensors must have zero point 0, got input1 %d, input2 "
               "%d, output %d",
               static_cast<int>(input1->zero_point()),
               static_cast<int>(input2->zero_point()),
               static_cast<int>(output->zero_point()));
  }
  data->input1_offset = -input1->zero_point();
  data->input2_offset = -input2->zero_point();
  data->output_offset = output->zero_point();
  // The product of the scales is taken in float, as TFLite does, before
  // widening to double.
  const float real_multiplier =
      input1->scale() * input2->scale() / output->scale();
  QuantizeMultiplier(real_multiplier, &data->output_multiplier,
                     &data->output_shift);
  return CalculateActivationRangeQuantized(context, activation, output,
                                           &data->activation_min,
                                           &data->activation_max);
}

Status Prepare(OpContext& context) {
  TFM_RETURN_IF_ERROR(ExpectIoCount(context, 2, 2, 1));
  const Tensor* input1 = context.input(kInput1Tensor);
  const Tensor* input2 = context.input(kInput2Tensor);
  const Tensor* output = context.output(kOutputTensor);
  const auto* opts = context.options<schema::MulOptions>();
  const int activation =
      opts != nullptr ? static_cast<int>(opts->fused_activation_function())
                      : kActivationNone;

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
  TFM_RETURN_IF_ERROR(
      ExpectSameType(context, output, "output", input1, "input1"));

  OpData* data = AllocateOpData<OpData>(context);
  if (data == nullptr) return Status::kArenaTooSmall;
  TFM_RETURN_IF_ERROR(PrepareBroadcast(context, input1, "input1", input2,
                                       "input2", output, &data->broadcast));

  switch (type) {
    case DataType::kFloat32:
      return CalculateActivationRangeFloat(context, activation,
                                           &data->activation_min_f,
                                           &data->activation_max_f);
    case DataType::kInt32:
      return CalculateActivationRangeInt32(
          context, activation, &data->activation_min, &data->activation_max);
    default:
      return PrepareQuantized(context, activation, input1, input2, output,
                              data);
  }
}

template <typename T>
void EvalQuantized(const OpData& d, const Tensor* input1, const Tensor* input2,
                   Tensor* output) {
  BroadcastBinary(d.broadcast, input1->data_as<T>(), input2->data_as<T>(),
                  output->data_as<T>(), [&d](T a, T b) {
                    const int32_t product =
                        (d.input1_offset + static_cast<int32_t>(a)) *
                        (d.input2_offset + static_cast<int32_t>(b));
                    const int32_t result =
                        MultiplyByQuantizedMultiplier(
                            product, d.output_multiplier, d.output_shift) +
                        d.output_offset;
                    return static_cast<T>(
                        Clamp(result, d.activation_min, d.activation_max));
                  });
}

Status Eval(OpContext& context) {
  const auto& d = *static_cast<const OpData*>(context.op_data());
  const Tensor* input1 = context.input(kInput1Tensor);
  const Tensor* input2 = context.input(kInput2Tensor);
  Tensor* output = context.output(kOutputTensor);
  switch (output->type) {
    case DataType::kFloat32:
      BroadcastBinary(d.broadcast, input1->data_as<float>(),
                      input2->data_as<float>(), output->data_as<float>(),
                      [&d](float a, float b) {
                        return ActivationClamp(a * b, d.activation_min_f,
                                               d.activation_max_f);
                      });
      break;
    case DataType::kInt32:
      BroadcastBinary(
          d.broadcast, input1->data_as<int32_t>(), input2->data_as<int32_t>(),
          output->data_as<int32_t>(), [&d](int32_t a, int32_t b) {
            // Wraps on overflow like TFLite's two's-complement arithmetic.
            const auto product = static_cast<int32_t>(static_cast<uint32_t>(a) *
                                                      static_cast<uint32_t>(b));
            return Clamp(product, d.activation_min, d.activation_max);
          });
      break;
    case DataType::kInt8:
      EvalQuantized<int8_t>(d, input1, input2, output);
      break;
    default:
      EvalQuantized<int16_t>(d, input1, input2, output);
      break;
  }
  return Status::kOk;
}

}  // namespace

const KernelRegistration& Register_MUL() {
  static const KernelRegistration r = {nullptr, Prepare, Eval, nullptr};
  return r;
}

}  // namespace tfmicro
