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

void CheckNumericComparisons(schema::BuiltinOperator op,
                             bool (*expected)(double, double)) {
  CheckComparison<float>(op, DataType::kFloat32, expected);
  CheckComparison<int8_t>(op, DataType::kInt8, expected, 0.5f, 1, 0.25f, -2);
  CheckComparison<int16_t>(op, DataType::kInt16, expected);
  CheckComparison<int32_t>(op, DataType::kInt32, expected);
  CheckComparison<int64_t>(op, DataType::kInt64, expected);
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

void CheckBoolBinaryOnOtherBytes(schema::BuiltinOperator op,
                                 bool (*expected)(bool, bool)) {
  const std::vector<uint8_t> a = {0, 2, 255, 2, 0};
  const std::vector<uint8_t> b = {0, 1, 0, 2, 255};
  SingleOpModel m(op);
  m.AddConstInput<uint8_t>(DataType::kBool, {5}, a);
  m.AddInput(DataType::kBool, {5});
  m.AddOutput(DataType::kBool, {5});
  TFM_EXPECT_EQ(Status::kOk, m.Build());
  m.SetInput(0, b);
  TFM_EXPECT_EQ(Status::kOk, m.Invoke());
  const uint8_t* out = m.Output<uint8_t>(0);
  for (size_t i = 0; i < a.size(); ++i) {
    TFM_EXPECT_EQ(expected(a[i] != 0, b[i] != 0) ? 1 : 0, out[i]);
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

void CheckBinaryInt32WithRelu(const BinaryOpCase& op,
                              int32_t (*expected)(int32_t, int32_t)) {
  SingleOpModel m(op.op);
  m.AddInput(DataType::kInt32, {2, 3});
  m.AddInput(DataType::kInt32, {3});
  m.AddOutput(DataType::kInt32, {2, 3});
  op.set_activation(m, schema::ActivationFunctionType_RELU);
  TFM_EXPECT_EQ(Status::kOk, m.Build());
  const std::vector<int32_t> a = {-7, 3, 100000, 0, -1, 5};
  const std::vector<int32_t> b = {4, -9, 1};
  m.SetInput(0, a);
  m.SetInput(1, b);
  TFM_EXPECT_EQ(Status::kOk, m.Invoke());
  const int32_t* out = m.Output<int32_t>(0);
  for (int i = 0; i < 6; ++i) {
    TFM_EXPECT_EQ(std::max<int32_t>(0, expected(a[i], b[i % 3])), out[i]);
  }
}

void NoOptions(SingleOpModel&, schema::ActivationFunctionType activation) {
  TFM_EXPECT_EQ(schema::ActivationFunctionType_NONE, activation);
}

namespace {

template <typename T>
T Larger(T a, T b) {
  return a > b ? a : b;
}
template <typename T>
T Smaller(T a, T b) {
  return a < b ? a : b;
}
float LargerDequantized(float a_scale, int a, float b_scale, int b) {
  return Larger(a_scale * a, b_scale * b);
}
float SmallerDequantized(float a_scale, int a, float b_scale, int b) {
  return Smaller(a_scale * a, b_scale * b);
}

}  // namespace

void CheckMaximumMinimum(schema::BuiltinOperator op, bool maximum) {
  const BinaryOpCase min_max = {
      op, NoOptions, maximum ? Larger<double> : Smaller<double>,
      maximum ? LargerDequantized : SmallerDequantized};
  CheckBinaryFloat(min_max, {2, 1, 3}, {4, 1}, {2, 4, 3},
                   schema::ActivationFunctionType_NONE, 1);
  CheckBinaryQuantized<int8_t>(min_max, DataType::kInt8, {2, 1, 3}, 0.05f, 3,
                               {4, 1}, 0.05f, 3, {2, 4, 3}, 0.05f, 3,
                               schema::ActivationFunctionType_NONE, 2);
  CheckBinaryExact<int16_t>(op, DataType::kInt16,
                            maximum ? Larger<int16_t> : Smaller<int16_t>);
  CheckBinaryExact<int32_t>(op, DataType::kInt32,
                            maximum ? Larger<int32_t> : Smaller<int32_t>);
  CheckBinaryExact<int64_t>(op, DataType::kInt64,
                            maximum ? Larger<int64_t> : Smaller<int64_t>);
  ExpectSameTypeBinaryRejections(op, DataType::kBool);
}

void ExpectZeroDivisorFails(schema::BuiltinOperator op) {
  SingleOpModel m(op);
  m.AddInput(DataType::kInt32, {3});
  m.AddInput(DataType::kInt32, {3});
  m.AddOutput(DataType::kInt32, {3});
  TFM_EXPECT_EQ(Status::kOk, m.Build());
  m.SetInput<int32_t>(0, {1, 2, 3});
  m.SetInput<int32_t>(1, {1, 0, 3});
  TFM_EXPECT_EQ(Status::kKernelError, m.Invoke());
  TFM_EXPECT_TRUE(TfmContains(m.error(), "zero divisor"));
}

void ExpectSameTypeBinaryRejections(schema::BuiltinOperator op,
                                    DataType unsupported) {
  {
    SingleOpModel m(op);
    m.AddInput(DataType::kFloat32, {2});
    m.AddInput(DataType::kInt32, {2});
    m.AddOutput(DataType::kFloat32, {2});
    TFM_EXPECT_EQ(Status::kKernelError, m.Build());
    TFM_EXPECT_TRUE(TfmContains(m.error(), "input2"));
  }
  {
    SingleOpModel m(op);
    m.AddInput(DataType::kFloat32, {2});
    m.AddInput(DataType::kFloat32, {2});
    m.AddOutput(DataType::kInt32, {2});
    TFM_EXPECT_EQ(Status::kKernelError, m.Build());
    TFM_EXPECT_TRUE(TfmContains(m.error(), "output"));
  }
  {
    SingleOpModel m(op);
    m.AddInput(DataType::kFloat32, {2, 3});
    m.AddInput(DataType::kFloat32, {2, 4});
    m.AddOutput(DataType::kFloat32, {2, 4});
    TFM_EXPECT_EQ(Status::kKernelError, m.Build());
    TFM_EXPECT_TRUE(TfmContains(m.error(), "do not broadcast"));
  }
  {
    SingleOpModel m(op);
    m.AddInput(unsupported, {2});
    m.AddInput(unsupported, {2});
    m.AddOutput(unsupported, {2});
    TFM_EXPECT_EQ(Status::kKernelError, m.Build());
    TFM_EXPECT_TRUE(TfmContains(m.error(), "not supported"));
  }
}

}  // namespace testing
}  // namespace tfmicro
