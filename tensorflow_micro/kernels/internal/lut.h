// Lookup tables as TFLite's reference kernels build them, so results are
// bit-exact: 256 entries for int8 elementwise functions (LOGISTIC, TANH,
// ELU), the float function evaluated once per possible input value; and
// 513-entry interpolated int16 tables (int16 SOFTMAX's exp and 1 / (1 + x)).
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

// 512 segments and a closing entry.
constexpr int kInt16LutSize = 513;

// Fills lut with f sampled at 512 even steps over [min, max] (and at max),
// in Q15 (-1 to 1), each sample biased by half the error of linear
// interpolation at its segment's midpoint; saturated to int16. Computed in
// double as TFLite's gen_lut.
void PopulateInt16Lut(double (*f)(double), double min, double max,
                      int16_t* lut);

// The table value for an int16 position (-32768 maps to min, 32767 to
// max), interpolated linearly between entries in 1/128 steps.
inline int16_t LookupInt16Interpolated(int16_t value, const int16_t* lut) {
  const int index = 256 + (value >> 7);
  const int32_t offset = value & 0x7f;
  const int32_t base = lut[index];
  const int32_t slope = lut[index + 1] - lut[index];
  const int32_t delta = (slope * offset + 64) >> 7;
  return static_cast<int16_t>(base + delta);
}

// 256 entries: sigmoid(i / 24) in Q16 (65536 * sigmoid), each biased by
// half the error of linear interpolation at its segment's midpoint, the
// table TFLite's int16 LOGISTIC and TANH interpolate (as
// sigmoid_table_uint16, which this formula reproduces).
constexpr int kSigmoidTableSize = 256;
void PopulateSigmoidTable(uint16_t* table);

}  // namespace tfmicro

#endif  // TENSORFLOW_MICRO_KERNELS_INTERNAL_LUT_H_
