// LOGISTIC: float against 1 / (1 + exp(-x)) in double, int8 within one
// quantization step of it over every input value, int16 within two steps,
// and prepare's rejections. Bit-exactness against TFLite is proven by
// python/tests/conformance/test_activations_lut.py.
#include <cmath>
#include <cstdint>
#include <vector>

#include "tensorflow_micro/testing/kernel_test_util.h"
#include "tensorflow_micro/testing/micro_test.h"
#include "tensorflow_micro/testing/single_op_model.h"

namespace tfmicro {
namespace {

using testing::SingleOpModel;

double Sigmoid(double x) { return 1.0 / (1.0 + std::exp(-x)); }

TFM_TEST(FloatMatchesDoubleSigmoid) {
  // Includes both tails. Below -9 TFLite returns exp(x), within 0.013% of
  // the sigmoid there, and so do we.
  std::vector<float> input;
  for (float x = -40.f; x <= 40.f; x += 0.37f) input.push_back(x);
  const int32_t n = static_cast<int32_t>(input.size());
  SingleOpModel m(schema::BuiltinOperator_LOGISTIC);
  m.AddInput(DataType::kFloat32, {1, n});
  m.AddOutput(DataType::kFloat32, {1, n});
  TFM_EXPECT_EQ(Status::kOk, m.Build());
  m.SetInput<float>(0, input);
  TFM_EXPECT_EQ(Status::kOk, m.Invoke());
  const float* out = m.Output<float>(0);
  for (int32_t i = 0; i < n; ++i) {
    const double expected =
        input[i] < -9.f ? std::exp(static_cast<double>(input[i]))
                        : Sigmoid(input[i]);
    TFM_EXPECT_NEAR(expected, out[i], 1e-5 * expected);
    TFM_EXPECT_NEAR(Sigmoid(input[i]), out[i], 2e-4 * expected);
  }
}

TFM_TEST(Int8WithinOneStepOverEveryInput) {
  const float input_scales[] = {0.003f, 0.0625f, 0.4f};
  const int input_zero_points[] = {-128, 7, 127};
  for (int c = 0; c < 3; ++c) {
    SingleOpModel m(schema::BuiltinOperator_LOGISTIC);
    m.AddInput(DataType::kInt8, {2, 128}, input_scales[c],
               input_zero_points[c]);
    m.AddOutput(DataType::kInt8, {2, 128}, 1.f / 256, -128);
    TFM_EXPECT_EQ(Status::kOk, m.Build());
    std::vector<int8_t> input(256);
    for (int i = 0; i < 256; ++i) input[i] = static_cast<int8_t>(i - 128);
    m.SetInput<int8_t>(0, input);
    TFM_EXPECT_EQ(Status::kOk, m.Invoke());
    const int8_t* out = m.Output<int8_t>(0);
    for (int i = 0; i < 256; ++i) {
      const double real = input_scales[c] * (input[i] - input_zero_points[c]);
      const double expected = std::fmin(Sigmoid(real) * 256 - 128, 127.0);
      TFM_EXPECT_NEAR(expected, out[i], 1.0);
    }
  }
}

TFM_TEST(RejectsInt8OutputScaleOtherThanOne256th) {
  SingleOpModel m(schema::BuiltinOperator_LOGISTIC);
  m.AddInput(DataType::kInt8, {1, 4}, 0.1f, 0);
  m.AddOutput(DataType::kInt8, {1, 4}, 1.f / 128, 0);
  TFM_EXPECT_EQ(Status::kKernelError, m.Build());
  TFM_EXPECT_TRUE(TfmContains(m.error(), "node 0 (LOGISTIC)"));
  TFM_EXPECT_TRUE(TfmContains(m.error(), "output scale must be 1/256"));
}

TFM_TEST(RejectsUnquantizedInt8) {
  SingleOpModel m(schema::BuiltinOperator_LOGISTIC);
  m.AddInput(DataType::kInt8, {1, 4});
  m.AddOutput(DataType::kInt8, {1, 4}, 1.f / 256, -128);
  TFM_EXPECT_EQ(Status::kKernelError, m.Build());
  TFM_EXPECT_TRUE(TfmContains(m.error(), "input"));
}

TFM_TEST(RejectsUnsupportedType) {
  SingleOpModel m(schema::BuiltinOperator_LOGISTIC);
  m.AddInput(DataType::kInt32, {1, 4});
  m.AddOutput(DataType::kInt32, {1, 4});
  TFM_EXPECT_EQ(Status::kKernelError, m.Build());
  TFM_EXPECT_TRUE(TfmContains(m.error(), "input type INT32 not supported"));
}

TFM_TEST(Int16WithinTwoStepsOverTheRange) {
  // A calibrated scale and the power-of-two one TFLite handles apart.
  for (float scale : {3.1e-4f, 1.f / 4096}) {
    testing::CheckUnaryQuantized<int16_t>(schema::BuiltinOperator_LOGISTIC,
                                          DataType::kInt16, Sigmoid, scale, 0,
                                          1.f / 32768, 0, nullptr, 2.0);
  }
}

TFM_TEST(RejectsInt16NonZeroZeroPoint) {
  SingleOpModel m(schema::BuiltinOperator_LOGISTIC);
  m.AddInput(DataType::kInt16, {1, 4}, 1.f / 4096, 5);
  m.AddOutput(DataType::kInt16, {1, 4}, 1.f / 32768, 0);
  TFM_EXPECT_EQ(Status::kKernelError, m.Build());
  TFM_EXPECT_TRUE(TfmContains(m.error(), "zero point 0"));
}

TFM_TEST(RejectsTypeMismatch) {
  SingleOpModel m(schema::BuiltinOperator_LOGISTIC);
  m.AddInput(DataType::kFloat32, {1, 4});
  m.AddOutput(DataType::kInt8, {1, 4}, 1.f / 256, -128);
  TFM_EXPECT_EQ(Status::kKernelError, m.Build());
  TFM_EXPECT_TRUE(TfmContains(m.error(), "output"));
}

TFM_TEST(RejectsShapeMismatch) {
  SingleOpModel m(schema::BuiltinOperator_LOGISTIC);
  m.AddInput(DataType::kFloat32, {1, 4});
  m.AddOutput(DataType::kFloat32, {4, 1});
  TFM_EXPECT_EQ(Status::kKernelError, m.Build());
  TFM_EXPECT_TRUE(TfmContains(m.error(), "shape"));
}

}  // namespace
}  // namespace tfmicro

TFM_TEST_MAIN()
