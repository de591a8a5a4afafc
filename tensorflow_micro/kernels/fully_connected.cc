#include "tensorflow_micro/kernels/fully_connected.h"

#include "tensorflow_micro/kernels/conv_common.h"
#include "tensorflow_micro/kernels/internal/conv_quantization.h"
#include "tensorflow_micro/kernels/internal/dot_product.h"
#include "tensorflow_micro/kernels/internal/exact_requantize.h"
#include "tensorflow_micro/kernels/internal/quantization_util.h"
#include "tensorflow_micro/kernels/internal/tensor_util.h"
#include "tensorflow_micro/kernels/reference_kernels.h"
#include "tensorflow_micro/schema/schema_generated.h"

namespace tfmicro {
namespace {

constexpr int kInputTensor = 0;
constexpr int kFilterTensor = 1;
constexpr int kBiasTensor = 2;
constexpr int kOutputTensor = 0;

Status CheckOutputShape(OpContext& context, const Tensor* input,
                        const Tensor* output, bool keep_num_dims,
                        int32_t batches, int32_t units) {
  const int rank = output->rank;
  TFM_ENSURE(context, rank >= 1 && output->dim(rank - 1) == units,
             "output's last dimension must be %d (the filter's rows), got "
             "%d",
             static_cast<int>(units),
             rank >= 1 ? static_cast<int>(output->dim(rank - 1)) : 0);
  if (keep_num_dims) {
    TFM_ENSURE(context, rank == input->rank,
               "with keep_num_dims the output must have the input's rank %d, "
               "got %d",
               static_cast<int>(input->rank), rank);
    for (int i = 0; i + 1 < rank; ++i) {
      TFM_ENSURE(context, output->dim(i) == input->dim(i),
                 "with keep_num_dims output dimension %d must be the "
                 "input's %d, got %d",
                 i, static_cast<int>(input->dim(i)),
                 static_cast<int>(output->dim(i)));
    }
    return Status::kOk;
  }
  TFM_ENSURE(context,
             output->num_elements() == static_cast<int64_t>(batches) * units,
             "output holds %lld values, expected [%d, %d] (batches, units)",
             static_cast<long long>(output->num_elements()),
             static_cast<int>(batches), static_cast<int>(units));
  return Status::kOk;
}

Status PrepareQuantized(OpContext& context, const Tensor* input,
                        const Tensor* filter, const Tensor* output,
                        int activation, FullyConnectedOpData* data) {
  TFM_RETURN_IF_ERROR(CheckPerTensorQuantization(context, input, "input"));
  TFM_RETURN_IF_ERROR(CheckPerTensorQuantization(context, output, "output"));
  TFM_RETURN_IF_ERROR(CheckInt16ZeroPoint(context, input, "input"));
  TFM_RETURN_IF_ERROR(CheckInt16ZeroPoint(context, output, "output"));
  TFM_RETURN_IF_ERROR(CheckFilterQuantization(
      context, filter, /*channel_dim=*/0, data->units,
      /*allow_per_tensor_zero_point=*/true));
  TFM_RETURN_IF_ERROR(CalculateActivationRangeQuantized(
      context, activation, output, &data->activation_min,
      &data->activation_max));
  // Per-channel filters: eval computes each unit's scale from the model's
  // scales (ExactEffectiveScale, the same value as the double expression).
  data->per_channel = filter->quant.num_channels > 1;
  data->output_scale = EffectiveOutputScale(
      input->scale(), ChannelScale(filter->quant, 0), output->scale());
  data->input_offset = -input->zero_point();
  // Per-channel filters are symmetric (checked): their offset is 0.
  data->filter_offset =
      filter->quant.num_channels == 1 ? -filter->zero_point() : 0;
  data->output_offset = output->zero_point();
  return Status::kOk;
}

Status Prepare(OpContext& context) { return PrepareFullyConnected(context); }

Status Eval(OpContext& context) {
  return EvalByInputType<FullyConnectedOpData>(
      context, EvalFullyConnectedFloat, EvalFullyConnectedInt8,
      EvalFullyConnectedInt16);
}

}  // namespace

Status PrepareFullyConnected(OpContext& context) {
  const auto* opts = context.options<schema::FullyConnectedOptions>();
  if (opts != nullptr) {
    TFM_ENSURE(context,
               opts->weights_format() ==
                   schema::FullyConnectedOptionsWeightsFormat_DEFAULT,
               "weights_format %s not supported (only DEFAULT)",
               schema::EnumNameFullyConnectedOptionsWeightsFormat(
                   opts->weights_format()));
    TFM_ENSURE(context,
               opts->quant_spec() == nullptr || opts->quant_spec()->size() == 0,
               "quant_spec is not supported");
  }
  const bool keep_num_dims = opts != nullptr && opts->keep_num_dims();
  const int activation = FusedActivationOf(opts);

  TFM_RETURN_IF_ERROR(ExpectIoCount(context, 2, 3, 1));
  const Tensor* input = context.input(kInputTensor);
  const Tensor* filter = context.input(kFilterTensor);
  const Tensor* bias = context.input(kBiasTensor);
  const Tensor* output = context.output(kOutputTensor);
  TFM_RETURN_IF_ERROR(ExpectRank(context, filter, "filter", 2));
  const int32_t units = filter->dim(0);
  const int32_t accum_depth = filter->dim(1);
  TFM_ENSURE(context, units > 0 && accum_depth > 0,
             "filter dimensions must be positive, got [%d, %d]",
             static_cast<int>(units), static_cast<int>(accum_depth));
  TFM_ENSURE(context, input->rank >= 1, "input must have rank 1 or more");
  DataType int16_bias_type = DataType::kInt64;
  if (input->type != DataType::kFloat32) {
    TFM_RETURN_IF_ERROR(QuantizedBiasTypeFromOptions(context, input->type,
                                                     opts, &int16_bias_type));
  }
  TFM_RETURN_IF_ERROR(CheckConvTypes(context, input, filter, bias, output,
                                     units, int16_bias_type));
  const int64_t input_size = input->num_elements();
  TFM_ENSURE(context, input_size % accum_depth == 0,
             "input holds %lld values, not a multiple of the filter's %d "
             "columns",
             static_cast<long long>(input_size),
             static_cast<int>(accum_depth));
  if (keep_num_dims) {
    TFM_ENSURE(context, input->dim(input->rank - 1) == accum_depth,
               "with keep_num_dims the input's last dimension must be %d "
               "(the filter's columns), got %d",
               static_cast<int>(accum_depth),
               static_cast<int>(input->dim(input->rank - 1)));
  }
  const int32_t batches = static_cast<int32_t>(input_size / accum_depth);
  TFM_RETURN_IF_ERROR(
      CheckOutputShape(context, input, output, keep_num_dims, batches, units));
  FullyConnectedOpData* data = AllocateOpData<FullyConnectedOpData>(context);
  if (data == nullptr) return Status::kArenaTooSmall;
  data->batches = batches;
  data->accum_depth = accum_depth;
  data->units = units;
  if (input->type == DataType::kFloat32) {
    return CalculateActivationRangeFloat(context, activation,
                                         &data->float_activation_min,
                                         &data->float_activation_max);
  }
  return PrepareQuantized(context, input, filter, output, activation, data);
}

void EvalFullyConnectedFloat(const FullyConnectedOpData& data,
                             const Tensor& input, const Tensor& filter,
                             const Tensor* bias, Tensor& output) {
  const int depth = data.accum_depth;
  const float* input_data = input.data_as<float>();
  const float* filter_data = filter.data_as<float>();
  const float* bias_data = bias != nullptr ? bias->data_as<float>() : nullptr;
  float* output_data = output.data_as<float>();
  for (int b = 0; b < data.batches; ++b) {
    const float* in = input_data + b * depth;
    for (int c = 0; c < data.units; ++c) {
      const float* f = filter_data + c * depth;
      float total = 0.f;
      for (int d = 0; d < depth; ++d) total += in[d] * f[d];
      *output_data++ =
          FloatConvOutput(total, bias_data, c, data.float_activation_min,
                          data.float_activation_max);
    }
  }
}

namespace {

// The EffectiveOutputScale of every unit: computed once per eval for a
// per-tensor filter, per unit (in integers) for a per-channel one, which
// saves the arena 8 persistent bytes per unit.
class UnitScales {
 public:
  UnitScales(const FullyConnectedOpData& data, const Tensor& input,
             const Tensor& filter, const Tensor& output)
      : filter_scales_(data.per_channel ? filter.quant.scales : nullptr),
        per_tensor_(DecomposeScale(data.output_scale)) {
    if (filter_scales_ != nullptr) {
      ratio_ = PrepareExactScaleRatio(input.scale(), output.scale());
    }
  }

