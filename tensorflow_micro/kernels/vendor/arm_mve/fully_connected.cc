// arm_mve FULLY_CONNECTED, INT8 with a constant filter and bias:
//   fully_connected_s8: four units per pass over the input row (one
//   activation load feeds four VMLADAVAs), the input offset folded into
//   the bias in prepare; a per-tensor filter zero point adds
//   filter_offset * sum(x) per row. The reference's double-precision
//   requantization (RequantizeWithDouble) on each sum: bit-exact.
// FLOAT32, INT16 and non-constant filters use the reference compute.
#include "tensorflow_micro/kernels/fully_connected.h"

#include "tensorflow_micro/kernels/conv_common.h"
#include "tensorflow_micro/kernels/internal/conv_quantization.h"
#include "tensorflow_micro/kernels/internal/quantization_util.h"
#include "tensorflow_micro/kernels/internal/tensor_util.h"
#include "tensorflow_micro/kernels/vendor/arm_mve/mac_s8.h"

namespace tfmicro {
namespace vendor {
namespace {

constexpr int kUnitsPerPass = 4;

struct MveFullyConnectedData {
  FullyConnectedOpData ref;
  bool fast = false;
  // bias + input_offset * sum(w) + depth * input_offset * filter_offset.
  const int32_t* folded_bias = nullptr;
};

int8_t Output(const FullyConnectedOpData& data, uint32_t acc, double scale) {
  const int64_t value =
      static_cast<int64_t>(
          RequantizeWithDouble(static_cast<int32_t>(acc), scale)) +
      data.output_offset;
  return static_cast<int8_t>(
      Clamp<int64_t>(value, data.activation_min, data.activation_max));
}

void fully_connected_s8(const MveFullyConnectedData& data, const Tensor& input,
                        const Tensor& filter, Tensor& output) {
  const FullyConnectedOpData& ref = data.ref;
  const int depth = ref.accum_depth;
  const int8_t* filter_data = filter.data_as<int8_t>();
  int8_t* out = output.data_as<int8_t>();
  const float input_scale = input.scale();
  const float output_scale = output.scale();
  // The scale of unit u, computed as the reference does.
  auto unit_scale = [&](int u) {
    return ref.per_channel ? EffectiveOutputScale(input_scale,
                                                  filter.quant.scales[u],
                                                  output_scale)
                           : ref.output_scale;
  };
  for (int b = 0; b < ref.batches; ++b) {
    const int8_t* x = input.data_as<int8_t>() + b * depth;
    const uint32_t row_term =
        ref.filter_offset != 0
            ? static_cast<uint32_t>(ref.filter_offset) *
                  static_cast<uint32_t>(arm_mve::sum_s8(x, depth))
            : 0u;
    int u = 0;
    int32_t sums[kUnitsPerPass];
    for (; u + kUnitsPerPass <= ref.units; u += kUnitsPerPass) {
      arm_mve::dot_1x4_s8(x, filter_data + u * depth, depth, sums);
      for (int j = 0; j < kUnitsPerPass; ++j) {
        *out++ = Output(ref,
                        static_cast<uint32_t>(sums[j]) +
                            static_cast<uint32_t>(data.folded_bias[u + j]) +
                            row_term,
                        unit_scale(u + j));
      }
    }
    for (; u < ref.units; ++u) {
      const int32_t sum = arm_mve::dot_s8(x, filter_data + u * depth, depth);
      *out++ = Output(ref,
                      static_cast<uint32_t>(sum) +
                          static_cast<uint32_t>(data.folded_bias[u]) +
                          row_term,
                      unit_scale(u));
    }
  }
}

Status Prepare(OpContext& context) {
  TFM_RETURN_IF_ERROR(PrepareFullyConnected(context));
  const FullyConnectedOpData copy =
      *static_cast<const FullyConnectedOpData*>(context.op_data());
  MveFullyConnectedData* data = AllocateOpData<MveFullyConnectedData>(context);
  if (data == nullptr) return Status::kArenaTooSmall;
  data->ref = copy;
  const Tensor* input = context.input(0);
  const Tensor* filter = context.input(1);
  const Tensor* bias = context.input(2);
  data->fast = input->type == DataType::kInt8 && filter->is_constant &&
               (bias == nullptr || bias->is_constant);
  if (!data->fast) return Status::kOk;
  auto* folded = static_cast<int32_t*>(
      context.AllocatePersistent(sizeof(int32_t) * copy.units));
  if (folded == nullptr) return Status::kArenaTooSmall;
  arm_mve::fold_offset_into_bias(
      filter->data_as<int8_t>(), copy.units, copy.accum_depth,
      bias != nullptr ? bias->data_as<int32_t>() : nullptr,
      copy.input_offset, folded);
  const uint32_t offsets_term = static_cast<uint32_t>(copy.accum_depth) *
                                static_cast<uint32_t>(copy.input_offset) *
                                static_cast<uint32_t>(copy.filter_offset);
  for (int u = 0; u < copy.units; ++u) {
    folded[u] = static_cast<int32_t>(static_cast<uint32_t>(folded[u]) +
                                     offsets_term);
  }
  data->folded_bias = folded;
  return Status::kOk;
}

Status Eval(OpContext& context) {
  const auto& data =
      *static_cast<const MveFullyConnectedData*>(context.op_data());
  if (data.fast) {
    fully_connected_s8(data, *context.input(0), *context.input(1),
                       *context.output(0));
    return Status::kOk;
  }
  // The reference compute reads its FullyConnectedOpData, the first member.
  return EvalByInputType<FullyConnectedOpData>(
      context, EvalFullyConnectedFloat, EvalFullyConnectedInt8,
      EvalFullyConnectedInt16);
}

}  // namespace

const KernelRegistration& Register_FULLY_CONNECTED() {
  static const KernelRegistration r = {nullptr, Prepare, Eval, nullptr};
  return r;
}

}  // namespace vendor
}  // namespace tfmicro
