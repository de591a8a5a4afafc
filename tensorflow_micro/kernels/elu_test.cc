// ELU: float and int8 against the real function, and prepare's rejection of
// INT16. Bit-exactness against TFLite is proven by
// python/tests/conformance/test_activations_nn.py.
#include <cmath>
#include <cstdint>

#include "tensorflow_micro/testing/kernel_test_util.h"
#include "tensorflow_micro/testing/micro_test.h"
#include "tensorflow_micro/testing/single_op_model.h"

namespace tfmicro {
namespace {

double Elu(double x) { return x < 0 ? std::expm1(x) : x; }

TFM_TEST(FloatMatchesRealFunction) {
  testing::CheckUnaryFloat(schema::BuiltinOperator_ELU, Elu);
}

TFM_TEST(Int8WithinOneStep) {
  testing::CheckUnaryQuantized<int8_t>(schema::BuiltinOperator_ELU,
                                       DataType::kInt8, Elu, 0.04f, 10,
                                       0.025f, -60);
}

TFM_TEST(RejectsInt16) {
  testing::SingleOpModel m(schema::BuiltinOperator_ELU);
  m.AddInput(DataType::kInt16, {4}, 1e-3f, 0);
  m.AddOutput(DataType::kInt16, {4}, 1e-3f, 0);
  TFM_EXPECT_EQ(Status::kKernelError, m.Build());
  TFM_EXPECT_TRUE(TfmContains(m.error(), "input type INT16 not supported"));
}

}  // namespace
}  // namespace tfmicro

TFM_TEST_MAIN()
