// SVDF: a fully connected layer factored into feature and time filters
// (https://research.google.com/pubs/archive/43813.pdf), with a memory of
// the last memory_size feature activations per filter.
//
// Tensors: input [batch, input_size], weights_feature [num_filters,
// input_size], weights_time [num_filters, memory_size], optional bias
// [num_units], state [batch, memory_size * num_filters] (a variable tensor,
// filter-major), output [batch, num_units], with num_units = num_filters /
// rank. Each Invoke shifts every filter's memory left by one, appends the
// new feature activation, and sums rank time-filtered memories per unit.
//
// Types, as TFLite's reference kernels: FLOAT32 (fused NONE, RELU,
// RELU_N1_TO_1 or RELU6); full integer INT8 input and output, INT8
// weights_feature, INT16 weights_time and state, INT32 bias, with the fused
// activation RELU (which TFLite requires and leaves to the output's
// quantization). TFLite's integer kernel assumes symmetric weights and
// state; other zero points are rejected here.
#include <cstdint>
#include <cstring>
#include <limits>

#include "tensorflow_micro/kernels/internal/conv_quantization.h"
#include "tensorflow_micro/kernels/internal/quantization_util.h"
#include "tensorflow_micro/kernels/internal/tensor_util.h"
#include "tensorflow_micro/kernels/reference_kernels.h"
#include "tensorflow_micro/schema/schema_generated.h"

