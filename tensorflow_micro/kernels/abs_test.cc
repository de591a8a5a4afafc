// ABS: FLOAT32 and INT32 exact, INT8/INT16 within one step of |x| on the
// output's scale, plain INT16, and prepare's rejections. Bit-exactness
// against TFLite is proven by
// python/tests/conformance/test_elementwise_unary.py.
#include <cmath>
#include <cstdint>
#include <limits>

#include "tensorflow_micro/testing/elementwise_test_util.h"
#include "tensorflow_micro/testing/micro_test.h"

namespace tfmicro {
namespace {

constexpr auto kOp = schema::BuiltinOperator_ABS;

double Real(double x) { return std::fabs(x); }

TFM_TEST(Float) { testing::CheckUnaryFloat(kOp, Real, -3.0, 3.0); }

TFM_TEST(Int32) {
  testing::CheckUnaryExact<int32_t>(
      kOp, DataType::kInt32,
      {-7, 0, 5, std::numeric_limits<int32_t>::max(),
       std::numeric_limits<int32_t>::min()},
      [](int32_t x) {
        // The minimum wraps to itself.
        return x < 0 ? static_cast<int32_t>(0u - static_cast<uint32_t>(x))
                     : x;
      });
}

TFM_TEST(Int8SameScale) {
  testing::CheckUnaryQuantized<int8_t>(kOp, DataType::kInt8, 0.05f, -10, 0.05f,
                                       -128, Real, -1e9, 1e9, 0.0);
}

TFM_TEST(Int8Rescaled) {
  testing::CheckUnaryQuantized<int8_t>(kOp, DataType::kInt8, 0.05f, 3, 0.03f,
                                       -128, Real, -1e9, 1e9, 1.0);
}

TFM_TEST(Int16Quantized) {
  testing::CheckUnaryQuantized<int16_t>(kOp, DataType::kInt16, 1e-4f, 0, 2e-4f,
                                        0, Real, -1e9, 1e9, 1.0);
}

TFM_TEST(Int16Plain) {
  testing::CheckUnaryExact<int16_t>(
      kOp, DataType::kInt16, {-32768, -5, 0, 32767}, [](int16_t x) {
        return static_cast<int16_t>(x < 0 ? -static_cast<int32_t>(x) : x);
      });
}

TFM_TEST(RejectsInvalidModels) {
  testing::ExpectUnaryRejections(kOp, DataType::kBool, true);
}

}  // namespace
}  // namespace tfmicro

TFM_TEST_MAIN()
