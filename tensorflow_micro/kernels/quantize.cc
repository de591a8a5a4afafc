// QUANTIZE: FLOAT32 to INT8, UINT8 or INT16 (per-tensor or per-channel),
// and requantization between integer types: INT8/UINT8 to INT8/UINT8,
// INT16 to INT8/INT16.
//
// Rounding follows TFLite's reference kernel: q = round(x / scale) in float
// (half away from zero), plus the zero point, saturated. Requantization
// rescales (q - zp_in) by in_scale / out_scale in fixed point.
#include <cmath>
#include <cstdint>

#include "tensorflow_micro/kernels/internal/quantization_util.h"
#include "tensorflow_micro/kernels/internal/tensor_util.h"
#include "tensorflow_micro/kernels/reference_kernels.h"

namespace tfmicro {
namespace {

constexpr int kInputTensor = 0;
constexpr int kOutputTensor = 0;

struct OpData {
  // FLOAT32 input: the output's scales and zero points.
  ChannelBlocks blocks;
  // Integer input.
  int32_t input_zero_point;
  int32_t output_zero_point;
  int32_t multiplier;
  int shift;
  int32_t output_min;
  int32_t output_max;
};

bool IsQuantizedIntType(DataType type) {
  return type == DataType::kInt8 || type == DataType::kUInt8 ||
         type == DataType::kInt16;
}

Status PrepareFloatInput(OpContext& context, const Tensor* output,
                         OpData* data) {
  TFM_RETURN_IF_ERROR(ExpectHasQuantization(context, output, "output"));
  const Quantization& q = output->quant;
  for (int c = 0; c < q.num_channels; ++c) {
    TFM_ENSURE(context, q.scales[c] > 0.f,
               "output scale %d must be positive, got %g", c,
               static_cast<double>(q.scales[c]));
  }
  return ComputeChannelBlocks(context, output, "output", &data->blocks);
}

Status PrepareRequantize(OpContext& context, const Tensor* input,
                         const Tensor* output, OpData* data) {
  const DataType in = input->type;
  const DataType out = output->type;
  const bool supported =
      ((in == DataType::kInt8 || in == DataType::kUInt8) &&
       (out == DataType::kInt8 || out == DataType::kUInt8)) ||
      (in == DataType::kInt16 &&
       (out == DataType::kInt8 || out == DataType::kInt16));
  if (!supported) {
    return context.Error(
        "requantizing %s to %s is not supported (INT8/UINT8 to INT8/UINT8, "
        "INT16 to INT8/INT16)",
        DataTypeName(in), DataTypeName(out));
  }
  TFM_RETURN_IF_ERROR(ExpectPerTensorQuantized(context, input, "input"));
  TFM_RETURN_IF_ERROR(ExpectPerTensorQuantized(context, output, "output"));
  if (in == DataType::kInt16) {
    TFM_ENSURE(context, input->zero_point() == 0,
               "INT16 input must have zero point 0, got %d",
               static_cast<int>(input->zero_point()));
  }
  data->input_zero_point = input->zero_point();
  data->output_zero_point = output->zero_point();
  const double effective_scale = static_cast<double>(input->scale()) /
                                 static_cast<double>(output->scale());
  return QuantizeModelMultiplier(context, effective_scale, "input / output",
                                 &data->multiplier, &data->shift);
}

Status Prepare(OpContext& context) {
  TFM_RETURN_IF_ERROR(ExpectIoCount(context, 1, 1, 1));
  const Tensor* input = context.input(kInputTensor);
  const Tensor* output = context.output(kOutputTensor);
  TFM_RETURN_IF_ERROR(
      ExpectSameShape(context, output, "output", input, "input"));
  if (!IsQuantizedIntType(output->type)) {
    return context.Error(
        "output type %s not supported (expected INT8, UINT8 or INT16)",
        DataTypeName(output->type));
  }
  OpData* data = AllocateOpData<OpData>(context);
  if (data == nullptr) return Status::kArenaTooSmall;
  QuantizedTypeRange(output->type, &data->output_min, &data->output_max);
  if (output->type == DataType::kInt16) {
    TFM_ENSURE(context, output->zero_point() == 0,
               "INT16 output must have zero point 0, got %d",
               static_cast<int>(output->zero_point()));
  }
  if (input->type == DataType::kFloat32) {
    return PrepareFloatInput(context, output, data);
  }
  if (!IsQuantizedIntType(input->type)) {
    return context.Error(
        "input type %s not supported (expected FLOAT32, INT8, UINT8 or INT16)",
        DataTypeName(input->type));
  }
  return PrepareRequantize(context, input, output, data);
}

template <typename T>
void QuantizeFloat(const OpData& d, const Quantization& q, const float* in,
                   T* out) {
  ForEachChannelBlock(
      d.blocks, q, [&](float scale, int32_t zero_point, int64_t begin) {
        // TFLite rounds x / scale in float, then adds the zero point and
        // saturates in double; clamping the rounded value to the range less
        // the zero point gives the same result without double arithmetic.
        const auto low = static_cast<float>(d.output_min - zero_point);
        const auto high = static_cast<float>(d.output_max - zero_point);
        for (int64_t i = begin; i < begin + d.blocks.inner; ++i) {
          const float rounded = std::round(in[i] / scale);
          int32_t value;
          if (rounded < low) {
            value = d.output_min;
          } else if (rounded > high) {
            value = d.output_max;
          } else if (rounded == rounded) {
            value = static_cast<int32_t>(rounded) + zero_point;
          } else {
            value = zero_point;  // NaN
          }
          out[i] = static_cast<T>(value);
        }
      });
}

template <typename In, typename Out>
void Requantize(const OpData& d, const In* in, Out* out, int64_t size) {
  RequantizeBuffer(in, size, d.input_zero_point, d.multiplier, d.shift,
                   d.output_zero_point, d.output_min, d.output_max, out);
}

template <typename In>
void RequantizeTo(const OpData& d, const In* in, Tensor* output, int64_t size) {
  switch (output->type) {
    case DataType::kInt8:
      Requantize(d, in, output->data_as<int8_t>(), size);
      break;
    case DataType::kUInt8:
      Requantize(d, in, output->data_as<uint8_t>(), size);
      break;
    default:
      Requantize(d, in, output->data_as<int16_t>(), size);
      break;
  }
}

Status Eval(OpContext& context) {
  const auto& d = *static_cast<const OpData*>(context.op_data());
  const Tensor* input = context.input(kInputTensor);
  Tensor* output = context.output(kOutputTensor);
  const int64_t size = input->num_elements();
  switch (input->type) {
    case DataType::kFloat32: {
      const float* in = input->data_as<float>();
      switch (output->type) {
        case DataType::kInt8:
          QuantizeFloat(d, output->quant, in, output->data_as<int8_t>());
          break;
        case DataType::kUInt8:
          QuantizeFloat(d, output->quant, in, output->data_as<uint8_t>());
          break;
        default:
          QuantizeFloat(d, output->quant, in, output->data_as<int16_t>());
          break;
      }
      break;
    }
    case DataType::kInt8:
      RequantizeTo(d, input->data_as<int8_t>(), output, size);
      break;
    case DataType::kUInt8:
      RequantizeTo(d, input->data_as<uint8_t>(), output, size);
      break;
    default:
      RequantizeTo(d, input->data_as<int16_t>(), output, size);
      break;
  }
  return Status::kOk;
}

}  // namespace

const KernelRegistration& Register_QUANTIZE() {
  static const KernelRegistration r = {nullptr, Prepare, Eval, nullptr};
  return r;
}

}  // namespace tfmicro