namespace tfmicro {
namespace {

constexpr int kInputTensor = 0;
constexpr int kWeightsFeatureTensor = 1;
constexpr int kWeightsTimeTensor = 2;
constexpr int kBiasTensor = 3;
constexpr int kStateTensor = 4;
constexpr int kOutputTensor = 0;

struct OpData {
  int32_t batches;
  int32_t input_size;
  int32_t num_filters;
  int32_t memory_size;
  int32_t rank;
  int32_t num_units;
  float float_activation_min;
  float float_activation_max;
  // INT8: input -> state and state x weights_time -> output.
  int32_t input_zero_point;
  int32_t output_zero_point;
  int32_t feature_multiplier;
  int feature_shift;
  int32_t output_multiplier;
  int output_shift;
};

Status CheckTypes(OpContext& context, const Tensor* input,
                  const Tensor* weights_feature, const Tensor* weights_time,
                  const Tensor* bias, const Tensor* state,
                  const Tensor* output) {
  DataType feature_type, time_type, bias_type, state_type;
  if (input->type == DataType::kFloat32) {
    feature_type = time_type = bias_type = state_type = DataType::kFloat32;
  } else if (input->type == DataType::kInt8) {
    feature_type = DataType::kInt8;
    time_type = state_type = DataType::kInt16;
    bias_type = DataType::kInt32;
  } else {
    return context.Error(
        "input type %s not supported (expected FLOAT32, or INT8 for full "
        "integer SVDF)",
        DataTypeName(input->type));
  }
  TFM_RETURN_IF_ERROR(
      ExpectType(context, weights_feature, "weights_feature", feature_type));
  TFM_RETURN_IF_ERROR(
      ExpectType(context, weights_time, "weights_time", time_type));
  TFM_RETURN_IF_ERROR(ExpectType(context, state, "state", state_type));
  TFM_RETURN_IF_ERROR(ExpectType(context, output, "output", input->type));
  if (bias != nullptr) {
    TFM_RETURN_IF_ERROR(ExpectType(context, bias, "bias", bias_type));
  }
  return Status::kOk;
}

Status CheckSymmetric(OpContext& context, const Tensor* tensor,
                      const char* role) {
  TFM_RETURN_IF_ERROR(CheckPerTensorQuantization(context, tensor, role));
  TFM_ENSURE(context, tensor->zero_point() == 0,
             "%s zero point must be 0 (TFLite's integer SVDF assumes it), "
             "got %d",
             role, static_cast<int>(tensor->zero_point()));
  return Status::kOk;
}

Status PrepareInt8(OpContext& context, int activation, const Tensor* input,
                   const Tensor* weights_feature, const Tensor* weights_time,
                   const Tensor* state, const Tensor* output, OpData* data) {
  TFM_ENSURE(context, activation == kActivationRelu,
             "INT8 SVDF needs the fused activation RELU (as TFLite's), got "
             "%d",
             activation);
  TFM_RETURN_IF_ERROR(CheckPerTensorQuantization(context, input, "input"));
  TFM_RETURN_IF_ERROR(CheckPerTensorQuantization(context, output, "output"));
  TFM_RETURN_IF_ERROR(
      CheckSymmetric(context, weights_feature, "weights_feature"));
  TFM_RETURN_IF_ERROR(CheckSymmetric(context, weights_time, "weights_time"));
  TFM_RETURN_IF_ERROR(CheckSymmetric(context, state, "state"));
  data->input_zero_point = input->zero_point();
  data->output_zero_point = output->zero_point();
  TFM_RETURN_IF_ERROR(QuantizeModelMultiplier(
      context,
      EffectiveOutputScale(input->scale(), weights_feature->scale(),
                           state->scale()),
      "input scale x weights_feature scale / state scale",
      &data->feature_multiplier, &data->feature_shift));
  return QuantizeModelMultiplier(
      context,
      EffectiveOutputScale(state->scale(), weights_time->scale(),
                           output->scale()),
      "state scale x weights_time scale / output scale",
      &data->output_multiplier, &data->output_shift);
}

Status Prepare(OpContext& context) {
  // The bias (input 3) is optional, the state (input 4) is not.
  TFM_RETURN_IF_ERROR(ExpectIoCount(context, 3, 5, 1));
  TFM_ENSURE(context, context.num_inputs() == 5,
             "expected 5 inputs (input, weights_feature, weights_time, bias, "
             "state), got %d",
             context.num_inputs());
  const Tensor* input = context.input(kInputTensor);
  const Tensor* weights_feature = context.input(kWeightsFeatureTensor);
  const Tensor* weights_time = context.input(kWeightsTimeTensor);
  const Tensor* bias = context.input(kBiasTensor);
  const Tensor* state = context.input(kStateTensor);
  const Tensor* output = context.output(kOutputTensor);
  TFM_ENSURE(context, state != nullptr,
             "input 4 (the state) is missing");
  TFM_RETURN_IF_ERROR(CheckTypes(context, input, weights_feature,
                                 weights_time, bias, state, output));
  TFM_RETURN_IF_ERROR(ExpectRank(context, input, "input", 2));
  TFM_RETURN_IF_ERROR(
      ExpectRank(context, weights_feature, "weights_feature", 2));
  TFM_RETURN_IF_ERROR(ExpectRank(context, weights_time, "weights_time", 2));

  const auto* opts = context.options<schema::SVDFOptions>();
  const int32_t rank = opts != nullptr ? opts->rank() : 0;
  const int activation = FusedActivationOf(opts);
  const int32_t batches = input->dim(0);
  const int32_t input_size = input->dim(1);
  const int32_t num_filters = weights_feature->dim(0);
  const int32_t memory_size = weights_time->dim(1);
  TFM_ENSURE(context, rank > 0 && num_filters % rank == 0,
             "rank %d must be positive and divide the %d filters",
             static_cast<int>(rank), static_cast<int>(num_filters));
  TFM_ENSURE(context, batches > 0 && input_size > 0 && memory_size > 0,
             "input %s and weights_time %s must not be empty",
             ShapeText(*input).text, ShapeText(*weights_time).text);
  TFM_ENSURE(context, weights_feature->dim(1) == input_size,
             "weights_feature %s must have the input's %d columns",
             ShapeText(*weights_feature).text, static_cast<int>(input_size));
  TFM_ENSURE(context, weights_time->dim(0) == num_filters,
             "weights_time %s must have one row per filter (%d)",
             ShapeText(*weights_time).text, static_cast<int>(num_filters));
  const int32_t num_units = num_filters / rank;
  if (bias != nullptr) {
    TFM_ENSURE(context, bias->num_elements() == num_units,
               "bias has %lld values (expected %d, one per unit)",
               static_cast<long long>(bias->num_elements()),
               static_cast<int>(num_units));
  }
  TFM_RETURN_IF_ERROR(ExpectStateTensor(context, kStateTensor, "state",
                                        batches, memory_size * num_filters,
                                        state->type));
  const int32_t output_dims[2] = {batches, num_units};
  TFM_RETURN_IF_ERROR(ExpectShape(context, output, "output", output_dims, 2));

  OpData* data = AllocateOpData<OpData>(context);
  if (data == nullptr) return Status::kArenaTooSmall;
  data->batches = batches;
  data->input_size = input_size;
  data->num_filters = num_filters;
  data->memory_size = memory_size;
  data->rank = rank;
  data->num_units = num_units;
  if (input->type == DataType::kFloat32) {
    return CalculateActivationRangeFloat(context, activation,
                                         &data->float_activation_min,
                                         &data->float_activation_max);
  }
  return PrepareInt8(context, activation, input, weights_feature,
                     weights_time, state, output, data);
}

// The steps both types share. feature(b, f) is filter f's new activation for
// batch b (stored at the end of its memory); then output(b, u) receives the
// sum over the unit's rank filters of their memories weighted by
// weights_time, accumulated from zero in Acc as TFLite does.
template <typename State, typename Time, typename Acc, typename Feature,
          typename Output>
void Svdf(const OpData& d, const Time* weights_time, State* state,
          Feature feature, Output output) {
  const int32_t memory = d.memory_size;
  const int64_t state_size =
      static_cast<int64_t>(d.batches) * memory * d.num_filters;
  std::memmove(state, state + 1,
               static_cast<size_t>(state_size - 1) * sizeof(State));
  for (int32_t b = 0; b < d.batches; ++b) {
    State* batch_state =
        state + static_cast<int64_t>(b) * memory * d.num_filters;
    for (int32_t f = 0; f < d.num_filters; ++f) {
      batch_state[f * memory + memory - 1] = feature(b, f);
    }
  }
  for (int32_t b = 0; b < d.batches; ++b) {
    const State* batch_state =
        state + static_cast<int64_t>(b) * memory * d.num_filters;
    for (int32_t u = 0; u < d.num_units; ++u) {
      Acc sum = 0;
      for (int32_t r = 0; r < d.rank; ++r) {
        const int32_t f = u * d.rank + r;
        const Time* w = weights_time + f * memory;
        const State* s = batch_state + f * memory;
        Acc dot = 0;
        for (int32_t m = 0; m < memory; ++m) dot += w[m] * s[m];
        sum += dot;
      }
      output(b, u, sum);
    }
  }
}

void EvalFloat(const OpData& d, const Tensor& input,
               const Tensor& weights_feature, const Tensor& weights_time,
               const Tensor* bias, Tensor& state, Tensor& output) {
  const float* in = input.data_as<float>();
  const float* wf = weights_feature.data_as<float>();
  const float* bias_data = bias != nullptr ? bias->data_as<float>() : nullptr;
  float* out = output.data_as<float>();
  Svdf<float, float, float>(
      d, weights_time.data_as<float>(), state.data_as<float>(),
      [&](int32_t b, int32_t f) {
        const float* x = in + b * d.input_size;
        const float* w = wf + f * d.input_size;
        float dot = 0.f;
        for (int32_t c = 0; c < d.input_size; ++c) dot += w[c] * x[c];
        return dot;
      },
      [&](int32_t b, int32_t u, float sum) {
        if (bias_data != nullptr) sum += bias_data[u];
        out[b * d.num_units + u] = ActivationClamp(
            sum, d.float_activation_min, d.float_activation_max);
      });
}

void EvalInt8(const OpData& d, const Tensor& input,
              const Tensor& weights_feature, const Tensor& weights_time,
              const Tensor* bias, Tensor& state, Tensor& output) {
  const int8_t* in = input.data_as<int8_t>();
  const int8_t* wf = weights_feature.data_as<int8_t>();
  const int32_t* bias_data =
      bias != nullptr ? bias->data_as<int32_t>() : nullptr;
  int8_t* out = output.data_as<int8_t>();
  Svdf<int16_t, int16_t, int32_t>(
      d, weights_time.data_as<int16_t>(), state.data_as<int16_t>(),
      [&](int32_t b, int32_t f) {
        const int8_t* x = in + b * d.input_size;
        const int8_t* w = wf + f * d.input_size;
        int32_t dot = 0;
        for (int32_t c = 0; c < d.input_size; ++c) {
          dot += w[c] * (x[c] - d.input_zero_point);
        }
        dot = MultiplyByQuantizedMultiplier(dot, d.feature_multiplier,
                                            d.feature_shift);
        return static_cast<int16_t>(
            Clamp<int32_t>(dot, std::numeric_limits<int16_t>::min(),
                           std::numeric_limits<int16_t>::max()));
      },
      [&](int32_t b, int32_t u, int32_t sum) {
        if (bias_data != nullptr) sum += bias_data[u];
        const int32_t value =
            MultiplyByQuantizedMultiplier(sum, d.output_multiplier,
                                          d.output_shift) +
            d.output_zero_point;
        out[b * d.num_units + u] = static_cast<int8_t>(
            Clamp<int32_t>(value, std::numeric_limits<int8_t>::min(),
                           std::numeric_limits<int8_t>::max()));
      });
}

Status Eval(OpContext& context) {
  const OpData& d = *static_cast<const OpData*>(context.op_data());
  const Tensor& input = *context.input(kInputTensor);
  const Tensor& weights_feature = *context.input(kWeightsFeatureTensor);
  const Tensor& weights_time = *context.input(kWeightsTimeTensor);
  const Tensor* bias = context.input(kBiasTensor);
  Tensor& state = *context.input(kStateTensor);
  Tensor& output = *context.output(kOutputTensor);
  if (input.type == DataType::kFloat32) {
    EvalFloat(d, input, weights_feature, weights_time, bias, state, output);
  } else {
    EvalInt8(d, input, weights_feature, weights_time, bias, state, output);
  }
  return Status::kOk;
}

}  // namespace

const KernelRegistration& Register_SVDF() {
  static const KernelRegistration r = {nullptr, Prepare, Eval, nullptr};
  return r;
}

}  // namespace tfmicro
