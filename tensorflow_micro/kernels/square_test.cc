// SQUARE: FLOAT32 results against x * x in double, and prepare's rejections.
// Bit-exactness against TFLite is proven by
// python/tests/conformance/test_elementwise_unary.py.
#include <cmath>

#include "tensorflow_micro/testing/elementwise_test_util.h"
#include "tensorflow_micro/testing/micro_test.h"

namespace tfmicro {
namespace {

double Real(double x) { return x * x; }

TFM_TEST(Float) {
  testing::CheckUnaryFloat(schema::BuiltinOperator_SQUARE, Real, -4.0, 4.0);
}

TFM_TEST(RejectsInvalidModels) {
  testing::ExpectUnaryRejections(schema::BuiltinOperator_SQUARE, DataType::kInt8,
                                 false);
}

}  // namespace
}  // namespace tfmicro

TFM_TEST_MAIN()
