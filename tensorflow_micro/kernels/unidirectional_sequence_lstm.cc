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
//   16-17 projection weights / bias: not supported
//   18 output_state [batch, n_output], 19 cell_state [batch, n_cell]
//      (variable tensors)
//   20-23 layer norm coefficients: not supported
// Output: [batch, time, n_output] (or time-major), the hidden state of each
// step. Without input gate weights the gates are coupled (CIFG: input gate
// = 1 - forget gate). The fused activation (TANH, or a RELU clamp) applies
// to the cell gate and to the cell state on its way to the output;
// cell_clip > 0 clamps the cell state.
//
// Per step and batch row: i = sigmoid(b_i + W_i x + R_i h (+ p_i . c)),
// f likewise, g = act(b_g + W_g x + R_g h), c = f . c + i . g (clipped),
// o = sigmoid(b_o + W_o x + R_o h (+ p_o . c_new)), h = o . act(c). The sums
// run in TFLite's order: bias, then the input product, then the recurrent
// one, each dot product accumulated from zero.
//
// Types: FLOAT32.
#include <cmath>
#include <cstdint>

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
constexpr int kLayerNormFirst = 20;
constexpr int kNumInputs = 24;
constexpr int kOutputTensor = 0;

const char* const kGateNames[kNumGates] = {"input", "forget", "cell",
                                           "output"};

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
  int scratch;  // 4 gates x n_cell floats
};

// The peephole input of `gate` (input, forget or output).
int PeepholeIndex(int gate) {
  return kPeepholeWeights + (gate == kOutputGate ? 2 : gate);
}

Status CheckVector(OpContext& context, const Tensor* t, const char* what,
                   int gate, int32_t size) {
  TFM_ENSURE(context, t->type == DataType::kFloat32,
             "%s %s type %s not supported (expected FLOAT32)",
             kGateNames[gate], what, DataTypeName(t->type));
  TFM_ENSURE(context, t->rank == 1 && t->dim(0) == size,
             "%s %s must have shape [%d], got %s", kGateNames[gate], what,
             static_cast<int>(size), ShapeText(*t).text);
  return Status::kOk;
}

Status CheckMatrix(OpContext& context, const Tensor* t, const char* what,
                   int gate, int32_t rows, int32_t cols) {
  TFM_ENSURE(context, t->type == DataType::kFloat32,
             "%s %s type %s not supported (expected FLOAT32)",
             kGateNames[gate], what, DataTypeName(t->type));
  TFM_ENSURE(context, t->rank == 2 && t->dim(0) == rows && t->dim(1) == cols,
             "%s %s must have shape [%d, %d], got %s", kGateNames[gate], what,
             static_cast<int>(rows), static_cast<int>(cols),
             ShapeText(*t).text);
  return Status::kOk;
}

Status CheckState(OpContext& context, int index, const char* role,
                  int32_t batches, int32_t size) {
  const Tensor* state = context.input(index);
  TFM_ENSURE(context, state != nullptr, "%s (input %d) is missing", role,
             index);
  TFM_ENSURE(context, state->is_variable,
             "%s (input %d) must be a variable tensor", role, index);
  TFM_RETURN_IF_ERROR(ExpectType(context, state, role, DataType::kFloat32));
  const int32_t dims[2] = {batches, size};
  return ExpectShape(context, state, role, dims, 2);
}

Status Prepare(OpContext& context) {
  TFM_ENSURE(context, context.num_inputs() == kNumInputs,
             "expected %d inputs (TFLite's LSTM layout), got %d", kNumInputs,
             context.num_inputs());
  TFM_RETURN_IF_ERROR(ExpectIoCount(context, 1, kNumInputs, 1));
  const Tensor* input = context.input(kInputTensor);
  const Tensor* output = context.output(kOutputTensor);
  TFM_ENSURE(context, input->type == DataType::kFloat32,
             "input type %s not supported (expected FLOAT32)",
             DataTypeName(input->type));
  TFM_RETURN_IF_ERROR(ExpectType(context, output, "output", input->type));
  TFM_RETURN_IF_ERROR(ExpectRank(context, input, "input", 3));
  const auto* opts =
      context.options<schema::UnidirectionalSequenceLSTMOptions>();
  const bool time_major = opts != nullptr && opts->time_major();
  TFM_ENSURE(context, opts == nullptr || !opts->diagonal_recurrent_tensors(),
             "diagonal recurrent weights are not supported");
  TFM_ENSURE(context, opts == nullptr || opts->proj_clip() == 0.f,
             "proj_clip needs projection weights, which are not supported");
  const int activation = FusedActivationOf(opts);
  TFM_ENSURE(context,
             activation == kActivationNone || activation == kActivationRelu ||
                 activation == kActivationRelu6 ||
                 activation == kActivationReluN1To1 ||
                 activation == kActivationTanh,
             "fused activation %d not supported (expected TANH or a RELU)",
             activation);
  const float cell_clip = opts != nullptr ? opts->cell_clip() : 0.f;
  TFM_ENSURE(context, cell_clip >= 0.f && std::isfinite(cell_clip),
             "cell_clip must be finite and non-negative, got %g",
             static_cast<double>(cell_clip));

  for (int i = kProjectionWeights; i <= kProjectionBias; ++i) {
    TFM_ENSURE(context, context.input(i) == nullptr,
               "projection (input %d) is not supported", i);
  }
  for (int i = kLayerNormFirst; i < kNumInputs; ++i) {
    TFM_ENSURE(context, context.input(i) == nullptr,
               "layer normalization (input %d) is not supported", i);
  }

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
  TFM_ENSURE(context, n_output == n_cell,
             "without projection the output size (%d) must equal the cell "
             "count (%d)",
             static_cast<int>(n_output), static_cast<int>(n_cell));
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
    TFM_RETURN_IF_ERROR(
        CheckMatrix(context, w, "input weights", gate, n_cell, n_input));
    TFM_RETURN_IF_ERROR(CheckMatrix(context, r, "recurrent weights", gate,
                                    n_cell, n_output));
    TFM_RETURN_IF_ERROR(CheckVector(context, b, "bias", gate, n_cell));
    if (gate == kCellGate) continue;
    const Tensor* p = context.input(PeepholeIndex(gate));
    if (!peephole) {
      TFM_ENSURE(context, p == nullptr,
                 "peephole weights must be given for all gates or none");
      continue;
    }
    TFM_ENSURE(context, p != nullptr,
               "peephole weights must be given for all gates or none");
    TFM_RETURN_IF_ERROR(
        CheckVector(context, p, "peephole weights", gate, n_cell));
  }

  const int32_t batches = time_major ? input->dim(1) : input->dim(0);
  const int32_t steps = time_major ? input->dim(0) : input->dim(1);
  TFM_ENSURE(context, batches > 0 && steps > 0,
             "input %s has no batches or no time steps",
             ShapeText(*input).text);
  TFM_RETURN_IF_ERROR(
      CheckState(context, kOutputState, "output_state", batches, n_output));
  TFM_RETURN_IF_ERROR(
      CheckState(context, kCellState, "cell_state", batches, n_cell));
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

