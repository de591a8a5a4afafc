// FULLY_CONNECTED: float results against a naive double-precision matrix
// product, int8 results within one quantization step of the same real-valued
// math, and prepare's rejections. Bit-exactness against TFLite is proven by
// python/tests/conformance/test_fully_connected.py.
#include <algorithm>
#include <cmath>
#include <cstdint>
#include <vector>

#include "tensorflow_micro/testing/micro_test.h"
#include "tensorflow_micro/testing/single_op_model.h"

namespace tfmicro {
namespace {

using testing::QuantSpec;
using testing::SingleOpModel;

// Deterministic pseudo-random numbers (a 32-bit LCG).
class Random {
 public:
  explicit Random(uint32_t seed) : state_(seed) {}
  uint32_t Next() {
    state_ = state_ * 1664525u + 1013904223u;
    return state_ >> 8;
  }
  double Uniform(double low, double high) {
    return low + (high - low) * (Next() % 1000000) / 1000000.0;
  }
  int Int(int low, int high) {  // inclusive
    return low +
           static_cast<int>(Next() % static_cast<uint32_t>(high - low + 1));
  }

 private:
  uint32_t state_;
};

struct FcSpec {
  std::vector<int32_t> input_shape = {3, 10};
  int units = 4;
  int depth = 10;
  std::vector<int32_t> output_shape = {3, 4};
  bool keep_num_dims = false;
  schema::ActivationFunctionType activation =
      schema::ActivationFunctionType_NONE;
  bool bias = true;

