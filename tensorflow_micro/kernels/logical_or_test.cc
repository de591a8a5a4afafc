// LOGICAL_OR: every pair of BOOL values with broadcasting, and
// prepare's rejections.
#include "tensorflow_micro/testing/elementwise_test_util.h"
#include "tensorflow_micro/testing/micro_test.h"

namespace tfmicro {
namespace {

constexpr auto kOp = schema::BuiltinOperator_LOGICAL_OR;

TFM_TEST(Bool) {
  testing::CheckBoolBinary(kOp, [](bool a, bool b) { return a || b; });
}

TFM_TEST(BoolBytesOtherThanZeroAndOneAreTrue) {
  testing::CheckBoolBinaryOnOtherBytes(kOp,
                                       [](bool a, bool b) { return a || b; });
}

TFM_TEST(RejectsInvalidModels) {
  testing::ExpectBoolOutputRejections(kOp, DataType::kFloat32, false);
}

}  // namespace
}  // namespace tfmicro

TFM_TEST_MAIN()
