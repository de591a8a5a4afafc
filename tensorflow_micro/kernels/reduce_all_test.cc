// REDUCE_ALL: against a naive logical AND over axis sets, keep_dims on and
// off, and prepare's rejection of non-BOOL input. Bit-exactness against
// TFLite is proven by python/tests/conformance/test_reduce.py.
#include <cstdint>
#include <vector>

#include "tensorflow_micro/testing/kernel_test_util.h"
#include "tensorflow_micro/testing/micro_test.h"
#include "tensorflow_micro/testing/single_op_model.h"

namespace tfmicro {
namespace {


TFM_TEST(MatchesNaiveAll) {
  testing::CheckBoolReduceCases(schema::BuiltinOperator_REDUCE_ALL,
                                /*any=*/false);
}

TFM_TEST(BoolBytesOtherThanZeroAndOneAreTrue) {
  testing::CheckBoolReduce(schema::BuiltinOperator_REDUCE_ALL,
                           {2, 255, 1, 2, 0, 1}, 1, 0);
}

TFM_TEST(RejectsNonBoolInput) {
  testing::ExpectReduceTypeRejected(schema::BuiltinOperator_REDUCE_ALL,
                                    DataType::kFloat32);
}

}  // namespace
}  // namespace tfmicro

TFM_TEST_MAIN()
