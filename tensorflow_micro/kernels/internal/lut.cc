#include "tensorflow_micro/kernels/internal/lut.h"

#include <cmath>

namespace tfmicro {

void PopulateInt8Lut(float input_scale, int32_t input_zero_point,
                     float output_scale, int32_t output_zero_point,
                     float (*transform)(float), int8_t* lut) {
  const float inverse_scale = 1.f / output_scale;
  for (int32_t q = -128; q <= 127; ++q) {
    const float dequantized =
        input_scale * static_cast<float>(q - input_zero_point);
    const float rescaled = std::round(transform(dequantized) * inverse_scale);
    // Saturate in float: converting an out-of-range float to int32 is
    // undefined (TFLite relies on the host's conversion there).
    const float quantized = rescaled + static_cast<float>(output_zero_point);
    int32_t value;
    if (!(quantized >= -128.f)) {
      value = -128;
    } else if (quantized > 127.f) {
      value = 127;
    } else {
      value = static_cast<int32_t>(quantized);
    }
    lut[static_cast<uint8_t>(static_cast<int8_t>(q))] =
        static_cast<int8_t>(value);
  }
}

void PopulateInt16Lut(double (*f)(double), double min, double max,
                      int16_t* lut) {
  constexpr int kSteps = kInt16LutSize - 1;
  constexpr double kScale = 32768.0;
  const double step = (max - min) / kSteps;
  const double half_step = step / 2;
  const auto saturate = [](double v) {
    return static_cast<int16_t>(v < -32768.0 ? -32768.0
                                             : (v > 32767.0 ? 32767.0 : v));
  };
  for (int i = 0; i < kSteps; ++i) {
    const double sample = std::round(f(min + i * step) * kScale);
    const double next = f(min + (i + 1) * step) * kScale;
    const double midpoint_interpolated = std::round((next + sample) / 2);
    const double midpoint = std::round(f(min + i * step + half_step) * kScale);
    const double bias = std::round((midpoint_interpolated - midpoint) / 2);
    lut[i] = saturate(sample - bias);
  }
  lut[kSteps] = saturate(std::round(f(max) * kScale));
}

void PopulateSigmoidTable(uint16_t* table) {
  const auto scaled_sigmoid = [](double i) {
    return 65536.0 / (1.0 + std::exp(-i / 24.0));
  };
  for (int i = 0; i < kSigmoidTableSize; ++i) {
    const double sample = scaled_sigmoid(i);
    const double interpolation_error =
        (scaled_sigmoid(i + 1) + sample) / 2 - scaled_sigmoid(i + 0.5);
    const double value = std::floor(sample - interpolation_error / 2 + 0.5);
    table[i] = static_cast<uint16_t>(value < 65535.0 ? value : 65535.0);
  }
}

}  // namespace tfmicro
