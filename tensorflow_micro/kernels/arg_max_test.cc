// ARG_MAX: results against a naive search (ties, negative axes, INT32 and
// INT64 outputs, bool), and prepare's rejections. Bit-exactness against
// TFLite is proven by python/tests/conformance/test_index_ops.py.
#include <cstdint>
#include <vector>

#include "tensorflow_micro/testing/kernel_test_util.h"
#include "tensorflow_micro/testing/micro_test.h"
#include "tensorflow_micro/testing/single_op_model.h"

namespace tfmicro {
namespace {

TFM_TEST(Results) {
  testing::CheckArgMinMaxCases(schema::BuiltinOperator_ARG_MAX);
}

TFM_TEST(Rejections) {
  testing::ExpectArgMinMaxRejections(schema::BuiltinOperator_ARG_MAX);
}

}  // namespace
}  // namespace tfmicro

TFM_TEST_MAIN()
