// UNIDIRECTIONAL_SEQUENCE_LSTM: float results over several Invokes against
// a naive double-precision LSTM (full gates, CIFG, peephole, cell clip,
// time-major), int8 ones near it, and prepare's rejections. Bit-exactness
// against TFLite is proven by
// python/tests/conformance/test_unidirectional_sequence_lstm.py.
#include <algorithm>
#include <cmath>
#include <cstdint>
#include <limits>
#include <vector>

#include "tensorflow_micro/testing/kernel_test_util.h"
#include "tensorflow_micro/testing/micro_test.h"
#include "tensorflow_micro/testing/single_op_model.h"

namespace tfmicro {
namespace {

using testing::QuantSpec;
using testing::Random;
using testing::SingleOpModel;

constexpr int kGates = 4;
constexpr int kInput = 0, kForget = 1, kCell = 2, kOutput = 3;

struct LstmSpec {
  int batches = 2;
  int steps = 3;
  int n_input = 3;
  int n_cell = 4;
  bool time_major = false;
  bool cifg = false;
  bool peephole = false;
  float cell_clip = 0.f;
};

struct LstmWeights {
  std::vector<float> w[kGates];  // [n_cell, n_input]
  std::vector<float> r[kGates];  // [n_cell, n_cell]
  std::vector<float> b[kGates];  // [n_cell]
  std::vector<float> p[kGates];  // [n_cell], peephole (no cell gate)
};

LstmWeights RandomWeights(const LstmSpec& s, Random& rng) {
  LstmWeights wt;
  auto fill = [&rng](std::vector<float>& v, int n) {
    v.resize(n);
    for (float& x : v) x = static_cast<float>(rng.Uniform(-0.6, 0.6));
  };
  for (int g = 0; g < kGates; ++g) {
    if (s.cifg && g == kInput) continue;
    fill(wt.w[g], s.n_cell * s.n_input);
    fill(wt.r[g], s.n_cell * s.n_cell);
    fill(wt.b[g], s.n_cell);
    if (s.peephole && g != kCell) fill(wt.p[g], s.n_cell);
  }
  return wt;
}

double Sigmoid(double x) { return 1.0 / (1.0 + std::exp(-x)); }

// One step of a batch row: updates h and c.
void NaiveStep(const LstmSpec& s, const LstmWeights& wt, const double* x,
               std::vector<double>& h, std::vector<double>& c) {
  auto pre = [&](int g, int k, const std::vector<double>& cell) {
    double v = wt.b[g][k];
    for (int j = 0; j < s.n_input; ++j) v += wt.w[g][k * s.n_input + j] * x[j];
    for (int j = 0; j < s.n_cell; ++j) v += wt.r[g][k * s.n_cell + j] * h[j];
    if (s.peephole && g != kCell) v += wt.p[g][k] * cell[k];
    return v;
  };
  std::vector<double> new_c(s.n_cell);
  for (int k = 0; k < s.n_cell; ++k) {
    const double f = Sigmoid(pre(kForget, k, c));
    const double i = s.cifg ? 1.0 - f : Sigmoid(pre(kInput, k, c));
    const double g = std::tanh(pre(kCell, k, c));
    double v = f * c[k] + i * g;
    if (s.cell_clip > 0) v = std::max<double>(-s.cell_clip,
                                              std::min<double>(s.cell_clip, v));
    new_c[k] = v;
  }
  std::vector<double> new_h(s.n_cell);
  for (int k = 0; k < s.n_cell; ++k) {
    new_h[k] = Sigmoid(pre(kOutput, k, new_c)) * std::tanh(new_c[k]);
  }
  h = new_h;
  c = new_c;
}

// Adds the 24 inputs (input, weights, states) in TFLite's order.
void AddLstmInputs(SingleOpModel& m, const LstmSpec& s,
                   const LstmWeights& wt) {
  const std::vector<int32_t> input_shape =
      s.time_major ? std::vector<int32_t>{s.steps, s.batches, s.n_input}
                   : std::vector<int32_t>{s.batches, s.steps, s.n_input};
  m.AddInput(DataType::kFloat32, input_shape);
  auto add = [&m](const std::vector<float>& v, std::vector<int32_t> shape) {
    if (v.empty()) {
      m.AddOptionalInput();
    } else {
      m.AddConstInput<float>(DataType::kFloat32, shape, v);
    }
  };
  for (int g = 0; g < kGates; ++g) add(wt.w[g], {s.n_cell, s.n_input});
  for (int g = 0; g < kGates; ++g) add(wt.r[g], {s.n_cell, s.n_cell});
  for (int g : {kInput, kForget, kOutput}) add(wt.p[g], {s.n_cell});
  for (int g = 0; g < kGates; ++g) add(wt.b[g], {s.n_cell});
  m.AddOptionalInput();  // projection weights
  m.AddOptionalInput();  // projection bias
  m.AddVariableInput(DataType::kFloat32, {s.batches, s.n_cell});
  m.AddVariableInput(DataType::kFloat32, {s.batches, s.n_cell});
  for (int i = 0; i < 4; ++i) m.AddOptionalInput();  // layer norm
  m.AddOutput(DataType::kFloat32, {input_shape[0], input_shape[1], s.n_cell});
  m.SetOptions(schema::BuiltinOptions_UnidirectionalSequenceLSTMOptions,
               schema::CreateUnidirectionalSequenceLSTMOptions(
                   m.builder(), schema::ActivationFunctionType_TANH,
                   s.cell_clip, 0.f, s.time_major)
                   .Union());
}

// Builds the model; false (and a failed expectation) when it does not.
bool BuildOk(SingleOpModel& m) {
  const Status status = m.Build();
  TFM_EXPECT_EQ(Status::kOk, status);
  if (status != Status::kOk) std::printf("  build failed: %s\n", m.error());
  return status == Status::kOk;
}

// The naive LSTM's hidden and cell states of every batch row, from zero.
struct NaiveStates {
  explicit NaiveStates(const LstmSpec& s)
      : h(s.batches, std::vector<double>(s.n_cell, 0.0)), c(h) {}
  std::vector<std::vector<double>> h;
  std::vector<std::vector<double>> c;
};

void CheckFloat(const LstmSpec& s, uint32_t seed) {
  Random rng(seed);
  const LstmWeights wt = RandomWeights(s, rng);
  SingleOpModel m(schema::BuiltinOperator_UNIDIRECTIONAL_SEQUENCE_LSTM);
  AddLstmInputs(m, s, wt);
  if (!BuildOk(m)) return;
  NaiveStates states(s);
  std::vector<std::vector<double>>& h = states.h;
  std::vector<std::vector<double>>& c = states.c;
  const int n = s.batches * s.steps * s.n_input;
  for (int invoke = 0; invoke < 2; ++invoke) {
    std::vector<float> x(n);
    for (float& v : x) v = static_cast<float>(rng.Uniform(-2, 2));
    m.SetInput(0, x);
    TFM_EXPECT_EQ(Status::kOk, m.Invoke());
    const float* out = m.Output<float>(0);
    for (int t = 0; t < s.steps; ++t) {
      for (int b = 0; b < s.batches; ++b) {
        const int row = s.time_major ? t * s.batches + b : b * s.steps + t;
        std::vector<double> xr(x.begin() + row * s.n_input,
                               x.begin() + (row + 1) * s.n_input);
        NaiveStep(s, wt, xr.data(), h[b], c[b]);
        for (int k = 0; k < s.n_cell; ++k) {
          TFM_EXPECT_NEAR(h[b][k], out[row * s.n_cell + k], 1e-5);
        }
      }
    }
  }
}

TFM_TEST(FloatBatchMajor) { CheckFloat(LstmSpec(), 1); }

TFM_TEST(FloatTimeMajorCifg) {
  LstmSpec s;
  s.time_major = true;
  s.cifg = true;
  s.batches = 3;
  CheckFloat(s, 2);
}

TFM_TEST(FloatPeepholeCellClip) {
  LstmSpec s;
  s.peephole = true;
  s.cell_clip = 0.5f;
  s.steps = 5;
  CheckFloat(s, 3);
}

// A valid float LSTM whose parts a test can break.
struct FloatModel {
  static constexpr schema::BuiltinOperator kOp =
      schema::BuiltinOperator_UNIDIRECTIONAL_SEQUENCE_LSTM;
  LstmSpec spec;
  bool drop_input_recurrent_only = false;
  bool layer_norm = false;

