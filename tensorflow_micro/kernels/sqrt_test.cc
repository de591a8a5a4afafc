// SQRT: FLOAT32 against std::sqrt, INT8/INT16 within one step (truncated
// as in TFLite), a negative quantized input failing the invoke, and
// prepare's rejections. Bit-exactness against TFLite is proven by
// python/tests/conformance/test_elementwise_unary.py.
#include <cmath>
#include <cstdint>

#include "tensorflow_micro/testing/elementwise_test_util.h"
#include "tensorflow_micro/testing/micro_test.h"

namespace tfmicro {
namespace {

constexpr auto kOp = schema::BuiltinOperator_SQRT;

double Real(double x) { return std::sqrt(x); }

TFM_TEST(Float) { testing::CheckUnaryFloat(kOp, Real, 0.0, 20.0); }

TFM_TEST(Int8) {
  testing::CheckUnaryQuantized<int8_t>(kOp, DataType::kInt8, 0.05f, -128,
                                       0.02f, -128, Real, 0.0, 1e9, 1.0);
}

TFM_TEST(Int16) {
  testing::CheckUnaryQuantized<int16_t>(kOp, DataType::kInt16, 1e-3f, 0,
                                        1e-3f, 0, Real, 0.0, 1e9, 1.0);
}

TFM_TEST(NegativeInputFailsInvoke) {
  testing::SingleOpModel m(kOp);
  m.AddInput(DataType::kInt8, {2}, 0.1f, 0);
  m.AddOutput(DataType::kInt8, {2}, 0.1f, 0);
  TFM_EXPECT_EQ(Status::kOk, m.Build());
  m.SetInput<int8_t>(0, {4, -1});
  TFM_EXPECT_EQ(Status::kKernelError, m.Invoke());
  TFM_EXPECT_TRUE(TfmContains(m.error(), "non-negative"));
}

TFM_TEST(RejectsInvalidModels) {
  testing::ExpectUnaryRejections(kOp, DataType::kInt32, true);
}

}  // namespace
}  // namespace tfmicro

TFM_TEST_MAIN()
