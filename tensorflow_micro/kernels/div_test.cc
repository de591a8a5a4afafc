// DIV: float results against a double-precision broadcast quotient, INT32
// truncating, INT8 within one step of the real quotient, zero divisors
// failing the invoke, and prepare's rejections. Bit-exactness against
// TFLite is proven by python/tests/conformance/test_binary_arithmetic.py.
#include <cstdint>
#include <limits>
#include <vector>

#include "tensorflow_micro/testing/kernel_test_util.h"
#include "tensorflow_micro/testing/micro_test.h"
#include "tensorflow_micro/testing/single_op_model.h"

namespace tfmicro {
namespace {

using testing::SingleOpModel;

constexpr auto kOp = schema::BuiltinOperator_DIV;

void SetActivation(SingleOpModel& m, schema::ActivationFunctionType act) {
  m.SetOptions(schema::BuiltinOptions_DivOptions,
               schema::CreateDivOptions(m.builder(), act).Union());
}

double Real(double a, double b) { return a / b; }

float Dequantized(float a_scale, int a, float b_scale, int b) {
  return a_scale * a / (b_scale * b);
}

const testing::BinaryOpCase kDiv = {kOp, SetActivation, Real, Dequantized};

TFM_TEST(Float) {
  testing::CheckBinaryFloat(kDiv, {2, 1, 3}, {4, 1}, {2, 4, 3},
                            schema::ActivationFunctionType_NONE, 1);
  testing::CheckBinaryFloat(kDiv, {3, 4}, {4}, {3, 4},
                            schema::ActivationFunctionType_RELU, 2);
}

TFM_TEST(Int32Truncates) {
  SingleOpModel m(kOp);
  m.AddInput(DataType::kInt32, {5});
  m.AddInput(DataType::kInt32, {5});
  m.AddOutput(DataType::kInt32, {5});
  TFM_EXPECT_EQ(Status::kOk, m.Build());
  m.SetInput<int32_t>(0, {7, -7, 7, std::numeric_limits<int32_t>::min(), 0});
  m.SetInput<int32_t>(1, {2, 2, -2, -1, 5});
  TFM_EXPECT_EQ(Status::kOk, m.Invoke());
  const std::vector<int32_t> expected = {
      3, -3, -3, std::numeric_limits<int32_t>::min(), 0};
  const int32_t* out = m.Output<int32_t>(0);
  for (int i = 0; i < 5; ++i) TFM_EXPECT_EQ(expected[i], out[i]);
}

TFM_TEST(Int8) {
  // Divisors (q - zp) in [-31, 31] \ {0} and a rescale of 100: the shifts
  // stay within the 31 bits where TFLite's arithmetic is well defined.
  SingleOpModel m(kOp);
  const int32_t n = 62 * 4;
  m.AddInput(DataType::kInt8, {n}, 0.01f, 3);
  m.AddInput(DataType::kInt8, {n}, 0.5f, -2);
  m.AddOutput(DataType::kInt8, {n}, 2e-4f, -10);
  TFM_EXPECT_EQ(Status::kOk, m.Build());
  std::vector<int8_t> a;
  std::vector<int8_t> b;
  testing::Random rng(7);
  for (int d = -31; d <= 31; ++d) {
    if (d == 0) continue;
    for (int k = 0; k < 4; ++k) {
      a.push_back(static_cast<int8_t>(rng.Int(-128, 127)));
      b.push_back(static_cast<int8_t>(d - 2));
    }
  }
  m.SetInput(0, a);
  m.SetInput(1, b);
  TFM_EXPECT_EQ(Status::kOk, m.Invoke());
  const int8_t* out = m.Output<int8_t>(0);
  for (int32_t i = 0; i < n; ++i) {
    const double real = 0.01 * (a[i] - 3) / (0.5 * (b[i] + 2));
    TFM_EXPECT_NEAR(testing::Saturate<int8_t>(-10 + real / 2e-4), out[i], 1.0);
  }
}

TFM_TEST(ZeroDivisorFailsInvoke) {
  for (DataType type : {DataType::kInt32, DataType::kInt8}) {
    SingleOpModel m(kOp);
    const bool int8 = type == DataType::kInt8;
    m.AddInput(type, {2}, int8 ? 0.1f : 0.f, 0);
    m.AddInput(type, {2}, int8 ? 0.1f : 0.f, int8 ? 5 : 0);
    m.AddOutput(type, {2}, int8 ? 0.1f : 0.f, 0);
    TFM_EXPECT_EQ(Status::kOk, m.Build());
    if (int8) {
      m.SetInput<int8_t>(0, {1, 2});
      m.SetInput<int8_t>(1, {3, 5});
    } else {
      m.SetInput<int32_t>(0, {1, 2});
      m.SetInput<int32_t>(1, {3, 0});
    }
    TFM_EXPECT_EQ(Status::kKernelError, m.Invoke());
    TFM_EXPECT_TRUE(TfmContains(m.error(), "zero divisor"));
  }
}

TFM_TEST(Int16) {
  SingleOpModel m(kOp);
  const int32_t n = 64;
  m.AddInput(DataType::kInt16, {n}, 0.002f, 0);
  m.AddInput(DataType::kInt16, {n}, 0.01f, 0);
  m.AddOutput(DataType::kInt16, {n}, 1e-3f, 0);
  TFM_EXPECT_EQ(Status::kOk, m.Build());
  std::vector<int16_t> a;
  std::vector<int16_t> b;
  testing::Random rng(9);
  for (int32_t i = 0; i < n; ++i) {
    a.push_back(static_cast<int16_t>(rng.Int(-32768, 32767)));
    const int divisor = rng.Int(1, 3000);
    b.push_back(static_cast<int16_t>(i % 2 == 0 ? divisor : -divisor));
  }
  m.SetInput(0, a);
  m.SetInput(1, b);
  TFM_EXPECT_EQ(Status::kOk, m.Invoke());
  const int16_t* out = m.Output<int16_t>(0);
  for (int32_t i = 0; i < n; ++i) {
    const double real = 0.002 * a[i] / (0.01 * b[i]);
    TFM_EXPECT_NEAR(testing::Saturate<int16_t>(real / 1e-3), out[i], 1.0);
  }
}

TFM_TEST(RejectsInt16ZeroPoint) {
  SingleOpModel m(kOp);
  m.AddInput(DataType::kInt16, {2}, 0.1f, 0);
  m.AddInput(DataType::kInt16, {2}, 0.1f, 4);
  m.AddOutput(DataType::kInt16, {2}, 0.1f, 0);
  TFM_EXPECT_EQ(Status::kKernelError, m.Build());
  TFM_EXPECT_TRUE(
      TfmContains(m.error(), "INT16 tensors must have zero point 0"));
}

}  // namespace
}  // namespace tfmicro

TFM_TEST_MAIN()
