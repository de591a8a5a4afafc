// RESIZE_BILINEAR over NHWC, as TFLite's reference kernel:
//   FLOAT32: source position (out + 0.5) * scale - 0.5 (half_pixel_centers)
//     or out * scale, scale = in / out ((in - 1) / (out - 1) with
//     align_corners), in float; the four neighbours (clamped to the input)
//     weighted by the fractional parts. A half-pixel position before the
//     first row extrapolates, as in TFLite.
//   INT8 / INT16: the same in 10-bit fixed point (scales rounded to
//     1/1024), the weighted sum rounded half away from zero at 2^20 and
//     cast to the type (wrapping, as TFLite, where extrapolation leaves the
//     range). Output quantization equals the input's.
#include <cmath>
#include <cstdint>

#include "tensorflow_micro/kernels/reference_kernels.h"
#include "tensorflow_micro/kernels/resize_common.h"
#include "tensorflow_micro/schema/schema_generated.h"

namespace tfmicro {
namespace {

constexpr int kInputTensor = 0;
constexpr int kOutputTensor = 0;

constexpr TypeSet kTypes = TypeBit(DataType::kFloat32) |
                           TypeBit(DataType::kInt8) |
                           TypeBit(DataType::kInt16);

Status Prepare(OpContext& context) {
  const auto* opts = context.options<schema::ResizeBilinearOptions>();
  ResizeOpData* data = nullptr;
  return PrepareResize(context, opts != nullptr && opts->align_corners(),
                       opts != nullptr && opts->half_pixel_centers(), kTypes,
                       &data);
}

struct Source {
  int32_t lower;
  int32_t upper;
};

float FloatScale(int32_t in_size, int32_t out_size, bool align_corners) {
  if (align_corners && out_size > 1) {
    return static_cast<float>(in_size - 1) / static_cast<float>(out_size - 1);
  }
  return static_cast<float>(in_size) / static_cast<float>(out_size);
}

// The source position of output index `out` and its two neighbours.
float FloatSource(int32_t out, float scale, bool half_pixel_centers,
                  int32_t in_size, Source* s) {
  const float position =
      half_pixel_centers
          ? (static_cast<float>(out) + 0.5f) * scale - 0.5f
          : static_cast<float>(out) * scale;
  const int32_t floor = static_cast<int32_t>(std::floor(position));
  const int32_t ceil = static_cast<int32_t>(std::ceil(position));
  s->lower = floor > 0 ? floor : 0;
  s->upper = ceil < in_size - 1 ? ceil : in_size - 1;
  return position;
}

void ResizeFloat(const ResizeOpData& d, const float* in, float* out) {
  const float height_scale =
      FloatScale(d.input_height, d.output_height, d.align_corners);
  const float width_scale =
      FloatScale(d.input_width, d.output_width, d.align_corners);
  const int64_t row = static_cast<int64_t>(d.input_width) * d.channels;
  for (int32_t b = 0; b < d.batches; ++b) {
    const float* image = in + b * d.input_height * row;
    for (int32_t y = 0; y < d.output_height; ++y) {
      Source sy;
      const float in_y = FloatSource(y, height_scale, d.half_pixel_centers,
                                     d.input_height, &sy);
      const float dy = in_y - static_cast<float>(sy.lower);
      for (int32_t x = 0; x < d.output_width; ++x) {
        Source sx;
        const float in_x = FloatSource(x, width_scale, d.half_pixel_centers,
                                       d.input_width, &sx);
        const float dx = in_x - static_cast<float>(sx.lower);
        const float* p00 = image + sy.lower * row + sx.lower * d.channels;
        const float* p10 = image + sy.upper * row + sx.lower * d.channels;
        const float* p01 = image + sy.lower * row + sx.upper * d.channels;
        const float* p11 = image + sy.upper * row + sx.upper * d.channels;
        for (int32_t c = 0; c < d.channels; ++c) {
          // TFLite's association: ((a + b) + c) + d, each term left to
          // right.
          *out++ = p00[c] * (1 - dy) * (1 - dx) + p10[c] * dy * (1 - dx) +
                   p01[c] * (1 - dy) * dx + p11[c] * dy * dx;
        }
      }
    }
  }
}

int32_t FixedScale(int32_t in_size, int32_t out_size, bool align_corners) {
  if (align_corners && out_size > 1) {
    return ((1 << 10) * (in_size - 1) + (out_size - 1) / 2) / (out_size - 1);
  }
  return ((1 << 10) * in_size + out_size / 2) / out_size;
}

// The source position in 1/1024 units and its neighbours (divisions
// truncate toward zero, as in TFLite).
int32_t FixedSource(int32_t out, int32_t scale, bool half_pixel_centers,
                    int32_t in_size, Source* s) {
  const int32_t position = half_pixel_centers
                               ? out * scale + scale / 2 - (1 << 9)
                               : out * scale;
  const int32_t lower = position / (1 << 10);
  const int32_t upper = (position + (1 << 10) - 1) / (1 << 10);
  s->lower = lower > 0 ? lower : 0;
  s->upper = upper < in_size - 1 ? upper : in_size - 1;
  return position;
}

template <typename T>
void ResizeFixed(const ResizeOpData& d, const T* in, T* out) {
  const int32_t height_scale =
      FixedScale(d.input_height, d.output_height, d.align_corners);
  const int32_t width_scale =
      FixedScale(d.input_width, d.output_width, d.align_corners);
  const int64_t row = static_cast<int64_t>(d.input_width) * d.channels;
  constexpr int64_t kOne = 1 << 10;
  for (int32_t b = 0; b < d.batches; ++b) {
    const T* image = in + b * d.input_height * row;
    for (int32_t y = 0; y < d.output_height; ++y) {
      Source sy;
      const int64_t dy =
          FixedSource(y, height_scale, d.half_pixel_centers, d.input_height,
                      &sy) -
          kOne * sy.lower;
      for (int32_t x = 0; x < d.output_width; ++x) {
        Source sx;
        const int64_t dx =
            FixedSource(x, width_scale, d.half_pixel_centers, d.input_width,
                        &sx) -
            kOne * sx.lower;
        const T* p00 = image + sy.lower * row + sx.lower * d.channels;
        const T* p10 = image + sy.upper * row + sx.lower * d.channels;
        const T* p01 = image + sy.lower * row + sx.upper * d.channels;
        const T* p11 = image + sy.upper * row + sx.upper * d.channels;
        for (int32_t c = 0; c < d.channels; ++c) {
          const int64_t sum = p00[c] * (kOne - dy) * (kOne - dx) +
                              p10[c] * dy * (kOne - dx) +
                              p01[c] * (kOne - dy) * dx + p11[c] * dy * dx;
          const int64_t round = sum > 0 ? (1 << 19) : -(1 << 19);
          const int64_t value = (sum + round) / (1 << 20);
          // Wraps like TFLite's static_cast when extrapolation overshoots.
          *out++ = static_cast<T>(static_cast<uint64_t>(value));
        }
      }
    }
  }
}

Status Eval(OpContext& context) {
  const auto& d = *static_cast<const ResizeOpData*>(context.op_data());
  const Tensor* input = context.input(kInputTensor);
  Tensor* output = context.output(kOutputTensor);
  switch (input->type) {
    case DataType::kFloat32:
      ResizeFloat(d, input->data_as<float>(), output->data_as<float>());
      break;
    case DataType::kInt8:
      ResizeFixed(d, input->data_as<int8_t>(), output->data_as<int8_t>());
      break;
    default:
      ResizeFixed(d, input->data_as<int16_t>(), output->data_as<int16_t>());
      break;
  }
  return Status::kOk;
}

}  // namespace

const KernelRegistration& Register_RESIZE_BILINEAR() {
  static const KernelRegistration r = {nullptr, Prepare, Eval, nullptr};
  return r;
}

}  // namespace tfmicro
