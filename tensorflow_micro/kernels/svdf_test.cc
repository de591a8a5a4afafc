// SVDF: float results over several Invokes against a naive double-precision
// SVDF with its own memory, int8 results within two output steps of it, and
// prepare's rejections. Bit-exactness against TFLite is proven by
// python/tests/conformance/test_svdf.py.
#include <algorithm>
#include <cmath>
#include <cstdint>
#include <vector>

#include "tensorflow_micro/testing/kernel_test_util.h"
#include "tensorflow_micro/testing/micro_test.h"
#include "tensorflow_micro/testing/single_op_model.h"

namespace tfmicro {
namespace {

using testing::ExpectRejected;
using testing::QuantSpec;
using testing::Random;
using testing::SingleOpModel;

struct SvdfSpec {
  int batches = 2;
  int input_size = 5;
  int units = 3;
  int rank = 2;
  int memory = 4;
  bool bias = true;
  schema::ActivationFunctionType activation =
      schema::ActivationFunctionType_RELU;
  int filters() const { return units * rank; }
};

// The real SVDF: memory[b][f] holds the last `memory` feature activations.
class NaiveSvdf {
 public:
  NaiveSvdf(const SvdfSpec& s, std::vector<double> feature,
            std::vector<double> time, std::vector<double> bias)
      : s_(s),
        feature_(std::move(feature)),
        time_(std::move(time)),
        bias_(std::move(bias)),
        memory_(s.batches * s.filters() * s.memory, 0.0) {}

  std::vector<double> Step(const std::vector<double>& x) {
    std::vector<double> out;
    for (int b = 0; b < s_.batches; ++b) {
      for (int f = 0; f < s_.filters(); ++f) {
        double* m = &memory_[(b * s_.filters() + f) * s_.memory];
        std::rotate(m, m + 1, m + s_.memory);
        double dot = 0;
        for (int c = 0; c < s_.input_size; ++c) {
          dot += feature_[f * s_.input_size + c] * x[b * s_.input_size + c];
        }
        m[s_.memory - 1] = dot;
      }
      for (int u = 0; u < s_.units; ++u) {
        double sum = bias_.empty() ? 0.0 : bias_[u];
        for (int r = 0; r < s_.rank; ++r) {
          const int f = u * s_.rank + r;
          for (int k = 0; k < s_.memory; ++k) {
            sum += time_[f * s_.memory + k] *
                   memory_[(b * s_.filters() + f) * s_.memory + k];
          }
        }
        out.push_back(testing::Activate(s_.activation, sum));
      }
    }
    return out;
  }

