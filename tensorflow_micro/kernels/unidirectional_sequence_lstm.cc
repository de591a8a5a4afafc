// UNIDIRECTIONAL_SEQUENCE_LSTM: an LSTM layer run over every time step of
// its input, as TFLite's reference kernel computes it (lstm_eval.cc).
//
// Inputs (TFLite's numbering; "opt" ones may be omitted):
//   0 input [batch, time, n_input], or [time, batch, n_input] with time_major
//   1-4 input_to_{input(opt), forget, cell, output}_weights [n_cell, n_input]
//   5-8 recurrent_to_{input(opt), forget, cell, output}_weights
//       [n_cell, n_output]
//   9-11 cell_to_{input, forget, output}_weights (opt, peephole) [n_cell]
//   12-15 {input(opt), forget, cell, output}_gate_bias [n_cell]
//   16 projection_weights (opt) [n_output, n_cell], 17 projection_bias
//      (opt, only with the weights) [n_output]
//   18 output_state [batch, n_output], 19 cell_state [batch, n_cell]
//      (variable tensors)
//   20-23 {input(opt), forget, cell, output}_layer_norm_coefficients (opt,
//      all gates or none) [n_cell]
// Output: [batch, time, n_output] (or time-major), the hidden state of each
// step. Without input gate weights the gates are coupled (CIFG: input gate
// = 1 - forget gate). The fused activation (TANH, or a RELU clamp) applies
// to the cell gate and to the cell state on its way to the output;
// cell_clip > 0 clamps the cell state.
//
// Per step and batch row: i = sigmoid(b_i + W_i x + R_i h (+ p_i . c)),
// f likewise, g = act(b_g + W_g x + R_g h), c = f . c + i . g (clipped),
// o = sigmoid(b_o + W_o x + R_o h (+ p_o . c_new)), h = o . act(c), or with
// projection h = clip(b_p + W_p (o . act(c)), proj_clip). With layer norm
// each gate's sum (without its bias) is normalized over the cells, scaled
// by its coefficients and then biased, before the activation. The sums run in
// TFLite's order: bias, then the input product, then the recurrent one,
// each dot product accumulated from zero.
//
// Types: FLOAT32, and full integer INT8 as TFLite's 8x8_16 kernel: INT8
// input, output, weights and output_state, INT32 biases, INT16 peephole
// weights and cell_state (whose scale must be a power of two, 2^-15 to
// 2^-9), five intermediate tensors of which the fifth gives the hidden
// state (o . tanh(c), the projection's input) scale and zero point. Integer
// gates are Q3.12 before their activations (gemmlowp's 16-bit logistic and
// tanh, fixed_point_int16.h); the activation is TANH, as TFLite's integer
// kernel always uses it. With layer norm the four gate intermediates give
// the gates' scales, and the INT16 coefficients' scale the output's.
#include <cmath>
#include <cstdint>
#include <limits>

#include "tensorflow_micro/kernels/internal/conv_quantization.h"
#include "tensorflow_micro/kernels/internal/fixed_point.h"
#include "tensorflow_micro/kernels/internal/fixed_point_int16.h"
#include "tensorflow_micro/kernels/internal/quantization_util.h"
#include "tensorflow_micro/kernels/internal/tensor_util.h"
#include "tensorflow_micro/kernels/reference_kernels.h"
#include "tensorflow_micro/schema/schema_generated.h"

