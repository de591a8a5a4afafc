// PRELU: float, int8 and int16 (with an int8 alpha) with alpha broadcast per
// channel against the real function, and prepare's rejections (alpha type,
// shapes that do not broadcast). Bit-exactness against TFLite is proven by
// python/tests/conformance/test_activations_nn.py and test_built_dtypes.py.
#include <cmath>
#include <cstdint>
#include <vector>

#include "tensorflow_micro/testing/kernel_test_util.h"
#include "tensorflow_micro/testing/micro_test.h"
#include "tensorflow_micro/testing/single_op_model.h"

namespace tfmicro {
namespace {

using testing::SingleOpModel;

constexpr int kChannels = 3;
const float kAlpha[kChannels] = {0.25f, -0.5f, 1.5f};

TFM_TEST(FloatAlphaPerChannel) {
  SingleOpModel m(schema::BuiltinOperator_PRELU);
  m.AddInput(DataType::kFloat32, {2, 4, kChannels});
  m.AddConstInput<float>(DataType::kFloat32, {kChannels},
                         {kAlpha[0], kAlpha[1], kAlpha[2]});
  m.AddOutput(DataType::kFloat32, {2, 4, kChannels});
  TFM_EXPECT_EQ(Status::kOk, m.Build());
  std::vector<float> x(24);
  for (int i = 0; i < 24; ++i) x[i] = static_cast<float>(i % 7) - 3.25f;
  m.SetInput(0, x);
  TFM_EXPECT_EQ(Status::kOk, m.Invoke());
  const float* out = m.Output<float>(0);
  for (int i = 0; i < 24; ++i) {
    const float expected = x[i] >= 0 ? x[i] : x[i] * kAlpha[i % kChannels];
    TFM_EXPECT_EQ(expected, out[i]);
  }
}

TFM_TEST(Int8AlphaPerChannelWithinOneStep) {
  const float in_scale = 0.05f, alpha_scale = 0.02f, out_scale = 0.06f;
  const int in_zp = -7, alpha_zp = 4, out_zp = 11;
  std::vector<int8_t> alpha_q(kChannels);
  for (int c = 0; c < kChannels; ++c) {
    alpha_q[c] = static_cast<int8_t>(
        std::lround(kAlpha[c] / alpha_scale) + alpha_zp);
  }
  SingleOpModel m(schema::BuiltinOperator_PRELU);
  m.AddInput(DataType::kInt8, {64, kChannels}, in_scale, in_zp);
  testing::QuantSpec alpha_quant;
  alpha_quant.scales = {alpha_scale};
  alpha_quant.zero_points = {alpha_zp};
  m.AddConstInput<int8_t>(DataType::kInt8, {kChannels}, alpha_q, alpha_quant);
  m.AddOutput(DataType::kInt8, {64, kChannels}, out_scale, out_zp);
  TFM_EXPECT_EQ(Status::kOk, m.Build());
  std::vector<int8_t> x(64 * kChannels);
  for (size_t i = 0; i < x.size(); ++i) {
    x[i] = static_cast<int8_t>(static_cast<int>(i * 4) % 256 - 128);
  }
  m.SetInput(0, x);
  TFM_EXPECT_EQ(Status::kOk, m.Invoke());
  const int8_t* out = m.Output<int8_t>(0);
  for (size_t i = 0; i < x.size(); ++i) {
    const double real = in_scale * (x[i] - in_zp);
    const double a = alpha_scale * (alpha_q[i % kChannels] - alpha_zp);
    const double expected = real >= 0 ? real : real * a;
    TFM_EXPECT_NEAR(testing::Saturate<int8_t>(expected / out_scale + out_zp),
                    out[i], 1.0);
  }
}

TFM_TEST(Int16WithInt8AlphaWithinOneStep) {
  const float in_scale = 0.002f, alpha_scale = 0.01f, out_scale = 0.003f;
  const int in_zp = 5, alpha_zp = -7, out_zp = -9;
  const std::vector<int8_t> alpha_q = {-128, 20, 127};
  SingleOpModel m(schema::BuiltinOperator_PRELU);
  m.AddInput(DataType::kInt16, {64, kChannels}, in_scale, in_zp);
  m.AddConstInput<int8_t>(DataType::kInt8, {kChannels}, alpha_q,
                          testing::QuantSpec{{alpha_scale}, {alpha_zp}, 0});
  m.AddOutput(DataType::kInt16, {64, kChannels}, out_scale, out_zp);
  TFM_EXPECT_EQ(Status::kOk, m.Build());
  std::vector<int16_t> x(64 * kChannels);
  for (size_t i = 0; i < x.size(); ++i) {
    x[i] = static_cast<int16_t>(static_cast<int>(i * 1021) % 65536 - 32768);
  }
  m.SetInput(0, x);
  TFM_EXPECT_EQ(Status::kOk, m.Invoke());
  const int16_t* out = m.Output<int16_t>(0);
  for (size_t i = 0; i < x.size(); ++i) {
    const double real = in_scale * (x[i] - in_zp);
    const double a = alpha_scale * (alpha_q[i % kChannels] - alpha_zp);
    const double expected = real >= 0 ? real : real * a;
    TFM_EXPECT_NEAR(testing::Saturate<int16_t>(expected / out_scale + out_zp),
                    out[i], 1.0);
  }
}

TFM_TEST(RejectsInt16Alpha) {
  // TFLite reads an INT16 input's alpha as INT8 whatever its type says.
  SingleOpModel m(schema::BuiltinOperator_PRELU);
  m.AddInput(DataType::kInt16, {2, 3}, 0.002f, 0);
  m.AddConstInput<int16_t>(DataType::kInt16, {3}, {1, 2, 3},
                           testing::QuantSpec{{0.01f}, {0}, 0});
  m.AddOutput(DataType::kInt16, {2, 3}, 0.002f, 0);
  TFM_EXPECT_EQ(Status::kKernelError, m.Build());
  TFM_EXPECT_TRUE(TfmContains(m.error(), "alpha type INT16 not supported"));
}

TFM_TEST(RejectsMismatchedAlpha) {
  SingleOpModel type(schema::BuiltinOperator_PRELU);
  type.AddInput(DataType::kFloat32, {2, 3});
  type.AddConstInput<int32_t>(DataType::kInt32, {3}, {1, 2, 3});
  type.AddOutput(DataType::kFloat32, {2, 3});
  TFM_EXPECT_EQ(Status::kKernelError, type.Build());
  TFM_EXPECT_TRUE(TfmContains(type.error(), "alpha"));

  SingleOpModel shape(schema::BuiltinOperator_PRELU);
  shape.AddInput(DataType::kFloat32, {2, 3});
  shape.AddConstInput<float>(DataType::kFloat32, {2}, {0.1f, 0.2f});
  shape.AddOutput(DataType::kFloat32, {2, 3});
  TFM_EXPECT_EQ(Status::kKernelError, shape.Build());
  TFM_EXPECT_TRUE(TfmContains(shape.error(), "node 0 (PRELU)"));
}

}  // namespace
}  // namespace tfmicro

TFM_TEST_MAIN()