 private:
  SvdfSpec s_;
  std::vector<double> feature_, time_, bias_, memory_;
};

void SetOptions(SingleOpModel& m, const SvdfSpec& s) {
  m.SetOptions(
      schema::BuiltinOptions_SVDFOptions,
      schema::CreateSVDFOptions(m.builder(), s.rank, s.activation).Union());
}

std::vector<float> RandomFloats(Random& rng, size_t n, double range) {
  std::vector<float> v(n);
  for (float& x : v) x = static_cast<float>(rng.Uniform(-range, range));
  return v;
}

std::vector<double> ToDouble(const std::vector<float>& v) {
  return std::vector<double>(v.begin(), v.end());
}

void CheckFloat(const SvdfSpec& s, uint32_t seed) {
  Random rng(seed);
  const auto feature = RandomFloats(rng, s.filters() * s.input_size, 0.5);
  const auto time = RandomFloats(rng, s.filters() * s.memory, 0.5);
  const auto bias = RandomFloats(rng, s.bias ? s.units : 0, 0.5);
  SingleOpModel m(schema::BuiltinOperator_SVDF);
  m.AddInput(DataType::kFloat32, {s.batches, s.input_size});
  m.AddConstInput<float>(DataType::kFloat32, {s.filters(), s.input_size},
                         feature);
  m.AddConstInput<float>(DataType::kFloat32, {s.filters(), s.memory}, time);
  if (s.bias) {
    m.AddConstInput<float>(DataType::kFloat32, {s.units}, bias);
  } else {
    m.AddOptionalInput();
  }
  m.AddVariableInput(DataType::kFloat32,
                     {s.batches, s.memory * s.filters()});
  m.AddOutput(DataType::kFloat32, {s.batches, s.units});
  SetOptions(m, s);
  TFM_EXPECT_EQ(Status::kOk, m.Build());
  NaiveSvdf naive(s, ToDouble(feature), ToDouble(time), ToDouble(bias));
  for (int step = 0; step < s.memory + 2; ++step) {
    const auto x = RandomFloats(rng, s.batches * s.input_size, 2.0);
    m.SetInput(0, x);
    TFM_EXPECT_EQ(Status::kOk, m.Invoke());
    const std::vector<double> want = naive.Step(ToDouble(x));
    const float* out = m.Output<float>(0);
    for (size_t i = 0; i < want.size(); ++i) {
      TFM_EXPECT_NEAR(want[i], out[i],
                      1e-5 * std::max(1.0, std::fabs(want[i])));
    }
  }
}

// int8 input (zero point 3), int8 feature, int16 time and state, int32 bias:
// within two output steps of the real SVDF on the dequantized operands.
void CheckInt8(const SvdfSpec& s, uint32_t seed) {
  Random rng(seed);
  const float input_scale = 0.02f;
  const int input_zp = 3;
  const float feature_scale = 0.004f;
  const float time_scale = 0.5f / 32767;
  const float state_scale = 8.0f / 32767;
  const float output_scale = 0.02f;
  const int output_zp = -128;
  std::vector<int8_t> feature(s.filters() * s.input_size);
  std::vector<int16_t> time(s.filters() * s.memory);
  std::vector<int32_t> bias(s.bias ? s.units : 0);
  std::vector<double> feature_real, time_real, bias_real;
  for (int8_t& v : feature) {
    v = static_cast<int8_t>(rng.Int(-127, 127));
    feature_real.push_back(feature_scale * v);
  }
  for (int16_t& v : time) {
    v = static_cast<int16_t>(rng.Int(-32767, 32767));
    time_real.push_back(time_scale * v);
  }
  for (int32_t& v : bias) {
    v = rng.Int(-20000, 20000);
    bias_real.push_back(static_cast<double>(state_scale * time_scale) * v);
  }
  SingleOpModel m(schema::BuiltinOperator_SVDF);
  m.AddInput(DataType::kInt8, {s.batches, s.input_size}, input_scale,
             input_zp);
  m.AddConstInput<int8_t>(DataType::kInt8, {s.filters(), s.input_size},
                          feature, QuantSpec{{feature_scale}, {0}, 0});
  m.AddConstInput<int16_t>(DataType::kInt16, {s.filters(), s.memory}, time,
                           QuantSpec{{time_scale}, {0}, 0});
  if (s.bias) {
    m.AddConstInput<int32_t>(DataType::kInt32, {s.units}, bias,
                             QuantSpec{{state_scale * time_scale}, {0}, 0});
  } else {
    m.AddOptionalInput();
  }
  m.AddVariableInput(DataType::kInt16, {s.batches, s.memory * s.filters()},
                     QuantSpec{{state_scale}, {0}, 0});
  m.AddOutput(DataType::kInt8, {s.batches, s.units}, output_scale, output_zp);
  SetOptions(m, s);
  TFM_EXPECT_EQ(Status::kOk, m.Build());
  NaiveSvdf naive(s, feature_real, time_real, bias_real);
  for (int step = 0; step < s.memory + 2; ++step) {
    std::vector<int8_t> x(s.batches * s.input_size);
    std::vector<double> x_real;
    for (int8_t& v : x) {
      v = static_cast<int8_t>(rng.Int(-128, 127));
      x_real.push_back(input_scale * (v - input_zp));
    }
    m.SetInput(0, x);
    TFM_EXPECT_EQ(Status::kOk, m.Invoke());
    const std::vector<double> want = naive.Step(x_real);
    const int8_t* out = m.Output<int8_t>(0);
    for (size_t i = 0; i < want.size(); ++i) {
      const double q = std::min(
          127.0, std::max(-128.0, std::round(want[i] / output_scale) +
                                      output_zp));
      TFM_EXPECT_NEAR(q, out[i], 2.0);
    }
  }
}

SvdfSpec RankOneNoBias() {
  SvdfSpec s;
  s.batches = 1;
  s.rank = 1;
  s.units = 4;
  s.memory = 3;
  s.bias = false;
  s.activation = schema::ActivationFunctionType_RELU6;
  return s;
}

TFM_TEST(FloatRank2Batched) { CheckFloat(SvdfSpec(), 1); }
TFM_TEST(FloatRank1NoBiasRelu6) { CheckFloat(RankOneNoBias(), 2); }
TFM_TEST(Int8Rank2Batched) { CheckInt8(SvdfSpec(), 11); }
TFM_TEST(Int8Rank1NoBias) {
  SvdfSpec s = RankOneNoBias();
  s.activation = schema::ActivationFunctionType_RELU;
  CheckInt8(s, 12);
}

// A valid int8 SVDF whose parts a test can break.
struct Int8Model {
  static constexpr schema::BuiltinOperator kOp = schema::BuiltinOperator_SVDF;
  int rank = 2;
  schema::ActivationFunctionType activation =
      schema::ActivationFunctionType_RELU;
  bool variable_state = true;
  std::vector<int32_t> state_shape = {1, 12};
  DataType time_type = DataType::kInt16;
  int64_t state_zero_point = 0;
  float output_scale = 0.05f;

