// The loops that kernels let run in place (kernels/internal/in_place.h):
// ConvolveReference and the pooling loop writing their output over their
// input, starting ConvInPlaceGap bytes before it (what CONV_2D,
// DEPTHWISE_CONV_2D, MAX_POOL_2D and AVERAGE_POOL_2D allow the planner),
// give the same result as with separate buffers.
#include "tensorflow_micro/kernels/conv_common.h"

#include <cstdint>
#include <cstring>
#include <vector>

#include "tensorflow_micro/kernels/internal/in_place.h"
#include "tensorflow_micro/kernels/internal/pooling.h"
#include "tensorflow_micro/testing/micro_test.h"

namespace tfmicro {
namespace {

struct Case {
  int batches, height, width, in_channels, out_channels;
  int filter, stride, dilation, pad;
  bool depthwise;
};

uint32_t Next(uint32_t* seed) {
  *seed = *seed * 1103515245u + 12345u;
  return *seed >> 8;
}

// Runs the case with the output at `output` (which may overlap `input`).
void Convolve(const Case& c, const ConvGeometry& g, Tensor& input,
              const std::vector<int8_t>& filter, int8_t* output) {
  const int filter_channels = c.depthwise ? 1 : c.in_channels;
  const int k = c.filter;
  const int out_channels = c.out_channels;
  auto accumulate = [](int32_t acc, int8_t in, int8_t f) {
    return acc + in * f;
  };
  auto finish = [](int32_t acc, int oc) {
    return static_cast<int8_t>((acc >> 3) + oc);
  };
  if (c.depthwise) {
    ConvolveReference<int8_t, int8_t, int32_t>(
        g, input, filter.data(), out_channels, k, k, filter_channels,
        [k, out_channels](int oc, int fy, int fx) {
          return (fy * k + fx) * out_channels + oc;
        },
        output, accumulate, finish);
  } else {
    ConvolveReference<int8_t, int8_t, int32_t>(
        g, input, filter.data(), out_channels, k, k, filter_channels,
        [k, filter_channels](int oc, int fy, int fx) {
          return ((oc * k + fy) * k + fx) * filter_channels;
        },
        output, accumulate, finish);
  }
}

// Int8 NHWC input and output tensors of a case (data unset).
struct Shapes {
  Shapes(const Case& c, const ConvGeometry& g, int out_channels)
      : in_dims{c.batches, c.height, c.width, c.in_channels},
        out_dims{c.batches, g.output_h, g.output_w, out_channels} {
    input.type = output.type = DataType::kInt8;
    input.rank = output.rank = 4;
    input.dims = in_dims;
    output.dims = out_dims;
    input.bytes = static_cast<uint32_t>(c.batches * c.height * c.width *
                                        c.in_channels);
    output.bytes = static_cast<uint32_t>(c.batches * g.output_h * g.output_w *
                                         out_channels);
  }
  int32_t in_dims[4];
  int32_t out_dims[4];
  Tensor input;
  Tensor output;
};

bool InPlaceMatches(const Case& c, uint32_t seed) {
  ConvGeometry g;
  g.stride_h = g.stride_w = c.stride;
  g.dilation_h = g.dilation_w = c.dilation;
  g.pad_h = g.pad_w = c.pad;
  const int span = c.dilation * (c.filter - 1) + 1;
  g.output_h = (c.height + 2 * c.pad - span) / c.stride + 1;
  g.output_w = (c.width + 2 * c.pad - span) / c.stride + 1;
  Shapes shapes(c, g, c.out_channels);
  Tensor& input = shapes.input;
  Tensor& output = shapes.output;
  const size_t gap = ConvInPlaceGap(g, input, output);
  TFM_EXPECT_TRUE(gap <= output.bytes);

  std::vector<int8_t> values(input.bytes);
  for (auto& v : values) v = static_cast<int8_t>(Next(&seed));
  const int filter_channels = c.depthwise ? 1 : c.in_channels;
  std::vector<int8_t> filter(static_cast<size_t>(c.filter * c.filter *
                                                 filter_channels *
                                                 c.out_channels));
  for (auto& v : filter) v = static_cast<int8_t>(Next(&seed) % 7) - 3;

  std::vector<int8_t> expected(output.bytes);
  input.data = values.data();
  Convolve(c, g, input, filter, expected.data());

  // One buffer: output at 0, input `gap` bytes later.
  std::vector<int8_t> shared(gap + (input.bytes > output.bytes - gap
                                        ? input.bytes
                                        : output.bytes - gap));
  std::memcpy(shared.data() + gap, values.data(), input.bytes);
  input.data = shared.data() + gap;
  Convolve(c, g, input, filter, shared.data());
  return std::memcmp(expected.data(), shared.data(), output.bytes) == 0;
}

TFM_TEST(ConvolutionInPlaceAtTheDeclaredGap) {
  const Case cases[] = {
      // batches, h, w, in, out, filter, stride, dilation, pad, depthwise
      {1, 7, 5, 4, 4, 3, 1, 1, 1, false},  // same padding 3x3
      {1, 7, 5, 4, 4, 1, 1, 1, 0, false},  // pointwise
      {1, 6, 6, 4, 8, 1, 1, 1, 0, false},  // pointwise, channels grow
      {1, 6, 6, 8, 4, 3, 2, 1, 1, false},  // stride 2
      {2, 5, 4, 3, 6, 3, 1, 1, 1, false},  // batches
      {1, 9, 9, 2, 2, 3, 1, 2, 2, false},  // dilation
      {1, 8, 5, 3, 3, 5, 1, 1, 2, false},  // 5x5
      {1, 7, 5, 4, 4, 3, 1, 1, 1, true},   // depthwise same
      {1, 8, 8, 4, 8, 3, 2, 1, 1, true},   // depthwise x2, stride 2
      {1, 6, 7, 4, 4, 3, 1, 1, 0, true},   // depthwise valid
  };
  uint32_t seed = 7;
  for (const Case& c : cases) {
    TFM_EXPECT_TRUE(InPlaceMatches(c, seed++));
  }
}

bool PoolInPlaceMatches(const Case& c, bool max_pool, uint32_t seed) {
  const int span = c.filter;
  PoolGeometry p;
  p.batches = c.batches;
  p.input_height = c.height;
  p.input_width = c.width;
  p.channels = c.in_channels;
  p.filter_height = p.filter_width = c.filter;
  p.stride_height = p.stride_width = c.stride;
  p.padding_height = p.padding_width = c.pad;
  p.output_height = (c.height + 2 * c.pad - span) / c.stride + 1;
  p.output_width = (c.width + 2 * c.pad - span) / c.stride + 1;
  ConvGeometry g;
  g.stride_h = g.stride_w = c.stride;
  g.pad_h = g.pad_w = c.pad;
  g.output_h = p.output_height;
  g.output_w = p.output_width;
  Shapes shapes(c, g, c.in_channels);
  const Tensor& input = shapes.input;
  const Tensor& output = shapes.output;
  const size_t gap = ConvInPlaceGap(g, input, output);
  std::vector<int8_t> values(input.bytes);
  for (auto& v : values) v = static_cast<int8_t>(Next(&seed));
  auto pool = [&](const int8_t* in, int8_t* out) {
    if (max_pool) {
      MaxPoolInt8(p, -128, 127, in, out);
    } else {
      AveragePoolInt8(p, -128, 127, in, out);
    }
  };
  std::vector<int8_t> expected(output.bytes);
  pool(values.data(), expected.data());
  std::vector<int8_t> shared(gap + input.bytes + output.bytes);
  std::memcpy(shared.data() + gap, values.data(), input.bytes);
  pool(shared.data() + gap, shared.data());
  return std::memcmp(expected.data(), shared.data(), output.bytes) == 0;
}

TFM_TEST(PoolingInPlaceAtTheDeclaredGap) {
  const Case cases[] = {
      // batches, h, w, channels, -, filter, stride, -, pad, -
      {1, 8, 8, 4, 4, 2, 2, 1, 0, false},  // 2x2 stride 2
      {1, 7, 5, 3, 3, 3, 1, 1, 1, false},  // 3x3 same
      {2, 6, 6, 2, 2, 3, 2, 1, 1, false},  // batches, stride 2
      {1, 5, 5, 8, 8, 5, 1, 1, 0, false},  // global-ish window
  };
  uint32_t seed = 21;
  for (const Case& c : cases) {
    TFM_EXPECT_TRUE(PoolInPlaceMatches(c, /*max_pool=*/true, seed++));
    TFM_EXPECT_TRUE(PoolInPlaceMatches(c, /*max_pool=*/false, seed++));
  }
}

TFM_TEST(ElementwiseGapCoversGrowingElements) {
  const int32_t dims[] = {10};
  Tensor in;
  in.dims = dims;
  in.rank = 1;
  in.bytes = 10;
  Tensor out = in;
  out.bytes = 40;
  TFM_EXPECT_EQ(30u, ElementwiseInPlaceGap(in, out));
  TFM_EXPECT_EQ(0u, ElementwiseInPlaceGap(out, in));
  TFM_EXPECT_EQ(0u, ElementwiseInPlaceGap(in, in));
}

}  // namespace
}  // namespace tfmicro

TFM_TEST_MAIN()
