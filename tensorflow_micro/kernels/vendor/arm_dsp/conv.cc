// arm_dsp CONV_2D, INT8 (groups == 1): the receptive fields of two output
// pixels widened to int16 (input offset added, padding as 0; SXTB16 and
// SADD16 four values at a time) into scratch, then two output channels by
// two pixels at a time through SMLAD (inline asm on DSP cores); the
// reference's Q31 requantization on the sums (Int8ConvOutput, or its
// shorter equal requant_s8.h): bit-exact.
//   conv_1x1_s8: 1x1 filter, stride 1, no padding: the pixel itself is the
//                receptive field (no gather).
//   conv_s8:     any other filter, stride, dilation and padding.
// Grouped convolutions, FLOAT32 and INT16 use the reference compute.
// Dispatch is decided once in prepare.
#include "tensorflow_micro/kernels/conv.h"

#include "tensorflow_micro/kernels/conv_common.h"
#include "tensorflow_micro/kernels/internal/in_place.h"
#include "tensorflow_micro/kernels/internal/tensor_util.h"
#include "tensorflow_micro/kernels/vendor/arm_dsp/dsp_math.h"
#include "tensorflow_micro/kernels/vendor/arm_dsp/mac_s8.h"
#include "tensorflow_micro/kernels/vendor/arm_dsp/requant_s8.h"

