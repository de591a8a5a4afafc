// arm_dsp FULLY_CONNECTED: the reference prepare, an SMLAD multiply-
// accumulate loop for INT8 (fully_connected_s8), the reference's own
// double-precision requantization on the int32 sums (bit-exact), and the
// reference compute for FLOAT32 and INT16.
#include "tensorflow_micro/kernels/fully_connected.h"

#include "tensorflow_micro/kernels/conv_common.h"
#include "tensorflow_micro/kernels/internal/conv_quantization.h"
#include "tensorflow_micro/kernels/internal/quantization_util.h"
#include "tensorflow_micro/kernels/internal/tensor_util.h"
#include "tensorflow_micro/kernels/vendor/arm_dsp/mac_s8.h"

namespace tfmicro {
namespace vendor {
namespace {

struct DspFullyConnectedData {
  FullyConnectedOpData ref;
  int scratch = -1;  // accum_depth int16 activations (INT8 only)
};

// Bytes of scratch fully_connected_s8 needs: one widened input row.
size_t fully_connected_s8_scratch_size(int32_t accum_depth) {
  return static_cast<size_t>(accum_depth) * sizeof(int16_t);
}

// INT8 compute; `row` is fully_connected_s8_scratch_size bytes.
void fully_connected_s8(const FullyConnectedOpData& data, const Tensor& input,
                        const Tensor& filter, const Tensor* bias,
                        Tensor& output, int16_t* row) {
  const int depth = data.accum_depth;
  const int8_t* input_data = input.data_as<int8_t>();
  const int8_t* filter_data = filter.data_as<int8_t>();
  const int32_t* bias_data =
      bias != nullptr ? bias->data_as<int32_t>() : nullptr;
  int8_t* output_data = output.data_as<int8_t>();
  const float input_scale = input.scale();
  const float output_scale = output.scale();
  int32_t sums[2];
  for (int b = 0; b < data.batches; ++b) {
    const int8_t* in = input_data + b * depth;
    arm_dsp::widen_interleaved_s8(in, depth, data.input_offset, row);
    // sum((f + fo) * x) = sum(f * x) + fo * sum(x), x = in + input offset.
    int32_t input_sum = 0;
    if (data.filter_offset != 0) {
      for (int d = 0; d < depth; ++d) input_sum += row[d];
    }
    for (int c = 0; c < data.units; c += 2) {
      const int8_t* f0 = filter_data + c * depth;
      const int pair = c + 1 < data.units ? 2 : 1;
      if (pair == 2) {
        arm_dsp::dot2_s8_s16(f0, f0 + depth, row, depth, &sums[0], &sums[1]);
      } else {
        sums[0] = arm_dsp::dot_s8_s16(f0, row, depth);
      }
      for (int k = 0; k < pair; ++k) {
        const int unit = c + k;
        // Wrapping sum: equal to the reference's whenever its sum fits.
        int32_t acc = static_cast<int32_t>(
            static_cast<uint32_t>(sums[k]) +
            static_cast<uint32_t>(data.filter_offset) *
                static_cast<uint32_t>(input_sum));
        if (bias_data != nullptr) acc += bias_data[unit];
        // The reference's scale of this unit (fully_connected.cc).
        const double scale =
            data.per_channel
                ? EffectiveOutputScale(input_scale, filter.quant.scales[unit],
                                       output_scale)
                : data.output_scale;
        const int64_t value =
            static_cast<int64_t>(RequantizeWithDouble(acc, scale)) +
            data.output_offset;
        *output_data++ = static_cast<int8_t>(
            Clamp<int64_t>(value, data.activation_min, data.activation_max));
      }
    }
  }
}

Status Prepare(OpContext& context) {
  TFM_RETURN_IF_ERROR(PrepareFullyConnected(context));
  const auto* ref =
      static_cast<const FullyConnectedOpData*>(context.op_data());
  const FullyConnectedOpData copy = *ref;
  DspFullyConnectedData* data = AllocateOpData<DspFullyConnectedData>(context);
  if (data == nullptr) return Status::kArenaTooSmall;
  data->ref = copy;
  if (context.input(0)->type == DataType::kInt8) {
    TFM_RETURN_IF_ERROR(context.RequestScratch(
        fully_connected_s8_scratch_size(copy.accum_depth), &data->scratch));
  }
  return Status::kOk;
}

Status Eval(OpContext& context) {
  const auto& data =
      *static_cast<const DspFullyConnectedData*>(context.op_data());
  const Tensor& input = *context.input(0);
  const Tensor& filter = *context.input(1);
  const Tensor* bias = context.input(2);
  Tensor& output = *context.output(0);
  switch (input.type) {
    case DataType::kInt8:
      fully_connected_s8(data.ref, input, filter, bias, output,
                         static_cast<int16_t*>(context.scratch(data.scratch)));
      return Status::kOk;
    case DataType::kFloat32:
      EvalFullyConnectedFloat(data.ref, input, filter, bias, output);
      return Status::kOk;
    case DataType::kInt16:
      EvalFullyConnectedInt16(data.ref, input, filter, bias, output);
      return Status::kOk;
    default:
      return context.Error("input type %s not supported",
                           DataTypeName(input.type));
  }
}

}  // namespace

const KernelRegistration& Register_FULLY_CONNECTED() {
  static const KernelRegistration r = {nullptr, Prepare, Eval, nullptr};
  return r;
}

}  // namespace vendor
}  // namespace tfmicro
