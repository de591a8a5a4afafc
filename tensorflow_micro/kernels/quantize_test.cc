// QUANTIZE: float inputs land within half a step of x / scale + zp
// (saturated), requantization within one step of the real value, and
// prepare's rejections. Per-channel outputs are not covered here (the
// harness has no per-channel AddOutput). Bit-exactness against TFLite is
// proven by python/tests/conformance/test_elementwise.py.
#include <algorithm>
#include <cmath>
#include <cstdint>
#include <limits>
#include <vector>

#include "tensorflow_micro/testing/kernel_test_util.h"
#include "tensorflow_micro/testing/micro_test.h"
#include "tensorflow_micro/testing/single_op_model.h"

namespace tfmicro {
namespace {

using testing::Saturate;
using testing::SingleOpModel;

std::vector<float> Ramp(int n, float low, float high) {
  std::vector<float> v(n);
  for (int i = 0; i < n; ++i) v[i] = low + (high - low) * i / (n - 1);
  return v;
}

template <typename T>
void CheckFloatToQuantized(DataType type, float scale, int zero_point) {
  SingleOpModel m(schema::BuiltinOperator_QUANTIZE);
  m.AddInput(DataType::kFloat32, {4, 10});
  m.AddOutput(type, {4, 10}, scale, zero_point);
  TFM_EXPECT_EQ(Status::kOk, m.Build());
  // Beyond the representable range too, to check saturation.
  const std::vector<float> x = Ramp(40, -300 * scale, 300 * scale);
  m.SetInput(0, x);
  TFM_EXPECT_EQ(Status::kOk, m.Invoke());
  const T* out = m.Output<T>(0);
  for (int i = 0; i < 40; ++i) {
    TFM_EXPECT_NEAR(Saturate<T>(zero_point + x[i] / scale), out[i], 0.5 + 1e-6);
  }
}

TFM_TEST(FloatToInt8) {
  CheckFloatToQuantized<int8_t>(DataType::kInt8, 0.05f, -7);
}
TFM_TEST(FloatToUInt8) {
  CheckFloatToQuantized<uint8_t>(DataType::kUInt8, 0.1f, 128);
}
TFM_TEST(FloatToInt16) {
  CheckFloatToQuantized<int16_t>(DataType::kInt16, 1e-3f, 0);
}

TFM_TEST(RoundsHalfAwayFromZero) {
  SingleOpModel m(schema::BuiltinOperator_QUANTIZE);
  m.AddInput(DataType::kFloat32, {4});
  m.AddOutput(DataType::kInt8, {4}, 0.5f, 0);
  TFM_EXPECT_EQ(Status::kOk, m.Build());
  m.SetInput<float>(0, {0.25f, -0.25f, 0.75f, -0.75f});  // +-0.5, +-1.5 steps
  TFM_EXPECT_EQ(Status::kOk, m.Invoke());
  const int8_t* out = m.Output<int8_t>(0);
  TFM_EXPECT_EQ(1, out[0]);
  TFM_EXPECT_EQ(-1, out[1]);
  TFM_EXPECT_EQ(2, out[2]);
  TFM_EXPECT_EQ(-2, out[3]);
}

TFM_TEST(Int8Requantize) {
  SingleOpModel m(schema::BuiltinOperator_QUANTIZE);
  m.AddInput(DataType::kInt8, {256}, 0.02f, 3);
  m.AddOutput(DataType::kInt8, {256}, 0.05f, -10);
  TFM_EXPECT_EQ(Status::kOk, m.Build());
  std::vector<int8_t> q(256);
  for (int i = 0; i < 256; ++i) q[i] = static_cast<int8_t>(i - 128);
  m.SetInput(0, q);
  TFM_EXPECT_EQ(Status::kOk, m.Invoke());
  const int8_t* out = m.Output<int8_t>(0);
  for (int i = 0; i < 256; ++i) {
    const double real = 0.02 * (q[i] - 3);
    // Fixed-point rescaling rounds twice: within one step, not half.
    TFM_EXPECT_NEAR(Saturate<int8_t>(-10 + real / 0.05), out[i], 1.0);
  }
}

TFM_TEST(Int16ToInt8Requantize) {
  SingleOpModel m(schema::BuiltinOperator_QUANTIZE);
  m.AddInput(DataType::kInt16, {5}, 1e-3f, 0);
  m.AddOutput(DataType::kInt8, {5}, 0.02f, 4);
  TFM_EXPECT_EQ(Status::kOk, m.Build());
  const std::vector<int16_t> q = {-32768, -1000, 0, 1234, 32767};
  m.SetInput(0, q);
  TFM_EXPECT_EQ(Status::kOk, m.Invoke());
  const int8_t* out = m.Output<int8_t>(0);
  for (int i = 0; i < 5; ++i) {
    TFM_EXPECT_NEAR(Saturate<int8_t>(4 + 1e-3 * q[i] / 0.02), out[i], 1.0);
  }
}

TFM_TEST(RejectsFloatOutput) {
  SingleOpModel m(schema::BuiltinOperator_QUANTIZE);
  m.AddInput(DataType::kFloat32, {2});
  m.AddOutput(DataType::kFloat32, {2});
  TFM_EXPECT_EQ(Status::kKernelError, m.Build());
  TFM_EXPECT_TRUE(TfmContains(m.error(), "output type FLOAT32 not supported"));
}

TFM_TEST(RejectsUnquantizedOutput) {
  SingleOpModel m(schema::BuiltinOperator_QUANTIZE);
  m.AddInput(DataType::kFloat32, {2});
  m.AddOutput(DataType::kInt8, {2});
  TFM_EXPECT_EQ(Status::kKernelError, m.Build());
  TFM_EXPECT_TRUE(TfmContains(m.error(), "must be quantized"));
}

TFM_TEST(RejectsShapeMismatch) {
  SingleOpModel m(schema::BuiltinOperator_QUANTIZE);
  m.AddInput(DataType::kFloat32, {2, 3});
  m.AddOutput(DataType::kInt8, {3, 2}, 0.1f, 0);
  TFM_EXPECT_EQ(Status::kKernelError, m.Build());
  TFM_EXPECT_TRUE(TfmContains(m.error(), "output"));
}

TFM_TEST(RejectsInt16OutputZeroPoint) {
  SingleOpModel m(schema::BuiltinOperator_QUANTIZE);
  m.AddInput(DataType::kFloat32, {2});
  m.AddOutput(DataType::kInt16, {2}, 0.1f, 7);
  TFM_EXPECT_EQ(Status::kKernelError, m.Build());
  TFM_EXPECT_TRUE(
      TfmContains(m.error(), "INT16 output must have zero point 0"));
}

TFM_TEST(RejectsUnsupportedRequantization) {
  SingleOpModel m(schema::BuiltinOperator_QUANTIZE);
  m.AddInput(DataType::kInt8, {2}, 0.1f, 0);
  m.AddOutput(DataType::kInt16, {2}, 0.1f, 0);
  TFM_EXPECT_EQ(Status::kKernelError, m.Build());
  TFM_EXPECT_TRUE(TfmContains(m.error(), "requantizing INT8 to INT16"));
}

}  // namespace
}  // namespace tfmicro

TFM_TEST_MAIN()
