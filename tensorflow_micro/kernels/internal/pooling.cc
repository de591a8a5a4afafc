#include "tensorflow_micro/kernels/internal/pooling.h"

#include <cmath>
#include <limits>

namespace tfmicro {
namespace {

// The part of a window inside the input along one dimension:
// filter offsets [start, end).
struct WindowRange {
  int32_t origin;  // input coordinate of filter offset 0
  int32_t start;
  int32_t end;
};

inline WindowRange ClipWindow(int32_t out, int32_t stride, int32_t padding,
                              int32_t filter, int32_t input_size) {
  WindowRange r;
  r.origin = out * stride - padding;
  r.start = r.origin < 0 ? -r.origin : 0;
  r.end = input_size - r.origin < filter ? input_size - r.origin : filter;
  return r;
}

inline int64_t InputOffset(const PoolGeometry& g, int32_t b, int32_t y,
                           int32_t x) {
  return ((static_cast<int64_t>(b) * g.input_height + y) * g.input_width +
          x) *
         g.channels;
}

// The loop shared by the pooling kernels: per output element (NHWC order)
// begin(), then visit(input_offset) for each input element of its window in
// row-major order, then finish(output_offset, element_count).
template <typename Begin, typename Visit, typename Finish>
void ForEachWindow(const PoolGeometry& g, Begin begin, Visit visit,
                   Finish finish) {
  int64_t out_offset = 0;
  for (int32_t b = 0; b < g.batches; ++b) {
    for (int32_t oy = 0; oy < g.output_height; ++oy) {
      const WindowRange ry = ClipWindow(oy, g.stride_height, g.padding_height,
                                        g.filter_height, g.input_height);
      for (int32_t ox = 0; ox < g.output_width; ++ox) {
        const WindowRange rx = ClipWindow(ox, g.stride_width, g.padding_width,
                                          g.filter_width, g.input_width);
        for (int32_t c = 0; c < g.channels; ++c) {
          begin();
          int32_t count = 0;
          for (int32_t fy = ry.start; fy < ry.end; ++fy) {
            for (int32_t fx = rx.start; fx < rx.end; ++fx) {
              visit(InputOffset(g, b, ry.origin + fy, rx.origin + fx) + c);
              ++count;
            }
          }
          finish(out_offset++, count);
        }
      }
    }
  }
}

// Total is int32_t (TFLite's sum) where a window's sum cannot overflow it:
// 32-bit adds and divides on 32-bit cores; int64_t for larger windows.
template <typename Total, typename T>
void AveragePoolWithTotal(const PoolGeometry& geometry, int32_t activation_min,
                          int32_t activation_max, const T* input, T* output) {
  Total total = 0;
  ForEachWindow(
      geometry,
      [&]() { total = 0; }, [&](int64_t in) { total += input[in]; },
      [&](int64_t out, int32_t count) {
        // Round half away from zero.
        Total average = total > 0 ? (total + count / 2) / count
                                  : (total - count / 2) / count;
        average = average < activation_min ? activation_min : average;
        average = average > activation_max ? activation_max : average;
        output[out] = static_cast<T>(average);
      });
}

template <typename T>
void AveragePoolQuantized(const PoolGeometry& geometry, int32_t activation_min,
                          int32_t activation_max, const T* input, T* output) {
  // |sum| <= 2^15 * window for int8 and int16 values, and the rounding
  // adds half a window: below 2^31 for windows under 2^16 elements.
  constexpr int64_t kInt32WindowLimit = int64_t{1} << 16;
  if (static_cast<int64_t>(geometry.filter_height) * geometry.filter_width <
      kInt32WindowLimit) {
    AveragePoolWithTotal<int32_t>(geometry, activation_min, activation_max,
                                  input, output);
  } else {
    AveragePoolWithTotal<int64_t>(geometry, activation_min, activation_max,
                                  input, output);
  }
}

template <typename T>
void MaxPoolQuantized(const PoolGeometry& geometry, int32_t activation_min,
                      int32_t activation_max, const T* input, T* output) {
  int32_t max = std::numeric_limits<T>::lowest();
  ForEachWindow(
      geometry,
      [&]() { max = std::numeric_limits<T>::lowest(); },
      [&](int64_t in) { max = input[in] > max ? input[in] : max; },
      [&](int64_t out, int32_t) {
        int32_t value = max < activation_min ? activation_min : max;
        value = value > activation_max ? activation_max : value;
        output[out] = static_cast<T>(value);
      });
}

}  // namespace

void AveragePoolFloat(const PoolGeometry& geometry, float activation_min,
                      float activation_max, const float* input,
                      float* output) {
  float total = 0.f;
  ForEachWindow(
      geometry,
      [&]() { total = 0.f; }, [&](int64_t in) { total += input[in]; },
      [&](int64_t out, int32_t count) {
        const float average = total / static_cast<float>(count);
        output[out] = average < activation_min
                          ? activation_min
                          : (average > activation_max ? activation_max
                                                      : average);
      });
}

void AveragePoolInt8(const PoolGeometry& geometry, int32_t activation_min,
                     int32_t activation_max, const int8_t* input,
                     int8_t* output) {
  AveragePoolQuantized(geometry, activation_min, activation_max, input,
                       output);
}

void AveragePoolInt16(const PoolGeometry& geometry, int32_t activation_min,
                      int32_t activation_max, const int16_t* input,
                      int16_t* output) {
  AveragePoolQuantized(geometry, activation_min, activation_max, input,
                       output);
}

void MaxPoolFloat(const PoolGeometry& geometry, float activation_min,
                  float activation_max, const float* input, float* output) {
  float max = std::numeric_limits<float>::lowest();
  ForEachWindow(
      geometry,
      [&]() { max = std::numeric_limits<float>::lowest(); },
      [&](int64_t in) { max = input[in] > max ? input[in] : max; },
      [&](int64_t out, int32_t) {
        output[out] = max < activation_min
                          ? activation_min
                          : (max > activation_max ? activation_max : max);
      });
}

void MaxPoolInt8(const PoolGeometry& geometry, int32_t activation_min,
                 int32_t activation_max, const int8_t* input,
                 int8_t* output) {
  MaxPoolQuantized(geometry, activation_min, activation_max, input, output);
}

void MaxPoolInt16(const PoolGeometry& geometry, int32_t activation_min,
                  int32_t activation_max, const int16_t* input,
                  int16_t* output) {
  MaxPoolQuantized(geometry, activation_min, activation_max, input, output);
}

void L2PoolFloat(const PoolGeometry& geometry, float activation_min,
                 float activation_max, const float* input, float* output) {
  float sum_of_squares = 0.f;
  ForEachWindow(
      geometry,
      [&]() { sum_of_squares = 0.f; },
      [&](int64_t in) { sum_of_squares += input[in] * input[in]; },
      [&](int64_t out, int32_t count) {
        const float l2 =
            std::sqrt(sum_of_squares / static_cast<float>(count));
        output[out] = l2 < activation_min
                          ? activation_min
                          : (l2 > activation_max ? activation_max : l2);
      });
}

}  // namespace tfmicro
