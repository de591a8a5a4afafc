// DEQUANTIZE: INT8, UINT8 or INT16 (per-tensor or per-channel) to FLOAT32,
// x = scale * (q - zero_point); and FLOAT16 to FLOAT32.
#include <cstdint>
#include <cstring>

#include "tensorflow_micro/kernels/internal/tensor_util.h"
#include "tensorflow_micro/kernels/reference_kernels.h"

namespace tfmicro {
namespace {

constexpr int kInputTensor = 0;
constexpr int kOutputTensor = 0;

struct OpData {
  ChannelBlocks blocks;  // the input's scales and zero points
};

Status PrepareQuantizedInput(OpContext& context, const Tensor* input,
                             OpData* data) {
  TFM_RETURN_IF_ERROR(ExpectHasQuantization(context, input, "input"));
  return ComputeChannelBlocks(context, input, "input", &data->blocks);
}

Status Prepare(OpContext& context) {
  TFM_RETURN_IF_ERROR(ExpectIoCount(context, 1, 1, 1));
  const Tensor* input = context.input(kInputTensor);
  const Tensor* output = context.output(kOutputTensor);
  TFM_RETURN_IF_ERROR(
      ExpectType(context, output, "output", DataType::kFloat32));
  TFM_RETURN_IF_ERROR(
      ExpectSameShape(context, output, "output", input, "input"));
  OpData* data = AllocateOpData<OpData>(context);
  if (data == nullptr) return Status::kArenaTooSmall;
  switch (input->type) {
    case DataType::kInt8:
    case DataType::kUInt8:
    case DataType::kInt16:
      return PrepareQuantizedInput(context, input, data);
    case DataType::kFloat16:
      return Status::kOk;
    default:
      return context.Error(
          "input type %s not supported (expected INT8, UINT8, INT16 or "
          "FLOAT16)",
          DataTypeName(input->type));
  }
}

template <typename T>
void Dequantize(const OpData& d, const Quantization& q, const T* in,
                float* out) {
  ForEachChannelBlock(
      d.blocks, q, [&](float scale, int32_t zero_point, int64_t begin) {
        for (int64_t i = begin; i < begin + d.blocks.inner; ++i) {
          // One correctly rounded float product: the same value as TFLite's
          // double product (exact) rounded to float, without double math.
          out[i] = scale *
                   static_cast<float>(static_cast<int32_t>(in[i]) - zero_point);
        }
      });
}

// IEEE 754 binary16 to binary32, including subnormals, infinities and NaN.
float HalfToFloat(uint16_t h) {
  const uint32_t sign = static_cast<uint32_t>(h & 0x8000u) << 16;
  uint32_t exponent = (h >> 10) & 0x1fu;
  uint32_t mantissa = h & 0x3ffu;
  uint32_t bits;
  if (exponent == 0x1f) {
    bits = sign | 0x7f800000u | (mantissa << 13);
  } else if (exponent != 0) {
    bits = sign | ((exponent + 112) << 23) | (mantissa << 13);
  } else if (mantissa == 0) {
    bits = sign;
  } else {
    // Subnormal: normalize the mantissa.
    exponent = 113;
    while ((mantissa & 0x400u) == 0) {
      mantissa <<= 1;
      --exponent;
    }
    bits = sign | (exponent << 23) | ((mantissa & 0x3ffu) << 13);
  }
  float f;
  std::memcpy(&f, &bits, sizeof(f));
  return f;
}

Status Eval(OpContext& context) {
  const auto& d = *static_cast<const OpData*>(context.op_data());
  const Tensor* input = context.input(kInputTensor);
  float* out = context.output(kOutputTensor)->data_as<float>();
  switch (input->type) {
    case DataType::kInt8:
      Dequantize(d, input->quant, input->data_as<int8_t>(), out);
      break;
    case DataType::kUInt8:
      Dequantize(d, input->quant, input->data_as<uint8_t>(), out);
      break;
    case DataType::kInt16:
      Dequantize(d, input->quant, input->data_as<int16_t>(), out);
      break;
    default: {
      const uint16_t* in = input->data_as<uint16_t>();
      const int64_t size = input->num_elements();
      for (int64_t i = 0; i < size; ++i) out[i] = HalfToFloat(in[i]);
      break;
    }
  }
  return Status::kOk;
}

}  // namespace

const KernelRegistration& Register_DEQUANTIZE() {
  static const KernelRegistration r = {nullptr, Prepare, Eval, nullptr};
  return r;
}

}  // namespace tfmicro
