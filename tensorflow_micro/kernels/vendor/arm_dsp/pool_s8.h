// The window walk of arm_dsp's int8 AVERAGE_POOL_2D and MAX_POOL_2D: per
// output pixel (NHWC order), four channels at a time, every input pixel of
// the window clipped to the input (padding never counts, as the
// reference's). Windows of one pixel are read before its values are
// written, so the reference's in-place gap (AllowPoolInPlace) holds.
#ifndef TENSORFLOW_MICRO_KERNELS_VENDOR_ARM_DSP_POOL_S8_H_
#define TENSORFLOW_MICRO_KERNELS_VENDOR_ARM_DSP_POOL_S8_H_

#include <cstdint>

#include "tensorflow_micro/kernels/internal/pooling.h"

namespace tfmicro {
namespace arm_dsp {

// For every output pixel and every group of four channels (c, c + 4 <=
// channels): group(first, rows, cols, row_step, c, count, out) with
// `first` the window's first input pixel (channel 0), rows x cols input
// pixels `row_step` bytes apart by row and `channels` by column; then the
// channel tail: tail(first, rows, cols, row_step, c, count, out) for each
// c >= channels & ~3. `out` points at the pixel's channel 0.
template <typename Group, typename Tail>
void ForEachPoolWindow(const PoolGeometry& g, const int8_t* input,
                       int8_t* output, Group group, Tail tail) {
  const int channels = g.channels;
  const int row_step = g.input_width * channels;
  const int c4 = channels & ~3;
  for (int b = 0; b < g.batches; ++b) {
    const int8_t* in_batch = input + b * g.input_height * row_step;
    for (int oy = 0; oy < g.output_height; ++oy) {
      const int y0 = oy * g.stride_height - g.padding_height;
      const int fy0 = y0 < 0 ? -y0 : 0;
      const int fy1 = g.input_height - y0 < g.filter_height
                          ? g.input_height - y0
                          : g.filter_height;
      for (int ox = 0; ox < g.output_width; ++ox) {
        const int x0 = ox * g.stride_width - g.padding_width;
        const int fx0 = x0 < 0 ? -x0 : 0;
        const int fx1 = g.input_width - x0 < g.filter_width
                            ? g.input_width - x0
                            : g.filter_width;
        const int rows = fy1 - fy0;
        const int cols = fx1 - fx0;
        const int8_t* first =
            in_batch + (y0 + fy0) * row_step + (x0 + fx0) * channels;
        const int count = rows * cols;
        for (int c = 0; c < c4; c += 4) {
          group(first, rows, cols, row_step, c, count, output);
        }
        for (int c = c4; c < channels; ++c) {
          tail(first, rows, cols, row_step, c, count, output);
        }
        output += channels;
      }
    }
  }
}

}  // namespace arm_dsp
}  // namespace tfmicro

#endif  // TENSORFLOW_MICRO_KERNELS_VENDOR_ARM_DSP_POOL_S8_H_
