// RSQRT: FLOAT32 against 1 / std::sqrt, INT8 (fixed point) and INT16
// (lookup table) near 1 / sqrt(x) on the output's scale, an input below
// the zero point failing the invoke, and prepare's rejections.
// Bit-exactness against TFLite is proven by
// python/tests/conformance/test_elementwise_unary.py.
#include <cmath>
#include <cstdint>

#include "tensorflow_micro/testing/elementwise_test_util.h"
#include "tensorflow_micro/testing/micro_test.h"

namespace tfmicro {
namespace {

constexpr auto kOp = schema::BuiltinOperator_RSQRT;

double Real(double x) { return 1.0 / std::sqrt(x); }

TFM_TEST(Float) { testing::CheckUnaryFloat(kOp, Real, 0.01, 20.0); }

TFM_TEST(Int8) {
  // From one step above the zero point (which maps to the largest output).
  testing::CheckUnaryQuantized<int8_t>(kOp, DataType::kInt8, 0.05f, -128,
                                       0.02f, -128, Real, 0.04, 1e9, 1.0);
}

TFM_TEST(Int16) {
  // Interpolation is coarse where the curve is steep: from x = 1 on.
  testing::CheckUnaryQuantized<int16_t>(kOp, DataType::kInt16, 1e-3f, 0,
                                        1e-4f, 0, Real, 1.0, 1e9, 12.0);
}

TFM_TEST(InputBelowZeroPointFailsInvoke) {
  testing::SingleOpModel m(kOp);
  m.AddInput(DataType::kInt8, {2}, 0.1f, -5);
  m.AddOutput(DataType::kInt8, {2}, 0.1f, 0);
  TFM_EXPECT_EQ(Status::kOk, m.Build());
  m.SetInput<int8_t>(0, {4, -6});
  TFM_EXPECT_EQ(Status::kKernelError, m.Invoke());
  TFM_EXPECT_TRUE(TfmContains(m.error(), "positive values"));
}

TFM_TEST(RejectsInvalidModels) {
  testing::ExpectUnaryRejections(kOp, DataType::kInt32, true);
}

}  // namespace
}  // namespace tfmicro

TFM_TEST_MAIN()
