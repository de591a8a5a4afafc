// Lookup tables for quantized elementwise functions. TFLite's reference
// kernels evaluate the float function once per possible int8 input (256
// entries, LOGISTIC, TANH, ELU, LOG, EXP) and for int16 at 513 evenly
// spaced points interpolated linearly (LOG, EXP, RSQRT, SOFTMAX), so tables
// built the same way are bit-exact. int16 LOGISTIC and TANH interpolate a
// 256-entry sigmoid table.
#ifndef TENSORFLOW_MICRO_KERNELS_INTERNAL_LUT_H_
#define TENSORFLOW_MICRO_KERNELS_INTERNAL_LUT_H_

#include <cmath>
#include <cstdint>

namespace tfmicro {

constexpr int kInt8LutSize = 256;
constexpr int kInt16LutSize = 513;

// Fills lut so that lut[uint8(q)] is the int8 quantization of
// transform(input_scale * (q - input_zero_point)), computed in float and
// rounded half away from zero, saturated to [-128, 127]. transform is any
// callable float(float).
template <typename Transform>
void PopulateInt8Lut(float input_scale, int32_t input_zero_point,
                     float output_scale, int32_t output_zero_point,
                     Transform transform, int8_t* lut) {
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

// Applies a table built by PopulateInt8Lut to `size` values.
inline void LookupInt8(const int8_t* lut, const int8_t* input, int8_t* output,
                       int64_t size) {
  for (int64_t i = 0; i < size; ++i) {
    output[i] = lut[static_cast<uint8_t>(input[i])];
  }
}

// float x clamped to [lo, hi] (NaN to lo), for table entries.
inline float ClampLutEntry(float x, float lo, float hi) {
  return x >= lo ? (x > hi ? hi : x) : lo;
}

// Fills the kInt16LutSize entries of lut with transform sampled at 512
// equal steps over the int16 input range (and its end), on the output's
// scale. Each sample is biased by half the interpolation error at the
// step's midpoint, as TFLite's LUTPopulate does.
template <typename Transform>
void PopulateInt16Lut(float input_scale, int32_t input_zero_point,
                      float output_scale, int32_t output_zero_point,
                      Transform transform, int16_t* lut) {
  const float input_min = input_scale * static_cast<float>(-32768 -
                                                           input_zero_point);
  const float input_max = input_scale * static_cast<float>(32767 -
                                                           input_zero_point);
  const float output_min =
      output_scale * static_cast<float>(-32768 - output_zero_point);
  const float output_max =
      output_scale * static_cast<float>(32767 - output_zero_point);
  constexpr int kSteps = kInt16LutSize - 1;
  const float step = (input_max - input_min) / kSteps;
  const float half_step = step / 2;
  const float to_output = 65536.f / (output_max - output_min);
  for (int i = 0; i < kSteps; ++i) {
    const float x = input_min + static_cast<float>(i) * step;
    const float value = transform(x);
    const float midpoint = transform(x + half_step);
    const float next =
        transform(input_min + static_cast<float>(i + 1) * step);
    const float sample = std::round(value * to_output);
    const float interpolated = std::round((next * to_output + sample) / 2);
    const float midpoint_sample = std::round(midpoint * to_output);
    const float bias = std::round((interpolated - midpoint_sample) / 2);
    lut[i] = static_cast<int16_t>(
        ClampLutEntry(sample - bias, -32768.f, 32767.f));
  }
  lut[kSteps] = static_cast<int16_t>(ClampLutEntry(
      std::round(transform(input_max) * to_output), -32768.f, 32767.f));
}

// One int16 value through a PopulateInt16Lut table: the entry of its top
// 9 bits, interpolated by its low 7 bits.
inline int16_t LookupInt16(const int16_t* lut, int16_t value) {
  const int index = 256 + (value >> 7);
  const int32_t offset = value & 0x7f;
  const int32_t base = lut[index];
  const int32_t slope = lut[index + 1] - base;
  return static_cast<int16_t>(base + ((slope * offset + 64) >> 7));
}

inline void LookupInt16(const int16_t* lut, const int16_t* input,
                        int16_t* output, int64_t size) {
  for (int64_t i = 0; i < size; ++i) output[i] = LookupInt16(lut, input[i]);
}

// A LookupInt16 table of f over [min, max] with Q15 outputs (-1 to 1),
// sampled and biased as PopulateInt16Lut but in double, as TFLite's
// gen_lut for int16 SOFTMAX's exp and 1 / (1 + x).
void PopulateQ15Lut(double (*f)(double), double min, double max,
                    int16_t* lut);

// 256 entries: sigmoid(i / 24) in Q16 (65536 * sigmoid), each biased by
// half the error of linear interpolation at its segment's midpoint, the
// table TFLite's int16 LOGISTIC and TANH interpolate (as
// sigmoid_table_uint16, which this formula reproduces).
constexpr int kSigmoidTableSize = 256;
void PopulateSigmoidTable(uint16_t* table);

}  // namespace tfmicro

#endif  // TENSORFLOW_MICRO_KERNELS_INTERNAL_LUT_H_
