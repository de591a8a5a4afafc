#include "tensorflow_micro/kernels/lut_activation_common.h"

#include <cmath>
#include <cstdlib>

#include "tensorflow_micro/kernels/internal/tensor_util.h"

namespace tfmicro {
namespace {

constexpr int kInputTensor = 0;
constexpr int kOutputTensor = 0;

// log2(x) when x is within 1e-3 (in the exponent) of a power of two;
// computed in float as TFLite's CheckedLog2.
bool CheckedLog2(float x, int* log2) {
  const float x_log2 = std::log(x) * (1.0f / std::log(2.0f));
  const float rounded = std::round(x_log2);
  *log2 = static_cast<int>(rounded);
  return std::fabs(x_log2 - rounded) < 1e-3f;
}

Status PrepareInt16(OpContext& context, Int16Sigmoid kind,
                    const Tensor* input, const Tensor* output) {
  TFM_RETURN_IF_ERROR(
      ExpectPerTensorQuantizedInputOutput(context, input, output));
  int output_log2;
  TFM_ENSURE(context,
             CheckedLog2(output->scale(), &output_log2) && output_log2 == -15 &&
                 (kind != Int16Sigmoid::kLogistic ||
                  output->scale() == 1.f / 32768),
             "int16 output scale must be 2^-15 (1/32768), got %g",
             static_cast<double>(output->scale()));
  auto* data = AllocateOpData<Int16SigmoidOpData>(context);
  if (data == nullptr) return Status::kArenaTooSmall;
  data->kind = kind;
  // 3 integer bits: a power-of-two input scale 2^-12 (or 2^-11 for tanh)
  // needs no multiplier, the kernel uses 3 << shift.
  int input_log2;
  bool power_of_two = CheckedLog2(input->scale(), &input_log2);
  data->input_left_shift = 12 + input_log2;
  power_of_two &= data->input_left_shift == 0 ||
                  (kind == Int16Sigmoid::kTanh && data->input_left_shift == 1);
  data->input_multiplier = 0;
  if (!power_of_two) {
    double multiplier = static_cast<double>(input->scale()) * 4096.0 * 3.0;
    // The multiplier must fit int32 (and be a number): larger scales
    // saturate every input anyway, but only a model could ask for them.
    TFM_ENSURE(context, multiplier > 0.0 && multiplier < 2147483647.0,
               "int16 input scale %g is outside the range the lookup can "
               "rescale (0, %g)",
               static_cast<double>(input->scale()),
               2147483647.0 / (4096.0 * 3.0));
    data->input_left_shift = 0;
    while (multiplier <= 32767.0 / 2.0 && data->input_left_shift <= 30) {
      ++data->input_left_shift;
      multiplier *= 2.0;
    }
    data->input_multiplier = static_cast<int32_t>(multiplier);
  }
  PopulateSigmoidTable(data->table);
  return Status::kOk;
}

// The table interpolated at |x| in steps of 2^-fraction_bits.
uint32_t InterpolateSigmoid(const uint16_t* table, uint32_t abs_x,
                            int fraction_bits) {
  const uint32_t index = abs_x >> fraction_bits;
  const uint32_t low = table[index];
  const uint32_t high = table[index + 1];
  const uint32_t fraction = abs_x & ((1u << fraction_bits) - 1);
  return (low << fraction_bits) + fraction * (high - low);
}

void EvalInt16(const Int16SigmoidOpData& d, const int16_t* in, int16_t* out,
               int64_t size) {
  int32_t multiplier = d.input_multiplier;
  int shift = d.input_left_shift;
  if (multiplier == 0) {  // power-of-two input scale
    multiplier = 3 << shift;
    shift = 0;
  }
  const int32_t round = shift > 0 ? 1 << (shift - 1) : 0;
  for (int64_t i = 0; i < size; ++i) {
    const int32_t x = (in[i] * multiplier + round) >> shift;
    const uint32_t abs_x = static_cast<uint32_t>(std::abs(x));
    if (d.kind == Int16Sigmoid::kLogistic) {
      // sigmoid(|x|) in Q25; negative x by symmetry: 1 - sigmoid(|x|).
      uint32_t result = (abs_x >> 9) >= 255
                            ? 0x7FFFu << 10
                            : InterpolateSigmoid(d.table, abs_x, 9);
      result = x >= 0 ? result + (1u << 9)
                      : (1u << 25) - result + (1u << 9) - 1;
      out[i] = static_cast<int16_t>(result >> 10);
    } else {
      // tanh(x) = 2 sigmoid(2x) - 1: the table at twice the rate.
      int32_t result =
          (abs_x >> 8) >= 255
              ? 0xFFFF << 8
              : static_cast<int32_t>(InterpolateSigmoid(d.table, abs_x, 8));
      result = x >= 0 ? result - (1 << 23) + (1 << 7)
                      : -result + (1 << 23) + (1 << 7) - 1;
      out[i] = static_cast<int16_t>(result >> 8);
    }
  }
}

}  // namespace

Status PrepareLutActivation(OpContext& context, float (*transform)(float),
                            Int16Sigmoid int16) {
  TFM_RETURN_IF_ERROR(
      ExpectUnaryOp(context, /*allow_int16=*/int16 != Int16Sigmoid::kNone));
  const Tensor* input = context.input(kInputTensor);
  const Tensor* output = context.output(kOutputTensor);
  if (input->type == DataType::kInt16) {
    return PrepareInt16(context, int16, input, output);
  }
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
  } else if (input->type == DataType::kInt8) {
    const auto* data =
        static_cast<const LutActivationOpData*>(context.op_data());
    LookupInt8(data->lut, input->data_as<int8_t>(), output->data_as<int8_t>(),
               size);
  } else {
    EvalInt16(*static_cast<const Int16SigmoidOpData*>(context.op_data()),
              input->data_as<int16_t>(), output->data_as<int16_t>(), size);
  }
  return Status::kOk;
}

}  // namespace tfmicro