  std::vector<int32_t> filter_shape() const { return {units, depth}; }
};

int64_t Count(const std::vector<int32_t>& shape) {
  int64_t n = 1;
  for (int32_t d : shape) n *= d;
  return n;
}

double Activate(schema::ActivationFunctionType activation, double x) {
  switch (activation) {
    case schema::ActivationFunctionType_RELU:
      return std::max(0.0, x);
    case schema::ActivationFunctionType_RELU6:
      return std::min(6.0, std::max(0.0, x));
    case schema::ActivationFunctionType_RELU_N1_TO_1:
      return std::min(1.0, std::max(-1.0, x));
    default:
      return x;
  }
}

// out[b][u] = bias[u] + sum_d in[b][d] * filter[u][d], no activation.
std::vector<double> NaiveFc(const FcSpec& s, const std::vector<double>& in,
                            const std::vector<double>& filter,
                            const std::vector<double>& bias) {
  const int64_t batches = static_cast<int64_t>(in.size()) / s.depth;
  std::vector<double> out;
  for (int64_t b = 0; b < batches; ++b) {
    for (int u = 0; u < s.units; ++u) {
      double sum = bias.empty() ? 0.0 : bias[u];
      for (int d = 0; d < s.depth; ++d) {
        sum += in[b * s.depth + d] * filter[u * s.depth + d];
      }
      out.push_back(sum);
    }
  }
  return out;
}

void SetOptions(SingleOpModel& m, const FcSpec& s) {
  m.SetOptions(schema::BuiltinOptions_FullyConnectedOptions,
               schema::CreateFullyConnectedOptions(
                   m.builder(), s.activation,
                   schema::FullyConnectedOptionsWeightsFormat_DEFAULT,
                   s.keep_num_dims)
                   .Union());
}

void CheckFloat(const FcSpec& s, uint32_t seed) {
  Random rng(seed);
  std::vector<float> in(Count(s.input_shape));
  std::vector<float> filter(Count(s.filter_shape()));
  std::vector<float> bias(s.bias ? s.units : 0);
  for (float& v : in) v = static_cast<float>(rng.Uniform(-2, 2));
  for (float& v : filter) v = static_cast<float>(rng.Uniform(-1, 1));
  for (float& v : bias) v = static_cast<float>(rng.Uniform(-1, 1));

  SingleOpModel m(schema::BuiltinOperator_FULLY_CONNECTED);
  m.AddInput(DataType::kFloat32, s.input_shape);
  m.AddConstInput<float>(DataType::kFloat32, s.filter_shape(), filter);
  if (s.bias) {
    m.AddConstInput<float>(DataType::kFloat32, {s.units}, bias);
  } else {
    m.AddOptionalInput();
  }
  m.AddOutput(DataType::kFloat32, s.output_shape);
  SetOptions(m, s);
  TFM_EXPECT_EQ(Status::kOk, m.Build());
  if (m.Output<float>(0) == nullptr) {
    std::printf("  build failed: %s\n", m.error());
    TFM_EXPECT_TRUE(false);
    return;
  }
  m.SetInput<float>(0, in);
  TFM_EXPECT_EQ(Status::kOk, m.Invoke());

  const std::vector<double> expected =
      NaiveFc(s, std::vector<double>(in.begin(), in.end()),
              std::vector<double>(filter.begin(), filter.end()),
              std::vector<double>(bias.begin(), bias.end()));
  TFM_EXPECT_EQ(expected.size(), m.OutputCount(0));
  const float* out = m.Output<float>(0);
  for (size_t i = 0; i < expected.size() && i < m.OutputCount(0); ++i) {
    const double want = Activate(s.activation, expected[i]);
    TFM_EXPECT_NEAR(want, out[i], 1e-5 * std::max(1.0, std::fabs(want)));
  }
}

// per_channel: one symmetric scale per unit; otherwise one scale and a
// non-zero filter zero point, which per-tensor FULLY_CONNECTED applies.
void CheckInt8(const FcSpec& s, bool per_channel, uint32_t seed) {
  Random rng(seed);
  const float input_scale = 0.025f;
  const int input_zero_point = 12;
  std::vector<int8_t> in(Count(s.input_shape));
  std::vector<double> in_real(in.size());
  for (size_t i = 0; i < in.size(); ++i) {
    in[i] = static_cast<int8_t>(rng.Int(-128, 127));
    in_real[i] = input_scale * (in[i] - input_zero_point);
  }
  std::vector<float> filter_scales(per_channel ? s.units : 1);
  for (float& v : filter_scales) {
    v = static_cast<float>(rng.Uniform(0.004, 0.02));
  }
  const int filter_zero_point = per_channel ? 0 : -3;
  std::vector<int8_t> filter(Count(s.filter_shape()));
  std::vector<double> filter_real(filter.size());
  for (size_t i = 0; i < filter.size(); ++i) {
    const int c = per_channel ? static_cast<int>(i / s.depth) : 0;
    filter[i] = static_cast<int8_t>(rng.Int(-127, 127));
    filter_real[i] =
        static_cast<double>(filter_scales[c]) * (filter[i] - filter_zero_point);
  }
  std::vector<int32_t> bias(s.bias ? s.units : 0);
  std::vector<double> bias_real(bias.size());
  std::vector<float> bias_scales(bias.size());
  for (size_t c = 0; c < bias.size(); ++c) {
    bias_scales[c] = input_scale * filter_scales[per_channel ? c : 0];
    bias[c] = rng.Int(-3000, 3000);
    bias_real[c] = static_cast<double>(bias_scales[c]) * bias[c];
  }
  const std::vector<double> real = NaiveFc(s, in_real, filter_real, bias_real);
  const double low =
      std::min(0.0, *std::min_element(real.begin(), real.end()));
  const double high =
      std::max(0.0, *std::max_element(real.begin(), real.end()));
  const float output_scale = static_cast<float>((high - low) / 255.0);
  const int output_zero_point =
      std::min(127, std::max(-128, static_cast<int>(std::lround(
                                       -128.0 - low / output_scale))));

  SingleOpModel m(schema::BuiltinOperator_FULLY_CONNECTED);
  m.AddInput(DataType::kInt8, s.input_shape, input_scale, input_zero_point);
  QuantSpec filter_quant;
  filter_quant.scales = filter_scales;
  filter_quant.zero_points.assign(filter_scales.size(), filter_zero_point);
  m.AddConstInput<int8_t>(DataType::kInt8, s.filter_shape(), filter,
                          filter_quant);
  if (s.bias) {
    QuantSpec bias_quant;
    bias_quant.scales = bias_scales;
    m.AddConstInput<int32_t>(DataType::kInt32, {s.units}, bias, bias_quant);
  } else {
    m.AddOptionalInput();
  }
  m.AddOutput(DataType::kInt8, s.output_shape, output_scale,
              output_zero_point);
  SetOptions(m, s);
  TFM_EXPECT_EQ(Status::kOk, m.Build());
  if (m.Output<int8_t>(0) == nullptr) {
    std::printf("  build failed: %s\n", m.error());
    TFM_EXPECT_TRUE(false);
    return;
  }
  m.SetInput<int8_t>(0, in);
  TFM_EXPECT_EQ(Status::kOk, m.Invoke());
  TFM_EXPECT_EQ(real.size(), m.OutputCount(0));
  const int8_t* out = m.Output<int8_t>(0);
  int worst = 0;
  for (size_t i = 0; i < real.size() && i < m.OutputCount(0); ++i) {
    const double q =
        std::round(Activate(s.activation, real[i]) / output_scale) +
        output_zero_point;
    const int want = static_cast<int>(std::min(127.0, std::max(-128.0, q)));
    worst = std::max(worst, std::abs(want - out[i]));
  }
  TFM_EXPECT_TRUE(worst <= 1);
}

FcSpec KeepNumDims() {
  FcSpec s;
  s.input_shape = {2, 3, 6};
  s.depth = 6;
  s.units = 5;
  s.output_shape = {2, 3, 5};
  s.keep_num_dims = true;
  s.bias = false;
  s.activation = schema::ActivationFunctionType_RELU;
  return s;
}

FcSpec Flattened() {
  // [2, 2, 2, 3] holds 24 values: 4 rows of the filter's 6 columns.
  FcSpec s;
  s.input_shape = {2, 2, 2, 3};
  s.depth = 6;
  s.units = 7;
  s.output_shape = {4, 7};
  s.activation = schema::ActivationFunctionType_RELU6;
  return s;
}

FcSpec Deep() {
  FcSpec s;
  s.input_shape = {1, 300};
  s.depth = 300;
  s.units = 9;
  s.output_shape = {1, 9};
  s.activation = schema::ActivationFunctionType_RELU_N1_TO_1;
  return s;
}

TFM_TEST(FloatWithBias) { CheckFloat(FcSpec(), 1); }
TFM_TEST(FloatKeepNumDimsNoBiasRelu) { CheckFloat(KeepNumDims(), 2); }
TFM_TEST(FloatFlattenedRelu6) { CheckFloat(Flattened(), 3); }
TFM_TEST(FloatDeepReluN1To1) { CheckFloat(Deep(), 4); }

TFM_TEST(Int8PerChannel) { CheckInt8(FcSpec(), true, 11); }
TFM_TEST(Int8PerTensorWithFilterZeroPoint) { CheckInt8(FcSpec(), false, 12); }
TFM_TEST(Int8KeepNumDimsNoBiasRelu) { CheckInt8(KeepNumDims(), true, 13); }
TFM_TEST(Int8FlattenedRelu6) { CheckInt8(Flattened(), false, 14); }
TFM_TEST(Int8Deep) { CheckInt8(Deep(), true, 15); }

// A valid int8 FULLY_CONNECTED ([2, 4] x [3, 4] -> [2, 3]) whose parts a
// test can break.
struct Int8Model {
  DataType input_type = DataType::kInt8;
  DataType filter_type = DataType::kInt8;
  std::vector<int32_t> input_shape = {2, 4};
  std::vector<int32_t> filter_shape = {3, 4};
  std::vector<int32_t> output_shape = {2, 3};
  QuantSpec filter_quant{{0.1f, 0.2f, 0.3f}, {0, 0, 0}, 0};
  bool keep_num_dims = false;
  schema::FullyConnectedOptionsWeightsFormat format =
      schema::FullyConnectedOptionsWeightsFormat_DEFAULT;
  schema::ActivationFunctionType activation =
      schema::ActivationFunctionType_NONE;

