#include "tensorflow_micro/testing/elementwise_test_util.h"

#include <algorithm>

namespace tfmicro {
namespace testing {

void CheckUnaryFloat(schema::BuiltinOperator op, double (*real)(double),
                     double low, double high) {
  constexpr int32_t kCount = 61;
  std::vector<float> values(kCount);
  for (int32_t i = 0; i < kCount; ++i) {
    values[i] = static_cast<float>(low + (high - low) * i / (kCount - 1));
  }
  for (int rows : {1, 3}) {
    const std::vector<int32_t> shape =
        rows == 1 ? std::vector<int32_t>{kCount}
                  : std::vector<int32_t>{rows, kCount};
    std::vector<float> input;
    for (int r = 0; r < rows; ++r) {
      input.insert(input.end(), values.begin(), values.end());
    }
    SingleOpModel m(op);
    m.AddInput(DataType::kFloat32, shape);
    m.AddOutput(DataType::kFloat32, shape);
    TFM_EXPECT_EQ(Status::kOk, m.Build());
    m.SetInput(0, input);
    TFM_EXPECT_EQ(Status::kOk, m.Invoke());
    const float* out = m.Output<float>(0);
    for (size_t i = 0; i < input.size(); ++i) {
      const double expected = real(input[i]);
      TFM_EXPECT_NEAR(expected, out[i],
                      1e-5 * std::max(1.0, std::fabs(expected)));
    }
  }
}

void ExpectUnaryRejections(schema::BuiltinOperator op, DataType unsupported,
                           bool takes_int8) {
  {
    SingleOpModel m(op);
    m.AddInput(unsupported, {2});
    m.AddOutput(unsupported, {2});
    TFM_EXPECT_EQ(Status::kKernelError, m.Build());
    TFM_EXPECT_TRUE(TfmContains(m.error(), "not supported"));
  }
  {
    SingleOpModel m(op);
    m.AddInput(DataType::kFloat32, {2});
    m.AddOutput(DataType::kInt32, {2});
    // Ops without FLOAT32 (LOGICAL_NOT) reject the input type first.
    TFM_EXPECT_EQ(Status::kKernelError, m.Build());
  }
  {
    SingleOpModel m(op);
    m.AddInput(DataType::kFloat32, {2, 3});
    m.AddOutput(DataType::kFloat32, {3, 2});
    TFM_EXPECT_EQ(Status::kKernelError, m.Build());
  }
  if (takes_int8) {
    SingleOpModel m(op);
    m.AddInput(DataType::kInt8, {2});
    m.AddOutput(DataType::kInt8, {2}, 0.1f, 0);
    TFM_EXPECT_EQ(Status::kKernelError, m.Build());
    TFM_EXPECT_TRUE(TfmContains(m.error(), "input (INT8) must be quantized"));
  }
}

void CheckBoolBinary(schema::BuiltinOperator op,
                     bool (*expected)(bool, bool)) {
  SingleOpModel m(op);
  m.AddInput(DataType::kBool, {2, 1});
  m.AddInput(DataType::kBool, {2});
  m.AddOutput(DataType::kBool, {2, 2});
  TFM_EXPECT_EQ(Status::kOk, m.Build());
  // One byte per BOOL element (std::vector<bool> has no data()).
  const std::vector<uint8_t> a = {0, 1};
  const std::vector<uint8_t> b = {0, 1};
  m.SetInput(0, a);
  m.SetInput(1, b);
  TFM_EXPECT_EQ(Status::kOk, m.Invoke());
  const bool* out = m.Output<bool>(0);
  for (int i = 0; i < 2; ++i) {
    for (int j = 0; j < 2; ++j) {
      TFM_EXPECT_EQ(expected(a[i] != 0, b[j] != 0), out[i * 2 + j]);
    }
  }
}

void ExpectBoolOutputRejections(schema::BuiltinOperator op,
                                DataType unsupported, bool int8_scale_check) {
  const DataType good =
      int8_scale_check ? DataType::kFloat32 : DataType::kBool;
  {
    SingleOpModel m(op);
    m.AddInput(good, {2});
    m.AddInput(DataType::kInt32, {2});
    m.AddOutput(DataType::kBool, {2});
    TFM_EXPECT_EQ(Status::kKernelError, m.Build());
    TFM_EXPECT_TRUE(TfmContains(m.error(), "input2"));
  }
  {
    SingleOpModel m(op);
    m.AddInput(good, {2});
    m.AddInput(good, {2});
    m.AddOutput(DataType::kInt32, {2});
    TFM_EXPECT_EQ(Status::kKernelError, m.Build());
    TFM_EXPECT_TRUE(TfmContains(m.error(), "output"));
  }
  {
    SingleOpModel m(op);
    m.AddInput(good, {2, 3});
    m.AddInput(good, {2, 4});
    m.AddOutput(DataType::kBool, {2, 4});
    TFM_EXPECT_EQ(Status::kKernelError, m.Build());
    TFM_EXPECT_TRUE(TfmContains(m.error(), "do not broadcast"));
  }
  {
    SingleOpModel m(op);
    m.AddInput(unsupported, {2});
    m.AddInput(unsupported, {2});
    m.AddOutput(DataType::kBool, {2});
    TFM_EXPECT_EQ(Status::kKernelError, m.Build());
    TFM_EXPECT_TRUE(TfmContains(m.error(), "not supported"));
  }
  if (int8_scale_check) {
    SingleOpModel m(op);
    m.AddInput(DataType::kInt8, {2}, 0.5f, 0);
    m.AddInput(DataType::kInt8, {2}, 1.5f, 0);
    m.AddOutput(DataType::kBool, {2});
    TFM_EXPECT_EQ(Status::kKernelError, m.Build());
    TFM_EXPECT_TRUE(TfmContains(m.error(), "must be below 1"));
  }
}

}  // namespace testing
}  // namespace tfmicro
