// REDUCE_ANY: against a naive logical OR over axis sets, keep_dims on and
// off, BOOL bytes other than 0 and 1, and prepare's rejection of non-BOOL
// input. Bit-exactness against TFLite is proven by
// python/tests/conformance/test_built_dtypes.py.
#include "tensorflow_micro/testing/kernel_test_util.h"
#include "tensorflow_micro/testing/micro_test.h"
#include "tensorflow_micro/testing/single_op_model.h"

namespace tfmicro {
namespace {

TFM_TEST(MatchesNaiveAny) {
  testing::CheckBoolReduceCases(schema::BuiltinOperator_REDUCE_ANY,
                                /*any=*/true);
}

TFM_TEST(BoolBytesOtherThanZeroAndOneAreTrue) {
  testing::CheckBoolReduce(schema::BuiltinOperator_REDUCE_ANY,
                           {0, 0, 2, 0, 0, 0}, 1, 0);
}

TFM_TEST(RejectsNonBoolInput) {
  testing::ExpectReduceTypeRejected(schema::BuiltinOperator_REDUCE_ANY,
                                    DataType::kInt8);
}

}  // namespace
}  // namespace tfmicro

TFM_TEST_MAIN()
