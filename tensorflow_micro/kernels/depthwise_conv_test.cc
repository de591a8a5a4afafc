// DEPTHWISE_CONV_2D: float results against a naive double-precision
// depthwise convolution, int8 results within one quantization step of the
// same real-valued math, and prepare's rejections. Bit-exactness against
// TFLite is proven by python/tests/conformance/test_depthwise_conv.py.
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

struct DepthwiseSpec {
  int batches = 1;
  int in_h = 5;
  int in_w = 6;
  int in_c = 3;
  int multiplier = 1;
  int k_h = 3;
  int k_w = 3;
  int stride_h = 1;
  int stride_w = 1;
  int dilation_h = 1;
  int dilation_w = 1;
  bool same = true;
  schema::ActivationFunctionType activation =
      schema::ActivationFunctionType_NONE;
  bool bias = true;

  int out_c() const { return in_c * multiplier; }
  int OutSize(int in, int k, int stride, int dilation) const {
    const int effective = (k - 1) * dilation + 1;
    return same ? (in + stride - 1) / stride
                : (in - effective + stride) / stride;
  }
  int out_h() const { return OutSize(in_h, k_h, stride_h, dilation_h); }
  int out_w() const { return OutSize(in_w, k_w, stride_w, dilation_w); }
  std::vector<int32_t> input_shape() const {
    return {batches, in_h, in_w, in_c};
  }
  std::vector<int32_t> filter_shape() const { return {1, k_h, k_w, out_c()}; }
  std::vector<int32_t> output_shape() const {
    return {batches, out_h(), out_w(), out_c()};
  }
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

// Textbook depthwise convolution in double: output channel oc filters input
// channel oc / multiplier with filter[0, ky, kx, oc]. No activation.
std::vector<double> NaiveDepthwise(const DepthwiseSpec& s,
                                   const std::vector<double>& in,
                                   const std::vector<double>& filter,
                                   const std::vector<double>& bias) {
  const int out_h = s.out_h();
  const int out_w = s.out_w();
  const int pad_h = std::max(0, (out_h - 1) * s.stride_h +
                                    (s.k_h - 1) * s.dilation_h + 1 - s.in_h) /
                    2;
  const int pad_w = std::max(0, (out_w - 1) * s.stride_w +
                                    (s.k_w - 1) * s.dilation_w + 1 - s.in_w) /
                    2;
  std::vector<double> out;
  for (int b = 0; b < s.batches; ++b) {
    for (int y = 0; y < out_h; ++y) {
      for (int x = 0; x < out_w; ++x) {
        for (int oc = 0; oc < s.out_c(); ++oc) {
          const int ic = oc / s.multiplier;
          double sum = bias.empty() ? 0.0 : bias[oc];
          for (int ky = 0; ky < s.k_h; ++ky) {
            for (int kx = 0; kx < s.k_w; ++kx) {
              const int iy = y * s.stride_h - pad_h + ky * s.dilation_h;
              const int ix = x * s.stride_w - pad_w + kx * s.dilation_w;
              if (iy < 0 || iy >= s.in_h || ix < 0 || ix >= s.in_w) continue;
              sum += in[((b * s.in_h + iy) * s.in_w + ix) * s.in_c + ic] *
                     filter[(ky * s.k_w + kx) * s.out_c() + oc];
            }
          }
          out.push_back(sum);
        }
      }
    }
  }
  return out;
}

void SetOptions(SingleOpModel& m, const DepthwiseSpec& s) {
  m.SetOptions(schema::BuiltinOptions_DepthwiseConv2DOptions,
               schema::CreateDepthwiseConv2DOptions(
                   m.builder(),
                   s.same ? schema::Padding_SAME : schema::Padding_VALID,
                   s.stride_w, s.stride_h, s.multiplier, s.activation,
                   s.dilation_w, s.dilation_h)
                   .Union());
}

void CheckFloat(const DepthwiseSpec& s, uint32_t seed) {
  Random rng(seed);
  std::vector<float> in(Count(s.input_shape()));
  std::vector<float> filter(Count(s.filter_shape()));
  std::vector<float> bias(s.bias ? s.out_c() : 0);
  for (float& v : in) v = static_cast<float>(rng.Uniform(-2, 2));
  for (float& v : filter) v = static_cast<float>(rng.Uniform(-1, 1));
  for (float& v : bias) v = static_cast<float>(rng.Uniform(-1, 1));

  SingleOpModel m(schema::BuiltinOperator_DEPTHWISE_CONV_2D);
  m.AddInput(DataType::kFloat32, s.input_shape());
  m.AddConstInput<float>(DataType::kFloat32, s.filter_shape(), filter);
  if (s.bias) {
    m.AddConstInput<float>(DataType::kFloat32, {s.out_c()}, bias);
  } else {
    m.AddOptionalInput();
  }
  m.AddOutput(DataType::kFloat32, s.output_shape());
  SetOptions(m, s);
  TFM_EXPECT_EQ(Status::kOk, m.Build());
  if (m.Output<float>(0) == nullptr) {
    std::printf("  build failed: %s\n", m.error());
    TFM_EXPECT_TRUE(false);
    return;
  }
  m.SetInput<float>(0, in);
  TFM_EXPECT_EQ(Status::kOk, m.Invoke());

  const std::vector<double> expected = NaiveDepthwise(
      s, std::vector<double>(in.begin(), in.end()),
      std::vector<double>(filter.begin(), filter.end()),
      std::vector<double>(bias.begin(), bias.end()));
  TFM_EXPECT_EQ(expected.size(), m.OutputCount(0));
  const float* out = m.Output<float>(0);
  for (size_t i = 0; i < expected.size() && i < m.OutputCount(0); ++i) {
    const double want = Activate(s.activation, expected[i]);
    TFM_EXPECT_NEAR(want, out[i], 1e-5 * std::max(1.0, std::fabs(want)));
  }
}

void CheckInt8(const DepthwiseSpec& s, bool per_channel, uint32_t seed) {
  Random rng(seed);
  const float input_scale = 0.02f;
  const int input_zero_point = -9;
  std::vector<int8_t> in(Count(s.input_shape()));
  std::vector<double> in_real(in.size());
  for (size_t i = 0; i < in.size(); ++i) {
    in[i] = static_cast<int8_t>(rng.Int(-128, 127));
    in_real[i] = input_scale * (in[i] - input_zero_point);
  }
  std::vector<float> filter_scales(per_channel ? s.out_c() : 1);
  for (float& v : filter_scales) {
    v = static_cast<float>(rng.Uniform(0.004, 0.02));
  }
  std::vector<int8_t> filter(Count(s.filter_shape()));
  std::vector<double> filter_real(filter.size());
  for (size_t i = 0; i < filter.size(); ++i) {
    const int c = per_channel ? static_cast<int>(i % s.out_c()) : 0;
    filter[i] = static_cast<int8_t>(rng.Int(-127, 127));
    filter_real[i] = static_cast<double>(filter_scales[c]) * filter[i];
  }
  std::vector<int32_t> bias(s.bias ? s.out_c() : 0);
  std::vector<double> bias_real(bias.size());
  std::vector<float> bias_scales(bias.size());
  for (size_t c = 0; c < bias.size(); ++c) {
    bias_scales[c] = input_scale * filter_scales[per_channel ? c : 0];
    bias[c] = rng.Int(-3000, 3000);
    bias_real[c] = static_cast<double>(bias_scales[c]) * bias[c];
  }
  const std::vector<double> real =
      NaiveDepthwise(s, in_real, filter_real, bias_real);
  const double low =
      std::min(0.0, *std::min_element(real.begin(), real.end()));
  const double high =
      std::max(0.0, *std::max_element(real.begin(), real.end()));
  const float output_scale = static_cast<float>((high - low) / 255.0);
  const int output_zero_point =
      std::min(127, std::max(-128, static_cast<int>(std::lround(
                                       -128.0 - low / output_scale))));

  SingleOpModel m(schema::BuiltinOperator_DEPTHWISE_CONV_2D);
  m.AddInput(DataType::kInt8, s.input_shape(), input_scale, input_zero_point);
  QuantSpec filter_quant;
  filter_quant.scales = filter_scales;
  filter_quant.quantized_dimension = 3;
  m.AddConstInput<int8_t>(DataType::kInt8, s.filter_shape(), filter,
                          filter_quant);
  if (s.bias) {
    QuantSpec bias_quant;
    bias_quant.scales = bias_scales;
    m.AddConstInput<int32_t>(DataType::kInt32, {s.out_c()}, bias, bias_quant);
  } else {
    m.AddOptionalInput();
  }
  m.AddOutput(DataType::kInt8, s.output_shape(), output_scale,
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

DepthwiseSpec Multiplied() {
  DepthwiseSpec s;
  s.in_h = 7;
  s.in_w = 7;
  s.multiplier = 3;
  s.stride_h = 2;
  s.stride_w = 2;
  s.same = false;
  s.bias = false;
  s.activation = schema::ActivationFunctionType_RELU6;
  return s;
}

DepthwiseSpec Dilated() {
  DepthwiseSpec s;
  s.batches = 2;
  s.in_h = 8;
  s.in_w = 9;
  s.in_c = 4;
  s.multiplier = 2;
  s.k_h = 3;
  s.k_w = 2;
  s.dilation_h = 2;
  s.dilation_w = 3;
  s.stride_h = 2;
  s.activation = schema::ActivationFunctionType_RELU;
  return s;
}

DepthwiseSpec Wide() {
  // More channels than TFLite's 32-channel accumulation blocks.
  DepthwiseSpec s;
  s.in_h = 4;
  s.in_w = 4;
  s.in_c = 40;
  s.activation = schema::ActivationFunctionType_RELU_N1_TO_1;
  return s;
}

TFM_TEST(FloatSameWithBias) { CheckFloat(DepthwiseSpec(), 1); }
TFM_TEST(FloatMultiplierValidStridedRelu6) { CheckFloat(Multiplied(), 2); }
TFM_TEST(FloatDilatedBatchedRelu) { CheckFloat(Dilated(), 3); }
TFM_TEST(FloatWideReluN1To1) { CheckFloat(Wide(), 4); }

TFM_TEST(Int8PerChannelSame) { CheckInt8(DepthwiseSpec(), true, 11); }
TFM_TEST(Int8PerChannelMultiplierValidStridedRelu6) {
  CheckInt8(Multiplied(), true, 12);
}
TFM_TEST(Int8PerChannelDilatedBatchedRelu) { CheckInt8(Dilated(), true, 13); }
TFM_TEST(Int8PerTensorWide) { CheckInt8(Wide(), false, 14); }

// A valid int8 3x3 depthwise conv (1x4x4x2 -> 1x4x4x4, multiplier 2) whose
// parts a test can break.
struct Int8Model {
  DataType input_type = DataType::kInt8;
  std::vector<int32_t> filter_shape = {1, 3, 3, 4};
  std::vector<int32_t> output_shape = {1, 4, 4, 4};
  int bias_size = 4;
  QuantSpec filter_quant{{0.1f, 0.2f, 0.3f, 0.4f}, {0, 0, 0, 0}, 3};
  int stride = 1;
  schema::ActivationFunctionType activation =
      schema::ActivationFunctionType_NONE;

  Status Build(SingleOpModel& m) const {
    m.AddInput(input_type, {1, 4, 4, 2}, 0.5f, 0);
    m.AddConstInput<int8_t>(DataType::kInt8, filter_shape,
                            std::vector<int8_t>(Count(filter_shape), 1),
                            filter_quant);
    m.AddConstInput<int32_t>(DataType::kInt32, {bias_size},
                             std::vector<int32_t>(bias_size, 0));
    m.AddOutput(DataType::kInt8, output_shape, 0.25f, 0);
    m.SetOptions(schema::BuiltinOptions_DepthwiseConv2DOptions,
                 schema::CreateDepthwiseConv2DOptions(
                     m.builder(), schema::Padding_SAME, stride, stride,
                     /*depth_multiplier=*/2, activation)
                     .Union());
    return m.Build();
  }
};

void ExpectRejected(const Int8Model& model, const char* message) {
  SingleOpModel m(schema::BuiltinOperator_DEPTHWISE_CONV_2D);
  TFM_EXPECT_TRUE(model.Build(m) != Status::kOk);
  if (!TfmContains(m.error(), message)) {
    std::printf("  error \"%s\" lacks \"%s\"\n", m.error(), message);
    TFM_EXPECT_TRUE(false);
  }
}

TFM_TEST(AcceptsTheValidBaseModel) {
  SingleOpModel m(schema::BuiltinOperator_DEPTHWISE_CONV_2D);
  TFM_EXPECT_EQ(Status::kOk, Int8Model().Build(m));
}

TFM_TEST(RejectsInt16Input) {
  Int8Model model;
  model.input_type = DataType::kInt16;
  ExpectRejected(model,
                 "input type INT16 not supported (expected FLOAT32 or INT8)");
}

TFM_TEST(RejectsFilterWithLeadingDimension) {
  Int8Model model;
  model.filter_shape = {2, 3, 3, 4};
  ExpectRejected(model, "filter must have shape [1, KH, KW, C_out]");
}

TFM_TEST(RejectsOutputChannelsNotMultipleOfInput) {
  Int8Model model;
  model.filter_shape = {1, 3, 3, 3};
  model.filter_quant = QuantSpec{{0.1f, 0.2f, 0.3f}, {0, 0, 0}, 3};
  model.output_shape = {1, 4, 4, 3};
  model.bias_size = 3;
  ExpectRejected(model, "filter has 3 output channels, not a multiple of "
                        "the input's 2 channels");
}

TFM_TEST(RejectsPerChannelOnWrongDimension) {
  Int8Model model;
  model.filter_shape = {1, 4, 3, 4};
  model.filter_quant = QuantSpec{{0.1f, 0.2f, 0.3f, 0.4f}, {0, 0, 0, 0}, 1};
  ExpectRejected(model, "filter must be per-channel quantized on dimension "
                        "3 (the output channels), got dimension 1");
}

TFM_TEST(RejectsBiasOfWrongSize) {
  Int8Model model;
  model.bias_size = 2;
  ExpectRejected(model, "bias has 2 elements (expected 4");
}

TFM_TEST(RejectsWrongOutputShape) {
  Int8Model model;
  model.stride = 2;
  ExpectRejected(model, "output shape [1, 4, 4, 4] does not match the "
                        "expected [1, 2, 2, 4]");
}

TFM_TEST(RejectsTanhActivation) {
  Int8Model model;
  model.activation = schema::ActivationFunctionType_TANH;
  ExpectRejected(model, "fused activation 4 is not supported");
}

}  // namespace
}  // namespace tfmicro

TFM_TEST_MAIN()