  ExactScale operator[](int unit) const {
    return filter_scales_ != nullptr
               ? ExactEffectiveScale(ratio_, filter_scales_[unit])
               : per_tensor_;
  }

 private:
  const float* filter_scales_;  // per-channel filters only
  ExactScaleRatio ratio_;
  ExactScale per_tensor_;
};

// The quantized output of an accumulator: TFLite's double requantization
// (RequantizeWithDouble, here in integers), offset and clamped.
template <typename T>
T QuantizedUnitOutput(const FullyConnectedOpData& data, int64_t acc,
                      const ExactScale& scale) {
  const int64_t value =
      static_cast<int64_t>(RequantizeExact(acc, scale)) + data.output_offset;
  return static_cast<T>(
      Clamp<int64_t>(value, data.activation_min, data.activation_max));
}

}  // namespace

void EvalFullyConnectedInt8(const FullyConnectedOpData& data,
                            const Tensor& input, const Tensor& filter,
                            const Tensor* bias, Tensor& output) {
  const int depth = data.accum_depth;
  const int units = data.units;
  const int32_t input_offset = data.input_offset;
  const int8_t* input_data = input.data_as<int8_t>();
  const int8_t* filter_data = filter.data_as<int8_t>();
  const int32_t* bias_data =
      bias != nullptr ? bias->data_as<int32_t>() : nullptr;
  int8_t* output_data = output.data_as<int8_t>();
  const UnitScales scales(data, input, filter, output);
  for (int b = 0; b < data.batches; ++b) {
    const int8_t* in = input_data + b * depth;
    // sum((f + fo) * x) = sum(f * x) + fo * sum(x), x = in + input offset;
    // wrapping, as the int32 sum of the products wraps.
    uint32_t filter_offset_term = 0;
    if (data.filter_offset != 0) {
      uint32_t input_sum = 0;
      for (int d = 0; d < depth; ++d) {
        input_sum += static_cast<uint32_t>(in[d] + input_offset);
      }
      filter_offset_term = static_cast<uint32_t>(data.filter_offset) * input_sum;
    }
    // Four units per pass over the input row, then pairs, then one.
    for (int c = 0; c < units;) {
      const int8_t* f = filter_data + c * depth;
      const int group = units - c >= 4 ? 4 : (units - c >= 2 ? 2 : 1);
      int32_t acc[4] = {0, 0, 0, 0};
      if (group == 4) {
        DotInt8x4(in, f, depth, depth, input_offset, acc);
      } else if (group == 2) {
        DotInt8x2(in, f, f + depth, depth, input_offset, &acc[0], &acc[1]);
      } else {
        acc[0] = DotInt8(in, f, depth, input_offset, 0);
      }
      for (int k = 0; k < group; ++k, ++c) {
        uint32_t sum = static_cast<uint32_t>(acc[k]) + filter_offset_term;
        if (bias_data != nullptr) sum += static_cast<uint32_t>(bias_data[c]);
        *output_data++ = QuantizedUnitOutput<int8_t>(
            data, static_cast<int32_t>(sum), scales[c]);
      }
    }
  }
}

void EvalFullyConnectedInt16(const FullyConnectedOpData& data,
                             const Tensor& input, const Tensor& filter,
                             const Tensor* bias, Tensor& output) {
  const int depth = data.accum_depth;
  const int16_t* input_data = input.data_as<int16_t>();
  const int8_t* filter_data = filter.data_as<int8_t>();
  int16_t* output_data = output.data_as<int16_t>();
  const UnitScales scales(data, input, filter, output);
  for (int b = 0; b < data.batches; ++b) {
    const int16_t* in = input_data + b * depth;
    for (int c = 0; c < data.units; ++c) {
      const int8_t* f = filter_data + c * depth;
      int64_t acc = Int16OpBias(bias, c);
      for (int d = 0; d < depth; ++d) {
        acc += (f[d] + data.filter_offset) * static_cast<int32_t>(in[d]);
      }
      *output_data++ = QuantizedUnitOutput<int16_t>(data, acc, scales[c]);
    }
  }
}

const KernelRegistration& Register_FULLY_CONNECTED() {
  static const KernelRegistration r = {nullptr, Prepare, Eval, nullptr};
  return r;
}

}  // namespace tfmicro
