// 2D pooling over NHWC tensors, computed as TFLite's reference kernels do:
// each window is clipped to the input (padding never counts), the average
// divides by the number of input elements the window covers. With SAME or
// VALID padding every window covers at least one input element.
#ifndef TENSORFLOW_MICRO_KERNELS_INTERNAL_POOLING_H_
#define TENSORFLOW_MICRO_KERNELS_INTERNAL_POOLING_H_

#include <cstdint>

namespace tfmicro {

struct PoolGeometry {
  int32_t batches = 0;
  int32_t input_height = 0;
  int32_t input_width = 0;
  int32_t channels = 0;
  int32_t output_height = 0;
  int32_t output_width = 0;
  int32_t filter_height = 0;
  int32_t filter_width = 0;
  int32_t stride_height = 0;
  int32_t stride_width = 0;
  int32_t padding_height = 0;  // rows before the first input row
  int32_t padding_width = 0;   // columns before the first input column
};

void AveragePoolFloat(const PoolGeometry& geometry, float activation_min,
                      float activation_max, const float* input,
                      float* output);
// Rounds the average half away from zero; no rescaling (input and output
// share their quantization).
void AveragePoolInt8(const PoolGeometry& geometry, int32_t activation_min,
                     int32_t activation_max, const int8_t* input,
                     int8_t* output);
void AveragePoolInt16(const PoolGeometry& geometry, int32_t activation_min,
                      int32_t activation_max, const int16_t* input,
                      int16_t* output);
void MaxPoolFloat(const PoolGeometry& geometry, float activation_min,
                  float activation_max, const float* input, float* output);
void MaxPoolInt8(const PoolGeometry& geometry, int32_t activation_min,
                 int32_t activation_max, const int8_t* input,
                 int8_t* output);
void MaxPoolInt16(const PoolGeometry& geometry, int32_t activation_min,
                  int32_t activation_max, const int16_t* input,
                  int16_t* output);
// sqrt(mean of the squares) of each window, in float.
void L2PoolFloat(const PoolGeometry& geometry, float activation_min,
                 float activation_max, const float* input, float* output);

}  // namespace tfmicro

#endif  // TENSORFLOW_MICRO_KERNELS_INTERNAL_POOLING_H_
