// REDUCE_MIN: float, int8 and int16 against the naive min, and prepare's
// rejections (testing::CheckReduceMaxMin). Bit-exactness against TFLite is
// proven by python/tests/conformance/test_reduce.py.
#include "tensorflow_micro/testing/kernel_test_util.h"
#include "tensorflow_micro/testing/micro_test.h"

namespace tfmicro {
namespace {

TFM_TEST(MatchesNaiveMinAndRejectsBadModels) {
  testing::CheckReduceMaxMin(schema::BuiltinOperator_REDUCE_MIN,
                             /*max=*/false);
}

TFM_TEST(BoolIsWhetherEveryElementIsTrue) {
  // every element is true.
  testing::CheckBoolReduce(schema::BuiltinOperator_REDUCE_MIN,
                           {2, 255, 1, 0, 1, 1}, 1, 0);
}

}  // namespace
}  // namespace tfmicro

TFM_TEST_MAIN()
