// LEAKY_RELU: float, int8 and int16 against the real function, and
// prepare's rejections. Bit-exactness against TFLite is proven by
// python/tests/conformance/test_activations_nn.py.
#include <cstdint>

#include "tensorflow_micro/testing/kernel_test_util.h"
#include "tensorflow_micro/testing/micro_test.h"
#include "tensorflow_micro/testing/single_op_model.h"

namespace tfmicro {
namespace {

using testing::SingleOpModel;

constexpr float kAlpha = 0.2f;

double LeakyRelu(double x) { return x > 0 ? x : x * kAlpha; }

void SetAlpha(SingleOpModel& m) {
  m.SetOptions(schema::BuiltinOptions_LeakyReluOptions,
               schema::CreateLeakyReluOptions(m.builder(), kAlpha).Union());
}

TFM_TEST(FloatMatchesRealFunction) {
  testing::CheckUnaryFloat(schema::BuiltinOperator_LEAKY_RELU, LeakyRelu,
                           SetAlpha);
}

TFM_TEST(QuantizedWithinOneStep) {
  testing::CheckUnaryQuantized<int8_t>(schema::BuiltinOperator_LEAKY_RELU,
                                       DataType::kInt8, LeakyRelu, 0.05f, -20,
                                       0.04f, 30, SetAlpha);
  testing::CheckUnaryQuantized<int16_t>(schema::BuiltinOperator_LEAKY_RELU,
                                        DataType::kInt16, LeakyRelu, 1e-3f, 0,
                                        8e-4f, 0, SetAlpha);
}

TFM_TEST(RejectsInt16ZeroPointAndUnsupportedType) {
  SingleOpModel m16(schema::BuiltinOperator_LEAKY_RELU);
  m16.AddInput(DataType::kInt16, {4}, 1e-3f, 5);
  m16.AddOutput(DataType::kInt16, {4}, 1e-3f, 0);
  TFM_EXPECT_EQ(Status::kKernelError, m16.Build());
  TFM_EXPECT_TRUE(TfmContains(m16.error(), "node 0 (LEAKY_RELU)"));
  TFM_EXPECT_TRUE(TfmContains(m16.error(), "zero point 0"));

  SingleOpModel m32(schema::BuiltinOperator_LEAKY_RELU);
  m32.AddInput(DataType::kInt32, {4});
  m32.AddOutput(DataType::kInt32, {4});
  TFM_EXPECT_EQ(Status::kKernelError, m32.Build());
  TFM_EXPECT_TRUE(TfmContains(m32.error(), "input type INT32 not supported"));
}

TFM_TEST(RejectsScaleRatioNeedingAShiftAbove31) {
  SingleOpModel m(schema::BuiltinOperator_LEAKY_RELU);
  m.AddInput(DataType::kInt8, {4}, 1e6f, 0);
  m.AddOutput(DataType::kInt8, {4}, 1e-4f, 0);
  SetAlpha(m);
  TFM_EXPECT_EQ(Status::kKernelError, m.Build());
  TFM_EXPECT_TRUE(TfmContains(m.error(), "at most 31 are"));
}

}  // namespace
}  // namespace tfmicro

TFM_TEST_MAIN()
