// SQUARED_DIFFERENCE: FLOAT32 against (a - b)^2 in double with
// broadcasting, INT8 within one step of the real result, INT32 exact, and
// prepare's rejections. Bit-exactness against TFLite is proven by
// python/tests/conformance/test_binary_arithmetic.py.
#include <cstdint>

#include "tensorflow_micro/testing/elementwise_test_util.h"
#include "tensorflow_micro/testing/kernel_test_util.h"
#include "tensorflow_micro/testing/micro_test.h"

namespace tfmicro {
namespace {

const testing::BinaryOpCase kCase = {
    schema::BuiltinOperator_SQUARED_DIFFERENCE, testing::NoOptions,
    [](double a, double b) { return (a - b) * (a - b); },
    [](float a_scale, int a, float b_scale, int b) {
      const float diff = a_scale * a - b_scale * b;
      return diff * diff;
    }};

TFM_TEST(Float) {
  testing::CheckBinaryFloat(kCase, {2, 1, 3}, {4, 1}, {2, 4, 3},
                            schema::ActivationFunctionType_NONE, 1);
}

TFM_TEST(Int8) {
  testing::CheckBinaryQuantized<int8_t>(
      kCase, DataType::kInt8, {2, 1, 3}, 0.02f, 3, {4, 1}, 0.03f, -7,
      {2, 4, 3}, 0.2f, -128, schema::ActivationFunctionType_NONE, 2);
}

TFM_TEST(Int32) {
  testing::CheckBinaryExact<int32_t>(kCase.op, DataType::kInt32,
                                     [](int32_t a, int32_t b) {
                                       return (a - b) * (a - b);
                                     });
}

TFM_TEST(RejectsInvalidModels) {
  testing::ExpectSameTypeBinaryRejections(kCase.op, DataType::kInt16);
}

}  // namespace
}  // namespace tfmicro

TFM_TEST_MAIN()
