// arm_dsp DEPTHWISE_CONV_2D, INT8 (depthwise_s8). With depth multiplier 1,
// per output pixel, four channels at a time, one 32-bit
// load of four inputs and four weights per tap, SXTB16 to halfword pairs
// and SMLABB/SMLATT per channel. Each sum starts from bias + input offset *
// (sum of the channel's weights), computed once per eval, so the taps take
// the raw inputs. A pixel whose window crosses the input's border reads a
// copy of its window with the outside filled with the input zero point
// (whose term, zero point + offset, is 0: the reference skips those taps).
// A 3x3 window is unrolled (inline asm on DSP cores). The reference's Q31
// requantization on the sums (Int8ConvOutput, or its shorter equal
// requant_s8.h): bit-exact. With a depth multiplier above 1 each output
// channel is summed on its own (the same start values and border copies).
// FLOAT32 and INT16 use the reference compute.
#include "tensorflow_micro/kernels/depthwise_conv.h"

#include "tensorflow_micro/kernels/conv_common.h"
#include "tensorflow_micro/kernels/internal/in_place.h"
#include "tensorflow_micro/kernels/internal/tensor_util.h"
#include "tensorflow_micro/kernels/vendor/arm_dsp/dsp_math.h"
#include "tensorflow_micro/kernels/vendor/arm_dsp/requant_s8.h"

