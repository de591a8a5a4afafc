// RELU_N1_TO_1: float min(max(-1, x), 1) exactly, int8/int16 within one
// step of the real value requantized to the output, and prepare's
// rejections. Bit-exactness against TFLite is proven by
// python/tests/conformance/test_built_dtypes.py.
#include <cstdint>

#include "tensorflow_micro/testing/kernel_test_util.h"
#include "tensorflow_micro/testing/micro_test.h"
#include "tensorflow_micro/testing/single_op_model.h"

namespace tfmicro {
namespace {

constexpr auto kOp = schema::BuiltinOperator_RELU_N1_TO_1;
constexpr auto kActivation = schema::ActivationFunctionType_RELU_N1_TO_1;

TFM_TEST(Float) { testing::CheckClampActivationFloat(kOp, kActivation); }

TFM_TEST(Int8Rescaled) {
  testing::CheckClampActivationQuantized<int8_t>(kOp, kActivation,
                                                 DataType::kInt8, 0.05f, 3,
                                                 0.01f, -5);
}

TFM_TEST(Int16) {
  testing::CheckClampActivationQuantized<int16_t>(
      kOp, kActivation, DataType::kInt16, 2e-4f, 0, 1e-4f, 0);
}

TFM_TEST(RejectsInvalidModels) {
  testing::ExpectClampActivationRejections(kOp);
}

}  // namespace
}  // namespace tfmicro

TFM_TEST_MAIN()
