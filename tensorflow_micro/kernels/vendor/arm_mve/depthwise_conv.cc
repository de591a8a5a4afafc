// arm_mve DEPTHWISE_CONV_2D, INT8, depth multiplier 1, constant filter and
// bias, at most kMaxTaps filter taps (3x3 and the like):
//   depthwise_s8: per output pixel, the input pointer of every tap (a row
//                 of the input zero point for taps in the padding, so the
//                 input offset folds into the bias, at the start of each
//                 eval, in scratch), then sixteen channels at a time
//                 (exact int16 products of 16-byte loads, VMULLB/VMULLT,
//                 widened into int32 sums; 8- and 4-channel passes and a
//                 predicated one for the rest), requantized with each
//                 channel's Q31 multiplier in vector form (bit-exact with
//                 Int8ConvOutput).
// Output pixels go in the reference's order and each reads its taps before
// writing, so the reference's in-place gap holds. Other multipliers, types
// and filter sizes use the reference compute.
#include "tensorflow_micro/kernels/depthwise_conv.h"

#include "tensorflow_micro/kernels/conv_common.h"
#include "tensorflow_micro/kernels/internal/in_place.h"
#include "tensorflow_micro/kernels/vendor/arm_mve/mac_s8.h"
#include "tensorflow_micro/kernels/vendor/arm_mve/mve_math.h"
#include "tensorflow_micro/kernels/vendor_fallback.h"

