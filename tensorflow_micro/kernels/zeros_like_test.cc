// ZEROS_LIKE: zeros of the input's type for FLOAT32, INT32 and INT64, and
// prepare's rejections.
#include <cstdint>

#include "tensorflow_micro/testing/elementwise_test_util.h"
#include "tensorflow_micro/testing/micro_test.h"

namespace tfmicro {
namespace {

constexpr auto kOp = schema::BuiltinOperator_ZEROS_LIKE;

TFM_TEST(Float) {
  testing::CheckUnaryFloat(kOp, [](double) { return 0.0; }, -3.0, 3.0);
}

TFM_TEST(Int32) {
  testing::CheckUnaryExact<int32_t>(kOp, DataType::kInt32, {-7, 0, 5},
                                    [](int32_t) { return int32_t{0}; });
}

TFM_TEST(Int64) {
  testing::CheckUnaryExact<int64_t>(kOp, DataType::kInt64, {-7, 1LL << 40},
                                    [](int64_t) { return int64_t{0}; });
}

TFM_TEST(RejectsInvalidModels) {
  testing::ExpectUnaryRejections(kOp, DataType::kInt8, false);
}

}  // namespace
}  // namespace tfmicro

TFM_TEST_MAIN()