  Status Build(SingleOpModel& m) const {
    Random rng(7);
    LstmWeights wt = RandomWeights(spec, rng);
    if (drop_input_recurrent_only) wt.w[kInput].clear();
    if (!layer_norm) {
      AddLstmInputs(m, spec, wt);
      return m.Build();
    }
    // AddLstmInputs with only the forget gate's layer norm coefficients
    // (input 21).
    m.AddInput(DataType::kFloat32, {spec.batches, spec.steps, spec.n_input});
    for (int g = 0; g < kGates; ++g) {
      m.AddConstInput<float>(DataType::kFloat32, {spec.n_cell, spec.n_input},
                             wt.w[g]);
    }
    for (int g = 0; g < kGates; ++g) {
      m.AddConstInput<float>(DataType::kFloat32, {spec.n_cell, spec.n_cell},
                             wt.r[g]);
    }
    for (int i = 0; i < 3; ++i) m.AddOptionalInput();
    for (int g = 0; g < kGates; ++g) {
      m.AddConstInput<float>(DataType::kFloat32, {spec.n_cell}, wt.b[g]);
    }
    m.AddOptionalInput();
    m.AddOptionalInput();
    m.AddVariableInput(DataType::kFloat32, {spec.batches, spec.n_cell});
    m.AddVariableInput(DataType::kFloat32, {spec.batches, spec.n_cell});
    m.AddOptionalInput();
    m.AddConstInput<float>(DataType::kFloat32, {spec.n_cell},
                           std::vector<float>(spec.n_cell, 1.f));
    m.AddOptionalInput();
    m.AddOptionalInput();
    m.AddOutput(DataType::kFloat32, {spec.batches, spec.steps, spec.n_cell});
    return m.Build();
  }
};

TFM_TEST(AcceptsTheValidBaseModel) { testing::ExpectAccepted(FloatModel()); }

TFM_TEST(RejectsHalfOmittedInputGate) {
  FloatModel model;
  model.drop_input_recurrent_only = true;
  testing::ExpectRejected(model,
                          "without input_to_input_weights (CIFG) the input "
                          "gate's recurrent weights and bias must be omitted");
}

TFM_TEST(RejectsLayerNormOfOneGateOnly) {
  FloatModel model;
  model.layer_norm = true;
  testing::ExpectRejected(model,
                          "layer norm coefficients (input 20) must be given "
                          "for every gate");
}


// Quantized operands of an int8 LSTM: int8 weights (one symmetric scale per
// matrix), int32 biases, int16 peephole weights, and their real values.
struct QuantizedLstm {
  std::vector<int8_t> w[kGates], r[kGates];
  std::vector<int32_t> b[kGates];
  std::vector<int16_t> p[kGates];
  float w_scale[kGates] = {}, r_scale[kGates] = {}, p_scale[kGates] = {};
  LstmWeights real;
};

constexpr float kInputScale = 6.f / 255;
constexpr int kInputZeroPoint = -1;
constexpr float kStateScale = 1.f / 128;
constexpr int kStateZeroPoint = 2;
constexpr float kCellScale = 1.f / 2048;

template <typename T>
std::vector<T> Quantize(const std::vector<float>& v, float scale,
                        std::vector<float>* real) {
  std::vector<T> q;
  for (float x : v) {
    const double lo = std::numeric_limits<T>::min();
    const double hi = std::numeric_limits<T>::max();
    const double rounded = std::round(x / static_cast<double>(scale));
    const T value = static_cast<T>(std::max(lo, std::min(hi, rounded)));
    q.push_back(value);
    real->push_back(scale * value);
  }
  return q;
}

float PeakScale(const std::vector<float>& v, double max) {
  double peak = 1e-6;
  for (float x : v) peak = std::max(peak, std::fabs(static_cast<double>(x)));
  return static_cast<float>(peak / max);
}

QuantizedLstm QuantizeLstm(const LstmSpec& s, const LstmWeights& wt) {
  QuantizedLstm q;
  for (int g = 0; g < kGates; ++g) {
    if (wt.w[g].empty()) continue;
    q.w_scale[g] = PeakScale(wt.w[g], 127);
    q.r_scale[g] = PeakScale(wt.r[g], 127);
    q.w[g] = Quantize<int8_t>(wt.w[g], q.w_scale[g], &q.real.w[g]);
    q.r[g] = Quantize<int8_t>(wt.r[g], q.r_scale[g], &q.real.r[g]);
    q.b[g] = Quantize<int32_t>(wt.b[g], q.w_scale[g] * kInputScale,
                               &q.real.b[g]);
    if (!wt.p[g].empty()) {
      q.p_scale[g] = PeakScale(wt.p[g], 32767);
      q.p[g] = Quantize<int16_t>(wt.p[g], q.p_scale[g], &q.real.p[g]);
    }
  }
  (void)s;
  return q;
}

// The int8 model: `intermediates` of them, the cell state of `cell_scale`,
// layer norm coefficients of `layer_norm_scale` unless it is 0.
void AddInt8LstmInputs(SingleOpModel& m, const LstmSpec& s,
                       const QuantizedLstm& q, int intermediates = 5,
                       float cell_scale = kCellScale,
                       float layer_norm_scale = 0.f) {
  m.AddInput(DataType::kInt8, {s.batches, s.steps, s.n_input}, kInputScale,
             kInputZeroPoint);
  for (int g = 0; g < kGates; ++g) {
    if (q.w[g].empty()) {
      m.AddOptionalInput();
    } else {
      m.AddConstInput<int8_t>(DataType::kInt8, {s.n_cell, s.n_input}, q.w[g],
                              QuantSpec{{q.w_scale[g]}, {0}, 0});
    }
  }
  for (int g = 0; g < kGates; ++g) {
    if (q.r[g].empty()) {
      m.AddOptionalInput();
    } else {
      m.AddConstInput<int8_t>(DataType::kInt8, {s.n_cell, s.n_cell}, q.r[g],
                              QuantSpec{{q.r_scale[g]}, {0}, 0});
    }
  }
  for (int g : {kInput, kForget, kOutput}) {
    if (q.p[g].empty()) {
      m.AddOptionalInput();
    } else {
      m.AddConstInput<int16_t>(DataType::kInt16, {s.n_cell}, q.p[g],
                               QuantSpec{{q.p_scale[g]}, {0}, 0});
    }
  }
  for (int g = 0; g < kGates; ++g) {
    if (q.b[g].empty()) {
      m.AddOptionalInput();
    } else {
      m.AddConstInput<int32_t>(DataType::kInt32, {s.n_cell}, q.b[g]);
    }
  }
  m.AddOptionalInput();
  m.AddOptionalInput();
  m.AddVariableInput(DataType::kInt8, {s.batches, s.n_cell},
                     QuantSpec{{kStateScale}, {kStateZeroPoint}, 0});
  m.AddVariableInput(DataType::kInt16, {s.batches, s.n_cell},
                     QuantSpec{{cell_scale}, {0}, 0});
  for (int g = 0; g < kGates; ++g) {
    if (layer_norm_scale == 0.f || q.w[g].empty()) {
      m.AddOptionalInput();
    } else {
      m.AddConstInput<int16_t>(DataType::kInt16, {s.n_cell},
                               std::vector<int16_t>(s.n_cell, 1000),
                               QuantSpec{{layer_norm_scale}, {0}, 0});
    }
  }
  m.AddOutput(DataType::kInt8, {s.batches, s.steps, s.n_cell}, kStateScale,
              kStateZeroPoint);
  for (int i = 0; i < intermediates; ++i) {
    if (i < 4) {
      m.AddIntermediate(DataType::kInt16, {}, QuantSpec{{1.f / 4096}, {0}, 0});
    } else {
      m.AddIntermediate(DataType::kInt8, {},
                        QuantSpec{{kStateScale}, {kStateZeroPoint}, 0});
    }
  }
  m.SetOptions(schema::BuiltinOptions_UnidirectionalSequenceLSTMOptions,
               schema::CreateUnidirectionalSequenceLSTMOptions(
                   m.builder(), schema::ActivationFunctionType_TANH,
                   s.cell_clip)
                   .Union());
}

// Within 0.05 (about six output steps) of the real LSTM on the dequantized
// operands, over two Invokes.
void CheckInt8(const LstmSpec& s, uint32_t seed) {
  Random rng(seed);
  const QuantizedLstm q = QuantizeLstm(s, RandomWeights(s, rng));
  SingleOpModel m(schema::BuiltinOperator_UNIDIRECTIONAL_SEQUENCE_LSTM);
  AddInt8LstmInputs(m, s, q);
  if (!BuildOk(m)) return;
  NaiveStates states(s);
  std::vector<std::vector<double>>& h = states.h;
  std::vector<std::vector<double>>& c = states.c;
  const int n = s.batches * s.steps * s.n_input;
  for (int invoke = 0; invoke < 2; ++invoke) {
    std::vector<int8_t> x(n);
    std::vector<double> x_real(n);
    for (int i = 0; i < n; ++i) {
      x[i] = static_cast<int8_t>(rng.Int(-128, 127));
      x_real[i] = kInputScale * (x[i] - kInputZeroPoint);
    }
    m.SetInput(0, x);
    TFM_EXPECT_EQ(Status::kOk, m.Invoke());
    const int8_t* out = m.Output<int8_t>(0);
    for (int b = 0; b < s.batches; ++b) {
      for (int t = 0; t < s.steps; ++t) {
        const int row = b * s.steps + t;
        NaiveStep(s, q.real, &x_real[row * s.n_input], h[b], c[b]);
        for (int k = 0; k < s.n_cell; ++k) {
          const double got =
              kStateScale * (out[row * s.n_cell + k] - kStateZeroPoint);
          TFM_EXPECT_NEAR(h[b][k], got, 0.05);
        }
      }
    }
  }
}

TFM_TEST(Int8BatchMajor) { CheckInt8(LstmSpec(), 11); }

TFM_TEST(Int8CifgPeepholeCellClip) {
  LstmSpec s;
  s.cifg = true;
  s.peephole = true;
  s.cell_clip = 0.7f;
  CheckInt8(s, 12);
}

// An int8 model whose intermediates or cell scale a test can break.
struct Int8Model {
  static constexpr schema::BuiltinOperator kOp =
      schema::BuiltinOperator_UNIDIRECTIONAL_SEQUENCE_LSTM;
  int intermediates = 5;
  float cell_scale = kCellScale;
  float forget_weights_scale_factor = 1.f;
  float layer_norm_scale = 0.f;