namespace tfmicro {
namespace vendor {
namespace {

constexpr int kMaxTaps = 64;

struct MveDepthwiseData {
  void* reference_data = nullptr;  // the DepthwiseConvOpData of prepare
  bool fast = false;
  int scratch = -1;
};

size_t FoldedBiasBytes(int channels) {
  return (sizeof(int32_t) * channels + 15) / 16 * 16;
}

// The folded bias, then one row of input zero points (read by the taps in
// the padding).
size_t depthwise_s8_scratch_size(int channels) {
  return FoldedBiasBytes(channels) + (channels + 15) / 16 * 16;
}

// folded[c] = bias[c] + offset * sum over the taps of filter[t][c], four
// channels per vector.
void FoldDepthwiseBias(const int8_t* filter, int num_taps, int channels,
                       const int32_t* bias, int32_t offset, int32_t* folded) {
  for (int c = 0; c < channels; c += 4) {
    const arm_mve::Pred lanes = arm_mve::Tail32(channels - c);
    arm_mve::I32x4 sum = arm_mve::Dup32(0);
    const int8_t* w = filter + c;
    for (int t = 0; t < num_taps; ++t, w += channels) {
      sum = arm_mve::Add32(sum, arm_mve::Load8To32Z(w, lanes));
    }
    const arm_mve::I32x4 b = bias != nullptr
                                 ? arm_mve::Load32Z(bias + c, lanes)
                                 : arm_mve::Dup32(0);
    arm_mve::Store32P(folded + c, arm_mve::MlaN32(b, sum, offset), lanes);
  }
}

// Requantizes four channels' sums (from channel c) into out[c..c+3],
// only the first `lanes` when kTail.
template <bool kTail>
TFM_MVE_INLINE void RequantizeStore(arm_mve::I32x4 acc,
                                    const ConvQuantParams& q, int c,
                                    arm_mve::Pred lanes, int8_t* out) {
  using arm_mve::I32x4;
  const I32x4 multiplier = kTail ? arm_mve::Load32Z(q.multipliers + c, lanes)
                                 : arm_mve::Load32(q.multipliers + c);
  const I32x4 shift = kTail ? arm_mve::Load32Z(q.shifts + c, lanes)
                            : arm_mve::Load32(q.shifts + c);
  const I32x4 v =
      arm_mve::OffsetClamp(arm_mve::MulByQuant(acc, multiplier, shift),
                           q.output_offset, q.activation_min, q.activation_max);
  if (kTail) {
    arm_mve::Store32To8P(out + c, v, lanes);
  } else {
    arm_mve::Store32To8(out + c, v);
  }
}

// Requantizes sums of the channels c + lanes[j] into those outputs.
TFM_MVE_INLINE void RequantizeScatter(arm_mve::I32x4 acc,
                                      const ConvQuantParams& q, int c,
                                      arm_mve::U32x4 lanes, int8_t* out) {
  const arm_mve::I32x4 v = arm_mve::OffsetClamp(
      arm_mve::MulByQuant(acc, arm_mve::Gather32(q.multipliers + c, lanes),
                          arm_mve::Gather32(q.shifts + c, lanes)),
      q.output_offset, q.activation_min, q.activation_max);
  arm_mve::Scatter32To8(out + c, lanes, v);
}

// The channels of accumulator j of a 16-channel pass: {0, 2, 1, 3}[j] +
// {0, 4, 8, 12} (even bytes' even int16 lanes, even bytes' odd ones, then
// the odd bytes').
TFM_MVE_INLINE arm_mve::U32x4 Lanes16(int j) {
  const int first = j == 1 ? 2 : (j == 2 ? 1 : j);
  return arm_mve::OffsetsFrom(static_cast<uint32_t>(first), 4);
}

// Reorders each full 16-channel block of the folded bias into the
// accumulators' order (Lanes16), as DepthwiseChannels16 loads it.
void InterleaveBias16(int channels, int32_t* bias) {
  for (int c = 0; c + 16 <= channels; c += 16) {
    const arm_mve::I32x4 b0 = arm_mve::Gather32(bias + c, Lanes16(0));
    const arm_mve::I32x4 b1 = arm_mve::Gather32(bias + c, Lanes16(1));
    const arm_mve::I32x4 b2 = arm_mve::Gather32(bias + c, Lanes16(2));
    const arm_mve::I32x4 b3 = arm_mve::Gather32(bias + c, Lanes16(3));
    arm_mve::Store32(bias + c, b0);
    arm_mve::Store32(bias + c + 4, b1);
    arm_mve::Store32(bias + c + 8, b2);
    arm_mve::Store32(bias + c + 12, b3);
  }
}

// Sixteen channels from c of one output pixel: per tap one 16-byte load
// of inputs and of weights, their exact int16 products (even and odd
// byte lanes) widened into four int32 accumulators, which hold the
// channels in Lanes16 order: the bias is stored so (InterleaveBias16),
// multipliers, shifts and outputs go through gathers and scatters.
TFM_MVE_NOINLINE void DepthwiseChannels16(const int8_t* const* taps,
                                          int num_taps, const int8_t* filter,
                                          int channels, int c,
                                          const int32_t* interleaved_bias,
                                          const ConvQuantParams& q,
                                          int8_t* out) {
  using arm_mve::Add32;
  using arm_mve::I16x8;
  using arm_mve::I32x4;
  using arm_mve::I8x16;
  I32x4 a0 = arm_mve::Load32(interleaved_bias + c);
  I32x4 a1 = arm_mve::Load32(interleaved_bias + c + 4);
  I32x4 a2 = arm_mve::Load32(interleaved_bias + c + 8);
  I32x4 a3 = arm_mve::Load32(interleaved_bias + c + 12);
  const int8_t* w = filter + c;
#if defined(TFM_ARM_MVE_INTRINSICS)
  // The tap loop written out: with the compiler's choice of registers one
  // accumulator went to the stack on every tap. num_taps >= 1.
  const int8_t* const* tap = taps;
  int n = num_taps;
  const int8_t* x;
  asm volatile(
      "1:\n"
      "ldr %[x], [%[tap]], #4\n"
      "add %[x], %[x], %[c]\n"
      "vldrb.u8 q0, [%[x]]\n"
      "vldrb.u8 q1, [%[w]]\n"
      "add %[w], %[w], %[stride]\n"
      "vmullb.s8 q2, q0, q1\n"
      "vmullt.s8 q3, q0, q1\n"
      "vmovlb.s16 q0, q2\n"
      "vadd.i32 %q[a0], %q[a0], q0\n"
      "vmovlt.s16 q0, q2\n"
      "vadd.i32 %q[a1], %q[a1], q0\n"
      "vmovlb.s16 q0, q3\n"
      "vadd.i32 %q[a2], %q[a2], q0\n"
      "vmovlt.s16 q0, q3\n"
      "vadd.i32 %q[a3], %q[a3], q0\n"
      "subs %[n], %[n], #1\n"
      "bne 1b\n"
      : [a0] "+w"(a0), [a1] "+w"(a1), [a2] "+w"(a2), [a3] "+w"(a3),
        [tap] "+r"(tap), [w] "+r"(w), [n] "+r"(n), [x] "=&r"(x)
      : [c] "r"(c), [stride] "r"(channels)
      : "q0", "q1", "q2", "q3", "memory", "cc");
#else
  for (int t = 0; t < num_taps; ++t, w += channels) {
    const I8x16 x = arm_mve::Load8(taps[t] + c);
    const I8x16 f = arm_mve::Load8(w);
    const I16x8 even = arm_mve::MulEven8(x, f);
    const I16x8 odd = arm_mve::MulOdd8(x, f);
    a0 = Add32(a0, arm_mve::WidenEven16(even));
    a1 = Add32(a1, arm_mve::WidenOdd16(even));
    a2 = Add32(a2, arm_mve::WidenEven16(odd));
    a3 = Add32(a3, arm_mve::WidenOdd16(odd));
  }
#endif
  RequantizeScatter(a0, q, c, Lanes16(0), out);
  RequantizeScatter(a1, q, c, Lanes16(1), out);
  RequantizeScatter(a2, q, c, Lanes16(2), out);
  RequantizeScatter(a3, q, c, Lanes16(3), out);
}

// Eight channels from c (two accumulators).
inline void DepthwiseChannels8(const int8_t* const* taps, int num_taps,
                               const int8_t* filter, int channels, int c,
                               const int32_t* bias, const ConvQuantParams& q,
                               int8_t* out) {
  using arm_mve::Add32;
  using arm_mve::I32x4;
  using arm_mve::Load8To32;
  using arm_mve::Mul32;
  I32x4 a0 = arm_mve::Load32(bias + c);
  I32x4 a1 = arm_mve::Load32(bias + c + 4);
  const int8_t* w = filter + c;
  for (int t = 0; t < num_taps; ++t, w += channels) {
    const int8_t* x = taps[t] + c;
    a0 = Add32(a0, Mul32(Load8To32(x), Load8To32(w)));
    a1 = Add32(a1, Mul32(Load8To32(x + 4), Load8To32(w + 4)));
  }
  const arm_mve::Pred all = arm_mve::Tail32(4);
  RequantizeStore<false>(a0, q, c, all, out);
  RequantizeStore<false>(a1, q, c + 4, all, out);
}

// Four channels from c (the first `lanes` of them when kTail).
template <bool kTail>
inline void DepthwiseChannels4(const int8_t* const* taps, int num_taps,
                               const int8_t* filter, int channels, int c,
                               const int32_t* bias, const ConvQuantParams& q,
                               arm_mve::Pred lanes, int8_t* out) {
  using arm_mve::I32x4;
  I32x4 acc = kTail ? arm_mve::Load32Z(bias + c, lanes)
                    : arm_mve::Load32(bias + c);
  const int8_t* w = filter + c;
  for (int t = 0; t < num_taps; ++t, w += channels) {
    const I32x4 x = kTail ? arm_mve::Load8To32Z(taps[t] + c, lanes)
                          : arm_mve::Load8To32(taps[t] + c);
    const I32x4 f =
        kTail ? arm_mve::Load8To32Z(w, lanes) : arm_mve::Load8To32(w);
    acc = arm_mve::Add32(acc, arm_mve::Mul32(x, f));
  }
  RequantizeStore<kTail>(acc, q, c, lanes, out);
}

// With 4 or 8 channels and stride 1 along the width, 16 / channels
// adjacent output pixels read adjacent input pixels: a 16-byte load at a
// tap holds all of their channels, so they run as one 16-channel pass
// against the filter, bias and multipliers repeated per pixel.
struct PixelGroup {
  int pixels = 0;  // per pass; 0: no grouping
  const int8_t* filter = nullptr;  // [taps][16]
  const int32_t* bias = nullptr;   // [16], Lanes16 order
  ConvQuantParams quant;           // multipliers and shifts [16]
};

bool CanGroupPixels(int channels, const ConvGeometry& g) {
  return (channels == 4 || channels == 8) && g.stride_w == 1;
}

// Scratch of a PixelGroup: the filter, bias, multipliers and shifts.
size_t PixelGroupBytes(int num_taps) {
  return 16 * static_cast<size_t>(num_taps) + 3 * 16 * sizeof(int32_t);
}

PixelGroup MakePixelGroup(const int8_t* filter, int num_taps, int channels,
                          const int32_t* folded_bias,
                          const ConvQuantParams& q, int8_t* scratch) {
  PixelGroup group;
  group.pixels = 16 / channels;
  auto* bias = reinterpret_cast<int32_t*>(scratch);
  int32_t* multipliers = bias + 16;
  int32_t* shifts = multipliers + 16;
  auto* repeated = reinterpret_cast<int8_t*>(shifts + 16);
  for (int i = 0; i < 16; ++i) {
    bias[i] = folded_bias[i % channels];
    multipliers[i] = q.multipliers[i % channels];
    shifts[i] = q.shifts[i % channels];
  }
  InterleaveBias16(16, bias);
  for (int t = 0; t < num_taps; ++t) {
    for (int i = 0; i < 16; ++i) {
      repeated[16 * t + i] = filter[t * channels + i % channels];
    }
  }
  group.filter = repeated;
  group.bias = bias;
  group.quant = q;
  group.quant.multipliers = multipliers;
  group.quant.shifts = shifts;
  return group;
}

void depthwise_s8(const DepthwiseConvOpData& data, const Tensor& input,
                  const Tensor& filter, const int32_t* folded_bias,
                  int8_t* pad_row, const PixelGroup& group, Tensor& output) {
  const ConvGeometry& g = data.geometry;
  const ConvQuantParams& q = data.quant;
  const int batches = input.dim(0);
  const int in_h = input.dim(1);
  const int in_w = input.dim(2);
  const int channels = input.dim(3);
  const int filter_h = filter.dim(1);
  const int filter_w = filter.dim(2);
  const int8_t* in = input.data_as<int8_t>();
  const int8_t* filter_data = filter.data_as<int8_t>();
  int8_t* out = output.data_as<int8_t>();
  arm_mve::fill_s8(static_cast<int8_t>(-q.input_offset), channels, pad_row);
  const arm_mve::Pred tail = arm_mve::Tail32(channels % 4);
  // Where each tap reads, from the window's first input pixel, when the
  // whole window is inside the input.
  int tap_offsets[kMaxTaps];
  for (int fy = 0, t = 0; fy < filter_h; ++fy) {
    for (int fx = 0; fx < filter_w; ++fx) {
      tap_offsets[t++] =
          (fy * g.dilation_h * in_w + fx * g.dilation_w) * channels;
    }
  }
  const int num_taps = filter_h * filter_w;
  const int window_h = (filter_h - 1) * g.dilation_h;
  const int window_w = (filter_w - 1) * g.dilation_w;
  const int8_t* taps[kMaxTaps];
  for (int b = 0; b < batches; ++b) {
    for (int oy = 0; oy < g.output_h; ++oy) {
      const int iy0 = oy * g.stride_h - g.pad_h;
      const bool rows_inside = iy0 >= 0 && iy0 + window_h < in_h;
      for (int ox = 0; ox < g.output_w; ++ox, out += channels) {
        const int ix0 = ox * g.stride_w - g.pad_w;
        if (group.pixels > 0 && rows_inside && ix0 >= 0 &&
            ox + group.pixels <= g.output_w &&
            ix0 + group.pixels - 1 + window_w < in_w) {
          const int8_t* window =
              in + ((b * in_h + iy0) * in_w + ix0) * channels;
          for (int t = 0; t < num_taps; ++t) {
            taps[t] = window + tap_offsets[t];
          }
          DepthwiseChannels16(taps, num_taps, group.filter, 16, 0, group.bias,
                              group.quant, out);
          // The loop's own step covers the last pixel of the group.
          ox += group.pixels - 1;
          out += (group.pixels - 1) * channels;
          continue;
        }
        if (rows_inside && ix0 >= 0 && ix0 + window_w < in_w) {
          const int8_t* window =
              in + ((b * in_h + iy0) * in_w + ix0) * channels;
          for (int t = 0; t < num_taps; ++t) {
            taps[t] = window + tap_offsets[t];
          }
        } else {
          int t = 0;
          for (int fy = 0; fy < filter_h; ++fy) {
            const int iy = iy0 + fy * g.dilation_h;
            for (int fx = 0; fx < filter_w; ++fx) {
              const int ix = ix0 + fx * g.dilation_w;
              taps[t++] = iy < 0 || iy >= in_h || ix < 0 || ix >= in_w
                              ? pad_row
                              : in + ((b * in_h + iy) * in_w + ix) * channels;
            }
          }
        }
        int c = 0;
        for (; c + 16 <= channels; c += 16) {
          DepthwiseChannels16(taps, num_taps, filter_data, channels, c,
                              folded_bias, q, out);
        }
        if (c + 8 <= channels) {
          DepthwiseChannels8(taps, num_taps, filter_data, channels, c,
                             folded_bias, q, out);
          c += 8;
        }
        if (c + 4 <= channels) {
          DepthwiseChannels4<false>(taps, num_taps, filter_data, channels, c,
                                    folded_bias, q, tail, out);
          c += 4;
        }
        if (c < channels) {
          DepthwiseChannels4<true>(taps, num_taps, filter_data, channels, c,
                                   folded_bias, q, tail, out);
        }
      }
    }
  }
}

Status Prepare(OpContext& context) {
  TFM_RETURN_IF_ERROR(PrepareDepthwiseConv(context));
  const auto* ref =
      static_cast<const DepthwiseConvOpData*>(context.op_data());
  TFM_RETURN_IF_ERROR(AllowConvInPlace(context, ref->geometry));
  auto* data = static_cast<MveDepthwiseData*>(
      context.AllocatePersistent(sizeof(MveDepthwiseData)));
  if (data == nullptr) return Status::kArenaTooSmall;
  *data = MveDepthwiseData();
  data->reference_data = context.op_data();
  context.set_op_data(data);
  const Tensor* input = context.input(0);
  const Tensor* filter = context.input(1);
  const Tensor* bias = context.input(2);
  const int taps = filter->dim(1) * filter->dim(2);
  data->fast = input->type == DataType::kInt8 && ref->depth_multiplier == 1 &&
               taps <= kMaxTaps && filter->is_constant &&
               (bias == nullptr || bias->is_constant);
  if (!data->fast) return Status::kOk;
  const int channels = filter->dim(3);
  return context.RequestScratch(
      depthwise_s8_scratch_size(channels) +
          (CanGroupPixels(channels, ref->geometry) ? PixelGroupBytes(taps) : 0),
      &data->scratch);
}

Status Eval(OpContext& context) {
  const auto& data = *static_cast<const MveDepthwiseData*>(context.op_data());
  if (!data.fast) {
    return vendor::EvalWithOpData(
        context, data.reference_data, [](OpContext& c) {
          return EvalByInputType<DepthwiseConvOpData>(
              c, EvalDepthwiseConvFloat, EvalDepthwiseConvInt8,
              EvalDepthwiseConvInt16);
        });
  }
  const auto& ref =
      *static_cast<const DepthwiseConvOpData*>(data.reference_data);
  const Tensor& filter = *context.input(1);
  const Tensor* bias = context.input(2);
  const int channels = filter.dim(3);
  auto* folded = static_cast<int32_t*>(context.scratch(data.scratch));
  FoldDepthwiseBias(
      filter.data_as<int8_t>(), filter.dim(1) * filter.dim(2), channels,
      bias != nullptr ? bias->data_as<int32_t>() : nullptr,
      ref.quant.input_offset, folded);
  InterleaveBias16(channels, folded);
  int8_t* pad_row =
      reinterpret_cast<int8_t*>(folded) + FoldedBiasBytes(channels);
  const int num_taps = filter.dim(1) * filter.dim(2);
  PixelGroup group;
  if (CanGroupPixels(channels, ref.geometry)) {
    // After the padding row, at a 16-byte boundary.
    group = MakePixelGroup(filter.data_as<int8_t>(), num_taps, channels,
                           folded, ref.quant,
                           pad_row + (channels + 15) / 16 * 16);
  }
  depthwise_s8(ref, *context.input(0), filter, folded, pad_row, group,
               *context.output(0));
  return Status::kOk;
}

}  // namespace

const KernelRegistration& Register_DEPTHWISE_CONV_2D() {
  static const KernelRegistration r = {nullptr, Prepare, Eval, nullptr};
  return r;
}

}  // namespace vendor
}  // namespace tfmicro
