// FLOOR_DIV: FLOAT32 against floor(a / b) in double with broadcasting,
// INT8/INT16/INT32 exact (rounding toward minus infinity), a zero integer
// divisor failing the invoke, and prepare's rejections. Agreement with
// TFLite is proven by python/tests/conformance/test_binary_arithmetic.py.
#include <cmath>
#include <cstdint>

#include "tensorflow_micro/testing/elementwise_test_util.h"
#include "tensorflow_micro/testing/kernel_test_util.h"
#include "tensorflow_micro/testing/micro_test.h"

namespace tfmicro {
namespace {

const testing::BinaryOpCase kCase = {
    schema::BuiltinOperator_FLOOR_DIV, testing::NoOptions,
    [](double a, double b) { return std::floor(a / b); }, nullptr};

template <typename T>
T FloorDiv(T a, T b) {
  const T quotient = static_cast<T>(a / b);
  return (a % b != 0 && ((a < 0) != (b < 0))) ? static_cast<T>(quotient - 1)
                                              : quotient;
}

TFM_TEST(Float) {
  testing::CheckBinaryFloat(kCase, {2, 1, 3}, {4, 1}, {2, 4, 3},
                            schema::ActivationFunctionType_NONE, 1);
}

TFM_TEST(Integers) {
  testing::CheckBinaryExact<int8_t>(kCase.op, DataType::kInt8,
                                    FloorDiv<int8_t>);
  testing::CheckBinaryExact<int16_t>(kCase.op, DataType::kInt16,
                                     FloorDiv<int16_t>);
  testing::CheckBinaryExact<int32_t>(kCase.op, DataType::kInt32,
                                     FloorDiv<int32_t>);
}

TFM_TEST(ZeroDivisorFailsInvoke) {
  testing::ExpectZeroDivisorFails(kCase.op);
}

TFM_TEST(RejectsInvalidModels) {
  testing::ExpectSameTypeBinaryRejections(kCase.op, DataType::kInt64);
}

}  // namespace
}  // namespace tfmicro

TFM_TEST_MAIN()
