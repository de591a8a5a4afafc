// The window geometry shared by CONV_2D and DEPTHWISE_CONV_2D: strides,
// dilations, output extent and padding, computed as TFLite does.
#ifndef TENSORFLOW_MICRO_KERNELS_INTERNAL_CONV_GEOMETRY_H_
#define TENSORFLOW_MICRO_KERNELS_INTERNAL_CONV_GEOMETRY_H_

#include <cstdint>

#include "tensorflow_micro/core/kernel_api.h"
#include "tensorflow_micro/kernels/internal/padding.h"

namespace tfmicro {

struct ConvGeometry {
  int32_t stride_h = 1;
  int32_t stride_w = 1;
  int32_t dilation_h = 1;
  int32_t dilation_w = 1;
  // Rows above and columns left of the input that the window may cover;
  // padded positions contribute nothing to the sums.
  int32_t pad_h = 0;
  int32_t pad_w = 0;
  int32_t output_h = 0;
  int32_t output_w = 0;
};

// The filter taps [begin, end) along one dimension whose input position
// origin + dilation * tap lies in [0, input_size): the window of one output
// position clipped to the input (padded positions contribute nothing).
struct TapRange {
  int32_t begin;
  int32_t end;  // >= begin
};

inline TapRange ValidTaps(int32_t origin, int32_t dilation,
                          int32_t filter_size, int32_t input_size) {
  TapRange r;
  const int32_t room = input_size - origin;  // taps need dilation * tap < room
  if (dilation == 1) {
    r.begin = origin < 0 ? -origin : 0;
    r.end = room < filter_size ? room : filter_size;
  } else {
    r.begin = origin < 0 ? (dilation - 1 - origin) / dilation : 0;
    r.end = room <= 0 ? 0 : (room + dilation - 1) / dilation;
    if (r.end > filter_size) r.end = filter_size;
  }
  if (r.end < r.begin) r.end = r.begin;
  return r;
}

// Checks strides and dilations are positive and that the output is not
// empty, then fills `geometry`. `input_h`/`input_w` and `filter_h`/`filter_w`
// are the spatial extents of the NHWC input and the filter.
Status ComputeConvGeometry(OpContext& context, PaddingMode padding,
                           int32_t stride_h, int32_t stride_w,
                           int32_t dilation_h, int32_t dilation_w,
                           int32_t input_h, int32_t input_w, int32_t filter_h,
                           int32_t filter_w, ConvGeometry* geometry);

}  // namespace tfmicro

#endif  // TENSORFLOW_MICRO_KERNELS_INTERNAL_CONV_GEOMETRY_H_
