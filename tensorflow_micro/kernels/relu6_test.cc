// RELU6: float min(max(0, x), 6) exactly, int8/int16 within one step of the
// real value requantized to the output, and prepare's rejections. Bit-exactness
// against TFLite is proven by python/tests/conformance/test_elementwise.py.
#include <algorithm>
#include <cmath>
#include <cstdint>
#include <limits>
#include <vector>

#include "tensorflow_micro/testing/micro_test.h"
#include "tensorflow_micro/testing/single_op_model.h"

namespace tfmicro {
namespace {

using testing::SingleOpModel;

TFM_TEST(Float) {
  SingleOpModel m(schema::BuiltinOperator_RELU6);
  m.AddInput(DataType::kFloat32, {2, 4});
  m.AddOutput(DataType::kFloat32, {2, 4});
  TFM_EXPECT_EQ(Status::kOk, m.Build());
  const std::vector<float> x = {-3.5f, -0.f,   0.f, 1e-30f,
                                2.25f, -1e30f, 7.f, 1e30f};
  m.SetInput(0, x);
  TFM_EXPECT_EQ(Status::kOk, m.Invoke());
  const float* out = m.Output<float>(0);
  for (int i = 0; i < 8; ++i)
    TFM_EXPECT_TRUE(out[i] == std::min(6.f, std::max(0.f, x[i])));
}

template <typename T>
void CheckQuantized(DataType type, float in_scale, int in_zp, float out_scale,
                    int out_zp) {
  const int lo = std::numeric_limits<T>::min();
  const int hi = std::numeric_limits<T>::max();
  std::vector<T> q;
  for (int v = lo; v <= hi; v += (hi - lo) / 255)
    q.push_back(static_cast<T>(v));
  const int32_t n = static_cast<int32_t>(q.size());
  SingleOpModel m(schema::BuiltinOperator_RELU6);
  m.AddInput(type, {n}, in_scale, in_zp);
  m.AddOutput(type, {n}, out_scale, out_zp);
  TFM_EXPECT_EQ(Status::kOk, m.Build());
  m.SetInput(0, q);
  TFM_EXPECT_EQ(Status::kOk, m.Invoke());
  const T* out = m.Output<T>(0);
  for (int32_t i = 0; i < n; ++i) {
    const double real = std::min(
        6.0, std::max(0.0, static_cast<double>(in_scale) * (q[i] - in_zp)));
    const double expected =
        std::min<double>(hi, std::max<double>(lo, out_zp + real / out_scale));
    TFM_EXPECT_NEAR(expected, out[i], 1.0);
  }
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

TFM_TEST(RejectsUnsupportedType) {
  SingleOpModel m(schema::BuiltinOperator_RELU6);
  m.AddInput(DataType::kInt32, {2});
  m.AddOutput(DataType::kInt32, {2});
  TFM_EXPECT_EQ(Status::kKernelError, m.Build());
  TFM_EXPECT_TRUE(TfmContains(m.error(), "input type INT32 not supported"));
}

TFM_TEST(RejectsShapeMismatch) {
  SingleOpModel m(schema::BuiltinOperator_RELU6);
  m.AddInput(DataType::kFloat32, {2, 3});
  m.AddOutput(DataType::kFloat32, {3, 2});
  TFM_EXPECT_EQ(Status::kKernelError, m.Build());
  TFM_EXPECT_TRUE(TfmContains(m.error(), "output"));
}

TFM_TEST(RejectsUnquantizedOutput) {
  SingleOpModel m(schema::BuiltinOperator_RELU6);
  m.AddInput(DataType::kInt8, {2}, 0.1f, 0);
  m.AddOutput(DataType::kInt8, {2});
  TFM_EXPECT_EQ(Status::kKernelError, m.Build());
  TFM_EXPECT_TRUE(TfmContains(m.error(), "output (INT8) must be quantized"));
}

}  // namespace
}  // namespace tfmicro

TFM_TEST_MAIN()