struct FloatGate {
  const float* input_weights;
  const float* recurrent_weights;
  const float* bias;
  const float* peephole;  // nullptr without peephole
};

// gate[c] = bias[c] + W[c] . x + R[c] . h (+ p[c] * cell[c]), before its
// activation.
void GatePreActivation(const FloatGate& g, const float* x, const float* h,
                       const float* cell, int32_t n_input, int32_t n_output,
                       int32_t n_cell, float* gate) {
  for (int32_t c = 0; c < n_cell; ++c) {
    float value = g.bias[c];
    float dot = 0.f;
    const float* w = g.input_weights + c * n_input;
    for (int32_t k = 0; k < n_input; ++k) dot += w[k] * x[k];
    value += dot;
    dot = 0.f;
    const float* r = g.recurrent_weights + c * n_output;
    for (int32_t k = 0; k < n_output; ++k) dot += r[k] * h[k];
    value += dot;
    if (g.peephole != nullptr) value += g.peephole[c] * cell[c];
    gate[c] = value;
  }
}

Status Eval(OpContext& context) {
  const OpData& d = *static_cast<const OpData*>(context.op_data());
  const Tensor& input = *context.input(kInputTensor);
  Tensor& output = *context.output(kOutputTensor);
  float* output_state = context.input(kOutputState)->data_as<float>();
  float* cell_state = context.input(kCellState)->data_as<float>();
  FloatGate gates[kNumGates] = {};
  for (int gate = 0; gate < kNumGates; ++gate) {
    if (d.cifg && gate == kInputGate) continue;
    gates[gate].input_weights =
        context.input(kInputWeights + gate)->data_as<float>();
    gates[gate].recurrent_weights =
        context.input(kRecurrentWeights + gate)->data_as<float>();
    gates[gate].bias = context.input(kGateBias + gate)->data_as<float>();
    if (d.peephole && gate != kCellGate) {
      gates[gate].peephole =
          context.input(PeepholeIndex(gate))->data_as<float>();
    }
  }
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
      const int64_t row = d.time_major
                              ? static_cast<int64_t>(t) * d.batches + b
                              : static_cast<int64_t>(b) * d.steps + t;
      const float* x = input_data + row * d.n_input;
      if (!d.cifg) {
        GatePreActivation(gates[kInputGate], x, h, cell, d.n_input,
                          d.n_output, d.n_cell, input_gate);
        for (int32_t c = 0; c < d.n_cell; ++c) {
          input_gate[c] = Sigmoid(input_gate[c]);
        }
      }
      GatePreActivation(gates[kForgetGate], x, h, cell, d.n_input, d.n_output,
                        d.n_cell, forget_gate);
      for (int32_t c = 0; c < d.n_cell; ++c) {
        forget_gate[c] = Sigmoid(forget_gate[c]);
      }
      GatePreActivation(gates[kCellGate], x, h, cell, d.n_input, d.n_output,
                        d.n_cell, cell_gate);
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
      GatePreActivation(gates[kOutputGate], x, h, cell, d.n_input, d.n_output,
                        d.n_cell, output_gate);
      float* out = output_data + row * d.n_output;
      for (int32_t c = 0; c < d.n_cell; ++c) {
        h[c] = Sigmoid(output_gate[c]) * Activate(d.activation, cell[c]);
        out[c] = h[c];
      }
    }
  }
  return Status::kOk;
}

}  // namespace

const KernelRegistration& Register_UNIDIRECTIONAL_SEQUENCE_LSTM() {
  static const KernelRegistration r = {nullptr, Prepare, Eval, nullptr};
  return r;
}

}  // namespace tfmicro
