// MAX_POOL_2D: float and int8 against a naive maximum over each window
// (exact: a maximum needs no rounding), over SAME/VALID padding, strides and
// fused activations; and prepare's rejections. Bit-exactness against TFLite
// is proven by python/tests/conformance/test_pooling.py.
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

using testing::PoolSpec;
using testing::SingleOpModel;

const PoolSpec kSpecs[] = {
    {1, 5, 6, 3, 2, 3, 2, 2, true, schema::ActivationFunctionType_NONE},
    {1, 5, 6, 3, 2, 3, 2, 2, false, schema::ActivationFunctionType_NONE},
    {2, 4, 4, 2, 3, 3, 1, 1, true, schema::ActivationFunctionType_RELU},
    {1, 7, 5, 4, 3, 2, 3, 1, true, schema::ActivationFunctionType_RELU6},
    {1, 6, 6, 1, 2, 2, 2, 2, false,
     schema::ActivationFunctionType_RELU_N1_TO_1},
};

// The maximum of the input elements each window covers.
template <typename T>
std::vector<T> NaiveMaxPool(const PoolSpec& s, const std::vector<T>& in) {
  std::vector<T> out;
  for (const std::vector<int>& window : testing::PoolWindows(s)) {
    T max = std::numeric_limits<T>::lowest();
    for (int i : window) max = std::max(max, in[i]);
    out.push_back(max);
  }
  return out;
}

TFM_TEST(FloatIsTheWindowMaximum) {
  for (const PoolSpec& s : kSpecs) {
    SingleOpModel m(schema::BuiltinOperator_MAX_POOL_2D);
    m.AddInput(DataType::kFloat32, s.input_shape());
    m.AddOutput(DataType::kFloat32, s.output_shape());
    testing::SetPoolOptions(m, s);
    TFM_EXPECT_EQ(Status::kOk, m.Build());
    std::vector<float> input(s.input_size());
    for (int i = 0; i < s.input_size(); ++i) {
      input[i] = static_cast<float>((i * 53) % 67) * 0.2f - 6.f;
    }
    m.SetInput<float>(0, input);
    TFM_EXPECT_EQ(Status::kOk, m.Invoke());
    const std::vector<float> expected = NaiveMaxPool(s, input);
    TFM_EXPECT_EQ(expected.size(), m.OutputCount(0));
    const float* out = m.Output<float>(0);
    for (size_t i = 0; i < expected.size(); ++i) {
      TFM_EXPECT_NEAR(testing::Activate(s.activation, expected[i]), out[i],
                      0.0);
    }
  }
}

template <typename T>
void ExpectWindowMaximum(DataType type, float kScale, int kZeroPoint) {
  for (const PoolSpec& s : kSpecs) {
    SingleOpModel m(schema::BuiltinOperator_MAX_POOL_2D);
    m.AddInput(type, s.input_shape(), kScale, kZeroPoint);
    m.AddOutput(type, s.output_shape(), kScale, kZeroPoint);
    testing::SetPoolOptions(m, s);
    TFM_EXPECT_EQ(Status::kOk, m.Build());
    std::vector<T> input(s.input_size());
    for (int i = 0; i < s.input_size(); ++i) {
      input[i] = static_cast<T>((i * 89) % 256 - 128);
    }
    m.SetInput<T>(0, input);
    TFM_EXPECT_EQ(Status::kOk, m.Invoke());
    const std::vector<T> expected = NaiveMaxPool(s, input);
    double q_low;
    double q_high;
    testing::QuantizedActivationBounds(s.activation, kScale, kZeroPoint, &q_low,
                                       &q_high, std::numeric_limits<T>::min(),
                                       std::numeric_limits<T>::max());
    const T* out = m.Output<T>(0);
    for (size_t i = 0; i < expected.size(); ++i) {
      const double q = expected[i];
      TFM_EXPECT_EQ(std::min(q_high, std::max(q_low, q)), out[i]);
    }
  }
}

