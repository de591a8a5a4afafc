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
  const int64_t in_row = input.bytes / (batches * input_h);
  const int64_t out_row = output.bytes / (batches * g.output_h);
  int64_t gap = 0;
  for (int64_t b = 0; b < batches; ++b) {
    for (int64_t y = 0; y < g.output_h; ++y) {
      const int64_t origin = y * g.stride_h - g.pad_h;
      const int64_t lowest_read = b * input_h + (origin > 0 ? origin : 0);
      const int64_t written = (b * g.output_h + y + 1) * out_row;
      const int64_t need = written - lowest_read * in_row;
      if (need > gap) gap = need;
    }
  }
  return static_cast<size_t>(gap);
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