  Status Build(SingleOpModel& m) const {
    m.AddInput(DataType::kInt8, {1, 4}, 0.1f, 0);
    m.AddConstInput<int8_t>(DataType::kInt8, {4, 4},
                            std::vector<int8_t>(16, 1),
                            QuantSpec{{0.01f}, {0}, 0});
    if (time_type == DataType::kInt16) {
      m.AddConstInput<int16_t>(time_type, {4, 3}, std::vector<int16_t>(12, 1),
                               QuantSpec{{0.001f}, {0}, 0});
    } else {
      m.AddConstInput<int8_t>(time_type, {4, 3}, std::vector<int8_t>(12, 1),
                              QuantSpec{{0.001f}, {0}, 0});
    }
    m.AddOptionalInput();
    const QuantSpec state_quant{{0.002f}, {state_zero_point}, 0};
    if (variable_state) {
      m.AddVariableInput(DataType::kInt16, state_shape, state_quant);
    } else {
      m.AddInput(DataType::kInt16, state_shape, state_quant);
    }
    m.AddOutput(DataType::kInt8, {1, 2}, output_scale, -128);
    m.SetOptions(schema::BuiltinOptions_SVDFOptions,
                 schema::CreateSVDFOptions(m.builder(), rank, activation)
                     .Union());
    return m.Build();
  }
};

TFM_TEST(AcceptsTheValidBaseModel) { testing::ExpectAccepted(Int8Model()); }

TFM_TEST(RejectsInt8WithoutRelu) {
  Int8Model model;
  model.activation = schema::ActivationFunctionType_NONE;
  ExpectRejected(model, "INT8 SVDF needs the fused activation RELU");
}

TFM_TEST(RejectsRankNotDividingFilters) {
  Int8Model model;
  model.rank = 3;
  ExpectRejected(model, "rank 3 must be positive and divide the 4 filters");
}

TFM_TEST(RejectsNonVariableState) {
  Int8Model model;
  model.variable_state = false;
  ExpectRejected(model, "state (input 4) must be a variable tensor");
}

TFM_TEST(RejectsWrongStateShape) {
  Int8Model model;
  model.state_shape = {1, 10};
  ExpectRejected(model, "state");
}

TFM_TEST(RejectsInt8TimeWeights) {
  Int8Model model;
  model.time_type = DataType::kInt8;
  ExpectRejected(model, "weights_time");
}

TFM_TEST(RejectsAsymmetricState) {
  Int8Model model;
  model.state_zero_point = 5;
  ExpectRejected(model, "state zero point must be 0");
}

TFM_TEST(RejectsTinyOutputScale) {
  Int8Model model;
  model.output_scale = 1e-30f;  // 0.002 * 0.001 / 1e-30 = 2e24
  ExpectRejected(model,
                 "state scale x weights_time scale / output scale rescale "
                 "factor 2e+24 needs a left shift of 81 bits");
}

}  // namespace
}  // namespace tfmicro

TFM_TEST_MAIN()
