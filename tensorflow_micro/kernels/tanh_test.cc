// TANH: float against std::tanh in double, int8 within one quantization
// step of it over every input value (TFLite's 1/128 output and an arbitrary
// one), int16 within two steps, and prepare's rejections. Bit-exactness against TFLite is proven by
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

TFM_TEST(FloatMatchesDoubleTanh) {
  std::vector<float> input;
  for (float x = -12.f; x <= 12.f; x += 0.13f) input.push_back(x);
  const int32_t n = static_cast<int32_t>(input.size());
  SingleOpModel m(schema::BuiltinOperator_TANH);
  m.AddInput(DataType::kFloat32, {n});
  m.AddOutput(DataType::kFloat32, {n});
  TFM_EXPECT_EQ(Status::kOk, m.Build());
  m.SetInput<float>(0, input);
  TFM_EXPECT_EQ(Status::kOk, m.Invoke());
  const float* out = m.Output<float>(0);
  for (int32_t i = 0; i < n; ++i) {
    const double expected = std::tanh(static_cast<double>(input[i]));
    TFM_EXPECT_NEAR(expected, out[i], 1e-5 * std::fabs(expected) + 1e-7);
  }
}

TFM_TEST(Int8WithinOneStepOverEveryInput) {
  struct Case {
    float input_scale;
    int input_zero_point;
    float output_scale;
    int output_zero_point;
  };
  const Case cases[] = {{0.03f, 0, 1.f / 128, 0},
                        {0.1f, -40, 1.f / 128, 0},
                        {0.01f, 20, 0.004f, 30}};
  for (const Case& c : cases) {
    SingleOpModel m(schema::BuiltinOperator_TANH);
    m.AddInput(DataType::kInt8, {1, 16, 16}, c.input_scale,
               c.input_zero_point);
    m.AddOutput(DataType::kInt8, {1, 16, 16}, c.output_scale,
                c.output_zero_point);
    TFM_EXPECT_EQ(Status::kOk, m.Build());
    std::vector<int8_t> input(256);
    for (int i = 0; i < 256; ++i) input[i] = static_cast<int8_t>(127 - i);
    m.SetInput<int8_t>(0, input);
    TFM_EXPECT_EQ(Status::kOk, m.Invoke());
    const int8_t* out = m.Output<int8_t>(0);
    for (int i = 0; i < 256; ++i) {
      const double real = c.input_scale * (input[i] - c.input_zero_point);
      double expected = std::tanh(real) / c.output_scale + c.output_zero_point;
      expected = std::fmax(-128.0, std::fmin(127.0, expected));
      TFM_EXPECT_NEAR(expected, out[i], 1.0);
    }
  }
}

TFM_TEST(RejectsUnquantizedOutput) {
  SingleOpModel m(schema::BuiltinOperator_TANH);
  m.AddInput(DataType::kInt8, {1, 4}, 0.1f, 0);
  m.AddOutput(DataType::kInt8, {1, 4});
  TFM_EXPECT_EQ(Status::kKernelError, m.Build());
  TFM_EXPECT_TRUE(TfmContains(m.error(), "node 0 (TANH)"));
  TFM_EXPECT_TRUE(TfmContains(m.error(), "output"));
}

TFM_TEST(RejectsNonPositiveScale) {
  SingleOpModel m(schema::BuiltinOperator_TANH);
  m.AddInput(DataType::kInt8, {1, 4}, -0.1f, 0);
  m.AddOutput(DataType::kInt8, {1, 4}, 1.f / 128, 0);
  TFM_EXPECT_EQ(Status::kKernelError, m.Build());
  TFM_EXPECT_TRUE(TfmContains(m.error(), "input has an invalid scale"));
}

TFM_TEST(RejectsUnsupportedType) {
  SingleOpModel m(schema::BuiltinOperator_TANH);
  m.AddInput(DataType::kInt32, {1, 4});
  m.AddOutput(DataType::kInt32, {1, 4});
  TFM_EXPECT_EQ(Status::kKernelError, m.Build());
  TFM_EXPECT_TRUE(TfmContains(m.error(), "input type INT32 not supported"));
}

double TanhDouble(double x) { return std::tanh(x); }

TFM_TEST(Int16WithinTwoStepsOverTheRange) {
  // A calibrated scale and the power-of-two one TFLite handles apart.
  for (float scale : {3.1e-4f, 1.f / 2048}) {
    testing::CheckUnaryQuantized<int16_t>(schema::BuiltinOperator_TANH,
                                          DataType::kInt16, TanhDouble, scale,
                                          0, 1.f / 32768, 0, nullptr, 2.0);
  }
}

TFM_TEST(RejectsInt16OutputScaleOtherThan2ToMinus15) {
  SingleOpModel m(schema::BuiltinOperator_TANH);
  m.AddInput(DataType::kInt16, {1, 4}, 1.f / 4096, 0);
  m.AddOutput(DataType::kInt16, {1, 4}, 1.f / 16384, 0);
  TFM_EXPECT_EQ(Status::kKernelError, m.Build());
  TFM_EXPECT_TRUE(TfmContains(m.error(), "output scale must be 2^-15"));
}

TFM_TEST(RejectsShapeMismatch) {
  SingleOpModel m(schema::BuiltinOperator_TANH);
  m.AddInput(DataType::kFloat32, {2, 3});
  m.AddOutput(DataType::kFloat32, {3, 2});
  TFM_EXPECT_EQ(Status::kKernelError, m.Build());
  TFM_EXPECT_TRUE(TfmContains(m.error(), "shape"));
}

}  // namespace
}  // namespace tfmicro

TFM_TEST_MAIN()
