// arm_mve CONV_2D, INT8 (groups == 1, constant filter and bias): up to
// eight output pixels at a time, their receptive fields packed as int8 rows
// (pack_rows_s8; padding as the input zero point) and multiplied against
// the OHWI filter rows by mat_mult_s8, with the input offset folded into
// the bias at the start of each eval (scratch, so the arena holds no more
// than the reference's); the reference's Q31 requantization in vector
// form: bit-exact.
//   conv_1x1_s8: 1x1 filter, stride 1, no padding: a field is the pixel.
//   conv_s8:     any other filter, stride, dilation and padding (fields
//                gathered tap by tap into the packed rows).
// Reading a pass's fields before writing any keeps the reference's
// in-place gap valid. Grouped convolutions, FLOAT32 and INT16 run the
// reference compute. Dispatch is decided once in prepare.
#include "tensorflow_micro/kernels/conv.h"

#include "tensorflow_micro/kernels/conv_common.h"
#include "tensorflow_micro/kernels/internal/in_place.h"
#include "tensorflow_micro/kernels/vendor/arm_mve/mac_s8.h"
#include "tensorflow_micro/kernels/vendor_fallback.h"

namespace tfmicro {
namespace vendor {
namespace {

constexpr int kPixelsPerPass = arm_mve::kPackedRows;

enum class ConvKind { kReference, k1x1, kGeneral };

struct MveConvData {
  void* reference_data = nullptr;  // the ConvOpData of PrepareConv
  ConvKind kind = ConvKind::kReference;
  int scratch = -1;
};

// What conv_s8 / conv_1x1_s8 keep in scratch: the folded bias, then the
// packed fields of a pass.
struct ConvScratch {
  int32_t* folded_bias;
  int8_t* packed;
};

size_t FoldedBiasBytes(int out_channels) {
  // Rounded to 16 bytes: the packed rows after it are vector loads.
  return (sizeof(int32_t) * out_channels + 15) / 16 * 16;
}

size_t conv_s8_scratch_size(int k, int out_channels) {
  return FoldedBiasBytes(out_channels) + arm_mve::packed_rows_s8_size(k);
}

ConvScratch SplitScratch(void* scratch, int out_channels) {
  ConvScratch s;
  s.folded_bias = static_cast<int32_t*>(scratch);
  s.packed = static_cast<int8_t*>(scratch) + FoldedBiasBytes(out_channels);
  return s;
}

// What GatherField reads, taken out of the tensors once per eval.
struct FieldGeometry {
  const int8_t* input;
  int in_h, in_w, channels;
  int filter_h, filter_w;
  int dilation_h, dilation_w;
  int row_values;  // filter_w * channels
  int8_t pad;      // the input zero point: x + input_offset = 0
};

// The receptive field of the output pixel whose window starts at input
// row iy0, column ix0 of batch b, as packed row `row`: row-major taps of
// `channels` values, taps outside the input as the pad value.
void GatherField(const FieldGeometry& f, int b, int iy0, int ix0, int row,
                 int8_t* packed) {
  const bool columns_inside =
      ix0 >= 0 && ix0 + (f.filter_w - 1) * f.dilation_w < f.in_w;
  const int8_t* batch = f.input + b * f.in_h * f.in_w * f.channels;
  for (int fy = 0, at = 0; fy < f.filter_h; ++fy, at += f.row_values) {
    const int iy = iy0 + fy * f.dilation_h;
    if (iy < 0 || iy >= f.in_h) {
      arm_mve::fill_packed_s8(f.pad, f.row_values, at, row, packed);
      continue;
    }
    const int8_t* line = batch + iy * f.in_w * f.channels;
    if (columns_inside && f.dilation_w == 1) {
      arm_mve::copy_to_packed_s8(line + ix0 * f.channels, f.row_values, at,
                                 row, packed);
      continue;
    }
    for (int fx = 0; fx < f.filter_w; ++fx) {
      const int ix = ix0 + fx * f.dilation_w;
      const int tap = at + fx * f.channels;
      if (ix < 0 || ix >= f.in_w) {
        arm_mve::fill_packed_s8(f.pad, f.channels, tap, row, packed);
      } else {
        arm_mve::copy_to_packed_s8(line + ix * f.channels, f.channels, tap,
                                   row, packed);
      }
    }
  }
}

void conv_s8(const ConvOpData& data, const Tensor& input, const Tensor& filter,
             const ConvScratch& scratch, Tensor& output) {
  const ConvGeometry& g = data.geometry;
  FieldGeometry f;
  f.input = input.data_as<int8_t>();
  f.in_h = input.dim(1);
  f.in_w = input.dim(2);
  f.channels = input.dim(3);
  f.filter_h = filter.dim(1);
  f.filter_w = filter.dim(2);
  f.dilation_h = g.dilation_h;
  f.dilation_w = g.dilation_w;
  f.row_values = f.filter_w * f.channels;
  f.pad = static_cast<int8_t>(-data.quant.input_offset);
  const int out_channels = filter.dim(0);
  const int k = f.filter_h * f.row_values;
  const int8_t* weights = filter.data_as<int8_t>();
  int8_t* out = output.data_as<int8_t>();
  // The gathers never write past k: zeros there (and defined values in
  // rows a short last pass leaves alone) once per eval.
  arm_mve::fill_s8(0, arm_mve::packed_rows_s8_size(k), scratch.packed);
  int rows = 0;  // gathered into the pass so far
  for (int b = 0; b < input.dim(0); ++b) {
    for (int oy = 0; oy < g.output_h; ++oy) {
      const int iy0 = oy * g.stride_h - g.pad_h;
      for (int ox = 0; ox < g.output_w; ++ox) {
        GatherField(f, b, iy0, ox * g.stride_w - g.pad_w, rows,
                    scratch.packed);
        if (++rows == kPixelsPerPass) {
          arm_mve::mat_mult_s8(scratch.packed, rows, k, weights, out_channels,
                               scratch.folded_bias, data.quant, out);
          out += rows * out_channels;
          rows = 0;
        }
      }
    }
  }
  if (rows > 0) {
    arm_mve::mat_mult_s8(scratch.packed, rows, k, weights, out_channels,
                         scratch.folded_bias, data.quant, out);
  }
}

void conv_1x1_s8(const ConvOpData& data, const Tensor& input,
                 const Tensor& filter, const ConvScratch& scratch,
                 Tensor& output) {
  const int channels = input.dim(3);
  const int out_channels = filter.dim(0);
  const int pixels = input.dim(0) * input.dim(1) * input.dim(2);
  const int8_t* in = input.data_as<int8_t>();
  int8_t* out = output.data_as<int8_t>();
  for (int p = 0; p < pixels; p += kPixelsPerPass) {
    const int n = pixels - p < kPixelsPerPass ? pixels - p : kPixelsPerPass;
    // Packed (copied) first, so the output may overwrite this input.
    arm_mve::pack_rows_s8(in + p * channels, n, channels, channels,
                          scratch.packed);
    arm_mve::mat_mult_s8(scratch.packed, n, channels,
                         filter.data_as<int8_t>(), out_channels,
                         scratch.folded_bias, data.quant,
                         out + p * out_channels);
  }
}

Status Prepare(OpContext& context) {
  TFM_RETURN_IF_ERROR(PrepareConv(context));
  const auto* ref = static_cast<const ConvOpData*>(context.op_data());
  TFM_RETURN_IF_ERROR(AllowConvInPlace(context, ref->geometry));
  auto* data = static_cast<MveConvData*>(
      context.AllocatePersistent(sizeof(MveConvData)));
  if (data == nullptr) return Status::kArenaTooSmall;
  *data = MveConvData();
  data->reference_data = context.op_data();
  context.set_op_data(data);
  const Tensor* input = context.input(0);
  const Tensor* filter = context.input(1);
  const Tensor* bias = context.input(2);
  const ConvGeometry& g = ref->geometry;
  if (input->type != DataType::kInt8 || filter->dim(3) != input->dim(3) ||
      !filter->is_constant || (bias != nullptr && !bias->is_constant)) {
    return Status::kOk;
  }
  const int out_channels = filter->dim(0);
  const int k = filter->dim(1) * filter->dim(2) * filter->dim(3);
  const bool is_1x1 = filter->dim(1) == 1 && filter->dim(2) == 1 &&
                      g.stride_h == 1 && g.stride_w == 1 && g.pad_h == 0 &&
                      g.pad_w == 0;
  data->kind = is_1x1 ? ConvKind::k1x1 : ConvKind::kGeneral;
  return context.RequestScratch(conv_s8_scratch_size(k, out_channels),
                                &data->scratch);
}

Status Eval(OpContext& context) {
  const auto& data = *static_cast<const MveConvData*>(context.op_data());
  if (data.kind == ConvKind::kReference) {
    return vendor::EvalWithOpData(
        context, data.reference_data, [](OpContext& c) {
          return EvalByInputType<ConvOpData>(c, EvalConvFloat, EvalConvInt8,
                                             EvalConvInt16);
        });
  }
  const auto& ref = *static_cast<const ConvOpData*>(data.reference_data);
  const Tensor& input = *context.input(0);
  const Tensor& filter = *context.input(1);
  const Tensor* bias = context.input(2);
  Tensor& output = *context.output(0);
  const int out_channels = filter.dim(0);
  const int k = filter.dim(1) * filter.dim(2) * filter.dim(3);
  const ConvScratch scratch =
      SplitScratch(context.scratch(data.scratch), out_channels);
  arm_mve::fold_offset_into_bias(
      filter.data_as<int8_t>(), out_channels, k,
      bias != nullptr ? bias->data_as<int32_t>() : nullptr,
      ref.quant.input_offset, scratch.folded_bias);
  if (data.kind == ConvKind::k1x1) {
    conv_1x1_s8(ref, input, filter, scratch, output);
  } else {
    conv_s8(ref, input, filter, scratch, output);
  }
  return Status::kOk;
}

}  // namespace

const KernelRegistration& Register_CONV_2D() {
  static const KernelRegistration r = {nullptr, Prepare, Eval, nullptr};
  return r;
}

}  // namespace vendor
}  // namespace tfmicro
