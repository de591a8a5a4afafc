// UNIDIRECTIONAL_SEQUENCE_LSTM: float results over several Invokes against
// a naive double-precision LSTM (full gates, CIFG, peephole, cell clip,
// time-major), and prepare's rejections. Bit-exactness against TFLite is
// proven by python/tests/conformance/test_unidirectional_sequence_lstm.py.
#include <algorithm>
#include <cmath>
#include <cstdint>
#include <vector>

#include "tensorflow_micro/testing/kernel_test_util.h"
#include "tensorflow_micro/testing/micro_test.h"
#include "tensorflow_micro/testing/single_op_model.h"

namespace tfmicro {
namespace {

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

void CheckFloat(const LstmSpec& s, uint32_t seed) {
  Random rng(seed);
  const LstmWeights wt = RandomWeights(s, rng);
  SingleOpModel m(schema::BuiltinOperator_UNIDIRECTIONAL_SEQUENCE_LSTM);
  AddLstmInputs(m, s, wt);
  TFM_EXPECT_EQ(Status::kOk, m.Build());
  if (m.Output<float>(0) == nullptr) {
    std::printf("  build failed: %s\n", m.error());
    TFM_EXPECT_TRUE(false);
    return;
  }
  std::vector<std::vector<double>> h(s.batches,
                                     std::vector<double>(s.n_cell, 0.0));
  std::vector<std::vector<double>> c = h;
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
    // AddLstmInputs with a forget layer norm coefficient (input 21).
    SingleOpModel& n = m;
    n.AddInput(DataType::kFloat32, {spec.batches, spec.steps, spec.n_input});
    for (int g = 0; g < kGates; ++g) {
      n.AddConstInput<float>(DataType::kFloat32, {spec.n_cell, spec.n_input},
                             wt.w[g]);
    }
    for (int g = 0; g < kGates; ++g) {
      n.AddConstInput<float>(DataType::kFloat32, {spec.n_cell, spec.n_cell},
                             wt.r[g]);
    }
    for (int i = 0; i < 3; ++i) n.AddOptionalInput();
    for (int g = 0; g < kGates; ++g) {
      n.AddConstInput<float>(DataType::kFloat32, {spec.n_cell}, wt.b[g]);
    }
    n.AddOptionalInput();
    n.AddOptionalInput();
    n.AddVariableInput(DataType::kFloat32, {spec.batches, spec.n_cell});
    n.AddVariableInput(DataType::kFloat32, {spec.batches, spec.n_cell});
    n.AddOptionalInput();
    n.AddConstInput<float>(DataType::kFloat32, {spec.n_cell},
                           std::vector<float>(spec.n_cell, 1.f));
    n.AddOptionalInput();
    n.AddOptionalInput();
    n.AddOutput(DataType::kFloat32, {spec.batches, spec.steps, spec.n_cell});
    return n.Build();
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

TFM_TEST(RejectsLayerNorm) {
  FloatModel model;
  model.layer_norm = true;
  testing::ExpectRejected(model,
                          "layer normalization (input 21) is not supported");
}

}  // namespace
}  // namespace tfmicro

TFM_TEST_MAIN()
