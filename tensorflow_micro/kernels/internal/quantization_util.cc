#include "tensorflow_micro/kernels/internal/quantization_util.h"

#include <cmath>

namespace tfmicro {

void QuantizeMultiplier(double real_multiplier, int32_t* quantized_multiplier,
                        int* shift) {
  if (real_multiplier == 0.0 || !std::isfinite(real_multiplier)) {
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

Status QuantizeModelMultiplier(OpContext& context, double real_multiplier,
                               const char* what, int32_t* quantized_multiplier,
                               int* shift, int max_shift) {
  if (!(std::isfinite(real_multiplier) && real_multiplier >= 0.0)) {
    return context.Error(
        "%s rescale factor %g is not a finite non-negative number: check the "
        "tensors' quantization scales",
        what, real_multiplier);
  }
  QuantizeMultiplier(real_multiplier, quantized_multiplier, shift);
  if (*shift > max_shift) {
    return context.Error(
        "%s rescale factor %g needs a left shift of %d bits; at most %d are "
        "supported (check the tensors' quantization scales)",
        what, real_multiplier, *shift, max_shift);
  }
  return Status::kOk;
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

namespace {

// The clamp range of a fused activation, as TFLite computes it: the type's
// range [type_min, type_max] narrowed to the activation's bounds, each bound
// brought to the output by `to_output`.
template <typename T, typename ToOutput>
Status ActivationRange(OpContext& context, int activation, DataType type,
                       T type_min, T type_max, ToOutput to_output, T* min,
                       T* max) {
  switch (activation) {
    case kActivationNone:
      *min = type_min;
      *max = type_max;
      return Status::kOk;
    case kActivationRelu:
      *min = to_output(0.f) > type_min ? to_output(0.f) : type_min;
      *max = type_max;
      return Status::kOk;
    case kActivationRelu6:
      *min = to_output(0.f) > type_min ? to_output(0.f) : type_min;
      *max = to_output(6.f) < type_max ? to_output(6.f) : type_max;
      return Status::kOk;
    case kActivationReluN1To1:
      *min = to_output(-1.f) > type_min ? to_output(-1.f) : type_min;
      *max = to_output(1.f) < type_max ? to_output(1.f) : type_max;
      return Status::kOk;
    default:
      return context.Error("fused activation %d is not supported for %s",
                           activation, DataTypeName(type));
  }
}

}  // namespace

Status CalculateActivationRangeQuantized(OpContext& context, int activation,
                                         const Tensor* output, int32_t* min,
                                         int32_t* max) {
  int32_t qmin;
  int32_t qmax;
  QuantizedTypeRange(output->type, &qmin, &qmax);
  const float scale = output->scale();
  const int32_t zero_point = output->zero_point();
  return ActivationRange<int32_t>(
      context, activation, output->type, qmin, qmax,
      [scale, zero_point](float f) {
        return QuantizeValue(f, scale, zero_point);
      },
      min, max);
}

Status CalculateActivationRangeFloat(OpContext& context, int activation,
                                     float* min, float* max) {
  return ActivationRange<float>(
      context, activation, DataType::kFloat32,
      std::numeric_limits<float>::lowest(), std::numeric_limits<float>::max(),
      [](float f) { return f; }, min, max);
}

Status CalculateActivationRangeInt32(OpContext& context, int activation,
                                     int32_t* min, int32_t* max) {
  return ActivationRange<int32_t>(
      context, activation, DataType::kInt32,
      std::numeric_limits<int32_t>::min(), std::numeric_limits<int32_t>::max(),
      [](float f) { return static_cast<int32_t>(f); }, min, max);
}

}  // namespace tfmicro