  Status Build(SingleOpModel& m) const {
    const bool quantized = input_type != DataType::kFloat32;
    m.AddInput(input_type, input_shape, quantized ? 0.5f : 0.f, 0);
    m.AddConstInput<int8_t>(filter_type, filter_shape,
                            std::vector<int8_t>(Count(filter_shape), 1),
                            filter_quant);
    m.AddOptionalInput();
    m.AddOutput(input_type, output_shape, quantized ? 0.25f : 0.f, 0);
    m.SetOptions(schema::BuiltinOptions_FullyConnectedOptions,
                 schema::CreateFullyConnectedOptions(m.builder(), activation,
                                                     format, keep_num_dims)
                     .Union());
    return m.Build();
  }
};

void ExpectRejected(const Int8Model& model, const char* message) {
  SingleOpModel m(schema::BuiltinOperator_FULLY_CONNECTED);
  TFM_EXPECT_TRUE(model.Build(m) != Status::kOk);
  if (!TfmContains(m.error(), message)) {
    std::printf("  error \"%s\" lacks \"%s\"\n", m.error(), message);
    TFM_EXPECT_TRUE(false);
  }
}

TFM_TEST(AcceptsTheValidBaseModel) {
  SingleOpModel m(schema::BuiltinOperator_FULLY_CONNECTED);
  TFM_EXPECT_EQ(Status::kOk, Int8Model().Build(m));
}

TFM_TEST(RejectsShuffledWeights) {
  Int8Model model;
  model.format = schema::FullyConnectedOptionsWeightsFormat_SHUFFLED4x16INT8;
  ExpectRejected(model,
                 "weights_format SHUFFLED4x16INT8 not supported (only "
                 "DEFAULT)");
}

TFM_TEST(RejectsHybridFloatInputInt8Filter) {
  Int8Model model;
  model.input_type = DataType::kFloat32;
  ExpectRejected(model, "filter type INT8 not supported with FLOAT32 input "
                        "(expected FLOAT32)");
}

TFM_TEST(RejectsInt16Input) {
  Int8Model model;
  model.input_type = DataType::kInt16;
  ExpectRejected(model,
                 "input type INT16 not supported (expected FLOAT32 or INT8)");
}

TFM_TEST(RejectsFilterOfWrongRank) {
  Int8Model model;
  model.filter_shape = {3, 2, 2};
  ExpectRejected(model, "filter must have rank 2, got 3");
}

TFM_TEST(RejectsInputNotMultipleOfColumns) {
  Int8Model model;
  model.input_shape = {2, 5};
  ExpectRejected(model, "input holds 10 values, not a multiple of the "
                        "filter's 4 columns");
}

TFM_TEST(RejectsWrongOutputShape) {
  Int8Model model;
  model.output_shape = {1, 3};
  ExpectRejected(model, "output holds 3 values, expected [2, 3]");
}

TFM_TEST(RejectsKeepNumDimsWithFlattenedOutput) {
  Int8Model model;
  model.input_shape = {1, 2, 4};
  model.keep_num_dims = true;
  ExpectRejected(model, "with keep_num_dims the output must have the "
                        "input's rank 3, got 2");
}

TFM_TEST(RejectsAsymmetricPerChannelFilter) {
  Int8Model model;
  model.filter_quant = QuantSpec{{0.1f, 0.2f, 0.3f}, {0, 0, 5}, 0};
  ExpectRejected(model, "filter zero point of channel 2 is 5");
}

TFM_TEST(RejectsTanhActivation) {
  Int8Model model;
  model.activation = schema::ActivationFunctionType_TANH;
  ExpectRejected(model, "fused activation 4 is not supported");
}

}  // namespace
}  // namespace tfmicro

TFM_TEST_MAIN()
