// NOT_EQUAL: FLOAT32, INT8 (two scales, compared on the real values), INT16,
// INT32, INT64 and BOOL with broadcasting and ties, and prepare's
// rejections.
// Bit-exactness against TFLite is proven by
// python/tests/conformance/test_comparisons.py.
#include <cstdint>

#include "tensorflow_micro/testing/elementwise_test_util.h"
#include "tensorflow_micro/testing/micro_test.h"

namespace tfmicro {
namespace {

constexpr auto kOp = schema::BuiltinOperator_NOT_EQUAL;

bool Expected(double a, double b) { return a != b; }

TFM_TEST(NumericTypes) { testing::CheckNumericComparisons(kOp, Expected); }

TFM_TEST(QuantizedInt16ComparesRescaledValues) {
  testing::CheckComparison<int16_t>(kOp, DataType::kInt16, Expected, 0.5f, 0,
                                    0.25f, 0);
}

TFM_TEST(Bool) {
  testing::CheckBoolBinary(kOp, [](bool a, bool b) { return a != b; });
}

TFM_TEST(BoolBytesOtherThanZeroAndOneAreTrue) {
  testing::CheckBoolBinaryOnOtherBytes(kOp,
                                       [](bool a, bool b) { return a != b; });
}

TFM_TEST(RejectsInvalidModels) {
  testing::ExpectBoolOutputRejections(kOp, DataType::kUInt8, true);
}

}  // namespace
}  // namespace tfmicro

TFM_TEST_MAIN()
