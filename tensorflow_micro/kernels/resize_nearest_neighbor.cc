// RESIZE_NEAREST_NEIGHBOR over NHWC: each output pixel copies the input
// pixel TFLite's reference kernel picks: floor((out + offset) * scale), or
// round() with align_corners, clamped to the input, with offset 0.5 for
// half_pixel_centers and scale = in / out ((in - 1) / (out - 1) with
// align_corners), computed in float. Any element type of 1, 2 or 4 bytes
// (FLOAT32, INT8, INT16, INT32, BOOL) is copied as is.
#include <cmath>
#include <cstdint>
#include <cstring>

#include "tensorflow_micro/kernels/reference_kernels.h"
#include "tensorflow_micro/kernels/resize_common.h"
#include "tensorflow_micro/schema/schema_generated.h"

namespace tfmicro {
namespace {

constexpr int kInputTensor = 0;
constexpr int kOutputTensor = 0;

constexpr TypeSet kTypes =
    TypeBit(DataType::kFloat32) | TypeBit(DataType::kInt8) |
    TypeBit(DataType::kInt16) | TypeBit(DataType::kInt32) |
    TypeBit(DataType::kBool);

int32_t NearestIndex(int32_t out, int32_t in_size, int32_t out_size,
                     bool align_corners, bool half_pixel_centers) {
  const float scale =
      (align_corners && out_size > 1)
          ? static_cast<float>(in_size - 1) / static_cast<float>(out_size - 1)
          : static_cast<float>(in_size) / static_cast<float>(out_size);
  const float offset = half_pixel_centers ? 0.5f : 0.f;
  const float position = (static_cast<float>(out) + offset) * scale;
  int32_t index = static_cast<int32_t>(align_corners ? std::round(position)
                                                     : std::floor(position));
  if (index > in_size - 1) index = in_size - 1;
  if (half_pixel_centers && index < 0) index = 0;
  return index;
}

Status Prepare(OpContext& context) {
  const auto* opts = context.options<schema::ResizeNearestNeighborOptions>();
  ResizeOpData* data = nullptr;
  return PrepareResize(context, opts != nullptr && opts->align_corners(),
                       opts != nullptr && opts->half_pixel_centers(), kTypes,
                       &data);
}

Status Eval(OpContext& context) {
  const auto& d = *static_cast<const ResizeOpData*>(context.op_data());
  const Tensor* input = context.input(kInputTensor);
  Tensor* output = context.output(kOutputTensor);
  const size_t pixel_bytes =
      static_cast<size_t>(d.channels) * DataTypeSize(input->type);
  const uint8_t* in = static_cast<const uint8_t*>(input->data);
  uint8_t* out = static_cast<uint8_t*>(output->data);
  for (int32_t b = 0; b < d.batches; ++b) {
    for (int32_t y = 0; y < d.output_height; ++y) {
      const int32_t in_y = NearestIndex(y, d.input_height, d.output_height,
                                        d.align_corners, d.half_pixel_centers);
      for (int32_t x = 0; x < d.output_width; ++x) {
        const int32_t in_x =
            NearestIndex(x, d.input_width, d.output_width, d.align_corners,
                         d.half_pixel_centers);
        const int64_t pixel =
            (static_cast<int64_t>(b) * d.input_height + in_y) *
                d.input_width + in_x;
        std::memcpy(out, in + pixel * pixel_bytes, pixel_bytes);
        out += pixel_bytes;
      }
    }
  }
  return Status::kOk;
}

}  // namespace

const KernelRegistration& Register_RESIZE_NEAREST_NEIGHBOR() {
  static const KernelRegistration r = {nullptr, Prepare, Eval, nullptr};
  return r;
}

}  // namespace tfmicro
