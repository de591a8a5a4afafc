// 256-entry lookup tables for int8 elementwise functions (LOGISTIC, TANH):
// TFLite's reference kernels evaluate the float function once per possible
// input value, so a table built the same way is bit-exact.
#ifndef TENSORFLOW_MICRO_KERNELS_INTERNAL_LUT_H_
#define TENSORFLOW_MICRO_KERNELS_INTERNAL_LUT_H_

#include <cstdint>

namespace tfmicro {

constexpr int kInt8LutSize = 256;

// Fills lut so that lut[uint8(q)] is the int8 quantization of
// transform(input_scale * (q - input_zero_point)), computed in float and
// rounded half away from zero, saturated to [-128, 127].
void PopulateInt8Lut(float input_scale, int32_t input_zero_point,
                     float output_scale, int32_t output_zero_point,
                     float (*transform)(float), int8_t* lut);

// Applies a table built by PopulateInt8Lut to `size` values.
inline void LookupInt8(const int8_t* lut, const int8_t* input, int8_t* output,
                       int64_t size) {
  for (int64_t i = 0; i < size; ++i) {
    output[i] = lut[static_cast<uint8_t>(input[i])];
  }
}

}  // namespace tfmicro

#endif  // TENSORFLOW_MICRO_KERNELS_INTERNAL_LUT_H_
