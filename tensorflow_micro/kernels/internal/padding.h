// Output sizes and padding of windowed ops (conv, depthwise conv, pooling),
// computed as TFLite does for SAME and VALID padding.
#ifndef TENSORFLOW_MICRO_KERNELS_INTERNAL_PADDING_H_
#define TENSORFLOW_MICRO_KERNELS_INTERNAL_PADDING_H_

#include <cstdint>

namespace tfmicro {

enum class PaddingMode { kSame, kValid };

struct Padding2D {
  int32_t height = 0;  // rows added above (below gets height + height_offset)
  int32_t width = 0;   // columns added left
  int32_t height_offset = 0;
  int32_t width_offset = 0;
};

// True when every position a windowed op computes in int32 (window
// origins, padding, the dilated window's reach) fits: twice the input plus
// the stride and the dilated filter stay below 2^31. A model's strides and
// dilations are untrusted; check this in prepare before the helpers below.
inline bool WindowFitsInt32(int32_t input, int32_t filter, int32_t stride,
                            int32_t dilation) {
  if (input < 0 || stride <= 0 || dilation <= 0) return false;
  const int64_t effective = (int64_t{filter} - 1) * dilation + 1;
  return 2 * int64_t{input} + stride + (effective > 0 ? effective : 0) <=
         INT32_MAX;
}

inline int32_t EffectiveFilterSize(int32_t filter, int32_t dilation) {
  return (filter - 1) * dilation + 1;
}

// Output extent of one spatial dimension; 0 when the window does not fit
// (or its geometry does not fit in int32).
inline int32_t ComputeOutputSize(PaddingMode padding, int32_t input,
                                 int32_t filter, int32_t stride,
                                 int32_t dilation) {
  if (!WindowFitsInt32(input, filter, stride, dilation)) return 0;
  const int32_t effective = EffectiveFilterSize(filter, dilation);
  if (padding == PaddingMode::kSame) return (input + stride - 1) / stride;
  return input >= effective ? (input + stride - effective) / stride : 0;
}

// Padding before the first element; *offset gets the odd extra element
// that goes after the last.
inline int32_t ComputePaddingWithOffset(int32_t stride, int32_t dilation,
                                        int32_t input, int32_t filter,
                                        int32_t output, int32_t* offset) {
  const int32_t effective = EffectiveFilterSize(filter, dilation);
  int32_t total = (output - 1) * stride + effective - input;
  total = total > 0 ? total : 0;
  *offset = total % 2;
  return total / 2;
}

inline Padding2D ComputePadding2D(int32_t stride_h, int32_t stride_w,
                                  int32_t dilation_h, int32_t dilation_w,
                                  int32_t in_h, int32_t in_w,
                                  int32_t filter_h, int32_t filter_w,
                                  int32_t out_h, int32_t out_w) {
  Padding2D p;
  p.height = ComputePaddingWithOffset(stride_h, dilation_h, in_h, filter_h,
                                      out_h, &p.height_offset);
  p.width = ComputePaddingWithOffset(stride_w, dilation_w, in_w, filter_w,
                                     out_w, &p.width_offset);
  return p;
}

}  // namespace tfmicro

#endif  // TENSORFLOW_MICRO_KERNELS_INTERNAL_PADDING_H_
