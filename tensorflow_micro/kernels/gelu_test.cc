// GELU: float against x * Phi(x) in double (and its tanh approximation with
// GeluOptions.approximate), int8 within one output step of it, int16 within
// its table's interpolation error, and prepare's rejections. Bit-exactness against TFLite is proven by
// python/tests/conformance/test_built_dtypes.py.
#include <cmath>
#include <cstdint>

#include "tensorflow_micro/testing/kernel_test_util.h"
#include "tensorflow_micro/testing/micro_test.h"
#include "tensorflow_micro/testing/single_op_model.h"

namespace tfmicro {
namespace {

constexpr auto kOp = schema::BuiltinOperator_GELU;

double Gelu(double x) { return 0.5 * x * std::erfc(-x / std::sqrt(2.0)); }

double GeluApproximate(double x) {
  const double kSqrt2OverPi = std::sqrt(2.0 / 3.14159265358979323846);
  return 0.5 * x * (1.0 + std::tanh(kSqrt2OverPi * (x + 0.044715 * x * x * x)));
}

void SetApproximate(testing::SingleOpModel& m) {
  m.SetOptions(schema::BuiltinOptions_GeluOptions,
               schema::CreateGeluOptions(m.builder(), true).Union());
}

TFM_TEST(Float) { testing::CheckUnaryFloat(kOp, Gelu); }

TFM_TEST(FloatApproximate) {
  testing::CheckUnaryFloat(kOp, GeluApproximate, SetApproximate);
}

TFM_TEST(Int8) {
  testing::CheckUnaryQuantized<int8_t>(kOp, DataType::kInt8, Gelu, 0.05f, 3,
                                       0.03f, -20);
}

TFM_TEST(Int16Approximate) {
  // The int16 table interpolates 512 segments over the input range: a few
  // output steps of 2e-4 off the function, as TFLite's.
  testing::CheckUnaryQuantized<int16_t>(kOp, DataType::kInt16,
                                        GeluApproximate, 3e-4f, 0, 2e-4f, 0,
                                        SetApproximate, 8.0);
}

TFM_TEST(RejectsInt32) {
  testing::SingleOpModel m(kOp);
  m.AddInput(DataType::kInt32, {2});
  m.AddOutput(DataType::kInt32, {2});
  TFM_EXPECT_EQ(Status::kKernelError, m.Build());
  TFM_EXPECT_TRUE(TfmContains(m.error(), "input type INT32 not supported"));
}

}  // namespace
}  // namespace tfmicro

TFM_TEST_MAIN()
