// FLOOR_MOD: FLOAT32 against the floored remainder in double with
// broadcasting, INT8/INT16/INT32/INT64 exact (the sign of the divisor), a
// zero integer divisor failing the invoke, and prepare's rejections.
// Agreement with TFLite is proven by
// python/tests/conformance/test_binary_arithmetic.py.
#include <cmath>
#include <cstdint>

#include "tensorflow_micro/testing/elementwise_test_util.h"
#include "tensorflow_micro/testing/kernel_test_util.h"
#include "tensorflow_micro/testing/micro_test.h"

namespace tfmicro {
namespace {

const testing::BinaryOpCase kCase = {
    schema::BuiltinOperator_FLOOR_MOD, testing::NoOptions,
    [](double a, double b) { return a - b * std::floor(a / b); }, nullptr};

template <typename T>
T FloorMod(T a, T b) {
  const T remainder = static_cast<T>(a % b);
  return (remainder != 0 && ((remainder < 0) != (b < 0)))
             ? static_cast<T>(remainder + b)
             : remainder;
}

TFM_TEST(Float) {
  testing::CheckBinaryFloat(kCase, {2, 1, 3}, {4, 1}, {2, 4, 3},
                            schema::ActivationFunctionType_NONE, 1);
}

TFM_TEST(Integers) {
  testing::CheckBinaryExact<int8_t>(kCase.op, DataType::kInt8,
                                    FloorMod<int8_t>);
  testing::CheckBinaryExact<int16_t>(kCase.op, DataType::kInt16,
                                     FloorMod<int16_t>);
  testing::CheckBinaryExact<int32_t>(kCase.op, DataType::kInt32,
                                     FloorMod<int32_t>);
  testing::CheckBinaryExact<int64_t>(kCase.op, DataType::kInt64,
                                     FloorMod<int64_t>);
}

TFM_TEST(ZeroDivisorFailsInvoke) {
  testing::ExpectZeroDivisorFails(kCase.op);
}

TFM_TEST(RejectsInvalidModels) {
  testing::ExpectSameTypeBinaryRejections(kCase.op, DataType::kBool);
}

}  // namespace
}  // namespace tfmicro

TFM_TEST_MAIN()
