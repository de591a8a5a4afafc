// ARG_MIN: results against a naive search (ties, negative axes, INT32 and
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
  testing::CheckArgMinMaxCases(schema::BuiltinOperator_ARG_MIN);
}

TFM_TEST(BoolBytesOtherThanZeroAndOneAreTrue) {
  // 1, 2 and 255 are all true: the first of them ties for the maximum.
  testing::SingleOpModel m(schema::BuiltinOperator_ARG_MIN);
  m.AddConstInput<uint8_t>(DataType::kBool, {4}, {1, 2, 0, 255});
  m.AddConstInput<int32_t>(DataType::kInt32, {1}, {0});
  m.AddOutput(DataType::kInt32, {});
  TFM_EXPECT_EQ(Status::kOk, m.Build());
  TFM_EXPECT_EQ(Status::kOk, m.Invoke());
  TFM_EXPECT_EQ(2, m.Output<int32_t>(0)[0]);
}

TFM_TEST(Rejections) {
  testing::ExpectArgMinMaxRejections(schema::BuiltinOperator_ARG_MIN);
}

}  // namespace
}  // namespace tfmicro

TFM_TEST_MAIN()
