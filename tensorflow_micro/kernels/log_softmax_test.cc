// LOG_SOFTMAX: float against a double log-softmax per row, int8 within one
// step of it on the fixed 16/256 output scale (clamped to its range), and
// prepare's rejections. Bit-exactness against TFLite is proven by
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

constexpr int kRows = 3;
constexpr int kDepth = 10;

// log_softmax of row r of `x` at column c, in double.
double LogSoftmax(const std::vector<double>& x, int r, int c) {
  double max = x[r * kDepth];
  for (int i = 0; i < kDepth; ++i) max = std::fmax(max, x[r * kDepth + i]);
  double sum = 0;
  for (int i = 0; i < kDepth; ++i) sum += std::exp(x[r * kDepth + i] - max);
  return x[r * kDepth + c] - max - std::log(sum);
}

TFM_TEST(FloatMatchesDouble) {
  SingleOpModel m(schema::BuiltinOperator_LOG_SOFTMAX);
  m.AddInput(DataType::kFloat32, {kRows, kDepth});
  m.AddOutput(DataType::kFloat32, {kRows, kDepth});
  TFM_EXPECT_EQ(Status::kOk, m.Build());
  std::vector<float> x(kRows * kDepth);
  std::vector<double> xd(x.size());
  for (size_t i = 0; i < x.size(); ++i) {
    x[i] = static_cast<float>((i * 37) % 23) * 0.7f - 8.f;
    xd[i] = x[i];
  }
  m.SetInput(0, x);
  TFM_EXPECT_EQ(Status::kOk, m.Invoke());
  const float* out = m.Output<float>(0);
  for (int r = 0; r < kRows; ++r) {
    for (int c = 0; c < kDepth; ++c) {
      const double e = LogSoftmax(xd, r, c);
      TFM_EXPECT_NEAR(e, out[r * kDepth + c], 1e-5 * std::fabs(e) + 1e-5);
    }
  }
}

TFM_TEST(Int8WithinOneStep) {
  const float scale = 0.05f;
  const int zero_point = 4;
  SingleOpModel m(schema::BuiltinOperator_LOG_SOFTMAX);
  m.AddInput(DataType::kInt8, {kRows, kDepth}, scale, zero_point);
  m.AddOutput(DataType::kInt8, {kRows, kDepth}, 16.f / 256, 127);
  TFM_EXPECT_EQ(Status::kOk, m.Build());
  std::vector<int8_t> q(kRows * kDepth);
  std::vector<double> real(q.size());
  for (size_t i = 0; i < q.size(); ++i) {
    q[i] = static_cast<int8_t>((i * 89) % 256 - 128);
    real[i] = scale * (q[i] - zero_point);
  }
  m.SetInput(0, q);
  TFM_EXPECT_EQ(Status::kOk, m.Invoke());
  const int8_t* out = m.Output<int8_t>(0);
  for (int r = 0; r < kRows; ++r) {
    for (int c = 0; c < kDepth; ++c) {
      const double e = LogSoftmax(real, r, c) * 16 + 127;
      TFM_EXPECT_NEAR(testing::Saturate<int8_t>(e), out[r * kDepth + c], 1.0);
    }
  }
}

TFM_TEST(RejectsOtherOutputQuantizationAndTinyScale) {
  SingleOpModel q(schema::BuiltinOperator_LOG_SOFTMAX);
  q.AddInput(DataType::kInt8, {2, 4}, 0.1f, 0);
  q.AddOutput(DataType::kInt8, {2, 4}, 1.f / 256, -128);
  TFM_EXPECT_EQ(Status::kKernelError, q.Build());
  TFM_EXPECT_TRUE(TfmContains(q.error(), "node 0 (LOG_SOFTMAX)"));
  TFM_EXPECT_TRUE(TfmContains(q.error(), "scale 16/256"));

  SingleOpModel tiny(schema::BuiltinOperator_LOG_SOFTMAX);
  tiny.AddInput(DataType::kInt8, {2, 4}, 1e-9f, 0);
  tiny.AddOutput(DataType::kInt8, {2, 4}, 16.f / 256, 127);
  TFM_EXPECT_EQ(Status::kKernelError, tiny.Build());
  TFM_EXPECT_TRUE(TfmContains(tiny.error(), "too small"));
}

TFM_TEST(HugeInputScaleIsCappedAsTfliteDoes) {
  // 3e38 * 2^26 overflows a Q5.26 multiplier; TFLite caps it at 2^31 - 1
  // (shift 31), so every value below the maximum underflows to -128 and the
  // maximum gives log(1) = 0 on the output scale (zero point 127).
  SingleOpModel m(schema::BuiltinOperator_LOG_SOFTMAX);
  m.AddInput(DataType::kInt8, {1, 4}, 3e38f, 0);
  m.AddOutput(DataType::kInt8, {1, 4}, 16.f / 256, 127);
  TFM_EXPECT_EQ(Status::kOk, m.Build());
  m.SetInput<int8_t>(0, {-3, 7, 6, 5});
  TFM_EXPECT_EQ(Status::kOk, m.Invoke());
  const int8_t* out = m.Output<int8_t>(0);
  TFM_EXPECT_EQ(-128, out[0]);
  TFM_EXPECT_EQ(127, out[1]);
  TFM_EXPECT_EQ(-128, out[2]);
  TFM_EXPECT_EQ(-128, out[3]);
}

}  // namespace
}  // namespace tfmicro

TFM_TEST_MAIN()