namespace tfmicro {
namespace vendor {
namespace {

struct DspDepthwiseData {
  DepthwiseConvOpData ref;
  bool fast = false;
  bool lean_requant = false;  // arm_dsp::LeanRequantOk
  int scratch = -1;
};

// Scratch of depthwise_s8: the output channels' ChannelRequant table, one
// int32 start value per output channel, the filter regrouped by four
// channels ([out_channels / 4][taps][4] bytes) and one window of input
// channels (taps * channels bytes).
size_t depthwise_s8_scratch_size(int taps, int channels, int multiplier) {
  const size_t out_channels = static_cast<size_t>(channels) * multiplier;
  return out_channels * (sizeof(arm_dsp::ChannelRequant) + sizeof(int32_t)) +
         taps * out_channels + static_cast<size_t>(taps) * channels;
}

// The output positions [*lo, *hi) along one axis whose whole window lies
// inside the input.
void InteriorRange(int stride, int pad, int dilation, int taps, int size,
                   int outputs, int* lo, int* hi) {
  *lo = (pad + stride - 1) / stride;
  const int last_start = size - 1 - (taps - 1) * dilation + pad;
  *hi = last_start < 0 ? 0 : last_start / stride + 1;
  if (*hi > outputs) *hi = outputs;
  if (*lo > *hi) *lo = *hi;
}

// Four channels' products of one tap: inputs x and weights w (4 bytes each).
TFM_DSP_INLINE void Mac4(uint32_t x, uint32_t w, int32_t* a0, int32_t* a1,
                         int32_t* a2, int32_t* a3) {
  const uint32_t x02 = arm_dsp::Sxtb16(x);
  const uint32_t x13 = arm_dsp::Sxtb16Ror8(x);
  const uint32_t w02 = arm_dsp::Sxtb16(w);
  const uint32_t w13 = arm_dsp::Sxtb16Ror8(w);
  *a0 = arm_dsp::Smlabb(x02, w02, *a0);
  *a2 = arm_dsp::Smlatt(x02, w02, *a2);
  *a1 = arm_dsp::Smlabb(x13, w13, *a1);
  *a3 = arm_dsp::Smlatt(x13, w13, *a3);
}

// acc[0..3] += the 3x3 window at x (columns `step` bytes apart, rows `row`
// bytes apart) times the 36 regrouped weights at w.
TFM_DSP_INLINE void Window3x3(const int8_t* x, int step, int row,
                              const int8_t* w, int32_t* acc) {
  int32_t a0 = acc[0];
  int32_t a1 = acc[1];
  int32_t a2 = acc[2];
  int32_t a3 = acc[3];
#if defined(__ARM_FEATURE_DSP) && __ARM_FEATURE_DSP
  uint32_t u;
  uint32_t v;
  uint32_t s;
  uint32_t t;
#define TFM_DW_TAP(address)                   \
  "ldr %[u], " address "\n"                   \
  "ldr %[v], [%[w]], #4\n"                    \
  "sxtb16 %[s], %[u]\n"                       \
  "sxtb16 %[t], %[v]\n"                       \
  "smlabb %[a0], %[s], %[t], %[a0]\n"         \
  "smlatt %[a2], %[s], %[t], %[a2]\n"         \
  "sxtb16 %[s], %[u], ror #8\n"               \
  "sxtb16 %[t], %[v], ror #8\n"               \
  "smlabb %[a1], %[s], %[t], %[a1]\n"         \
  "smlatt %[a3], %[s], %[t], %[a3]\n"
#define TFM_DW_ROW                          \
  TFM_DW_TAP("[%[x]]")                      \
  TFM_DW_TAP("[%[x], %[step]]")             \
  TFM_DW_TAP("[%[x], %[step], lsl #1]")
  // (GCC spills an accumulator of the C version at -Os.)
  __asm__(TFM_DW_ROW "add %[x], %[x], %[row]\n" TFM_DW_ROW
                     "add %[x], %[x], %[row]\n" TFM_DW_ROW
          : [a0] "+r"(a0), [a1] "+r"(a1), [a2] "+r"(a2), [a3] "+r"(a3),
            [x] "+r"(x), [w] "+r"(w), [u] "=&r"(u), [v] "=&r"(v),
            [s] "=&r"(s), [t] "=&r"(t)
          : [step] "r"(step), [row] "r"(row)
          : "memory");
#undef TFM_DW_ROW
#undef TFM_DW_TAP
#else
  for (int fy = 0; fy < 3; ++fy) {
    for (int fx = 0; fx < 3; ++fx) {
      Mac4(arm_dsp::Load32(x + fx * step), arm_dsp::Load32(w), &a0, &a1,
           &a2, &a3);
      w += 4;
    }
    x += row;
  }
#endif
  acc[0] = a0;
  acc[1] = a1;
  acc[2] = a2;
  acc[3] = a3;
}

// Int8ConvOutput of a sum that holds its bias, or under LeanRequantOk the
// equal Int8OutputTable with the channel's constants.
template <bool kLean>
TFM_DSP_INLINE int8_t Out(int32_t acc, int channel, const ConvQuantParams& q,
                          const arm_dsp::ChannelRequant* table) {
  return kLean ? arm_dsp::Int8OutputTable(acc, table[channel], q)
               : Int8ConvOutput(acc, nullptr, channel, q);
}

// One output pixel of a depth multiplier above 1: output channel
// c * multiplier + m reads input channel c.
template <bool kLean>
void DepthwisePixelMultiplier(const int8_t* x, int step, int row,
                              int filter_h, int filter_w, int channels,
                              int multiplier, const int8_t* filter_data,
                              const int32_t* start, const ConvQuantParams& q,
                              const arm_dsp::ChannelRequant* table,
                              int8_t* out) {
  const int out_channels = channels * multiplier;
  int oc = 0;
  for (int c = 0; c < channels; ++c) {
    for (int m = 0; m < multiplier; ++m, ++oc) {
      int32_t a = start[oc];
      const int8_t* w = filter_data + oc;
      for (int fy = 0; fy < filter_h; ++fy) {
        const int8_t* x_row = x + fy * row + c;
        for (int fx = 0; fx < filter_w; ++fx) {
          a += *w * x_row[fx * step];
          w += out_channels;
        }
      }
      out[oc] = Out<kLean>(a, oc, q, table);
    }
  }
}

// One output pixel from its window at x (taps `step` bytes apart along a
// row, rows `row` bytes apart; channel c of a tap at byte c).
template <bool kLean>
void DepthwisePixel(const int8_t* x, int step, int row, int filter_h,
                    int filter_w, int channels, int multiplier,
                    const int8_t* filter_data, const int8_t* grouped,
                    const int32_t* start, const ConvQuantParams& q,
                    const arm_dsp::ChannelRequant* table, int8_t* out) {
  if (multiplier != 1) {
    DepthwisePixelMultiplier<kLean>(x, step, row, filter_h, filter_w,
                                    channels, multiplier, filter_data, start,
                                    q, table, out);
    return;
  }
  const int taps = filter_h * filter_w;
  const int c4 = channels & ~3;
  int32_t acc[4];
  for (int c = 0; c < c4; c += 4) {
    const int8_t* w = grouped + c * taps;
    acc[0] = start[c];
    acc[1] = start[c + 1];
    acc[2] = start[c + 2];
    acc[3] = start[c + 3];
    if (filter_h == 3 && filter_w == 3) {
      Window3x3(x + c, step, row, w, acc);
    } else {
      for (int fy = 0; fy < filter_h; ++fy) {
        const int8_t* x_row = x + c + fy * row;
        for (int fx = 0; fx < filter_w; ++fx) {
          Mac4(arm_dsp::Load32(x_row + fx * step), arm_dsp::Load32(w),
               &acc[0], &acc[1], &acc[2], &acc[3]);
          w += 4;
        }
      }
    }
    out[c] = Out<kLean>(acc[0], c, q, table);
    out[c + 1] = Out<kLean>(acc[1], c + 1, q, table);
    out[c + 2] = Out<kLean>(acc[2], c + 2, q, table);
    out[c + 3] = Out<kLean>(acc[3], c + 3, q, table);
  }
  for (int c = c4; c < channels; ++c) {
    int32_t a = start[c];
    for (int fy = 0; fy < filter_h; ++fy) {
      for (int fx = 0; fx < filter_w; ++fx) {
        a += filter_data[(fy * filter_w + fx) * channels + c] *
             x[fy * row + fx * step + c];
      }
    }
    out[c] = Out<kLean>(a, c, q, table);
  }
}

template <bool kLean>
void depthwise_s8(const DepthwiseConvOpData& data, const Tensor& input,
                  const Tensor& filter, const Tensor* bias, Tensor& output,
                  void* scratch) {
  const ConvGeometry& g = data.geometry;
  const ConvQuantParams& q = data.quant;
  const int batches = input.dim(0);
  const int in_h = input.dim(1);
  const int in_w = input.dim(2);
  const int channels = input.dim(3);
  const int multiplier = data.depth_multiplier;
  const int out_channels = channels * multiplier;
  const int filter_h = filter.dim(1);
  const int filter_w = filter.dim(2);
  const int taps = filter_h * filter_w;
  const int8_t* in = input.data_as<int8_t>();
  const int8_t* filter_data = filter.data_as<int8_t>();
  const int32_t* bias_data =
      bias != nullptr ? bias->data_as<int32_t>() : nullptr;
  int8_t* out = output.data_as<int8_t>();
  auto* table = static_cast<arm_dsp::ChannelRequant*>(scratch);
  if (kLean) arm_dsp::MakeChannelRequants(q, out_channels, table);
  auto* start = reinterpret_cast<int32_t*>(table + out_channels);
  int8_t* grouped = reinterpret_cast<int8_t*>(start + out_channels);
  int8_t* window = grouped + taps * out_channels;
  for (int c = 0; c < out_channels; ++c) {
    int32_t weights = 0;
    for (int t = 0; t < taps; ++t) {
      weights += filter_data[t * out_channels + c];
    }
    start[c] = (bias_data != nullptr ? bias_data[c] : 0) +
               q.input_offset * weights;
  }
  const int c4 = multiplier == 1 ? channels & ~3 : 0;
  for (int c = 0; c < c4; c += 4) {
    for (int t = 0; t < taps; ++t) {
      std::memcpy(grouped + c * taps + 4 * t, filter_data + t * channels + c,
                  4);
    }
  }
  const int8_t zero_point = static_cast<int8_t>(-q.input_offset);
  int ox_lo;
  int ox_hi;
  int oy_lo;
  int oy_hi;
  InteriorRange(g.stride_w, g.pad_w, g.dilation_w, filter_w, in_w,
                g.output_w, &ox_lo, &ox_hi);
  InteriorRange(g.stride_h, g.pad_h, g.dilation_h, filter_h, in_h,
                g.output_h, &oy_lo, &oy_hi);
  const int row_stride = in_w * channels;
  for (int b = 0; b < batches; ++b) {
    const int8_t* in_batch = in + b * in_h * row_stride;
    for (int oy = 0; oy < g.output_h; ++oy) {
      const int y0 = oy * g.stride_h - g.pad_h;
      const bool row_inside = oy >= oy_lo && oy < oy_hi;
      for (int ox = 0; ox < g.output_w; ++ox) {
        const int x0 = ox * g.stride_w - g.pad_w;
        if (row_inside && ox >= ox_lo && ox < ox_hi) {
          DepthwisePixel<kLean>(in_batch + y0 * row_stride + x0 * channels,
                                g.dilation_w * channels,
                                g.dilation_h * row_stride, filter_h, filter_w,
                                channels, multiplier, filter_data, grouped,
                                start, q, table, out);
        } else {
          int8_t* dst = window;
          for (int fy = 0; fy < filter_h; ++fy) {
            const int iy = y0 + fy * g.dilation_h;
            for (int fx = 0; fx < filter_w; ++fx) {
              const int ix = x0 + fx * g.dilation_w;
              if (iy < 0 || iy >= in_h || ix < 0 || ix >= in_w) {
                std::memset(dst, zero_point, static_cast<size_t>(channels));
              } else {
                std::memcpy(dst, in_batch + iy * row_stride + ix * channels,
                            static_cast<size_t>(channels));
              }
              dst += channels;
            }
          }
          DepthwisePixel<kLean>(window, channels, filter_w * channels,
                                filter_h, filter_w, channels, multiplier,
                                filter_data, grouped, start, q, table, out);
        }
        out += out_channels;
      }
    }
  }
}

Status Prepare(OpContext& context) {
  TFM_RETURN_IF_ERROR(PrepareDepthwiseConv(context));
  const DepthwiseConvOpData copy =
      *static_cast<const DepthwiseConvOpData*>(context.op_data());
  DspDepthwiseData* data = AllocateOpData<DspDepthwiseData>(context);
  if (data == nullptr) return Status::kArenaTooSmall;
  data->ref = copy;
  const Tensor* input = context.input(0);
  const Tensor* filter = context.input(1);
  data->fast = input->type == DataType::kInt8;
  // depthwise_s8 reads a pixel's whole window (copying it, at the border)
  // before writing the pixel, in the reference's order: the reference's
  // in-place gap holds.
  TFM_RETURN_IF_ERROR(AllowConvInPlace(context, copy.geometry));
  if (!data->fast) return Status::kOk;
  const int channels = input->dim(3);
  data->lean_requant = arm_dsp::LeanRequantOk(
      copy.quant, channels * copy.depth_multiplier);
  return context.RequestScratch(
      depthwise_s8_scratch_size(filter->dim(1) * filter->dim(2), channels,
                                copy.depth_multiplier),
      &data->scratch);
}

Status Eval(OpContext& context) {
  const auto& data = *static_cast<const DspDepthwiseData*>(context.op_data());
  const Tensor& input = *context.input(0);
  const Tensor& filter = *context.input(1);
  const Tensor* bias = context.input(2);
  Tensor& output = *context.output(0);
  if (data.fast) {
    void* scratch = context.scratch(data.scratch);
    if (data.lean_requant) {
      depthwise_s8<true>(data.ref, input, filter, bias, output, scratch);
    } else {
      depthwise_s8<false>(data.ref, input, filter, bias, output, scratch);
    }
    return Status::kOk;
  }
  switch (input.type) {
    case DataType::kFloat32:
      EvalDepthwiseConvFloat(data.ref, input, filter, bias, output);
      return Status::kOk;
    case DataType::kInt8:
      EvalDepthwiseConvInt8(data.ref, input, filter, bias, output);
      return Status::kOk;
    case DataType::kInt16:
      EvalDepthwiseConvInt16(data.ref, input, filter, bias, output);
      return Status::kOk;
    default:
      return context.Error("input type %s not supported",
                           DataTypeName(input.type));
  }
}

}  // namespace

const KernelRegistration& Register_DEPTHWISE_CONV_2D() {
  static const KernelRegistration r = {nullptr, Prepare, Eval, nullptr};
  return r;
}

}  // namespace vendor
}  // namespace tfmicro
