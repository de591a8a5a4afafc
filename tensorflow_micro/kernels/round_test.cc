// ROUND: FLOAT32 results against std::nearbyint (ties to even), exact
// halves included, and prepare's rejections. Agreement with TFLite is
// proven by python/tests/conformance/test_elementwise_unary.py.
#include <cmath>
#include <vector>

#include "tensorflow_micro/testing/elementwise_test_util.h"
#include "tensorflow_micro/testing/micro_test.h"

namespace tfmicro {
namespace {

double Real(double x) { return std::nearbyint(x); }

TFM_TEST(Float) {
  // 61 points over [-3, 3] include every half.
  testing::CheckUnaryFloat(schema::BuiltinOperator_ROUND, Real, -3.0, 3.0);
}

TFM_TEST(TiesToEven) {
  testing::SingleOpModel m(schema::BuiltinOperator_ROUND);
  m.AddInput(DataType::kFloat32, {6});
  m.AddOutput(DataType::kFloat32, {6});
  TFM_EXPECT_EQ(Status::kOk, m.Build());
  m.SetInput<float>(0, {-2.5f, -1.5f, -0.5f, 0.5f, 1.5f, 2.5f});
  TFM_EXPECT_EQ(Status::kOk, m.Invoke());
  const std::vector<float> expected = {-2.f, -2.f, -0.f, 0.f, 2.f, 2.f};
  for (int i = 0; i < 6; ++i) TFM_EXPECT_EQ(expected[i], m.Output<float>(0)[i]);
}

TFM_TEST(RejectsInvalidModels) {
  testing::ExpectUnaryRejections(schema::BuiltinOperator_ROUND,
                                 DataType::kInt8, false);
}

}  // namespace
}  // namespace tfmicro

TFM_TEST_MAIN()
