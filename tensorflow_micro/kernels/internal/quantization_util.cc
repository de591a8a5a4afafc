#include "tensorflow_micro/kernels/internal/quantization_util.h"

#include <cmath>

namespace tfmicro {

void QuantizeMultiplier(double real_multiplier, int32_t* quantized_multiplier,
                        int* shift) {
  if (real_multiplier == 0.0) {
    *quantized_multiplier = 0;
    *shift = 0;
    return;
  }
  const double fraction = std::frexp(real_multiplier, shift);
  int64_t fixed = static_cast<int64_t>(std::round(fraction * (1LL << 31)));
  if (fixed == (1LL << 31)) {
    fixed /= 2;
    ++*shift;
  }
  if (*shift < -31) {
    *shift = 0;
    fixed = 0;
  }
  *quantized_multiplier = static_cast<int32_t>(fixed);
}

void QuantizedTypeRange(DataType type, int32_t* min, int32_t* max) {
  switch (type) {
    case DataType::kInt8:
      *min = -128;
      *max = 127;
      return;
    case DataType::kUInt8:
      *min = 0;
      *max = 255;
      return;
    case DataType::kInt16:
      *min = -32768;
      *max = 32767;
      return;
    default:
      *min = std::numeric_limits<int32_t>::min();
      *max = std::numeric_limits<int32_t>::max();
      return;
  }
}

Status CalculateActivationRangeQuantized(OpContext& context, int activation,
                                         const Tensor* output, int32_t* min,
                                         int32_t* max) {
  int32_t qmin;
  int32_t qmax;
  QuantizedTypeRange(output->type, &qmin, &qmax);
  const float scale = output->scale();
  const int32_t zero_point = output->zero_point();
  auto quantize = [scale, zero_point](float f) {
    return zero_point + static_cast<int32_t>(std::round(f / scale));
  };
  switch (activation) {
    case kActivationNone:
      *min = qmin;
      *max = qmax;
      return Status::kOk;
    case kActivationRelu:
      *min = quantize(0.f) > qmin ? quantize(0.f) : qmin;
      *max = qmax;
      return Status::kOk;
    case kActivationRelu6:
      *min = quantize(0.f) > qmin ? quantize(0.f) : qmin;
      *max = quantize(6.f) < qmax ? quantize(6.f) : qmax;
      return Status::kOk;
    case kActivationReluN1To1:
      *min = quantize(-1.f) > qmin ? quantize(-1.f) : qmin;
      *max = quantize(1.f) < qmax ? quantize(1.f) : qmax;
      return Status::kOk;
    default:
      return context.Error("fused activation %d is not supported for %s",
                           activation, DataTypeName(output->type));
  }
}

Status CalculateActivationRangeFloat(OpContext& context, int activation,
                                     float* min, float* max) {
  switch (activation) {
    case kActivationNone:
      *min = std::numeric_limits<float>::lowest();
      *max = std::numeric_limits<float>::max();
      return Status::kOk;
    case kActivationRelu:
      *min = 0.f;
      *max = std::numeric_limits<float>::max();
      return Status::kOk;
    case kActivationRelu6:
      *min = 0.f;
      *max = 6.f;
      return Status::kOk;
    case kActivationReluN1To1:
      *min = -1.f;
      *max = 1.f;
      return Status::kOk;
    default:
      return context.Error("fused activation %d is not supported for FLOAT32",
                           activation);
  }
}

}  // namespace tfmicro
