// POW: float against std::pow, INT32 exact powers and TFLite's result for
// powers outside int32, broadcasting, a negative INT32 exponent failing the
// invoke, and prepare's rejections. Agreement with TFLite is proven by
// python/tests/conformance/test_built_dtypes.py.
#include <cmath>
#include <cstdint>
#include <limits>
#include <vector>

#include "tensorflow_micro/testing/micro_test.h"
#include "tensorflow_micro/testing/single_op_model.h"

namespace tfmicro {
namespace {

using testing::SingleOpModel;

constexpr auto kOp = schema::BuiltinOperator_POW;

TFM_TEST(FloatBroadcast) {
  SingleOpModel m(kOp);
  m.AddInput(DataType::kFloat32, {2, 3});
  m.AddInput(DataType::kFloat32, {3});
  m.AddOutput(DataType::kFloat32, {2, 3});
  TFM_EXPECT_EQ(Status::kOk, m.Build());
  const std::vector<float> a = {2.f, 0.5f, 9.f, -2.f, 3.f, 1.5f};
  const std::vector<float> b = {3.f, -1.f, 0.5f};
  m.SetInput(0, a);
  m.SetInput(1, b);
  TFM_EXPECT_EQ(Status::kOk, m.Invoke());
  const float* out = m.Output<float>(0);
  for (int i = 0; i < 6; ++i) {
    const double expected = std::pow(static_cast<double>(a[i]), b[i % 3]);
    if (std::isnan(expected)) {
      TFM_EXPECT_TRUE(std::isnan(out[i]));
    } else {
      TFM_EXPECT_NEAR(expected, out[i], 1e-6 * std::fabs(expected));
    }
  }
}

TFM_TEST(Int32ExactAndOutOfRange) {
  constexpr int32_t kMin = std::numeric_limits<int32_t>::min();
  SingleOpModel m(kOp);
  m.AddInput(DataType::kInt32, {8});
  m.AddInput(DataType::kInt32, {8});
  m.AddOutput(DataType::kInt32, {8});
  TFM_EXPECT_EQ(Status::kOk, m.Build());
  m.SetInput<int32_t>(0, {2, -3, 7, 0, 65536, 3, -1, -2});
  m.SetInput<int32_t>(1, {10, 3, 0, 0, 2, 21, 2147483647, 31});
  TFM_EXPECT_EQ(Status::kOk, m.Invoke());
  const int32_t expected[8] = {1024, -27, 1, 1, kMin, kMin, -1, kMin};
  const int32_t* out = m.Output<int32_t>(0);
  for (int i = 0; i < 8; ++i) TFM_EXPECT_EQ(expected[i], out[i]);
}

TFM_TEST(NegativeInt32ExponentFailsInvoke) {
  SingleOpModel m(kOp);
  m.AddInput(DataType::kInt32, {2});
  m.AddInput(DataType::kInt32, {2});
  m.AddOutput(DataType::kInt32, {2});
  TFM_EXPECT_EQ(Status::kOk, m.Build());
  m.SetInput<int32_t>(0, {2, 2});
  m.SetInput<int32_t>(1, {1, -1});
  TFM_EXPECT_EQ(Status::kKernelError, m.Invoke());
  TFM_EXPECT_TRUE(TfmContains(m.error(), "input2 element 1 is a negative"));
}

TFM_TEST(RejectsOtherTypes) {
  SingleOpModel m(kOp);
  m.AddInput(DataType::kInt8, {2}, 0.1f, 0);
  m.AddInput(DataType::kInt8, {2}, 0.1f, 0);
  m.AddOutput(DataType::kInt8, {2}, 0.1f, 0);
  TFM_EXPECT_EQ(Status::kKernelError, m.Build());
  TFM_EXPECT_TRUE(TfmContains(m.error(), "INT8 not supported"));
}

}  // namespace
}  // namespace tfmicro

TFM_TEST_MAIN()
