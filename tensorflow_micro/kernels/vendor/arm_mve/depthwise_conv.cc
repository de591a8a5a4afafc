// arm_mve DEPTHWISE_CONV_2D, INT8, depth multiplier 1, constant filter and
// bias, at most kMaxTaps filter taps (3x3 and the like):
//   depthwise_s8: per output pixel, the input pointer of every tap (a row
//                 of the input zero point for taps in the padding, so the
//                 input offset folds into the bias), then four channels
//                 per vector: sum over taps of widened input * filter,
//                 requantized with each channel's Q31 multiplier in vector
//                 form (bit-exact with Int8ConvOutput).
// Output pixels go in the reference's order and each reads its taps before
// writing, so the reference's in-place gap holds. Other multipliers, types
// and filter sizes use the reference compute.
#include "tensorflow_micro/kernels/depthwise_conv.h"

#include "tensorflow_micro/kernels/conv_common.h"
#include "tensorflow_micro/kernels/internal/in_place.h"
#include "tensorflow_micro/kernels/internal/tensor_util.h"
#include "tensorflow_micro/kernels/vendor/arm_mve/mac_s8.h"
#include "tensorflow_micro/kernels/vendor/arm_mve/mve_math.h"

namespace tfmicro {
namespace vendor {
namespace {

constexpr int kMaxTaps = 64;

struct MveDepthwiseData {
  DepthwiseConvOpData ref;
  bool fast = false;
  int scratch = -1;                      // the padding row
  const int32_t* folded_bias = nullptr;  // bias + input offset * sum(w)
};

// One row of input zero points, read by the taps in the padding.
size_t depthwise_s8_scratch_size(int channels) {
  return static_cast<size_t>(channels);
}

// Four channels from c (the first `lanes` of them when kTail) of one
// output pixel.
template <bool kTail>
inline void DepthwiseChannels(const int8_t* const* taps, int num_taps,
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

void depthwise_s8(const MveDepthwiseData& data, const Tensor& input,
                  const Tensor& filter, Tensor& output, int8_t* pad_row) {
  const ConvGeometry& g = data.ref.geometry;
  const ConvQuantParams& q = data.ref.quant;
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
  const int8_t* taps[kMaxTaps];
  for (int b = 0; b < batches; ++b) {
    for (int oy = 0; oy < g.output_h; ++oy) {
      for (int ox = 0; ox < g.output_w; ++ox, out += channels) {
        int t = 0;
        for (int fy = 0; fy < filter_h; ++fy) {
          const int iy = oy * g.stride_h - g.pad_h + fy * g.dilation_h;
          for (int fx = 0; fx < filter_w; ++fx) {
            const int ix = ox * g.stride_w - g.pad_w + fx * g.dilation_w;
            taps[t++] = iy < 0 || iy >= in_h || ix < 0 || ix >= in_w
                            ? pad_row
                            : in + ((b * in_h + iy) * in_w + ix) * channels;
          }
        }
        int c = 0;
        for (; c + 4 <= channels; c += 4) {
          DepthwiseChannels<false>(taps, t, filter_data, channels, c,
                                   data.folded_bias, q, tail, out);
        }
        if (c < channels) {
          DepthwiseChannels<true>(taps, t, filter_data, channels, c,
                                  data.folded_bias, q, tail, out);
        }
      }
    }
  }
}

Status Prepare(OpContext& context) {
  TFM_RETURN_IF_ERROR(PrepareDepthwiseConv(context));
  const DepthwiseConvOpData copy =
      *static_cast<const DepthwiseConvOpData*>(context.op_data());
  MveDepthwiseData* data = AllocateOpData<MveDepthwiseData>(context);
  if (data == nullptr) return Status::kArenaTooSmall;
  data->ref = copy;
  TFM_RETURN_IF_ERROR(AllowConvInPlace(context, copy.geometry));
  const Tensor* input = context.input(0);
  const Tensor* filter = context.input(1);
  const Tensor* bias = context.input(2);
  const int taps = filter->dim(1) * filter->dim(2);
  data->fast = input->type == DataType::kInt8 && copy.depth_multiplier == 1 &&
               taps <= kMaxTaps && filter->is_constant &&
               (bias == nullptr || bias->is_constant);
  if (!data->fast) return Status::kOk;
  const int channels = filter->dim(3);
  auto* folded = static_cast<int32_t*>(
      context.AllocatePersistent(sizeof(int32_t) * channels));
  if (folded == nullptr) return Status::kArenaTooSmall;
  // Channel c's weights are filter[t * channels + c] over the taps t.
  arm_mve::fold_offset_into_bias(
      filter->data_as<int8_t>(), channels, 1, taps, channels,
      bias != nullptr ? bias->data_as<int32_t>() : nullptr,
      copy.quant.input_offset, folded);
  data->folded_bias = folded;
  return context.RequestScratch(depthwise_s8_scratch_size(channels),
                                &data->scratch);
}

Status Eval(OpContext& context) {
  const auto& data = *static_cast<const MveDepthwiseData*>(context.op_data());
  if (data.fast) {
    depthwise_s8(data, *context.input(0), *context.input(1),
                 *context.output(0),
                 static_cast<int8_t*>(context.scratch(data.scratch)));
    return Status::kOk;
  }
  // The reference compute reads its DepthwiseConvOpData, the first member.
  return EvalByInputType<DepthwiseConvOpData>(context, EvalDepthwiseConvFloat,
                                              EvalDepthwiseConvInt8,
                                              EvalDepthwiseConvInt16);
}

}  // namespace

const KernelRegistration& Register_DEPTHWISE_CONV_2D() {
  static const KernelRegistration r = {nullptr, Prepare, Eval, nullptr};
  return r;
}

}  // namespace vendor
}  // namespace tfmicro