namespace tfmicro {
namespace vendor {
namespace {

enum class ConvKind { kReference, k1x1, kGeneral };

struct DspConvData {
  ConvOpData ref;
  ConvKind kind = ConvKind::kReference;
  bool lean_requant = false;  // arm_dsp::LeanRequantOk
  int scratch = -1;
};

// Scratch of conv_1x1_s8: the output channels' ChannelRequant table, then
// two widened pixels (pixels go in pairs so each weight load serves two).
size_t conv_1x1_s8_scratch_size(int channels, int out_channels) {
  return static_cast<size_t>(out_channels) * sizeof(arm_dsp::ChannelRequant) +
         2 * static_cast<size_t>(channels) * sizeof(int16_t);
}
// Scratch of conv_s8: the table, two widened receptive fields and one
// field as bytes.
size_t conv_s8_scratch_size(int filter_h, int filter_w, int channels,
                            int out_channels) {
  const size_t k = static_cast<size_t>(filter_h) * filter_w * channels;
  return static_cast<size_t>(out_channels) * sizeof(arm_dsp::ChannelRequant) +
         2 * k * sizeof(int16_t) + k;
}

// The output of channel `channel`'s sum: Int8ConvOutput, or under
// LeanRequantOk the equal Int8OutputTable with the channel's constants.
template <bool kLean>
TFM_DSP_INLINE int8_t Out(int32_t acc, const int32_t* bias, int channel,
                          const ConvQuantParams& q,
                          const arm_dsp::ChannelRequant* table) {
  if (!kLean) return Int8ConvOutput(acc, bias, channel, q);
  if (bias != nullptr) acc += bias[channel];
  return arm_dsp::Int8OutputTable(acc, table[channel], q);
}

// All output channels of one pixel from its widened receptive field `col`
// (k values) against the OHWI filter rows.
template <bool kLean>
void OutputPixel(const ConvOpData& data, const int8_t* filter_data,
                 int out_channels, int k, const int16_t* col,
                 const int32_t* bias, const arm_dsp::ChannelRequant* table,
                 int8_t* out) {
  const ConvQuantParams& q = data.quant;
  int oc = 0;
  int32_t s[4];
  for (; oc + 4 <= out_channels; oc += 4) {
    arm_dsp::dot4_s8_s16(filter_data + oc * k, k, col, k, s);
    out[oc] = Out<kLean>(s[0], bias, oc, q, table);
    out[oc + 1] = Out<kLean>(s[1], bias, oc + 1, q, table);
    out[oc + 2] = Out<kLean>(s[2], bias, oc + 2, q, table);
    out[oc + 3] = Out<kLean>(s[3], bias, oc + 3, q, table);
  }
  for (; oc < out_channels; ++oc) {
    out[oc] = Out<kLean>(arm_dsp::dot_s8_s16(filter_data + oc * k, col, k),
                         bias, oc, q, table);
  }
}

// All output channels of two pixels (fields col and col + k) into out0,
// out1.
template <bool kLean>
void OutputPixelPair(const ConvOpData& data, const int8_t* filter_data,
                     int out_channels, int k, const int16_t* col,
                     const int32_t* bias, const arm_dsp::ChannelRequant* table,
                     int8_t* out0, int8_t* out1) {
  const ConvQuantParams& q = data.quant;
  int oc = 0;
  int32_t s[4];
  for (; oc + 2 <= out_channels; oc += 2) {
    arm_dsp::dot2x2_s8_s16(filter_data + oc * k, col, k, s);
    out0[oc] = Out<kLean>(s[0], bias, oc, q, table);
    out1[oc] = Out<kLean>(s[1], bias, oc, q, table);
    out0[oc + 1] = Out<kLean>(s[2], bias, oc + 1, q, table);
    out1[oc + 1] = Out<kLean>(s[3], bias, oc + 1, q, table);
  }
  if (oc < out_channels) {
    const int8_t* w = filter_data + oc * k;
    out0[oc] = Out<kLean>(arm_dsp::dot_s8_s16(w, col, k), bias, oc, q, table);
    out1[oc] =
        Out<kLean>(arm_dsp::dot_s8_s16(w, col + k, k), bias, oc, q, table);
  }
}

template <bool kLean>
void conv_1x1_s8(const ConvOpData& data, const Tensor& input,
                 const Tensor& filter, const Tensor* bias, Tensor& output,
                 const arm_dsp::ChannelRequant* table, int16_t* col) {
  const int channels = input.dim(3);
  const int out_channels = filter.dim(0);
  const int pixels = input.dim(0) * input.dim(1) * input.dim(2);
  const int8_t* in = input.data_as<int8_t>();
  int8_t* out = output.data_as<int8_t>();
  const int32_t* bias_data =
      bias != nullptr ? bias->data_as<int32_t>() : nullptr;
  int p = 0;
  for (; p + 2 <= pixels; p += 2) {
    // Two adjacent pixels are 2 * channels contiguous values; with
    // channels % 4 != 0 the second pixel's groups of four would start
    // mid-group, so each is widened on its own.
    if (channels % 4 == 0) {
      arm_dsp::widen_interleaved_s8(in + p * channels, 2 * channels,
                                    data.quant.input_offset, col);
    } else {
      arm_dsp::widen_interleaved_s8(in + p * channels, channels,
                                    data.quant.input_offset, col);
      arm_dsp::widen_interleaved_s8(in + (p + 1) * channels, channels,
                                    data.quant.input_offset, col + channels);
    }
    OutputPixelPair<kLean>(data, filter.data_as<int8_t>(), out_channels,
                           channels, col, bias_data, table,
                           out + p * out_channels,
                           out + (p + 1) * out_channels);
  }
  if (p < pixels) {
    arm_dsp::widen_interleaved_s8(in + p * channels, channels,
                                  data.quant.input_offset, col);
    OutputPixel<kLean>(data, filter.data_as<int8_t>(), out_channels, channels,
                       col, bias_data, table, out + p * out_channels);
  }
}

template <bool kLean>
void conv_s8(const ConvOpData& data, const Tensor& input, const Tensor& filter,
             const Tensor* bias, Tensor& output,
             const arm_dsp::ChannelRequant* table, int16_t* col) {
  const ConvGeometry& g = data.geometry;
  const int batches = input.dim(0);
  const int in_h = input.dim(1);
  const int in_w = input.dim(2);
  const int channels = input.dim(3);
  const int out_channels = filter.dim(0);
  const int filter_h = filter.dim(1);
  const int filter_w = filter.dim(2);
  const int k = filter_h * filter_w * channels;
  const int8_t* in = input.data_as<int8_t>();
  int8_t* out = output.data_as<int8_t>();
  const int32_t* bias_data =
      bias != nullptr ? bias->data_as<int32_t>() : nullptr;
  const int32_t offset = data.quant.input_offset;
  // The field is first copied as bytes (each filter row's taps are one
  // contiguous run of the input without dilation), taps outside the input
  // filled with the input zero point, whose widened value zero point +
  // offset is 0 (the reference skips those taps); then one pass widens
  // and interleaves it.
  int8_t* bytes = reinterpret_cast<int8_t*>(col + 2 * k);
  const auto zero_point = static_cast<int8_t>(-offset);
  const size_t tap_bytes = static_cast<size_t>(channels);
  const size_t row_bytes = tap_bytes * static_cast<size_t>(filter_w);
  // Pixels go in pairs (OutputPixelPair).
  const int pixels = batches * g.output_h * g.output_w;
  int pending = -1;  // the pixel gathered into col, waiting for a partner
  for (int p = 0; p < pixels; ++p) {
    const int ox = p % g.output_w;
    const int oy = (p / g.output_w) % g.output_h;
    const int b = p / (g.output_w * g.output_h);
    const int x0 = ox * g.stride_w - g.pad_w;
    const bool row_inside =
        x0 >= 0 && x0 + (filter_w - 1) * g.dilation_w < in_w;
    int8_t* dst = bytes;
    for (int fy = 0; fy < filter_h; ++fy) {
      const int iy = oy * g.stride_h - g.pad_h + fy * g.dilation_h;
      if (iy < 0 || iy >= in_h) {
        std::memset(dst, zero_point, row_bytes);
        dst += row_bytes;
        continue;
      }
      const int8_t* src_row = in + (b * in_h + iy) * in_w * channels;
      if (row_inside && g.dilation_w == 1) {
        std::memcpy(dst, src_row + x0 * channels, row_bytes);
        dst += row_bytes;
        continue;
      }
      for (int fx = 0; fx < filter_w; ++fx) {
        const int ix = x0 + fx * g.dilation_w;
        if (ix < 0 || ix >= in_w) {
          std::memset(dst, zero_point, tap_bytes);
        } else {
          std::memcpy(dst, src_row + ix * channels, tap_bytes);
        }
        dst += tap_bytes;
      }
    }
    arm_dsp::widen_interleaved_s8(bytes, k, offset,
                                  col + (pending >= 0 ? k : 0));
    if (pending < 0) {
      pending = p;
      continue;
    }
    OutputPixelPair<kLean>(data, filter.data_as<int8_t>(), out_channels, k,
                           col, bias_data, table, out + pending * out_channels,
                           out + p * out_channels);
    pending = -1;
  }
  if (pending >= 0) {
    OutputPixel<kLean>(data, filter.data_as<int8_t>(), out_channels, k, col,
                       bias_data, table, out + pending * out_channels);
  }
}

Status Prepare(OpContext& context) {
  TFM_RETURN_IF_ERROR(PrepareConv(context));
  const ConvOpData copy = *static_cast<const ConvOpData*>(context.op_data());
  DspConvData* data = AllocateOpData<DspConvData>(context);
  if (data == nullptr) return Status::kArenaTooSmall;
  data->ref = copy;
  const Tensor* input = context.input(0);
  const Tensor* filter = context.input(1);
  const ConvGeometry& g = copy.geometry;
  // Every path reads a pixel's receptive field before writing the pixel,
  // in the reference's pixel order, so the reference's in-place gap holds.
  TFM_RETURN_IF_ERROR(AllowConvInPlace(context, g));
  if (input->type != DataType::kInt8 || filter->dim(3) != input->dim(3)) {
    data->kind = ConvKind::kReference;
    return Status::kOk;
  }
  const int channels = input->dim(3);
  data->lean_requant = arm_dsp::LeanRequantOk(copy.quant, filter->dim(0));
  if (filter->dim(1) == 1 && filter->dim(2) == 1 && g.stride_h == 1 &&
      g.stride_w == 1 && g.pad_h == 0 && g.pad_w == 0) {
    data->kind = ConvKind::k1x1;
    return context.RequestScratch(
        conv_1x1_s8_scratch_size(channels, filter->dim(0)), &data->scratch);
  }
  data->kind = ConvKind::kGeneral;
  return context.RequestScratch(
      conv_s8_scratch_size(filter->dim(1), filter->dim(2), channels,
                           filter->dim(0)),
      &data->scratch);
}

Status Eval(OpContext& context) {
  const auto& data = *static_cast<const DspConvData*>(context.op_data());
  const Tensor& input = *context.input(0);
  const Tensor& filter = *context.input(1);
  const Tensor* bias = context.input(2);
  Tensor& output = *context.output(0);
  auto* table = data.scratch >= 0 ? static_cast<arm_dsp::ChannelRequant*>(
                                        context.scratch(data.scratch))
                                  : nullptr;
  int16_t* col = nullptr;
  if (table != nullptr) {
    const int out_channels = filter.dim(0);
    col = reinterpret_cast<int16_t*>(table + out_channels);
    if (data.lean_requant) {
      arm_dsp::MakeChannelRequants(data.ref.quant, out_channels, table);
    }
  }
  switch (data.kind) {
    case ConvKind::k1x1:
      if (data.lean_requant) {
        conv_1x1_s8<true>(data.ref, input, filter, bias, output, table, col);
      } else {
        conv_1x1_s8<false>(data.ref, input, filter, bias, output, table, col);
      }
      return Status::kOk;
    case ConvKind::kGeneral:
      if (data.lean_requant) {
        conv_s8<true>(data.ref, input, filter, bias, output, table, col);
      } else {
        conv_s8<false>(data.ref, input, filter, bias, output, table, col);
      }
      return Status::kOk;
    case ConvKind::kReference:
      break;
  }
  switch (input.type) {
    case DataType::kFloat32:
      EvalConvFloat(data.ref, input, filter, bias, output);
      return Status::kOk;
    case DataType::kInt8:
      EvalConvInt8(data.ref, input, filter, bias, output);
      return Status::kOk;
    case DataType::kInt16:
      EvalConvInt16(data.ref, input, filter, bias, output);
      return Status::kOk;
    default:
      return context.Error("input type %s not supported",
                           DataTypeName(input.type));
  }
}

}  // namespace

const KernelRegistration& Register_CONV_2D() {
  static const KernelRegistration r = {nullptr, Prepare, Eval, nullptr};
  return r;
}

}  // namespace vendor
}  // namespace tfmicro