  Status Build(SingleOpModel& m) const {
    LstmSpec s;
    Random rng(5);
    QuantizedLstm q = QuantizeLstm(s, RandomWeights(s, rng));
    q.w_scale[kForget] *= forget_weights_scale_factor;
    AddInt8LstmInputs(m, s, q, intermediates, cell_scale, layer_norm_scale);
    return m.Build();
  }
};

TFM_TEST(AcceptsTheValidInt8Model) { testing::ExpectAccepted(Int8Model()); }

TFM_TEST(RejectsInt8WithoutIntermediates) {
  Int8Model model;
  model.intermediates = 0;
  testing::ExpectRejected(model, "INT8 LSTM needs 5 intermediate tensors");
}

TFM_TEST(RejectsCellScaleNotAPowerOfTwo) {
  Int8Model model;
  model.cell_scale = 0.0003f;
  testing::ExpectRejected(model, "must be a power of two from 2^-15 to 2^-9");
}

TFM_TEST(RejectsHugeWeightScale) {
  Int8Model model;
  model.forget_weights_scale_factor = 1e30f;
  testing::ExpectRejected(model,
                          "input_to_forget_weights scale x input scale / gate "
                          "scale rescale factor");
  testing::ExpectRejected(model, "at most 31 are supported");
}

TFM_TEST(LayerNormScaleLimitLeavesRoomForEvalsTwelveBits) {
  // Eval shifts the coefficients' multiplier 12 bits further left: 2^18
  // (shift 19) is the largest scale that fits.
  Int8Model model;
  model.layer_norm_scale = 0.01f;
  testing::ExpectAccepted(model);
  model.layer_norm_scale = 262144.f;
  testing::ExpectAccepted(model);
  model.layer_norm_scale = 524288.f;
  testing::ExpectRejected(model,
                          "input_layer_norm_coefficients scale rescale factor "
                          "524288 needs a left shift of 20 bits; at most 19");
}

}  // namespace
}  // namespace tfmicro

TFM_TEST_MAIN()
