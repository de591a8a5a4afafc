// arm_dsp DEPTHWISE_CONV_2D, INT8 with depth multiplier 1
// (depthwise_s8): per output pixel, four channels at a time, one 32-bit
// load of four inputs and four weights per tap, SXTB16 to halfword pairs,
// the input offset added with SADD16 and SMLABB/SMLATT per channel; only
// the taps inside the input are visited (no per-value bounds test). The
// reference's Q31 requantization (Int8ConvOutput) on the sums: bit-exact.
// Other depth multipliers, FLOAT32 and INT16 use the reference compute.
#include "tensorflow_micro/kernels/depthwise_conv.h"

#include "tensorflow_micro/kernels/conv_common.h"
#include "tensorflow_micro/kernels/internal/in_place.h"
#include "tensorflow_micro/kernels/internal/tensor_util.h"
#include "tensorflow_micro/kernels/vendor/arm_dsp/dsp_math.h"

namespace tfmicro {
namespace vendor {
namespace {

struct DspDepthwiseData {
  DepthwiseConvOpData ref;
  bool fast = false;
};

// First tap index (inclusive) and end (exclusive) along one axis whose
// input position start + t * dilation lies in [0, size).
void TapRange(int start, int dilation, int taps, int size, int* first,
              int* end) {
  int t = 0;
  while (t < taps && start + t * dilation < 0) ++t;
  *first = t;
  int e = taps;
  while (e > t && start + (e - 1) * dilation >= size) --e;
  *end = e;
}

// depthwise_s8 needs no scratch (depthwise_s8_scratch_size() == 0).
void depthwise_s8(const DepthwiseConvOpData& data, const Tensor& input,
                  const Tensor& filter, const Tensor* bias, Tensor& output) {
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
  const int32_t* bias_data =
      bias != nullptr ? bias->data_as<int32_t>() : nullptr;
  int8_t* out = output.data_as<int8_t>();
  const uint32_t offset2 = arm_dsp::Pack16x2(q.input_offset);
  const int row_stride = in_w * channels;
  for (int b = 0; b < batches; ++b) {
    const int8_t* in_batch = in + b * in_h * row_stride;
    for (int oy = 0; oy < g.output_h; ++oy) {
      const int y0 = oy * g.stride_h - g.pad_h;
      int fy0;
      int fy1;
      TapRange(y0, g.dilation_h, filter_h, in_h, &fy0, &fy1);
      for (int ox = 0; ox < g.output_w; ++ox) {
        const int x0 = ox * g.stride_w - g.pad_w;
        int fx0;
        int fx1;
        TapRange(x0, g.dilation_w, filter_w, in_w, &fx0, &fx1);
        int c = 0;
        for (; c + 4 <= channels; c += 4) {
          int32_t a0 = 0;
          int32_t a1 = 0;
          int32_t a2 = 0;
          int32_t a3 = 0;
          for (int fy = fy0; fy < fy1; ++fy) {
            const int8_t* in_row =
                in_batch + (y0 + fy * g.dilation_h) * row_stride + c;
            const int8_t* f_row = filter_data + fy * filter_w * channels + c;
            for (int fx = fx0; fx < fx1; ++fx) {
              const uint32_t x = arm_dsp::Load32(
                  in_row + (x0 + fx * g.dilation_w) * channels);
              const uint32_t w = arm_dsp::Load32(f_row + fx * channels);
              const uint32_t x02 = arm_dsp::Sadd16(arm_dsp::Sxtb16(x), offset2);
              const uint32_t x13 =
                  arm_dsp::Sadd16(arm_dsp::Sxtb16Ror8(x), offset2);
              const uint32_t w02 = arm_dsp::Sxtb16(w);
              const uint32_t w13 = arm_dsp::Sxtb16Ror8(w);
              a0 = arm_dsp::Smlabb(x02, w02, a0);
              a2 = arm_dsp::Smlatt(x02, w02, a2);
              a1 = arm_dsp::Smlabb(x13, w13, a1);
              a3 = arm_dsp::Smlatt(x13, w13, a3);
            }
          }
          out[c] = Int8ConvOutput(a0, bias_data, c, q);
          out[c + 1] = Int8ConvOutput(a1, bias_data, c + 1, q);
          out[c + 2] = Int8ConvOutput(a2, bias_data, c + 2, q);
          out[c + 3] = Int8ConvOutput(a3, bias_data, c + 3, q);
        }
        for (; c < channels; ++c) {
          int32_t acc = 0;
          for (int fy = fy0; fy < fy1; ++fy) {
            const int8_t* in_row =
                in_batch + (y0 + fy * g.dilation_h) * row_stride + c;
            const int8_t* f_row = filter_data + fy * filter_w * channels + c;
            for (int fx = fx0; fx < fx1; ++fx) {
              acc += f_row[fx * channels] *
                     (in_row[(x0 + fx * g.dilation_w) * channels] +
                      q.input_offset);
            }
          }
          out[c] = Int8ConvOutput(acc, bias_data, c, q);
        }
        out += channels;
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
  data->fast = context.input(0)->type == DataType::kInt8 &&
               copy.depth_multiplier == 1;
  // depthwise_s8 reads a pixel's four-channel field before writing those
  // channels, in the reference's order: the reference's in-place gap holds.
  return AllowConvInPlace(context, copy.geometry);
}

Status Eval(OpContext& context) {
  const auto& data = *static_cast<const DspDepthwiseData*>(context.op_data());
  const Tensor& input = *context.input(0);
  const Tensor& filter = *context.input(1);
  const Tensor* bias = context.input(2);
  Tensor& output = *context.output(0);
  if (data.fast) {
    depthwise_s8(data.ref, input, filter, bias, output);
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
