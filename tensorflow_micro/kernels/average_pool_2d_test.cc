// AVERAGE_POOL_2D: float against a naive double-precision pool, int8 against
// the exact average rounded half away from zero, over SAME/VALID padding,
// strides and fused activations; and prepare's rejections. Bit-exactness
// against TFLite is proven by python/tests/conformance/test_pooling.py.
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

using testing::Activate;
using testing::PoolSpec;
using testing::SingleOpModel;

// Naive average pool in double: per output, the mean of the input elements
// its window covers.
std::vector<double> NaiveAveragePool(const PoolSpec& s,
                                     const std::vector<double>& in) {
  std::vector<double> out;
  for (const std::vector<int>& window : testing::PoolWindows(s)) {
    double sum = 0;
    for (int i : window) sum += in[i];
    out.push_back(sum / static_cast<int>(window.size()));
  }
  return out;
}

std::vector<PoolSpec> Specs() {
  std::vector<PoolSpec> specs;
  PoolSpec s;
  specs.push_back(s);
  s.same = false;
  specs.push_back(s);
  s = PoolSpec();
  s.batches = 2;
  s.filter_h = 3;
  s.filter_w = 3;
  s.stride_h = 1;
  s.stride_w = 1;
  s.activation = schema::ActivationFunctionType_RELU6;
  specs.push_back(s);
  s = PoolSpec();
  s.height = 7;
  s.width = 7;
  s.filter_h = 7;
  s.filter_w = 7;
  s.same = false;  // global average pooling
  s.activation = schema::ActivationFunctionType_RELU;
  specs.push_back(s);
  s = PoolSpec();
  s.filter_h = 4;
  s.filter_w = 1;
  s.stride_h = 3;
  s.stride_w = 1;
  s.activation = schema::ActivationFunctionType_RELU_N1_TO_1;
  specs.push_back(s);
  return specs;
}

TFM_TEST(FloatMatchesNaivePool) {
  for (const PoolSpec& s : Specs()) {
    SingleOpModel m(schema::BuiltinOperator_AVERAGE_POOL_2D);
    m.AddInput(DataType::kFloat32, s.input_shape());
    m.AddOutput(DataType::kFloat32, s.output_shape());
    testing::SetPoolOptions(m, s);
    TFM_EXPECT_EQ(Status::kOk, m.Build());
    std::vector<float> input(s.input_size());
    std::vector<double> input_double(s.input_size());
    for (int i = 0; i < s.input_size(); ++i) {
      input[i] = static_cast<float>((i * 29) % 41) * 0.25f - 5.f;
      input_double[i] = input[i];
    }
    m.SetInput<float>(0, input);
    TFM_EXPECT_EQ(Status::kOk, m.Invoke());
    const std::vector<double> expected = NaiveAveragePool(s, input_double);
    TFM_EXPECT_EQ(expected.size(), m.OutputCount(0));
    const float* out = m.Output<float>(0);
    for (size_t i = 0; i < expected.size(); ++i) {
      const double e = Activate(s.activation, expected[i]);
      TFM_EXPECT_NEAR(e, out[i], 1e-5 * std::fabs(e) + 1e-6);
    }
  }
}

template <typename T>
void ExpectRoundedAverage(DataType type, float kScale, int kZeroPoint) {
  for (const PoolSpec& s : Specs()) {
    SingleOpModel m(schema::BuiltinOperator_AVERAGE_POOL_2D);
    m.AddInput(type, s.input_shape(), kScale, kZeroPoint);
    m.AddOutput(type, s.output_shape(), kScale, kZeroPoint);
    testing::SetPoolOptions(m, s);
    TFM_EXPECT_EQ(Status::kOk, m.Build());
    std::vector<T> input(s.input_size());
    std::vector<double> input_double(s.input_size());
    const int span = std::numeric_limits<T>::max() -
                     std::numeric_limits<T>::min() + 1;
    for (int i = 0; i < s.input_size(); ++i) {
      input[i] = static_cast<T>((i * 113 * (span / 256)) % span +
                                std::numeric_limits<T>::min());
      input_double[i] = input[i];
    }
    m.SetInput<T>(0, input);
    TFM_EXPECT_EQ(Status::kOk, m.Invoke());
    const std::vector<double> expected = NaiveAveragePool(s, input_double);
    double min;
    double max;
    testing::QuantizedActivationBounds(s.activation, kScale, kZeroPoint, &min,
                                       &max, std::numeric_limits<T>::min(),
                                       std::numeric_limits<T>::max());
    const T* out = m.Output<T>(0);
    for (size_t i = 0; i < expected.size(); ++i) {
      // The exact average rounded half away from zero, then clamped.
      const int q = static_cast<int>(std::round(expected[i]));
      TFM_EXPECT_EQ(std::min(max, std::max(min, static_cast<double>(q))),
                    out[i]);
      // So within one step of the real-valued result.
      const double real =
          Activate(s.activation, kScale * (expected[i] - kZeroPoint));
      TFM_EXPECT_NEAR(real, kScale * (out[i] - kZeroPoint), kScale);
    }
  }
}

