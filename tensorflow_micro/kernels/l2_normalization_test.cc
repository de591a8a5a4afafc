// L2_NORMALIZATION: float and int8 against x / ||x|| per row (int8 within
// one step of the 1/128 output scale), the epsilon floor on an all-zero
// row, and prepare's rejections. Bit-exactness against TFLite is proven by
// python/tests/conformance/test_normalization.py.
#include <cmath>
#include <cstdint>
#include <vector>

#include "tensorflow_micro/testing/kernel_test_util.h"
#include "tensorflow_micro/testing/micro_test.h"
#include "tensorflow_micro/testing/single_op_model.h"

namespace tfmicro {
namespace {

using testing::SingleOpModel;

constexpr int kRows = 4;
constexpr int kDepth = 9;

double Value(int i) { return ((i * 37) % 23) * 0.3 - 3.0; }

TFM_TEST(FloatRowsHaveUnitNorm) {
  SingleOpModel m(schema::BuiltinOperator_L2_NORMALIZATION);
  m.AddInput(DataType::kFloat32, {kRows, kDepth});
  m.AddOutput(DataType::kFloat32, {kRows, kDepth});
  TFM_EXPECT_EQ(Status::kOk, m.Build());
  std::vector<float> x(kRows * kDepth);
  for (int i = 0; i < kRows * kDepth; ++i) {
    x[i] = i < kDepth ? 0.f : static_cast<float>(Value(i));  // row 0: zeros
  }
  m.SetInput(0, x);
  TFM_EXPECT_EQ(Status::kOk, m.Invoke());
  const float* out = m.Output<float>(0);
  for (int r = 0; r < kRows; ++r) {
    double norm = 0;
    for (int c = 0; c < kDepth; ++c) norm += x[r * kDepth + c] * x[r * kDepth + c];
    norm = std::fmax(std::sqrt(norm), 1e-6);
    for (int c = 0; c < kDepth; ++c) {
      TFM_EXPECT_NEAR(x[r * kDepth + c] / norm, out[r * kDepth + c], 1e-6);
    }
  }
}

TFM_TEST(Int8WithinOneStep) {
  const float scale = 0.03f;
  const int zero_point = -9;
  SingleOpModel m(schema::BuiltinOperator_L2_NORMALIZATION);
  m.AddInput(DataType::kInt8, {kRows, kDepth}, scale, zero_point);
  m.AddOutput(DataType::kInt8, {kRows, kDepth}, 1.f / 128, 0);
  TFM_EXPECT_EQ(Status::kOk, m.Build());
  std::vector<int8_t> q(kRows * kDepth);
  for (int i = 0; i < kRows * kDepth; ++i) {
    q[i] = static_cast<int8_t>((i * 71) % 256 - 128);
  }
  m.SetInput(0, q);
  TFM_EXPECT_EQ(Status::kOk, m.Invoke());
  const int8_t* out = m.Output<int8_t>(0);
  for (int r = 0; r < kRows; ++r) {
    double norm = 0;
    for (int c = 0; c < kDepth; ++c) {
      const double v = q[r * kDepth + c] - zero_point;
      norm += v * v;
    }
    norm = std::sqrt(norm);
    for (int c = 0; c < kDepth; ++c) {
      const double expected = (q[r * kDepth + c] - zero_point) / norm * 128;
      TFM_EXPECT_NEAR(testing::Saturate<int8_t>(expected),
                      out[r * kDepth + c], 1.0);
    }
  }
}

TFM_TEST(RejectsOtherOutputQuantizationAndActivation) {
  SingleOpModel q(schema::BuiltinOperator_L2_NORMALIZATION);
  q.AddInput(DataType::kInt8, {2, 4}, 0.1f, 0);
  q.AddOutput(DataType::kInt8, {2, 4}, 1.f / 256, 0);
  TFM_EXPECT_EQ(Status::kKernelError, q.Build());
  TFM_EXPECT_TRUE(TfmContains(q.error(), "node 0 (L2_NORMALIZATION)"));
  TFM_EXPECT_TRUE(TfmContains(q.error(), "scale 1/128"));

  SingleOpModel act(schema::BuiltinOperator_L2_NORMALIZATION);
  act.AddInput(DataType::kFloat32, {2, 4});
  act.AddOutput(DataType::kFloat32, {2, 4});
  act.SetOptions(schema::BuiltinOptions_L2NormOptions,
                 schema::CreateL2NormOptions(
                     act.builder(), schema::ActivationFunctionType_RELU)
                     .Union());
  TFM_EXPECT_EQ(Status::kKernelError, act.Build());
  TFM_EXPECT_TRUE(TfmContains(act.error(), "fused activation"));
}

}  // namespace
}  // namespace tfmicro

TFM_TEST_MAIN()
