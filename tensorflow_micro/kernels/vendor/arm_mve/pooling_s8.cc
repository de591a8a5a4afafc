#include "tensorflow_micro/kernels/vendor/arm_mve/pooling_s8.h"

#include "tensorflow_micro/kernels/vendor/arm_mve/mve_math.h"

namespace tfmicro {
namespace arm_mve {
namespace {

// The part [start, end) of a window's filter offsets inside the input.
struct Window {
  int32_t origin;
  int32_t start;
  int32_t end;
};

Window Clip(int32_t out, int32_t stride, int32_t padding, int32_t filter,
            int32_t input_size) {
  Window w;
  w.origin = out * stride - padding;
  w.start = w.origin < 0 ? -w.origin : 0;
  w.end = input_size - w.origin < filter ? input_size - w.origin : filter;
  return w;
}

// Calls pixel(window_start, rows, cols, out) for every output pixel, in
// order: window_start points at the first input element of the clipped
// window (channel 0), rows x cols pixels of it are inside the input.
template <typename Pixel>
void ForEachPixel(const PoolGeometry& g, const int8_t* input, int8_t* output,
                  Pixel pixel) {
  for (int32_t b = 0; b < g.batches; ++b) {
    const int8_t* batch =
        input + static_cast<int64_t>(b) * g.input_height * g.input_width *
                    g.channels;
    for (int32_t oy = 0; oy < g.output_height; ++oy) {
      const Window wy = Clip(oy, g.stride_height, g.padding_height,
                             g.filter_height, g.input_height);
      for (int32_t ox = 0; ox < g.output_width; ++ox) {
        const Window wx = Clip(ox, g.stride_width, g.padding_width,
                               g.filter_width, g.input_width);
        const int8_t* start =
            batch + (static_cast<int64_t>(wy.origin + wy.start) *
                         g.input_width +
                     wx.origin + wx.start) *
                        g.channels;
        pixel(start, wy.end - wy.start, wx.end - wx.start, output);
        output += g.channels;
      }
    }
  }
}

}  // namespace

void avg_pool_s8(const PoolGeometry& g, int32_t activation_min,
                 int32_t activation_max, const int8_t* input, int8_t* output) {
  const int32_t row_stride = g.input_width * g.channels;
  ForEachPixel(g, input, output, [&](const int8_t* start, int32_t rows,
                                     int32_t cols, int8_t* out) {
    const int32_t count = rows * cols;
    for (int32_t c = 0; c < g.channels; c += 4) {
      const Pred lanes = Tail32(g.channels - c);
      I32x4 acc = Dup32(0);
      const int8_t* row = start + c;
      for (int32_t y = 0; y < rows; ++y, row += row_stride) {
        const int8_t* p = row;
        for (int32_t x = 0; x < cols; ++x, p += g.channels) {
          acc = Add32(acc, Load8To32Z(p, lanes));
        }
      }
      int32_t totals[4];
      Store32(totals, acc);
      const int32_t n = g.channels - c < 4 ? g.channels - c : 4;
      for (int32_t j = 0; j < n; ++j) {
        const int32_t total = totals[j];
        // Halves away from zero, as the reference.
        int32_t average = total > 0 ? (total + count / 2) / count
                                    : (total - count / 2) / count;
        average = average < activation_min ? activation_min : average;
        average = average > activation_max ? activation_max : average;
        out[c + j] = static_cast<int8_t>(average);
      }
    }
  });
}

void max_pool_s8(const PoolGeometry& g, int32_t activation_min,
                 int32_t activation_max, const int8_t* input, int8_t* output) {
  const int32_t row_stride = g.input_width * g.channels;
  const int8_t min = static_cast<int8_t>(activation_min);
  const int8_t max = static_cast<int8_t>(activation_max);
  ForEachPixel(g, input, output, [&](const int8_t* start, int32_t rows,
                                     int32_t cols, int8_t* out) {
    for (int32_t c = 0; c < g.channels; c += 16) {
      const Pred lanes = Tail8(g.channels - c);
      I8x16 m = Dup8(-128);
      const int8_t* row = start + c;
      for (int32_t y = 0; y < rows; ++y, row += row_stride) {
        const int8_t* p = row;
        for (int32_t x = 0; x < cols; ++x, p += g.channels) {
          m = Max8(m, Load8Z(p, lanes));
        }
      }
      Store8P(out + c, MinN8(MaxN8(m, min), max), lanes);
    }
  });
}

}  // namespace arm_mve
}  // namespace tfmicro
