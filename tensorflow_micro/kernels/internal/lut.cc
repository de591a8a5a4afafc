#include "tensorflow_micro/kernels/internal/lut.h"

#include <cmath>

namespace tfmicro {

void PopulateQ15Lut(double (*f)(double), double min, double max,
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
