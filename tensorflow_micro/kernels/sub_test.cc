// SUB: float results against a double-precision broadcast difference,
// integer results exact, int8/int16 within one quantization step of the
// real difference, and prepare's rejections. Bit-exactness against TFLite
// is proven by python/tests/conformance/test_binary_arithmetic.py.
#include <algorithm>
#include <cstdint>
#include <limits>
#include <vector>

#include "tensorflow_micro/testing/elementwise_test_util.h"
#include "tensorflow_micro/testing/kernel_test_util.h"
#include "tensorflow_micro/testing/micro_test.h"
#include "tensorflow_micro/testing/single_op_model.h"

namespace tfmicro {
namespace {

using testing::CheckBinaryFloat;
using testing::CheckBinaryQuantized;
using testing::SingleOpModel;

void SetActivation(SingleOpModel& m, schema::ActivationFunctionType act) {
  m.SetOptions(schema::BuiltinOptions_SubOptions,
               schema::CreateSubOptions(m.builder(), act, false).Union());
}

double Real(double a, double b) { return a - b; }

float Dequantized(float a_scale, int a, float b_scale, int b) {
  return a_scale * a - b_scale * b;
}

const testing::BinaryOpCase kSub = {schema::BuiltinOperator_SUB, SetActivation,
                                    Real, Dequantized};

TFM_TEST(FloatBroadcast) {
  CheckBinaryFloat(kSub, {2, 3, 4}, {2, 3, 4}, {2, 3, 4},
                   schema::ActivationFunctionType_NONE, 1);
  CheckBinaryFloat(kSub, {2, 1, 3}, {4, 1}, {2, 4, 3},
                   schema::ActivationFunctionType_NONE, 2);
  CheckBinaryFloat(kSub, {}, {3, 2}, {3, 2},
                   schema::ActivationFunctionType_RELU6, 3);
}

TFM_TEST(Int32WithRelu) {
  testing::CheckBinaryInt32WithRelu(
      kSub, [](int32_t a, int32_t b) { return a - b; });
}

TFM_TEST(Int64WithRelu6) {
  SingleOpModel m(schema::BuiltinOperator_SUB);
  m.AddInput(DataType::kInt64, {4});
  m.AddInput(DataType::kInt64, {1});
  m.AddOutput(DataType::kInt64, {4});
  SetActivation(m, schema::ActivationFunctionType_RELU6);
  TFM_EXPECT_EQ(Status::kOk, m.Build());
  m.SetInput<int64_t>(0, {int64_t{1} << 40, 3, 9, -5});
  m.SetInput<int64_t>(1, {4});
  TFM_EXPECT_EQ(Status::kOk, m.Invoke());
  const std::vector<int64_t> expected = {6, 0, 5, 0};
  const int64_t* out = m.Output<int64_t>(0);
  for (int i = 0; i < 4; ++i) TFM_EXPECT_EQ(expected[i], out[i]);
}

TFM_TEST(Int64Wraps) {
  SingleOpModel m(schema::BuiltinOperator_SUB);
  m.AddInput(DataType::kInt64, {2});
  m.AddInput(DataType::kInt64, {2});
  m.AddOutput(DataType::kInt64, {2});
  TFM_EXPECT_EQ(Status::kOk, m.Build());
  m.SetInput<int64_t>(0, {std::numeric_limits<int64_t>::min(), -(1LL << 50)});
  m.SetInput<int64_t>(1, {1, 1LL << 50});
  TFM_EXPECT_EQ(Status::kOk, m.Invoke());
  const int64_t* out = m.Output<int64_t>(0);
  TFM_EXPECT_EQ(std::numeric_limits<int64_t>::max(), out[0]);
  TFM_EXPECT_EQ(-(1LL << 51), out[1]);
}

TFM_TEST(Int8) {
  CheckBinaryQuantized<int8_t>(kSub, DataType::kInt8, {1, 4, 4, 3}, 0.05f, -3,
                               {3}, 0.02f, 10, {1, 4, 4, 3}, 0.07f, 5,
                               schema::ActivationFunctionType_NONE, 11);
  CheckBinaryQuantized<int8_t>(kSub, DataType::kInt8, {4, 5}, 0.08f, 1, {4, 5},
                               0.06f, -2, {4, 5}, 0.03f, -128,
                               schema::ActivationFunctionType_RELU, 12);
}

TFM_TEST(Int16) {
  CheckBinaryQuantized<int16_t>(kSub, DataType::kInt16, {3, 4}, 3e-4f, 0, {4},
                                1e-4f, 0, {3, 4}, 4e-4f, 0,
                                schema::ActivationFunctionType_NONE, 14);
}

TFM_TEST(RejectsInvalidModels) {
  testing::ExpectBinaryOpRejections(schema::BuiltinOperator_SUB);
}

}  // namespace
}  // namespace tfmicro

TFM_TEST_MAIN()
