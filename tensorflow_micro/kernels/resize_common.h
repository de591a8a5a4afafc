// Shared Prepare of RESIZE_BILINEAR and RESIZE_NEAREST_NEIGHBOR: an NHWC
// input, a constant INT32 size tensor [new_height, new_width], an output of
// the input's type (and quantization) with the new height and width.
#ifndef TENSORFLOW_MICRO_KERNELS_RESIZE_COMMON_H_
#define TENSORFLOW_MICRO_KERNELS_RESIZE_COMMON_H_

#include <cstdint>

#include "tensorflow_micro/core/kernel_api.h"
#include "tensorflow_micro/kernels/internal/type_set.h"

namespace tfmicro {

struct ResizeOpData {
  int32_t batches;
  int32_t input_height;
  int32_t input_width;
  int32_t channels;
  int32_t output_height;
  int32_t output_width;
  bool align_corners;
  bool half_pixel_centers;
};

// Checks the node (the input type against `types`) and stores a
// ResizeOpData with the options as the node's op data.
Status PrepareResize(OpContext& context, bool align_corners,
                     bool half_pixel_centers, TypeSet types,
                     ResizeOpData** data);

}  // namespace tfmicro

#endif  // TENSORFLOW_MICRO_KERNELS_RESIZE_COMMON_H_
