// arm_dsp FULLY_CONNECTED: the reference prepare, an SMLAD multiply-
// accumulate loop over four filter rows at a time for INT8
// (fully_connected_s8), the reference's double-precision requantization
// decided by one integer multiply (double_requant.h; the rare undecided
// output takes the reference's RequantizeWithDouble: bit-exact), and the
// reference compute for FLOAT32 and INT16.
#include "tensorflow_micro/kernels/fully_connected.h"

#include "tensorflow_micro/kernels/conv_common.h"
#include "tensorflow_micro/kernels/internal/conv_quantization.h"
#include "tensorflow_micro/kernels/internal/quantization_util.h"
#include "tensorflow_micro/kernels/internal/tensor_util.h"
#include "tensorflow_micro/kernels/vendor/arm_dsp/double_requant.h"
#include "tensorflow_micro/kernels/vendor/arm_dsp/mac_s8.h"

namespace tfmicro {
namespace vendor {
namespace {

struct DspFullyConnectedData {
  FullyConnectedOpData ref;
  int scratch = -1;  // accum_depth int16 activations (INT8 only)
  // INT8: Q32Scale of each unit's scale (per-channel filters) or of all.
  const uint32_t* q32_scales = nullptr;
};

// Bytes of scratch fully_connected_s8 needs: one widened input row.
size_t fully_connected_s8_scratch_size(int32_t accum_depth) {
  return static_cast<size_t>(accum_depth) * sizeof(int16_t);
}

// INT8 compute; `row` is fully_connected_s8_scratch_size bytes.
void fully_connected_s8(const DspFullyConnectedData& dsp, const Tensor& input,
                        const Tensor& filter, const Tensor* bias,
                        Tensor& output, int16_t* row) {
  const FullyConnectedOpData& data = dsp.ref;
  const int depth = data.accum_depth;
  const int units = data.units;
  const int8_t* input_data = input.data_as<int8_t>();
  const int8_t* filter_data = filter.data_as<int8_t>();
  const int32_t* bias_data =
      bias != nullptr ? bias->data_as<int32_t>() : nullptr;
  int8_t* output_data = output.data_as<int8_t>();
  const int scale_step = data.per_channel ? 1 : 0;
  int32_t sums[4];
  for (int b = 0; b < data.batches; ++b) {
    const int8_t* in = input_data + b * depth;
    arm_dsp::widen_interleaved_s8(in, depth, data.input_offset, row);
    // sum((f + fo) * x) = sum(f * x) + fo * sum(x), x = in + input offset.
    int32_t input_sum = 0;
    if (data.filter_offset != 0) {
      for (int d = 0; d < depth; ++d) input_sum += row[d];
    }
    // Wrapping: equal to the reference's sum whenever that fits.
    const uint32_t offset_term = static_cast<uint32_t>(data.filter_offset) *
                                 static_cast<uint32_t>(input_sum);
    for (int c = 0; c < units; c += 4) {
      const int8_t* f = filter_data + c * depth;
      const int rows = units - c < 4 ? units - c : 4;
      if (rows == 4) {
        arm_dsp::dot4_s8_s16(f, depth, row, depth, sums);
      } else {
        for (int k = 0; k < rows; ++k) {
          sums[k] = arm_dsp::dot_s8_s16(f + k * depth, row, depth);
        }
      }
      for (int k = 0; k < rows; ++k) {
        const int unit = c + k;
        uint32_t acc = static_cast<uint32_t>(sums[k]) + offset_term;
        if (bias_data != nullptr) {
          acc += static_cast<uint32_t>(bias_data[unit]);
        }
        int32_t value;
        if (!arm_dsp::RequantizeQ32(static_cast<int32_t>(acc),
                                    dsp.q32_scales[unit * scale_step],
                                    &value)) {
          value = RequantizeWithDouble(
              static_cast<int32_t>(acc),
              data.per_channel
                  ? EffectiveOutputScale(input.scale(),
                                         filter.quant.scales[unit],
                                         output.scale())
                  : data.output_scale);
        }
        // value + offset in 64 bits, as the reference (value may be
        // saturated).
        const int64_t shifted =
            static_cast<int64_t>(value) + data.output_offset;
        *output_data++ = static_cast<int8_t>(
            Clamp<int64_t>(shifted, data.activation_min, data.activation_max));
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
  const Tensor* input = context.input(0);
  if (input->type == DataType::kInt8) {
    TFM_RETURN_IF_ERROR(context.RequestScratch(
        fully_connected_s8_scratch_size(copy.accum_depth), &data->scratch));
    // The reference's unit scales (fully_connected.cc) as Q32Scale.
    const Tensor* filter = context.input(1);
    const Tensor* output = context.output(0);
    const int count = copy.per_channel ? copy.units : 1;
    auto* scales = static_cast<uint32_t*>(context.AllocatePersistent(
        sizeof(uint32_t) * static_cast<size_t>(count)));
    if (scales == nullptr) return Status::kArenaTooSmall;
    for (int c = 0; c < count; ++c) {
      scales[c] = arm_dsp::Q32Scale(
          copy.per_channel
              ? EffectiveOutputScale(input->scale(), filter->quant.scales[c],
                                     output->scale())
              : copy.output_scale);
    }
    data->q32_scales = scales;
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
      fully_connected_s8(data, input, filter, bias, output,
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
