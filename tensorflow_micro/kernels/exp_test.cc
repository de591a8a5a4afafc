// EXP: FLOAT32 against std::exp, INT8/INT16 (lookup tables) near e^x on
// the output's scale, and prepare's rejections. Bit-exactness against
// TFLite is proven by python/tests/conformance/test_elementwise_unary.py.
#include <cmath>
#include <cstdint>

#include "tensorflow_micro/testing/elementwise_test_util.h"
#include "tensorflow_micro/testing/micro_test.h"

namespace tfmicro {
namespace {

constexpr auto kOp = schema::BuiltinOperator_EXP;

double Real(double x) { return std::exp(x); }

TFM_TEST(Float) { testing::CheckUnaryFloat(kOp, Real, -5.0, 5.0); }

TFM_TEST(Int8) {
  testing::CheckUnaryQuantized<int8_t>(kOp, DataType::kInt8, 0.02f, 0, 0.05f,
                                       -128, Real, -1e9, 1e9, 1.0);
}

TFM_TEST(Int16) {
  // Linear interpolation between 513 samples: a few steps of error.
  testing::CheckUnaryQuantized<int16_t>(kOp, DataType::kInt16, 1e-4f, 0, 3e-4f,
                                        0, Real, -1e9, 1e9, 4.0);
}

TFM_TEST(RejectsInvalidModels) {
  testing::ExpectUnaryRejections(kOp, DataType::kInt32, true);
}

}  // namespace
}  // namespace tfmicro

TFM_TEST_MAIN()
