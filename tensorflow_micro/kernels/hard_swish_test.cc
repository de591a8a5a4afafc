// HARD_SWISH: float and int8 against the real function (int8 within two
// steps: TFLite's 16-bit fixed point is biased slightly), and prepare's
// rejection of an input / output scale ratio of 256 or more.
// Bit-exactness against TFLite is proven by
// python/tests/conformance/test_activations_nn.py.
#include <cstdint>

#include "tensorflow_micro/testing/kernel_test_util.h"
#include "tensorflow_micro/testing/micro_test.h"
#include "tensorflow_micro/testing/single_op_model.h"

namespace tfmicro {
namespace {

double HardSwish(double x) {
  const double relu6 = x + 3 < 0 ? 0 : (x + 3 > 6 ? 6 : x + 3);
  return x * relu6 / 6;
}

TFM_TEST(FloatMatchesRealFunction) {
  testing::CheckUnaryFloat(schema::BuiltinOperator_HARD_SWISH, HardSwish);
}

TFM_TEST(Int8WithinTwoSteps) {
  testing::CheckUnaryQuantized<int8_t>(schema::BuiltinOperator_HARD_SWISH,
                                       DataType::kInt8, HardSwish, 0.05f, -10,
                                       0.04f, -90, nullptr, 2.0);
  testing::CheckUnaryQuantized<int8_t>(schema::BuiltinOperator_HARD_SWISH,
                                       DataType::kInt8, HardSwish, 0.005f, 40,
                                       0.003f, 5, nullptr, 2.0);
}

TFM_TEST(RejectsHugeScaleRatio) {
  testing::SingleOpModel m(schema::BuiltinOperator_HARD_SWISH);
  m.AddInput(DataType::kInt8, {4}, 300.f, 0);
  m.AddOutput(DataType::kInt8, {4}, 1.f, 0);
  TFM_EXPECT_EQ(Status::kKernelError, m.Build());
  TFM_EXPECT_TRUE(TfmContains(m.error(), "node 0 (HARD_SWISH)"));
  TFM_EXPECT_TRUE(TfmContains(m.error(), "too large"));
}

TFM_TEST(RejectsHugeInputScale) {
  // The output ratio 1e30 / 128 / 1e33 is fine; the relu-ish one
  // (1e30 / 128 / (3 / 32768)) needs a left shift of 107 bits.
  testing::SingleOpModel m(schema::BuiltinOperator_HARD_SWISH);
  m.AddInput(DataType::kInt8, {4}, 1e30f, 0);
  m.AddOutput(DataType::kInt8, {4}, 1e33f, 0);
  TFM_EXPECT_EQ(Status::kKernelError, m.Build());
  TFM_EXPECT_TRUE(TfmContains(m.error(), "node 0 (HARD_SWISH)"));
  TFM_EXPECT_TRUE(TfmContains(
      m.error(), "input scale / 128 / (3 / 32768) rescale factor 8.53333e+31 "
                 "needs a left shift of 107 bits; at most 31"));
}

TFM_TEST(LargeReluishShiftSaturates) {
  // input scale / 128 / (3 / 32768) = 2^17 / 3: every non-zero input
  // saturates the relu-ish factor to 0 (x < 0) or 1 (x > 0), so the output
  // is relu(x) on the output scale.
  testing::SingleOpModel m(schema::BuiltinOperator_HARD_SWISH);
  m.AddInput(DataType::kInt8, {4}, 1024.f, 0);
  m.AddOutput(DataType::kInt8, {4}, 2048.f, 0);
  TFM_EXPECT_EQ(Status::kOk, m.Build());
  m.SetInput<int8_t>(0, {-100, -1, 2, 100});
  TFM_EXPECT_EQ(Status::kOk, m.Invoke());
  const int8_t* out = m.Output<int8_t>(0);
  TFM_EXPECT_EQ(0, out[0]);
  TFM_EXPECT_EQ(0, out[1]);
  TFM_EXPECT_EQ(1, out[2]);
  TFM_EXPECT_EQ(50, out[3]);
}

}  // namespace
}  // namespace tfmicro

TFM_TEST_MAIN()
