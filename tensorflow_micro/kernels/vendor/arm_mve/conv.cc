// arm_mve CONV_2D, INT8 (groups == 1, constant filter and bias): the
// receptive fields of up to four output pixels gathered as int8 rows into
// scratch (padding as the input zero point), then mat_mult_s8 against the
// OHWI filter rows with the input offset folded into the bias (prepare);
// the reference's Q31 requantization in vector form: bit-exact.
//   conv_1x1_s8: 1x1 filter, stride 1, no padding: a field is the pixel.
//   conv_s8:     any other filter, stride, dilation and padding.
// Gathering four pixels before writing any keeps the reference's in-place
// gap valid. Grouped convolutions, FLOAT32 and INT16 use the reference
// compute. Dispatch is decided once in prepare.
#include "tensorflow_micro/kernels/conv.h"

#include "tensorflow_micro/kernels/conv_common.h"
#include "tensorflow_micro/kernels/internal/in_place.h"
#include "tensorflow_micro/kernels/internal/tensor_util.h"
#include "tensorflow_micro/kernels/vendor/arm_mve/mac_s8.h"

namespace tfmicro {
namespace vendor {
namespace {

constexpr int kPixelsPerPass = 4;

enum class ConvKind { kReference, k1x1, kGeneral };

struct MveConvData {
  ConvOpData ref;
  ConvKind kind = ConvKind::kReference;
  int scratch = -1;
  const int32_t* folded_bias = nullptr;  // bias + input offset * sum(w)
};

// Four receptive fields of k int8 values (conv_s8 and conv_1x1_s8).
size_t conv_s8_scratch_size(int filter_h, int filter_w, int channels) {
  return static_cast<size_t>(kPixelsPerPass) * filter_h * filter_w * channels;
}

// The receptive field of output pixel p (NHWC order), row-major taps of
// `channels` values, taps outside the input as `pad`.
void GatherField(const ConvGeometry& g, const Tensor& input, int filter_h,
                 int filter_w, int p, int8_t pad, int8_t* dst) {
  const int in_h = input.dim(1);
  const int in_w = input.dim(2);
  const int channels = input.dim(3);
  const int ox = p % g.output_w;
  const int oy = (p / g.output_w) % g.output_h;
  const int b = p / (g.output_w * g.output_h);
  const int8_t* in = input.data_as<int8_t>();
  const int row_values = filter_w * channels;
  const int ix0 = ox * g.stride_w - g.pad_w;
  const bool row_inside = ix0 >= 0 && ix0 + (filter_w - 1) * g.dilation_w < in_w;
  for (int fy = 0; fy < filter_h; ++fy, dst += row_values) {
    const int iy = oy * g.stride_h - g.pad_h + fy * g.dilation_h;
    if (iy < 0 || iy >= in_h) {
      arm_mve::fill_s8(pad, row_values, dst);
      continue;
    }
    const int8_t* row = in + ((b * in_h + iy) * in_w) * channels;
    if (row_inside && g.dilation_w == 1) {
      arm_mve::copy_s8(row + ix0 * channels, row_values, dst);
      continue;
    }
    for (int fx = 0; fx < filter_w; ++fx) {
      const int ix = ix0 + fx * g.dilation_w;
      if (ix < 0 || ix >= in_w) {
        arm_mve::fill_s8(pad, channels, dst + fx * channels);
      } else {
        arm_mve::copy_s8(row + ix * channels, channels, dst + fx * channels);
      }
    }
  }
}

void conv_s8(const MveConvData& data, const Tensor& input,
             const Tensor& filter, Tensor& output, int8_t* fields) {
  const ConvGeometry& g = data.ref.geometry;
  const int out_channels = filter.dim(0);
  const int filter_h = filter.dim(1);
  const int filter_w = filter.dim(2);
  const int k = filter_h * filter_w * input.dim(3);
  const int pixels = input.dim(0) * g.output_h * g.output_w;
  const int8_t pad = static_cast<int8_t>(-data.ref.quant.input_offset);
  int8_t* out = output.data_as<int8_t>();
  for (int p = 0; p < pixels; p += kPixelsPerPass) {
    const int n = pixels - p < kPixelsPerPass ? pixels - p : kPixelsPerPass;
    for (int i = 0; i < n; ++i) {
      GatherField(g, input, filter_h, filter_w, p + i, pad, fields + i * k);
    }
    arm_mve::mat_mult_s8(fields, n, k, filter.data_as<int8_t>(), out_channels,
                         data.folded_bias, data.ref.quant,
                         out + p * out_channels);
  }
}

void conv_1x1_s8(const MveConvData& data, const Tensor& input,
                 const Tensor& filter, Tensor& output, int8_t* fields) {
  const int channels = input.dim(3);
  const int out_channels = filter.dim(0);
  const int pixels = input.dim(0) * input.dim(1) * input.dim(2);
  const int8_t* in = input.data_as<int8_t>();
  int8_t* out = output.data_as<int8_t>();
  for (int p = 0; p < pixels; p += kPixelsPerPass) {
    const int n = pixels - p < kPixelsPerPass ? pixels - p : kPixelsPerPass;
    // Copied so that the output may overwrite these pixels' input.
    arm_mve::copy_s8(in + p * channels, n * channels, fields);
    arm_mve::mat_mult_s8(fields, n, channels, filter.data_as<int8_t>(),
                         out_channels, data.folded_bias, data.ref.quant,
                         out + p * out_channels);
  }
}

Status Prepare(OpContext& context) {
  TFM_RETURN_IF_ERROR(PrepareConv(context));
  const ConvOpData copy = *static_cast<const ConvOpData*>(context.op_data());
  MveConvData* data = AllocateOpData<MveConvData>(context);
  if (data == nullptr) return Status::kArenaTooSmall;
  data->ref = copy;
  const Tensor* input = context.input(0);
  const Tensor* filter = context.input(1);
  const Tensor* bias = context.input(2);
  const ConvGeometry& g = copy.geometry;
  TFM_RETURN_IF_ERROR(AllowConvInPlace(context, g));
  if (input->type != DataType::kInt8 || filter->dim(3) != input->dim(3) ||
      !filter->is_constant || (bias != nullptr && !bias->is_constant)) {
    data->kind = ConvKind::kReference;
    return Status::kOk;
  }
  const int out_channels = filter->dim(0);
  const int k = filter->dim(1) * filter->dim(2) * filter->dim(3);
  auto* folded = static_cast<int32_t*>(
      context.AllocatePersistent(sizeof(int32_t) * out_channels));
  if (folded == nullptr) return Status::kArenaTooSmall;
  arm_mve::fold_offset_into_bias(
      filter->data_as<int8_t>(), out_channels, k, k, 1,
      bias != nullptr ? bias->data_as<int32_t>() : nullptr,
      copy.quant.input_offset, folded);
  data->folded_bias = folded;
  const bool is_1x1 = filter->dim(1) == 1 && filter->dim(2) == 1 &&
                      g.stride_h == 1 && g.stride_w == 1 && g.pad_h == 0 &&
                      g.pad_w == 0;
  data->kind = is_1x1 ? ConvKind::k1x1 : ConvKind::kGeneral;
  return context.RequestScratch(
      conv_s8_scratch_size(filter->dim(1), filter->dim(2), input->dim(3)),
      &data->scratch);
}

Status Eval(OpContext& context) {
  const auto& data = *static_cast<const MveConvData*>(context.op_data());
  const Tensor& input = *context.input(0);
  const Tensor& filter = *context.input(1);
  Tensor& output = *context.output(0);
  int8_t* fields = data.scratch >= 0
                       ? static_cast<int8_t*>(context.scratch(data.scratch))
                       : nullptr;
  switch (data.kind) {
    case ConvKind::k1x1:
      conv_1x1_s8(data, input, filter, output, fields);
      return Status::kOk;
    case ConvKind::kGeneral:
      conv_s8(data, input, filter, output, fields);
      return Status::kOk;
    case ConvKind::kReference:
      break;
  }
  // The reference compute reads its ConvOpData, MveConvData's first member.
  return EvalByInputType<ConvOpData>(context, EvalConvFloat, EvalConvInt8,
                                     EvalConvInt16);
}

}  // namespace

const KernelRegistration& Register_CONV_2D() {
  static const KernelRegistration r = {nullptr, Prepare, Eval, nullptr};
  return r;
}

}  // namespace vendor
}  // namespace tfmicro