namespace tfmicro {
namespace {

constexpr int kInputTensor = 0;
// Gate order of the weight, bias and peephole tensors.
constexpr int kInputGate = 0;
constexpr int kForgetGate = 1;
constexpr int kCellGate = 2;
constexpr int kOutputGate = 3;
constexpr int kNumGates = 4;
constexpr int kInputWeights = 1;      // + gate
constexpr int kRecurrentWeights = 5;  // + gate
constexpr int kPeepholeWeights = 9;   // + gate, no cell gate (9, 10, 11)
constexpr int kGateBias = 12;         // + gate
constexpr int kProjectionWeights = 16;
constexpr int kProjectionBias = 17;
constexpr int kOutputState = 18;
constexpr int kCellState = 19;
constexpr int kLayerNorm = 20;  // + gate
constexpr int kNumInputs = 24;
constexpr int kOutputTensor = 0;

const char* const kGateNames[kNumGates] = {"input", "forget", "cell",
                                           "output"};
// The effective scales of each gate, named for prepare's errors.
const char* const kInputScaleNames[kNumGates] = {
    "input_to_input_weights scale x input scale / gate scale",
    "input_to_forget_weights scale x input scale / gate scale",
    "input_to_cell_weights scale x input scale / gate scale",
    "input_to_output_weights scale x input scale / gate scale"};
const char* const kRecurrentScaleNames[kNumGates] = {
    "recurrent_to_input_weights scale x output_state scale / gate scale",
    "recurrent_to_forget_weights scale x output_state scale / gate scale",
    "recurrent_to_cell_weights scale x output_state scale / gate scale",
    "recurrent_to_output_weights scale x output_state scale / gate scale"};
const char* const kPeepholeScaleNames[kNumGates] = {
    "cell_to_input_weights scale x cell_state scale / gate scale",
    "cell_to_forget_weights scale x cell_state scale / gate scale",
    "(no peephole on the cell gate)",
    "cell_to_output_weights scale x cell_state scale / gate scale"};
const char* const kLayerNormScaleNames[kNumGates] = {
    "input_layer_norm_coefficients scale",
    "forget_layer_norm_coefficients scale",
    "cell_layer_norm_coefficients scale",
    "output_layer_norm_coefficients scale"};

// What the INT8 kernel needs of one gate.
struct IntegerGate {
  // Zero points times the weights' row sums, plus the bias for the input
  // part: [n_cell] each, persistent.
  const int32_t* input_bias;
  const int32_t* recurrent_bias;
  int32_t input_multiplier;
  int input_shift;
  int32_t recurrent_multiplier;
  int recurrent_shift;
  int32_t peephole_multiplier;
  int peephole_shift;
  // Layer norm: the coefficients' scale and the variance floor.
  int32_t layer_norm_multiplier;
  int layer_norm_shift;
  int32_t variance_guard;
};

struct OpData {
  int32_t batches;
  int32_t steps;
  int32_t n_input;
  int32_t n_cell;
  int32_t n_output;
  bool time_major;
  bool cifg;
  bool peephole;
  int activation;
  float cell_clip;
  bool projection;
  bool layer_norm;
  float proj_clip;
  int scratch;  // 4 gates x n_cell floats (INT8: int16)
  // INT8.
  IntegerGate gates[kNumGates];
  int cell_scale;  // log2 of the cell state's scale
  int16_t quantized_cell_clip;
  int32_t hidden_multiplier;
  int hidden_shift;
  int32_t hidden_zero_point;
  // With projection: hidden_zero_point times the weights' row sums plus the
  // bias, the requantization to the output state, and the clip.
  const int32_t* projection_bias;
  int32_t projection_multiplier;
  int projection_shift;
  int32_t output_state_zero_point;
  int8_t quantized_proj_clip;
};

// The peephole input of `gate` (input, forget or output).
int PeepholeIndex(int gate) {
  return kPeepholeWeights + (gate == kOutputGate ? 2 : gate);
}

Status CheckVector(OpContext& context, const Tensor* t, const char* what,
                   int gate, int32_t size, DataType type) {
  TFM_ENSURE(context, t->type == type,
             "%s %s type %s not supported (expected %s)", kGateNames[gate],
             what, DataTypeName(t->type), DataTypeName(type));
  TFM_ENSURE(context, t->rank == 1 && t->dim(0) == size,
             "%s %s must have shape [%d], got %s", kGateNames[gate], what,
             static_cast<int>(size), ShapeText(*t).text);
  return Status::kOk;
}

Status CheckMatrix(OpContext& context, const Tensor* t, const char* what,
                   int gate, int32_t rows, int32_t cols, DataType type) {
  TFM_ENSURE(context, t->type == type,
             "%s %s type %s not supported (expected %s)", kGateNames[gate],
             what, DataTypeName(t->type), DataTypeName(type));
  TFM_ENSURE(context, t->rank == 2 && t->dim(0) == rows && t->dim(1) == cols,
             "%s %s must have shape [%d, %d], got %s", kGateNames[gate], what,
             static_cast<int>(rows), static_cast<int>(cols),
             ShapeText(*t).text);
  return Status::kOk;
}

// log2(scale) when the scale is a power of two (to 1e-3, as TFLite's
// CheckedLog2 accepts it).
bool ExactLog2(float scale, int* log2) {
  const float value = std::log(scale) * (1.0f / std::log(2.0f));
  const float rounded = std::round(value);
  *log2 = static_cast<int>(rounded);
  return std::fabs(value - rounded) < 1e-3f;
}

// zero_point * (row sums of weights [rows, cols]) + bias (when given), into
// persistent memory.
const int32_t* EffectiveBias(OpContext& context, const Tensor* weights,
                             const Tensor* bias, int32_t zero_point) {
  const int32_t rows = weights->dim(0);
  const int32_t cols = weights->dim(1);
  auto* out = static_cast<int32_t*>(
      context.AllocatePersistent(sizeof(int32_t) * static_cast<size_t>(rows)));
  if (out == nullptr) return nullptr;
  const int8_t* w = weights->data_as<int8_t>();
  const int32_t* b = bias != nullptr ? bias->data_as<int32_t>() : nullptr;
  for (int32_t r = 0; r < rows; ++r) {
    int32_t sum = 0;
    for (int32_t c = 0; c < cols; ++c) sum += w[r * cols + c];
    out[r] = (b != nullptr ? b[r] : 0) + sum * zero_point;
  }
  return out;
}

// The quantization of TFLite's 8x8_16 integer LSTM without layer norm: gate
// pre-activations are Q3.12 (scale 2^-12); the effective scales are
// computed in float, as TFLite does, before QuantizeMultiplier.
Status PrepareInteger(OpContext& context, OpData* data) {
  const Tensor* input = context.input(kInputTensor);
  const Tensor* output_state = context.input(kOutputState);
  const Tensor* cell_state = context.input(kCellState);
  TFM_ENSURE(context, data->activation == kActivationTanh,
             "INT8 LSTM needs the fused activation TANH (TFLite's integer "
             "kernel always uses it), got %d",
             data->activation);
  TFM_RETURN_IF_ERROR(CheckPerTensorQuantization(context, input, "input"));
  TFM_RETURN_IF_ERROR(
      CheckPerTensorQuantization(context, output_state, "output_state"));
  TFM_RETURN_IF_ERROR(
      CheckPerTensorQuantization(context, cell_state, "cell_state"));
  TFM_ENSURE(context, cell_state->zero_point() == 0,
             "cell_state zero point must be 0, got %d",
             static_cast<int>(cell_state->zero_point()));
  TFM_ENSURE(context,
             ExactLog2(cell_state->scale(), &data->cell_scale) &&
                 data->cell_scale >= -15 && data->cell_scale <= -9,
             "cell_state scale %g must be a power of two from 2^-15 to 2^-9",
             static_cast<double>(cell_state->scale()));
  TFM_ENSURE(context, context.num_intermediates() == 5,
             "INT8 LSTM needs 5 intermediate tensors (TFLite's 8x8_16 "
             "kernel), got %d",
             context.num_intermediates());
  const Tensor* hidden = context.intermediate(4);
  TFM_ENSURE(context, hidden != nullptr,
             "intermediate 4 (the hidden state) is missing");
  TFM_RETURN_IF_ERROR(
      CheckPerTensorQuantization(context, hidden, "intermediate 4 (hidden)"));

  // Q3.12 gates without layer norm; with it, the gate intermediates' scales.
  float gate_scales[kNumGates];
  for (int gate = 0; gate < kNumGates; ++gate) {
    gate_scales[gate] = static_cast<float>(std::pow(2, -12));
    if (!data->layer_norm || (data->cifg && gate == kInputGate)) continue;
    const Tensor* intermediate = context.intermediate(gate);
    TFM_ENSURE(context, intermediate != nullptr,
               "intermediate %d (the %s gate) is missing", gate,
               kGateNames[gate]);
    TFM_RETURN_IF_ERROR(CheckPerTensorQuantization(
        context, intermediate, "a gate intermediate"));
    gate_scales[gate] = intermediate->scale();
  }
  const float input_scale = input->scale();
  const float output_state_scale = output_state->scale();
  const int32_t input_offset = -input->zero_point();
  const int32_t output_state_offset = -output_state->zero_point();
  for (int gate = 0; gate < kNumGates; ++gate) {
    if (data->cifg && gate == kInputGate) continue;
    const Tensor* w = context.input(kInputWeights + gate);
    const Tensor* r = context.input(kRecurrentWeights + gate);
    TFM_RETURN_IF_ERROR(
        CheckPerTensorQuantization(context, w, "input weights"));
    TFM_RETURN_IF_ERROR(
        CheckPerTensorQuantization(context, r, "recurrent weights"));
    IntegerGate& g = data->gates[gate];
    const float gate_scale = gate_scales[gate];
    const float input_effective = w->scale() * input_scale / gate_scale;
    const float recurrent_effective =
        r->scale() * output_state_scale / gate_scale;
    TFM_RETURN_IF_ERROR(QuantizeModelMultiplier(
        context, input_effective, kInputScaleNames[gate], &g.input_multiplier,
        &g.input_shift));
    TFM_RETURN_IF_ERROR(QuantizeModelMultiplier(
        context, recurrent_effective, kRecurrentScaleNames[gate],
        &g.recurrent_multiplier, &g.recurrent_shift));
    if (data->peephole && gate != kCellGate) {
      const Tensor* p = context.input(PeepholeIndex(gate));
      TFM_RETURN_IF_ERROR(
          CheckPerTensorQuantization(context, p, "peephole weights"));
      const float peephole_effective = static_cast<float>(
          std::pow(2, data->cell_scale) * p->scale() / gate_scale);
      TFM_RETURN_IF_ERROR(QuantizeModelMultiplier(
          context, peephole_effective, kPeepholeScaleNames[gate],
          &g.peephole_multiplier, &g.peephole_shift));
    }
    // With layer norm the bias is added after the normalization.
    const Tensor* bias =
        data->layer_norm ? nullptr : context.input(kGateBias + gate);
    g.input_bias = EffectiveBias(context, w, bias, input_offset);
    if (data->layer_norm) {
      const Tensor* coefficients = context.input(kLayerNorm + gate);
      TFM_RETURN_IF_ERROR(CheckPerTensorQuantization(
          context, coefficients, "layer norm coefficients"));
      // Eval applies the multiplier with 12 more bits of left shift.
      TFM_RETURN_IF_ERROR(QuantizeModelMultiplier(
          context, coefficients->scale(), kLayerNormScaleNames[gate],
          &g.layer_norm_multiplier, &g.layer_norm_shift,
          /*max_shift=*/31 - 12));
      // Saturated in float: a scale above 214748 would overflow the int.
      const float guard = Clamp(10000 * coefficients->scale(), 1.f,
                                static_cast<float>(1 << 30));
      g.variance_guard = static_cast<int32_t>(guard);
    }
    g.recurrent_bias = EffectiveBias(context, r, nullptr, output_state_offset);
    if (g.input_bias == nullptr || g.recurrent_bias == nullptr) {
      return Status::kArenaTooSmall;
    }
  }
  const float hidden_effective = static_cast<float>(
      std::pow(2, -15) / hidden->scale() * std::pow(2, -15));
  TFM_RETURN_IF_ERROR(QuantizeModelMultiplier(
      context, hidden_effective, "2^-30 / hidden (intermediate 4) scale",
      &data->hidden_multiplier, &data->hidden_shift));
  data->hidden_zero_point = hidden->zero_point();
  data->output_state_zero_point = output_state->zero_point();
  if (data->projection) {
    const Tensor* projection = context.input(kProjectionWeights);
    TFM_RETURN_IF_ERROR(CheckPerTensorQuantization(context, projection,
                                                   "projection_weights"));
    const float projection_effective =
        projection->scale() * hidden->scale() / output_state_scale;
    TFM_RETURN_IF_ERROR(QuantizeModelMultiplier(
        context, projection_effective,
        "projection_weights scale x hidden scale / output_state scale",
        &data->projection_multiplier, &data->projection_shift));
    data->projection_bias =
        EffectiveBias(context, projection, context.input(kProjectionBias),
                      data->hidden_zero_point);
    if (data->projection_bias == nullptr) return Status::kArenaTooSmall;
    const Tensor* output = context.output(kOutputTensor);
    TFM_RETURN_IF_ERROR(CheckPerTensorQuantization(context, output, "output"));
    data->quantized_proj_clip = 0;
    if (data->proj_clip > 0.f) {
      data->quantized_proj_clip = static_cast<int8_t>(
          Clamp(data->proj_clip / output->scale(), -128.0f, 127.0f));
    }
  }
  data->quantized_cell_clip = 0;
  if (data->cell_clip > 0.f) {
    data->quantized_cell_clip = static_cast<int16_t>(
        Clamp(data->cell_clip / cell_state->scale(), -32768.0f, 32767.0f));
  }
  return Status::kOk;
}

Status Prepare(OpContext& context) {
  TFM_ENSURE(context, context.num_inputs() == kNumInputs,
             "expected %d inputs (TFLite's LSTM layout), got %d", kNumInputs,
             context.num_inputs());
  TFM_RETURN_IF_ERROR(ExpectIoCount(context, 1, kNumInputs, 1));
  const Tensor* input = context.input(kInputTensor);
  const Tensor* output = context.output(kOutputTensor);
  const bool integer = input->type == DataType::kInt8;
  TFM_ENSURE(context, input->type == DataType::kFloat32 || integer,
             "input type %s not supported (expected FLOAT32 or INT8)",
             DataTypeName(input->type));
  const DataType weight_type = input->type;
  const DataType bias_type = integer ? DataType::kInt32 : input->type;
  const DataType peephole_type = integer ? DataType::kInt16 : input->type;
  const DataType cell_type = integer ? DataType::kInt16 : input->type;
  TFM_RETURN_IF_ERROR(ExpectType(context, output, "output", input->type));
  TFM_RETURN_IF_ERROR(ExpectRank(context, input, "input", 3));
  const auto* opts =
      context.options<schema::UnidirectionalSequenceLSTMOptions>();
  const bool time_major = opts != nullptr && opts->time_major();
  TFM_ENSURE(context, opts == nullptr || !opts->diagonal_recurrent_tensors(),
             "diagonal recurrent weights are not supported");
  const int activation = FusedActivationOf(opts);
  TFM_ENSURE(context,
             activation == kActivationNone || activation == kActivationRelu ||
                 activation == kActivationRelu6 ||
                 activation == kActivationReluN1To1 ||
                 activation == kActivationTanh,
             "fused activation %d not supported (expected TANH or a RELU)",
             activation);
  const float cell_clip = opts != nullptr ? opts->cell_clip() : 0.f;
  const float proj_clip = opts != nullptr ? opts->proj_clip() : 0.f;
  TFM_ENSURE(context,
             cell_clip >= 0.f && std::isfinite(cell_clip) &&
                 proj_clip >= 0.f && std::isfinite(proj_clip),
             "cell_clip and proj_clip must be finite and non-negative, got %g "
             "and %g",
             static_cast<double>(cell_clip), static_cast<double>(proj_clip));

  const Tensor* forget_weights = context.input(kInputWeights + kForgetGate);
  TFM_ENSURE(context, forget_weights != nullptr && forget_weights->rank == 2,
             "input_to_forget_weights (input 2) must be a matrix");
  const int32_t n_cell = forget_weights->dim(0);
  const int32_t n_input = input->dim(2);
  const Tensor* recurrent_forget =
      context.input(kRecurrentWeights + kForgetGate);
  TFM_ENSURE(context,
             recurrent_forget != nullptr && recurrent_forget->rank == 2,
             "recurrent_to_forget_weights (input 6) must be a matrix");
  const int32_t n_output = recurrent_forget->dim(1);
  const bool cifg = context.input(kInputWeights + kInputGate) == nullptr;
  TFM_ENSURE(context, n_cell > 0 && n_input > 0 && n_output > 0,
             "LSTM sizes must be positive: %d cells, %d inputs, %d outputs",
             static_cast<int>(n_cell), static_cast<int>(n_input),
             static_cast<int>(n_output));
  const Tensor* projection = context.input(kProjectionWeights);
  const Tensor* projection_bias = context.input(kProjectionBias);
  if (projection == nullptr) {
    TFM_ENSURE(context, projection_bias == nullptr,
               "projection_bias (input 17) needs projection_weights");
    TFM_ENSURE(context, n_output == n_cell,
               "without projection the output size (%d) must equal the cell "
               "count (%d)",
               static_cast<int>(n_output), static_cast<int>(n_cell));
  } else {
    TFM_ENSURE(context, projection->type == weight_type,
               "projection_weights type %s not supported (expected %s)",
               DataTypeName(projection->type), DataTypeName(weight_type));
    const int32_t dims[2] = {n_output, n_cell};
    TFM_RETURN_IF_ERROR(
        ExpectShape(context, projection, "projection_weights", dims, 2));
    if (projection_bias != nullptr) {
      TFM_ENSURE(context, projection_bias->type == bias_type,
                 "projection_bias type %s not supported (expected %s)",
                 DataTypeName(projection_bias->type), DataTypeName(bias_type));
      TFM_RETURN_IF_ERROR(ExpectShape(context, projection_bias,
                                      "projection_bias", &n_output, 1));
    }
  }
  const bool peephole = context.input(PeepholeIndex(kForgetGate)) != nullptr;
  for (int gate = 0; gate < kNumGates; ++gate) {
    const bool needed = !(cifg && gate == kInputGate);
    const Tensor* w = context.input(kInputWeights + gate);
    const Tensor* r = context.input(kRecurrentWeights + gate);
    const Tensor* b = context.input(kGateBias + gate);
    if (!needed) {
      TFM_ENSURE(context, r == nullptr && b == nullptr,
                 "without input_to_input_weights (CIFG) the input gate's "
                 "recurrent weights and bias must be omitted too");
      TFM_ENSURE(context, context.input(PeepholeIndex(kInputGate)) == nullptr,
                 "without input_to_input_weights (CIFG) the input gate's "
                 "peephole weights must be omitted too");
      continue;
    }
    TFM_ENSURE(context, w != nullptr && r != nullptr && b != nullptr,
               "the %s gate needs input weights, recurrent weights and a "
               "bias (inputs %d, %d, %d)",
               kGateNames[gate], kInputWeights + gate,
               kRecurrentWeights + gate, kGateBias + gate);
    TFM_RETURN_IF_ERROR(CheckMatrix(context, w, "input weights", gate,
                                    n_cell, n_input, weight_type));
    TFM_RETURN_IF_ERROR(CheckMatrix(context, r, "recurrent weights", gate,
                                    n_cell, n_output, weight_type));
    TFM_RETURN_IF_ERROR(
        CheckVector(context, b, "bias", gate, n_cell, bias_type));
    if (gate == kCellGate) continue;
    const Tensor* p = context.input(PeepholeIndex(gate));
    if (!peephole) {
      TFM_ENSURE(context, p == nullptr,
                 "peephole weights must be given for all gates or none");
      continue;
    }
    TFM_ENSURE(context, p != nullptr,
               "peephole weights must be given for all gates or none");
    TFM_RETURN_IF_ERROR(CheckVector(context, p, "peephole weights", gate,
                                    n_cell, peephole_type));
  }

  // Layer norm, as TFLite decides it: by the forget gate's coefficients.
  const bool layer_norm = context.input(kLayerNorm + kForgetGate) != nullptr;
  for (int gate = 0; gate < kNumGates; ++gate) {
    const Tensor* coefficients = context.input(kLayerNorm + gate);
    if (!layer_norm || (cifg && gate == kInputGate)) {
      TFM_ENSURE(context, coefficients == nullptr,
                 "layer norm coefficients (input %d) must be given for every "
                 "gate (but a CIFG input gate) or none",
                 kLayerNorm + gate);
      continue;
    }
    TFM_ENSURE(context, coefficients != nullptr,
               "layer norm coefficients (input %d) must be given for every "
               "gate (but a CIFG input gate) or none",
               kLayerNorm + gate);
    TFM_RETURN_IF_ERROR(CheckVector(context, coefficients,
                                    "layer norm coefficients", gate, n_cell,
                                    peephole_type));
  }

  const int32_t batches = time_major ? input->dim(1) : input->dim(0);
  const int32_t steps = time_major ? input->dim(0) : input->dim(1);
  TFM_ENSURE(context, batches > 0 && steps > 0,
             "input %s has no batches or no time steps",
             ShapeText(*input).text);
  TFM_RETURN_IF_ERROR(ExpectStateTensor(context, kOutputState,
                                        "output_state", batches, n_output,
                                        input->type));
  TFM_RETURN_IF_ERROR(ExpectStateTensor(context, kCellState, "cell_state",
                                        batches, n_cell, cell_type));
  const int32_t output_dims[3] = {input->dim(0), input->dim(1), n_output};
  TFM_RETURN_IF_ERROR(ExpectShape(context, output, "output", output_dims, 3));

  OpData* data = AllocateOpData<OpData>(context);
  if (data == nullptr) return Status::kArenaTooSmall;
  data->batches = batches;
  data->steps = steps;
  data->n_input = n_input;
  data->n_cell = n_cell;
  data->n_output = n_output;
  data->time_major = time_major;
  data->cifg = cifg;
  data->peephole = peephole;
  data->activation = activation;
  data->cell_clip = cell_clip;
  data->proj_clip = proj_clip;
  data->projection = projection != nullptr;
  data->layer_norm = layer_norm;
  if (integer) TFM_RETURN_IF_ERROR(PrepareInteger(context, data));
  return context.RequestScratch(
      sizeof(float) * kNumGates * static_cast<size_t>(n_cell),
      &data->scratch);
}

float Sigmoid(float x) { return 1.f / (1.f + std::exp(-x)); }

// The fused activation of the cell gate and of the cell state.
float Activate(int activation, float x) {
  switch (activation) {
    case kActivationRelu:
      return x < 0.f ? 0.f : x;
    case kActivationRelu6:
      return x < 0.f ? 0.f : (x > 6.f ? 6.f : x);
    case kActivationReluN1To1:
      return x < -1.f ? -1.f : (x > 1.f ? 1.f : x);
    case kActivationTanh:
      return std::tanh(x);
    default:
      return x;
  }
}

// One gate's weights: input and recurrent matrices, peephole vector
// (nullptr without peephole).
template <typename Weight, typename Peephole>
struct GateWeights {
  const Weight* input = nullptr;
  const Weight* recurrent = nullptr;
  const Peephole* peephole = nullptr;
};

// The weights of every gate the node has (CIFG has no input gate).
template <typename Weight, typename Peephole>
void GatherGateWeights(OpContext& context, const OpData& d,
                       GateWeights<Weight, Peephole> gates[kNumGates]) {
  for (int gate = 0; gate < kNumGates; ++gate) {
    if (d.cifg && gate == kInputGate) continue;
    gates[gate].input =
        context.input(kInputWeights + gate)->data_as<Weight>();
    gates[gate].recurrent =
        context.input(kRecurrentWeights + gate)->data_as<Weight>();
    if (d.peephole && gate != kCellGate) {
      gates[gate].peephole =
          context.input(PeepholeIndex(gate))->data_as<Peephole>();
    }
  }
}

// The row of the input and output holding step t of batch b.
int64_t StepRow(const OpData& d, int32_t b, int32_t t) {
  return d.time_major ? static_cast<int64_t>(t) * d.batches + b
                      : static_cast<int64_t>(b) * d.steps + t;
}

using FloatGate = GateWeights<float, float>;

// gate[c] = bias[c] + W[c] . x + R[c] . h (+ p[c] * cell[c]), before its
// activation; from 0 without a bias (layer norm adds it later).
void GatePreActivation(const FloatGate& g, const float* bias, const float* x,
                       const float* h, const float* cell, int32_t n_input,
                       int32_t n_output, int32_t n_cell, float* gate) {
  for (int32_t c = 0; c < n_cell; ++c) {
    float value = bias != nullptr ? bias[c] : 0.f;
    float dot = 0.f;
    const float* w = g.input + c * n_input;
    for (int32_t k = 0; k < n_input; ++k) dot += w[k] * x[k];
    value += dot;
    dot = 0.f;
    const float* r = g.recurrent + c * n_output;
    for (int32_t k = 0; k < n_output; ++k) dot += r[k] * h[k];
    value += dot;
    if (g.peephole != nullptr) value += g.peephole[c] * cell[c];
    gate[c] = value;
  }
}

// TFLite's float layer norm of one gate: normalized to zero mean and unit
// deviation, times the coefficients, plus the bias.
void LayerNormFloat(const float* coefficients, const float* bias, int32_t n,
                    float* gate) {
  float sum = 0.f;
  for (int32_t i = 0; i < n; ++i) sum += gate[i];
  const float mean = sum / n;
  float sum_diff_sq = 0.f;
  for (int32_t i = 0; i < n; ++i) {
    const float diff = gate[i] - mean;
    sum_diff_sq += diff * diff;
  }
  const float variance = sum_diff_sq / n;
  const float stddev_inv = 1.0f / std::sqrt(variance + 1e-8f);
  for (int32_t i = 0; i < n; ++i) {
    gate[i] = coefficients[i] * ((gate[i] - mean) * stddev_inv) + bias[i];
  }
}

void EvalFloat(OpContext& context, const OpData& d) {
  const Tensor& input = *context.input(kInputTensor);
  Tensor& output = *context.output(kOutputTensor);
  float* output_state = context.input(kOutputState)->data_as<float>();
  float* cell_state = context.input(kCellState)->data_as<float>();
  FloatGate gates[kNumGates];
  GatherGateWeights(context, d, gates);
  const float* bias[kNumGates] = {};
  const float* layer_norm[kNumGates] = {};
  for (int gate = 0; gate < kNumGates; ++gate) {
    if (d.cifg && gate == kInputGate) continue;
    bias[gate] = context.input(kGateBias + gate)->data_as<float>();
    if (d.layer_norm) {
      layer_norm[gate] = context.input(kLayerNorm + gate)->data_as<float>();
    }
  }
  const Tensor* projection_tensor = context.input(kProjectionWeights);
  const Tensor* projection_bias_tensor = context.input(kProjectionBias);
  const float* projection = projection_tensor != nullptr
                                ? projection_tensor->data_as<float>()
                                : nullptr;
  const float* projection_bias = projection_bias_tensor != nullptr
                                     ? projection_bias_tensor->data_as<float>()
                                     : nullptr;
  float* scratch = static_cast<float*>(context.scratch(d.scratch));
  float* input_gate = scratch;
  float* forget_gate = scratch + d.n_cell;
  float* cell_gate = scratch + 2 * d.n_cell;
  float* output_gate = scratch + 3 * d.n_cell;
  const float* input_data = input.data_as<float>();
  float* output_data = output.data_as<float>();
  for (int32_t b = 0; b < d.batches; ++b) {
    float* h = output_state + b * d.n_output;
    float* cell = cell_state + b * d.n_cell;
    for (int32_t t = 0; t < d.steps; ++t) {
      const int64_t row = StepRow(d, b, t);
      const float* x = input_data + row * d.n_input;
      const auto pre_activation = [&](int gate, float* out) {
        GatePreActivation(gates[gate], d.layer_norm ? nullptr : bias[gate], x,
                          h, cell, d.n_input, d.n_output, d.n_cell, out);
        if (d.layer_norm) {
          LayerNormFloat(layer_norm[gate], bias[gate], d.n_cell, out);
        }
      };
      if (!d.cifg) {
        pre_activation(kInputGate, input_gate);
        for (int32_t c = 0; c < d.n_cell; ++c) {
          input_gate[c] = Sigmoid(input_gate[c]);
        }
      }
      pre_activation(kForgetGate, forget_gate);
      for (int32_t c = 0; c < d.n_cell; ++c) {
        forget_gate[c] = Sigmoid(forget_gate[c]);
      }
      pre_activation(kCellGate, cell_gate);
      for (int32_t c = 0; c < d.n_cell; ++c) {
        cell_gate[c] = Activate(d.activation, cell_gate[c]);
      }
      for (int32_t c = 0; c < d.n_cell; ++c) {
        const float in_gate = d.cifg ? 1.f - forget_gate[c] : input_gate[c];
        float value = forget_gate[c] * cell[c];
        value += cell_gate[c] * in_gate;
        if (d.cell_clip > 0.f) {
          value = Clamp(value, -d.cell_clip, d.cell_clip);
        }
        cell[c] = value;
      }
      pre_activation(kOutputGate, output_gate);
      float* out = output_data + row * d.n_output;
      if (!d.projection) {
        for (int32_t c = 0; c < d.n_cell; ++c) {
          h[c] = Sigmoid(output_gate[c]) * Activate(d.activation, cell[c]);
          out[c] = h[c];
        }
        continue;
      }
      // o . act(c) into the input gate's buffer, then the projection.
      for (int32_t c = 0; c < d.n_cell; ++c) {
        input_gate[c] =
            Sigmoid(output_gate[c]) * Activate(d.activation, cell[c]);
      }
      for (int32_t r = 0; r < d.n_output; ++r) {
        float value = projection_bias != nullptr ? projection_bias[r] : 0.f;
        float dot = 0.f;
        const float* w = projection + r * d.n_cell;
        for (int32_t c = 0; c < d.n_cell; ++c) dot += w[c] * input_gate[c];
        value += dot;
        if (d.proj_clip > 0.f) value = Clamp(value, -d.proj_clip, d.proj_clip);
        h[r] = value;
        out[r] = value;
      }
    }
  }
}

// gate[c] = clamp16(gate[c] + MultiplyByQuantizedMultiplier(bias[c] +
// W[c] . x)): TFLite's int8 x int8 -> int16 accumulate.
void AccumulateProduct(const int8_t* x, const int8_t* weights,
                       const int32_t* bias, int32_t multiplier, int shift,
                       int32_t n_in, int32_t n_cell, int16_t* gate) {
  for (int32_t c = 0; c < n_cell; ++c) {
    int32_t acc = bias[c];
    const int8_t* w = weights + c * n_in;
    for (int32_t k = 0; k < n_in; ++k) acc += x[k] * w[k];
    acc = MultiplyByQuantizedMultiplier(acc, multiplier, shift) + gate[c];
    gate[c] = static_cast<int16_t>(
        Clamp<int32_t>(acc, fixed_point16::kMin, fixed_point16::kMax));
  }
}

using IntegerWeights = GateWeights<int8_t, int16_t>;

// TFLite's integer layer norm of one gate (PortableApplyLayerNorm): mean
// and variance in 2^10 units, 1/stddev as a quantized multiplier, then the
// coefficients, the bias and the coefficients' scale; back to Q3.12. Its
// coefficient product is an int32 one, wrapping as TFLite's does.
void LayerNormInteger(const IntegerGate& g, const int16_t* coefficients,
                      const int32_t* bias, int32_t n, int16_t* gate) {
  constexpr int32_t kTwoToPower20 = 1 << 20;
  int64_t sum = 0;
  int64_t sum_sq = 0;
  for (int32_t i = 0; i < n; ++i) {
    const int32_t value = gate[i];
    sum += value;
    sum_sq += value * value;
  }
  const int32_t mean = static_cast<int32_t>(sum * 1024 / n);
  const int32_t temp = kTwoToPower20 / n;
  const int64_t variance =
      sum_sq * temp - static_cast<int64_t>(mean) * static_cast<int64_t>(mean);
  int32_t variance2 = static_cast<int32_t>(variance / kTwoToPower20);
  if (variance2 < 1) variance2 = g.variance_guard;
  int32_t inv_stddev_multiplier;
  int inv_stddev_shift;
  fixed_point::GetInvSqrtQuantizedMultiplierExp(
      variance2, /*reverse_shift=*/-1, &inv_stddev_multiplier,
      &inv_stddev_shift);
  for (int32_t i = 0; i < n; ++i) {
    const int32_t shifted = 1024 * gate[i] - mean;
    const int32_t rescaled = MultiplyByQuantizedMultiplier(
        shifted, inv_stddev_multiplier, inv_stddev_shift);
    const int64_t weighted = static_cast<int32_t>(
        static_cast<uint32_t>(rescaled) *
            static_cast<uint32_t>(static_cast<int32_t>(coefficients[i])) +
        static_cast<uint32_t>(bias[i]));
    const int32_t rounded = static_cast<int32_t>(
        (weighted > 0 ? weighted + 512 : weighted - 512) / 1024);
    const int32_t value = MultiplyByQuantizedMultiplier(
        rounded, g.layer_norm_multiplier, g.layer_norm_shift + 12);
    gate[i] = static_cast<int16_t>(
        Clamp<int32_t>(value, fixed_point16::kMin, fixed_point16::kMax));
  }
}

// One Q3.12 gate: input and recurrent products, the peephole term, the
// layer norm (when `layer_norm` coefficients are given, with the gate's
// `bias`), then logistic (or tanh for the cell gate) to Q0.15.
void IntegerGateOutput(const OpData& d, int gate, const IntegerWeights& w,
                       const int16_t* layer_norm, const int32_t* bias,
                       const int8_t* x, const int8_t* h, const int16_t* cell,
                       int16_t* out) {
  const IntegerGate& g = d.gates[gate];
  for (int32_t c = 0; c < d.n_cell; ++c) out[c] = 0;
  AccumulateProduct(x, w.input, g.input_bias, g.input_multiplier,
                    g.input_shift, d.n_input, d.n_cell, out);
  AccumulateProduct(h, w.recurrent, g.recurrent_bias, g.recurrent_multiplier,
                    g.recurrent_shift, d.n_output, d.n_cell, out);
  if (w.peephole != nullptr) {
    for (int32_t c = 0; c < d.n_cell; ++c) {
      const int32_t product = MultiplyByQuantizedMultiplier(
          w.peephole[c] * cell[c], g.peephole_multiplier, g.peephole_shift);
      out[c] = static_cast<int16_t>(Clamp<int32_t>(
          product + out[c], fixed_point16::kMin, fixed_point16::kMax));
    }
  }
  if (layer_norm != nullptr) {
    LayerNormInteger(g, layer_norm, bias, d.n_cell, out);
  }
  for (int32_t c = 0; c < d.n_cell; ++c) {
    out[c] = gate == kCellGate ? fixed_point16::Tanh(out[c], 3)
                               : fixed_point16::Logistic(out[c], 3);
  }
}

void EvalInteger(OpContext& context, const OpData& d) {
  IntegerWeights weights[kNumGates];
  GatherGateWeights(context, d, weights);
  const int16_t* layer_norm[kNumGates] = {};
  const int32_t* bias[kNumGates] = {};
  for (int gate = 0; gate < kNumGates; ++gate) {
    if (!d.layer_norm || (d.cifg && gate == kInputGate)) continue;
    layer_norm[gate] = context.input(kLayerNorm + gate)->data_as<int16_t>();
    bias[gate] = context.input(kGateBias + gate)->data_as<int32_t>();
  }
  const auto gate_output = [&](int gate, const int8_t* x, const int8_t* h,
                               const int16_t* cell, int16_t* out) {
    IntegerGateOutput(d, gate, weights[gate], layer_norm[gate], bias[gate], x,
                      h, cell, out);
  };
  const Tensor* projection_tensor = context.input(kProjectionWeights);
  const int8_t* projection = projection_tensor != nullptr
                                 ? projection_tensor->data_as<int8_t>()
                                 : nullptr;
  int16_t* scratch = static_cast<int16_t*>(context.scratch(d.scratch));
  int16_t* input_gate = scratch;
  int16_t* forget_gate = scratch + d.n_cell;
  int16_t* cell_gate = scratch + 2 * d.n_cell;
  int16_t* output_gate = scratch + 3 * d.n_cell;
  const int8_t* input_data = context.input(kInputTensor)->data_as<int8_t>();
  int8_t* output_data = context.output(kOutputTensor)->data_as<int8_t>();
  int8_t* output_state = context.input(kOutputState)->data_as<int8_t>();
  int16_t* cell_state = context.input(kCellState)->data_as<int16_t>();
  const int cell_product_shift = 30 + d.cell_scale;
  for (int32_t b = 0; b < d.batches; ++b) {
    int8_t* h = output_state + b * d.n_output;
    int16_t* cell = cell_state + b * d.n_cell;
    for (int32_t t = 0; t < d.steps; ++t) {
      const int64_t row = StepRow(d, b, t);
      const int8_t* x = input_data + row * d.n_input;
      gate_output(kForgetGate, x, h, cell, forget_gate);
      gate_output(kCellGate, x, h, cell, cell_gate);
      if (!d.cifg) {
        gate_output(kInputGate, x, h, cell, input_gate);
      }
      // c = f * c (Q0.15 x cell scale) + i * g (Q0.15 x Q0.15 rescaled to
      // the cell scale), saturated, then clipped.
      for (int32_t c = 0; c < d.n_cell; ++c) {
        const int16_t kept = static_cast<int16_t>(
            RoundingDivideByPOT(forget_gate[c] * cell[c], 15));
        const int32_t in_gate =
            d.cifg ? fixed_point16::kMax - forget_gate[c] : input_gate[c];
        const int16_t added = static_cast<int16_t>(RoundingDivideByPOT(
            static_cast<int16_t>(in_gate) * cell_gate[c], cell_product_shift));
        int16_t value = static_cast<int16_t>(Clamp<int32_t>(
            kept + added, fixed_point16::kMin, fixed_point16::kMax));
        if (d.quantized_cell_clip > 0) {
          value = Clamp<int16_t>(value,
                                 static_cast<int16_t>(-d.quantized_cell_clip),
                                 d.quantized_cell_clip);
        }
        cell[c] = value;
      }
      gate_output(kOutputGate, x, h, cell, output_gate);
      int8_t* out = output_data + row * d.n_output;
      // TFLite stores the projection's input with the zero point negated
      // (its effective bias adds hidden_zero_point back).
      const int32_t hidden_offset =
          d.projection ? -d.hidden_zero_point : d.hidden_zero_point;
      for (int32_t c = 0; c < d.n_cell; ++c) {
        const int16_t cell_tanh =
            fixed_point16::Tanh(cell[c], 15 + d.cell_scale);
        const int32_t value =
            MultiplyByQuantizedMultiplier(output_gate[c] * cell_tanh,
                                          d.hidden_multiplier,
                                          d.hidden_shift) +
            hidden_offset;
        const int8_t hidden =
            static_cast<int8_t>(Clamp<int32_t>(value, -128, 127));
        if (d.projection) {
          input_gate[c] = hidden;
        } else {
          h[c] = hidden;
          out[c] = hidden;
        }
      }
      if (!d.projection) continue;
      for (int32_t r = 0; r < d.n_output; ++r) {
        int32_t acc = d.projection_bias[r];
        const int8_t* w = projection + r * d.n_cell;
        for (int32_t c = 0; c < d.n_cell; ++c) acc += input_gate[c] * w[c];
        acc = MultiplyByQuantizedMultiplier(acc, d.projection_multiplier,
                                            d.projection_shift) +
              d.output_state_zero_point;
        int8_t value = static_cast<int8_t>(Clamp<int32_t>(acc, -128, 127));
        if (d.quantized_proj_clip > 0) {
          value = Clamp<int8_t>(value,
                                static_cast<int8_t>(-d.quantized_proj_clip),
                                d.quantized_proj_clip);
        }
        h[r] = value;
        out[r] = value;
      }
    }
  }
}

Status Eval(OpContext& context) {
  const OpData& d = *static_cast<const OpData*>(context.op_data());
  if (context.input(kInputTensor)->type == DataType::kInt8) {
    EvalInteger(context, d);
    return Status::kOk;
  }
  EvalFloat(context, d);
  return Status::kOk;
}

}  // namespace

const KernelRegistration& Register_UNIDIRECTIONAL_SEQUENCE_LSTM() {
  static const KernelRegistration r = {nullptr, Prepare, Eval, nullptr};
  return r;
}

}  // namespace tfmicro
