// GREATER: FLOAT32, INT8 (two scales, compared on the real values), INT16,
// INT32 and INT64 with broadcasting and ties, and prepare's rejections.
// Bit-exactness against TFLite is proven by
// python/tests/conformance/test_comparisons.py.
#include <cstdint>

#include "tensorflow_micro/testing/elementwise_test_util.h"
#include "tensorflow_micro/testing/micro_test.h"

namespace tfmicro {
namespace {

constexpr auto kOp = schema::BuiltinOperator_GREATER;

bool Expected(double a, double b) { return a > b; }

TFM_TEST(NumericTypes) { testing::CheckNumericComparisons(kOp, Expected); }

TFM_TEST(RejectsInvalidModels) {
  testing::ExpectBoolOutputRejections(kOp, DataType::kBool, true);
}

}  // namespace
}  // namespace tfmicro

TFM_TEST_MAIN()
