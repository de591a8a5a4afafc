// LOG: FLOAT32 against std::log, INT8/INT16 (lookup tables) near log(x) on
// the output's scale with x <= 0 at the lowest output, and prepare's
// rejections. Bit-exactness against TFLite is proven by
// python/tests/conformance/test_elementwise_unary.py.
#include <cmath>
#include <cstdint>

#include "tensorflow_micro/testing/elementwise_test_util.h"
#include "tensorflow_micro/testing/micro_test.h"

namespace tfmicro {
namespace {

constexpr auto kOp = schema::BuiltinOperator_LOG;

double Real(double x) { return x <= 0 ? -1e30 : std::log(x); }

TFM_TEST(Float) { testing::CheckUnaryFloat(kOp, Real, 0.01, 20.0); }

TFM_TEST(Int8) {
  // Includes x <= 0, which saturates to -128.
  testing::CheckUnaryQuantized<int8_t>(kOp, DataType::kInt8, 0.05f, -100,
                                       0.03f, 20, Real, -1e9, 1e9, 1.0);
}

TFM_TEST(Int16) {
  // Interpolation is coarse where log bends sharply: from x = 0.3 on.
  testing::CheckUnaryQuantized<int16_t>(kOp, DataType::kInt16, 1e-4f, 0, 1e-4f,
                                        0, Real, 0.3, 1e9, 8.0);
}

TFM_TEST(RejectsInvalidModels) {
  testing::ExpectUnaryRejections(kOp, DataType::kInt32, true);
}

}  // namespace
}  // namespace tfmicro

TFM_TEST_MAIN()
