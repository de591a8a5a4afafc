// RELU: float max(0, x) exactly, int8/int16 within one step of the real
// value requantized to the output, and prepare's rejections. Bit-exactness
// against TFLite is proven by python/tests/conformance/test_elementwise.py.
#include <cstdint>

#include "tensorflow_micro/testing/kernel_test_util.h"
#include "tensorflow_micro/testing/micro_test.h"
#include "tensorflow_micro/testing/single_op_model.h"

namespace tfmicro {
namespace {

TFM_TEST(Float) {
  testing::CheckClampActivationFloat(schema::BuiltinOperator_RELU,
                                     schema::ActivationFunctionType_RELU);
}

template <typename T>
void CheckQuantized(DataType type, float in_scale, int in_zp, float out_scale,
                    int out_zp) {
  testing::CheckClampActivationQuantized<T>(
      schema::BuiltinOperator_RELU, schema::ActivationFunctionType_RELU, type,
      in_scale, in_zp, out_scale, out_zp);
}

TFM_TEST(Int8SameScale) {
  CheckQuantized<int8_t>(DataType::kInt8, 0.05f, 3, 0.05f, 3);
}
TFM_TEST(Int8Rescaled) {
  CheckQuantized<int8_t>(DataType::kInt8, 0.05f, 3, 0.03f, -128);
}
TFM_TEST(Int16) {
  CheckQuantized<int16_t>(DataType::kInt16, 2e-4f, 0, 1e-4f, 0);
}

TFM_TEST(RejectsInvalidModels) {
  testing::ExpectClampActivationRejections(schema::BuiltinOperator_RELU);
}

}  // namespace
}  // namespace tfmicro

TFM_TEST_MAIN()
