// DEQUANTIZE: scale * (q - zero_point) per tensor and per channel, float16
// to float32, and prepare's rejections. Bit-exactness against TFLite is
// proven by python/tests/conformance/test_elementwise.py.
#include <cmath>
#include <cstdint>
#include <vector>

#include "tensorflow_micro/testing/micro_test.h"
#include "tensorflow_micro/testing/single_op_model.h"

namespace tfmicro {
namespace {

using testing::QuantSpec;
using testing::SingleOpModel;

template <typename T>
void CheckPerTensor(DataType type, float scale, int zero_point,
                    const std::vector<T>& q) {
  SingleOpModel m(schema::BuiltinOperator_DEQUANTIZE);
  m.AddInput(type, {static_cast<int32_t>(q.size())}, scale, zero_point);
  m.AddOutput(DataType::kFloat32, {static_cast<int32_t>(q.size())});
  TFM_EXPECT_EQ(Status::kOk, m.Build());
  m.SetInput(0, q);
  TFM_EXPECT_EQ(Status::kOk, m.Invoke());
  const float* out = m.Output<float>(0);
  for (size_t i = 0; i < q.size(); ++i) {
    const double expected = static_cast<double>(scale) * (q[i] - zero_point);
    TFM_EXPECT_NEAR(expected, out[i], 1e-6 * std::fabs(expected));
  }
}

TFM_TEST(Int8) {
  CheckPerTensor<int8_t>(DataType::kInt8, 0.037f, -5, {-128, -5, 0, 1, 127});
}

TFM_TEST(UInt8) {
  CheckPerTensor<uint8_t>(DataType::kUInt8, 0.5f, 128, {0, 127, 128, 255});
}

TFM_TEST(Int16) {
  CheckPerTensor<int16_t>(DataType::kInt16, 3e-4f, 0,
                          {-32768, -1, 0, 12345, 32767});
}

TFM_TEST(Int8PerChannelConstant) {
  SingleOpModel m(schema::BuiltinOperator_DEQUANTIZE);
  const std::vector<int8_t> q = {-128, -1, 0, 1, 50, 127,
                                 -128, -1, 0, 1, 50, 127};
  const std::vector<float> scales = {0.5f, 0.25f, 2.0f};
  const std::vector<int64_t> zero_points = {0, 1, -2};
  // Shape [2, 3, 2], channels on dimension 1.
  m.AddConstInput<int8_t>(DataType::kInt8, {2, 3, 2}, q,
                          QuantSpec{scales, zero_points, 1});
  m.AddOutput(DataType::kFloat32, {2, 3, 2});
  TFM_EXPECT_EQ(Status::kOk, m.Build());
  TFM_EXPECT_EQ(Status::kOk, m.Invoke());
  const float* out = m.Output<float>(0);
  for (int i = 0; i < 12; ++i) {
    const int channel = (i / 2) % 3;
    const double expected =
        scales[channel] * (q[i] - static_cast<double>(zero_points[channel]));
    TFM_EXPECT_NEAR(expected, out[i], 1e-6 * std::fabs(expected));
  }
}

TFM_TEST(Float16) {
  // binary16 encodings and their values (sign, exponent bias 15, subnormals
  // scaled by 2^-24).
  const std::vector<uint16_t> bits = {0x3C00, 0xC000, 0x3555, 0x7BFF,
                                      0x0001, 0x8400, 0x0000, 0x7C00};
  const std::vector<double> values = {1.0,
                                      -2.0,
                                      (1.0 + 341.0 / 1024) / 4,
                                      65504.0,
                                      std::ldexp(1.0, -24),
                                      -std::ldexp(1.0, -14),
                                      0.0,
                                      INFINITY};
  SingleOpModel m(schema::BuiltinOperator_DEQUANTIZE);
  m.AddInput(DataType::kFloat16, {8});
  m.AddOutput(DataType::kFloat32, {8});
  TFM_EXPECT_EQ(Status::kOk, m.Build());
  m.SetInput(0, bits);
  TFM_EXPECT_EQ(Status::kOk, m.Invoke());
  const float* out = m.Output<float>(0);
  for (int i = 0; i < 8; ++i) {
    TFM_EXPECT_TRUE(static_cast<double>(out[i]) == values[i]);
  }
}

TFM_TEST(RejectsFloatInput) {
  SingleOpModel m(schema::BuiltinOperator_DEQUANTIZE);
  m.AddInput(DataType::kFloat32, {2});
  m.AddOutput(DataType::kFloat32, {2});
  TFM_EXPECT_EQ(Status::kKernelError, m.Build());
  TFM_EXPECT_TRUE(TfmContains(m.error(), "input type FLOAT32 not supported"));
}

TFM_TEST(RejectsNonFloatOutput) {
  SingleOpModel m(schema::BuiltinOperator_DEQUANTIZE);
  m.AddInput(DataType::kInt8, {2}, 0.1f, 0);
  m.AddOutput(DataType::kInt8, {2}, 0.1f, 0);
  TFM_EXPECT_EQ(Status::kKernelError, m.Build());
  TFM_EXPECT_TRUE(TfmContains(m.error(), "output"));
}

TFM_TEST(RejectsUnquantizedInput) {
  SingleOpModel m(schema::BuiltinOperator_DEQUANTIZE);
  m.AddInput(DataType::kInt8, {2});
  m.AddOutput(DataType::kFloat32, {2});
  TFM_EXPECT_EQ(Status::kKernelError, m.Build());
  TFM_EXPECT_TRUE(TfmContains(m.error(), "input (INT8) must be quantized"));
}

}  // namespace
}  // namespace tfmicro

TFM_TEST_MAIN()
