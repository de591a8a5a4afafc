// MUL: float results against a double-precision broadcast product, integer
// results exact, int8/int16 within one quantization step of the real
// product, and prepare's rejections. Bit-exactness against TFLite is proven by
// python/tests/conformance/test_elementwise.py.
#include <algorithm>
#include <cmath>
#include <cstdint>
#include <vector>

#include "tensorflow_micro/testing/kernel_test_util.h"
#include "tensorflow_micro/testing/micro_test.h"
#include "tensorflow_micro/testing/single_op_model.h"

namespace tfmicro {
namespace {

using testing::CheckBinaryFloat;
using testing::CheckBinaryQuantized;
using testing::SingleOpModel;

void SetActivation(SingleOpModel& m, schema::ActivationFunctionType act) {
  m.SetOptions(schema::BuiltinOptions_MulOptions,
               schema::CreateMulOptions(m.builder(), act).Union());
}

double Real(double a, double b) { return a * b; }

float Dequantized(float a_scale, int a, float b_scale, int b) {
  return a_scale * a * b_scale * b;
}

const testing::BinaryOpCase kMul = {schema::BuiltinOperator_MUL, SetActivation,
                                    Real, Dequantized};

TFM_TEST(FloatSameShape) {
  CheckBinaryFloat(kMul, {2, 3, 4}, {2, 3, 4}, {2, 3, 4},
                   schema::ActivationFunctionType_NONE, 1);
}

TFM_TEST(FloatBroadcastBothSides) {
  CheckBinaryFloat(kMul, {2, 1, 3}, {4, 1}, {2, 4, 3},
                   schema::ActivationFunctionType_NONE, 2);
}

TFM_TEST(FloatBroadcastScalar) {
  CheckBinaryFloat(kMul, {}, {3, 2}, {3, 2},
                   schema::ActivationFunctionType_NONE, 3);
}

TFM_TEST(FloatBroadcastRank6) {
  CheckBinaryFloat(kMul, {2, 1, 3, 1, 2, 1}, {1, 2, 1, 2, 1, 3},
                   {2, 2, 3, 2, 2, 3}, schema::ActivationFunctionType_NONE, 4);
}

TFM_TEST(FloatFusedActivations) {
  CheckBinaryFloat(kMul, {3, 4}, {4}, {3, 4},
                   schema::ActivationFunctionType_RELU, 5);
  CheckBinaryFloat(kMul, {3, 4}, {4}, {3, 4},
                   schema::ActivationFunctionType_RELU6, 6);
  CheckBinaryFloat(kMul, {3, 4}, {4}, {3, 4},
                   schema::ActivationFunctionType_RELU_N1_TO_1, 7);
}

TFM_TEST(Int32WithRelu) {
  SingleOpModel m(schema::BuiltinOperator_MUL);
  m.AddInput(DataType::kInt32, {2, 3});
  m.AddInput(DataType::kInt32, {3});
  m.AddOutput(DataType::kInt32, {2, 3});
  SetActivation(m, schema::ActivationFunctionType_RELU);
  TFM_EXPECT_EQ(Status::kOk, m.Build());
  const std::vector<int32_t> a = {-7, 3, 100000, 0, -1, 5};
  // 100000 * -9 exercises a product beyond 16 bits.
  const std::vector<int32_t> b = {4, -9, 1};
  m.SetInput(0, a);
  m.SetInput(1, b);
  TFM_EXPECT_EQ(Status::kOk, m.Invoke());
  const int32_t* out = m.Output<int32_t>(0);
  for (int i = 0; i < 6; ++i) {
    TFM_EXPECT_EQ(std::max<int32_t>(0, a[i] * b[i % 3]), out[i]);
  }
}

TFM_TEST(Int8SameShape) {
  CheckBinaryQuantized<int8_t>(kMul, DataType::kInt8, {1, 4, 4, 3}, 0.05f, -3,
                               {1, 4, 4, 3}, 0.02f, 10, {1, 4, 4, 3}, 0.12f, 5,
                               schema::ActivationFunctionType_NONE, 11);
}

TFM_TEST(Int8Broadcast) {
  CheckBinaryQuantized<int8_t>(kMul, DataType::kInt8, {2, 1, 5}, 0.1f, 0,
                               {3, 1}, 0.03f, -128, {2, 3, 5}, 0.08f, -20,
                               schema::ActivationFunctionType_NONE, 12);
}

TFM_TEST(Int8FusedRelu6) {
  CheckBinaryQuantized<int8_t>(kMul, DataType::kInt8, {4, 5}, 0.08f, 1, {4, 5},
                               0.06f, -2, {4, 5}, 0.03f, -128,
                               schema::ActivationFunctionType_RELU6, 13);
}

TFM_TEST(Int16General) {
  CheckBinaryQuantized<int16_t>(kMul, DataType::kInt16, {3, 4}, 3e-3f, 0, {4},
                                1e-3f, 0, {3, 4}, 4e-3f, 0,
                                schema::ActivationFunctionType_NONE, 14);
}

TFM_TEST(RejectsInvalidModels) {
  testing::ExpectBinaryOpRejections(schema::BuiltinOperator_MUL);
}

// Found by the fuzzer: 0.02 * 0.02 / 1e-45 overflows float, and the
// infinite multiplier reached an undefined float-to-int conversion.
TFM_TEST(RejectsScalesWhoseRescaleOverflows) {
  SingleOpModel m(schema::BuiltinOperator_MUL);
  m.AddInput(DataType::kInt8, {2}, 0.02f, 0);
  m.AddInput(DataType::kInt8, {2}, 0.02f, 0);
  m.AddOutput(DataType::kInt8, {2}, 1e-45f, 0);
  TFM_EXPECT_EQ(Status::kKernelError, m.Build());
  TFM_EXPECT_TRUE(TfmContains(m.error(), "node 0 (MUL)"));
  TFM_EXPECT_TRUE(TfmContains(m.error(), "input1 x input2 / output rescale"));
  TFM_EXPECT_TRUE(TfmContains(m.error(), "not a finite"));
}

}  // namespace
}  // namespace tfmicro

TFM_TEST_MAIN()
