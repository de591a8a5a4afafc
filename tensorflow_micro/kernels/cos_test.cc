// COS: FLOAT32 results against std::cos in double, and prepare's rejections.
// Bit-exactness against TFLite is proven by
// python/tests/conformance/test_elementwise_unary.py.
#include <cmath>

#include "tensorflow_micro/testing/elementwise_test_util.h"
#include "tensorflow_micro/testing/micro_test.h"

namespace tfmicro {
namespace {

double Real(double x) { return std::cos(x); }

TFM_TEST(Float) {
  testing::CheckUnaryFloat(schema::BuiltinOperator_COS, Real, -7.0, 7.0);
}

TFM_TEST(RejectsInvalidModels) {
  testing::ExpectUnaryRejections(schema::BuiltinOperator_COS, DataType::kInt8,
                                 false);
}

}  // namespace
}  // namespace tfmicro

TFM_TEST_MAIN()