TFM_TEST(QuantizedIsTheRoundedAverage) {
  ExpectRoundedAverage<int8_t>(DataType::kInt8, 0.05f, -7);
  ExpectRoundedAverage<int16_t>(DataType::kInt16, 1e-3f, 0);
}

Status BuildPool(SingleOpModel& m, const PoolSpec& s, DataType type,
                 float output_scale = 0.1f, int output_zero_point = 0) {
  if (type == DataType::kInt8) {
    m.AddInput(type, s.input_shape(), 0.1f, 0);
    m.AddOutput(type, s.output_shape(), output_scale, output_zero_point);
  } else {
    m.AddInput(type, s.input_shape());
    m.AddOutput(type, s.output_shape());
  }
  testing::SetPoolOptions(m, s);
  return m.Build();
}

TFM_TEST(RejectsOutputQuantizationDifferentFromInput) {
  SingleOpModel m(schema::BuiltinOperator_AVERAGE_POOL_2D);
  TFM_EXPECT_EQ(Status::kKernelError,
                BuildPool(m, PoolSpec(), DataType::kInt8, 0.2f, 0));
  TFM_EXPECT_TRUE(TfmContains(m.error(), "node 0 (AVERAGE_POOL_2D)"));
  TFM_EXPECT_TRUE(TfmContains(m.error(), "must equal the input's"));
}

TFM_TEST(RejectsZeroStride) {
  PoolSpec s;
  s.stride_w = 0;
  s.same = false;
  SingleOpModel m(schema::BuiltinOperator_AVERAGE_POOL_2D);
  m.AddInput(DataType::kFloat32, s.input_shape());
  m.AddOutput(DataType::kFloat32, {1, 2, 2, 3});
  testing::SetPoolOptions(m, s);
  TFM_EXPECT_EQ(Status::kKernelError, m.Build());
  TFM_EXPECT_TRUE(TfmContains(m.error(), "strides must be positive, got 2x0"));
}

TFM_TEST(RejectsFilterLargerThanValidInput) {
  PoolSpec s;
  s.filter_h = 6;
  s.same = false;
  SingleOpModel m(schema::BuiltinOperator_AVERAGE_POOL_2D);
  m.AddInput(DataType::kFloat32, s.input_shape());
  m.AddOutput(DataType::kFloat32, {1, 1, 2, 3});
  testing::SetPoolOptions(m, s);
  TFM_EXPECT_EQ(Status::kKernelError, m.Build());
  TFM_EXPECT_TRUE(TfmContains(m.error(), "does not fit the 5x6 input"));
}

TFM_TEST(RejectsWrongOutputShape) {
  PoolSpec s;
  SingleOpModel m(schema::BuiltinOperator_AVERAGE_POOL_2D);
  m.AddInput(DataType::kFloat32, s.input_shape());
  m.AddOutput(DataType::kFloat32, {1, 3, 4, 3});
  testing::SetPoolOptions(m, s);
  TFM_EXPECT_EQ(Status::kKernelError, m.Build());
  TFM_EXPECT_TRUE(TfmContains(m.error(),
                              "output shape [1,3,4,3] does not "
                              "match the pooled shape [1,3,3,3]"));
}

TFM_TEST(RejectsNon4DInput) {
  SingleOpModel m(schema::BuiltinOperator_AVERAGE_POOL_2D);
  m.AddInput(DataType::kFloat32, {5, 6, 3});
  m.AddOutput(DataType::kFloat32, {3, 3, 3});
  testing::SetPoolOptions(m, PoolSpec());
  TFM_EXPECT_EQ(Status::kKernelError, m.Build());
  TFM_EXPECT_TRUE(TfmContains(m.error(), "input must have rank 4, got 3"));
}

TFM_TEST(RejectsUnsupportedTypeAndActivation) {
  SingleOpModel m32(schema::BuiltinOperator_AVERAGE_POOL_2D);
  TFM_EXPECT_EQ(Status::kKernelError,
                BuildPool(m32, PoolSpec(), DataType::kInt32));
  TFM_EXPECT_TRUE(TfmContains(m32.error(), "input type INT32 not supported"));

  SingleOpModel m16(schema::BuiltinOperator_AVERAGE_POOL_2D);
  m16.AddInput(DataType::kInt16, PoolSpec().input_shape(), 0.1f, 4);
  m16.AddOutput(DataType::kInt16, PoolSpec().output_shape(), 0.1f, 4);
  testing::SetPoolOptions(m16, PoolSpec());
  TFM_EXPECT_EQ(Status::kKernelError, m16.Build());
  TFM_EXPECT_TRUE(TfmContains(m16.error(), "zero point 0"));

  PoolSpec s;
  s.activation = schema::ActivationFunctionType_TANH;
  SingleOpModel m(schema::BuiltinOperator_AVERAGE_POOL_2D);
  TFM_EXPECT_EQ(Status::kKernelError, BuildPool(m, s, DataType::kInt8));
  TFM_EXPECT_TRUE(TfmContains(m.error(), "activation"));
}

}  // namespace
}  // namespace tfmicro

TFM_TEST_MAIN()
