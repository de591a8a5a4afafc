#include "tensorflow_micro/kernels/internal/in_place.h"

#include <cstdint>

namespace tfmicro {

size_t ElementwiseInPlaceGap(const Tensor& input, const Tensor& output) {
  return output.bytes > input.bytes ? output.bytes - input.bytes : 0;
}

size_t ConvInPlaceGap(const ConvGeometry& g, const Tensor& input,
                      const Tensor& output) {
  const int64_t batches = input.dim(0);
  const int64_t input_h = input.dim(1);
  const int64_t input_w = input.dim(2);
  const int64_t in_pixel = input.bytes / (batches * input_h * input_w);
  const int64_t out_pixel =
      output.bytes / (batches * int64_t{g.output_h} * g.output_w);
  // Byte offset of input pixel (row, col) of batch b, rows past the end
  // counting into the next batch.
  auto input_at = [&](int64_t b, int64_t row, int64_t col) {
    return ((b * input_h + row) * input_w + col) * in_pixel;
  };
  auto first_row = [&](int64_t out_y) {
    const int64_t origin = out_y * g.stride_h - g.pad_h;
    return origin > 0 ? origin : 0;
  };
  int64_t gap = 0;
  int64_t written = 0;  // bytes of output written once a pixel is done
  for (int64_t b = 0; b < batches; ++b) {
    for (int64_t y = 0; y < g.output_h; ++y) {
      // Pixels of later output rows read from their first row, any column.
      const int64_t later_rows = y + 1 < g.output_h
                                     ? input_at(b, first_row(y + 1), 0)
                                     : input_at(b + 1, 0, 0);
      for (int64_t x = 0; x < g.output_w; ++x) {
        const int64_t origin_x = x * g.stride_w - g.pad_w;
        // This pixel and the rest of its row read at and above this.
        const int64_t row_rest =
            input_at(b, first_row(y), origin_x > 0 ? origin_x : 0);
        const int64_t lowest_read =
            row_rest < later_rows ? row_rest : later_rows;
        written += out_pixel;
        if (written - lowest_read > gap) gap = written - lowest_read;
      }
    }
  }
  return static_cast<size_t>(gap);
}

Status AllowConvInPlace(OpContext& context, const ConvGeometry& geometry) {
  return context.AllowInPlace(
      0, 0, ConvInPlaceGap(geometry, *context.input(0), *context.output(0)));
}

Status AllowPoolInPlace(OpContext& context, const PoolGeometry& pool) {
  ConvGeometry g;
  g.stride_h = pool.stride_height;
  g.stride_w = pool.stride_width;
  g.pad_h = pool.padding_height;
  g.pad_w = pool.padding_width;
  g.output_h = pool.output_height;
  g.output_w = pool.output_width;
  return AllowConvInPlace(context, g);
}

Status AllowElementwiseInPlace(OpContext& context, int input, int output) {
  const Tensor* in = context.input(input);
  const Tensor* out = context.output(output);
  if (in == nullptr || out == nullptr ||
      in->num_elements() != out->num_elements()) {
    return Status::kOk;
  }
  return context.AllowInPlace(input, output, ElementwiseInPlaceGap(*in, *out));
}

}  // namespace tfmicro