TFM_TEST(QuantizedIsTheWindowMaximum) {
  ExpectWindowMaximum<int8_t>(DataType::kInt8, 0.04f, 10);
  ExpectWindowMaximum<int16_t>(DataType::kInt16, 0.004f, 0);
}

TFM_TEST(RejectsOutputQuantizationDifferentFromInput) {
  const PoolSpec& s = kSpecs[0];
  SingleOpModel m(schema::BuiltinOperator_MAX_POOL_2D);
  m.AddInput(DataType::kInt8, s.input_shape(), 0.1f, 3);
  m.AddOutput(DataType::kInt8, s.output_shape(), 0.1f, 4);
  testing::SetPoolOptions(m, s);
  TFM_EXPECT_EQ(Status::kKernelError, m.Build());
  TFM_EXPECT_TRUE(TfmContains(m.error(), "node 0 (MAX_POOL_2D)"));
  TFM_EXPECT_TRUE(TfmContains(m.error(), "must equal the input's"));
}

TFM_TEST(RejectsMissingQuantization) {
  const PoolSpec& s = kSpecs[0];
  SingleOpModel m(schema::BuiltinOperator_MAX_POOL_2D);
  m.AddInput(DataType::kInt8, s.input_shape());
  m.AddOutput(DataType::kInt8, s.output_shape());
  testing::SetPoolOptions(m, s);
  TFM_EXPECT_EQ(Status::kKernelError, m.Build());
  TFM_EXPECT_TRUE(TfmContains(m.error(), "no quantization parameters"));
}

TFM_TEST(RejectsZeroFilter) {
  PoolSpec s = kSpecs[0];
  s.filter_h = 0;
  SingleOpModel m(schema::BuiltinOperator_MAX_POOL_2D);
  m.AddInput(DataType::kFloat32, s.input_shape());
  m.AddOutput(DataType::kFloat32, {1, 3, 3, 3});
  testing::SetPoolOptions(m, s);
  TFM_EXPECT_EQ(Status::kKernelError, m.Build());
  TFM_EXPECT_TRUE(TfmContains(m.error(), "filter size must be positive"));
}

TFM_TEST(RejectsMissingOptions) {
  const PoolSpec& s = kSpecs[0];
  SingleOpModel m(schema::BuiltinOperator_MAX_POOL_2D);
  m.AddInput(DataType::kFloat32, s.input_shape());
  m.AddOutput(DataType::kFloat32, s.output_shape());
  TFM_EXPECT_EQ(Status::kKernelError, m.Build());
  TFM_EXPECT_TRUE(TfmContains(m.error(), "strides must be positive"));
}

TFM_TEST(RejectsWrongOutputShape) {
  const PoolSpec& s = kSpecs[1];
  SingleOpModel m(schema::BuiltinOperator_MAX_POOL_2D);
  m.AddInput(DataType::kFloat32, s.input_shape());
  m.AddOutput(DataType::kFloat32, {1, 3, 3, 3});
  testing::SetPoolOptions(m, s);
  TFM_EXPECT_EQ(Status::kKernelError, m.Build());
  TFM_EXPECT_TRUE(TfmContains(m.error(), "pooled shape [1,2,2,3]"));
}

TFM_TEST(RejectsTypeMismatch) {
  const PoolSpec& s = kSpecs[0];
  SingleOpModel m(schema::BuiltinOperator_MAX_POOL_2D);
  m.AddInput(DataType::kFloat32, s.input_shape());
  m.AddOutput(DataType::kInt8, s.output_shape(), 0.1f, 0);
  testing::SetPoolOptions(m, s);
  TFM_EXPECT_EQ(Status::kKernelError, m.Build());
  TFM_EXPECT_TRUE(TfmContains(m.error(), "output type INT8"));
}

}  // namespace
}  // namespace tfmicro

TFM_TEST_MAIN()
