// MAXIMUM: FLOAT32 against std::max with broadcasting, INT8 raw values
// (one quantization for all tensors, so exact), INT16/INT32/INT64 exact,
// and prepare's rejections. Bit-exactness against TFLite is proven by
// python/tests/conformance/test_binary_arithmetic.py.
#include <algorithm>
#include <cstdint>

#include "tensorflow_micro/testing/elementwise_test_util.h"
#include "tensorflow_micro/testing/kernel_test_util.h"
#include "tensorflow_micro/testing/micro_test.h"

namespace tfmicro {
namespace {

const testing::BinaryOpCase kCase = {
    schema::BuiltinOperator_MAXIMUM, testing::NoOptions,
    [](double a, double b) { return std::max(a, b); },
    [](float a_scale, int a, float b_scale, int b) {
      return std::max(a_scale * a, b_scale * b);
    }};

TFM_TEST(Float) {
  testing::CheckBinaryFloat(kCase, {2, 1, 3}, {4, 1}, {2, 4, 3},
                            schema::ActivationFunctionType_NONE, 1);
}

TFM_TEST(Int8) {
  testing::CheckBinaryQuantized<int8_t>(
      kCase, DataType::kInt8, {2, 1, 3}, 0.05f, 3, {4, 1}, 0.05f, 3,
      {2, 4, 3}, 0.05f, 3, schema::ActivationFunctionType_NONE, 2);
}

TFM_TEST(Integers) {
  testing::CheckBinaryExact<int16_t>(kCase.op, DataType::kInt16,
                                     [](int16_t a, int16_t b) {
                                       return std::max(a, b);
                                     });
  testing::CheckBinaryExact<int32_t>(kCase.op, DataType::kInt32,
                                     [](int32_t a, int32_t b) {
                                       return std::max(a, b);
                                     });
  testing::CheckBinaryExact<int64_t>(kCase.op, DataType::kInt64,
                                     [](int64_t a, int64_t b) {
                                       return std::max(a, b);
                                     });
}

TFM_TEST(RejectsInvalidModels) {
  testing::ExpectSameTypeBinaryRejections(kCase.op, DataType::kBool);
}

}  // namespace
}  // namespace tfmicro

TFM_TEST_MAIN()
