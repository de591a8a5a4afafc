// REDUCE_MAX: float, int8 and int16 against the naive max, and prepare's
// rejections (testing::CheckReduceMaxMin). Bit-exactness against TFLite is
// proven by python/tests/conformance/test_reduce.py.
#include "tensorflow_micro/testing/kernel_test_util.h"
#include "tensorflow_micro/testing/micro_test.h"

namespace tfmicro {
namespace {

TFM_TEST(MatchesNaiveMaxAndRejectsBadModels) {
  testing::CheckReduceMaxMin(schema::BuiltinOperator_REDUCE_MAX,
                             /*max=*/true);
}

TFM_TEST(BoolIsWhetherAnyElementIsTrue) {
  // any element is true.
  testing::CheckBoolReduce(schema::BuiltinOperator_REDUCE_MAX,
                           {0, 2, 0, 0, 0, 0}, 1, 0);
}

}  // namespace
}  // namespace tfmicro

TFM_TEST_MAIN()
