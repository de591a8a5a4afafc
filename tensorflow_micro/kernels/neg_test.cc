// NEG: FLOAT32, INT32 and INT64 exact (the minimum wraps), and prepare's
// rejections. Agreement with TFLite is proven by
// python/tests/conformance/test_elementwise_unary.py.
#include <cstdint>
#include <limits>

#include "tensorflow_micro/testing/elementwise_test_util.h"
#include "tensorflow_micro/testing/micro_test.h"

namespace tfmicro {
namespace {

constexpr auto kOp = schema::BuiltinOperator_NEG;

double Real(double x) { return -x; }

TFM_TEST(Float) { testing::CheckUnaryFloat(kOp, Real, -3.0, 3.0); }

TFM_TEST(Int32) {
  testing::CheckUnaryExact<int32_t>(
      kOp, DataType::kInt32, {-7, 0, 5, std::numeric_limits<int32_t>::min()},
      [](int32_t x) {
        return static_cast<int32_t>(0u - static_cast<uint32_t>(x));
      });
}

TFM_TEST(Int64) {
  testing::CheckUnaryExact<int64_t>(
      kOp, DataType::kInt64, {-7, 0, int64_t{1} << 40},
      [](int64_t x) { return -x; });
}

TFM_TEST(RejectsInvalidModels) {
  testing::ExpectUnaryRejections(kOp, DataType::kInt8, false);
}

}  // namespace
}  // namespace tfmicro

TFM_TEST_MAIN()
