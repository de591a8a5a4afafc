// MINIMUM: FLOAT32 with broadcasting, INT8 raw values, INT16/INT32/INT64
// exact, and prepare's rejections (testing::CheckMaximumMinimum).
// Bit-exactness against TFLite is proven by
// python/tests/conformance/test_binary_arithmetic.py.
#include "tensorflow_micro/testing/elementwise_test_util.h"
#include "tensorflow_micro/testing/micro_test.h"

namespace tfmicro {
namespace {

TFM_TEST(Minimum) {
  testing::CheckMaximumMinimum(schema::BuiltinOperator_MINIMUM, false);
}

}  // namespace
}  // namespace tfmicro

TFM_TEST_MAIN()
