// MAX_POOL_2D: float and int8 against a naive maximum over each window
// (exact: a maximum needs no rounding), over SAME/VALID padding, strides and
// fused activations; and prepare's rejections. Bit-exactness against TFLite
// is proven by python/tests/conformance/test_pooling.py.
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

struct PoolSpec {
  int batches;
  int height;
  int width;
  int channels;
  int filter_h;
  int filter_w;
  int stride_h;
  int stride_w;
  bool same;
  schema::ActivationFunctionType activation;

  int OutSize(int in, int filter, int stride) const {
    return same ? (in + stride - 1) / stride : (in - filter + stride) / stride;
  }
  int out_h() const { return OutSize(height, filter_h, stride_h); }
  int out_w() const { return OutSize(width, filter_w, stride_w); }
  int PadBefore(int in, int filter, int stride, int out) const {
    return std::max(0, (out - 1) * stride + filter - in) / 2;
  }
  std::vector<int32_t> input_shape() const {
    return {batches, height, width, channels};
  }
  std::vector<int32_t> output_shape() const {
    return {batches, out_h(), out_w(), channels};
  }
  int input_size() const { return batches * height * width * channels; }
};

const PoolSpec kSpecs[] = {
    {1, 5, 6, 3, 2, 3, 2, 2, true, schema::ActivationFunctionType_NONE},
    {1, 5, 6, 3, 2, 3, 2, 2, false, schema::ActivationFunctionType_NONE},
    {2, 4, 4, 2, 3, 3, 1, 1, true, schema::ActivationFunctionType_RELU},
    {1, 7, 5, 4, 3, 2, 3, 1, true, schema::ActivationFunctionType_RELU6},
    {1, 6, 6, 1, 2, 2, 2, 2, false,
     schema::ActivationFunctionType_RELU_N1_TO_1},
};

void SetOptions(SingleOpModel& m, const PoolSpec& s) {
  m.SetOptions(schema::BuiltinOptions_Pool2DOptions,
               schema::CreatePool2DOptions(
                   m.builder(),
                   s.same ? schema::Padding_SAME : schema::Padding_VALID,
                   s.stride_w, s.stride_h, s.filter_w, s.filter_h,
                   s.activation)
                   .Union());
}

// The maximum of the input elements each window covers.
template <typename T>
std::vector<T> NaiveMaxPool(const PoolSpec& s, const std::vector<T>& in) {
  const int pad_h = s.PadBefore(s.height, s.filter_h, s.stride_h, s.out_h());
  const int pad_w = s.PadBefore(s.width, s.filter_w, s.stride_w, s.out_w());
  std::vector<T> out;
  for (int b = 0; b < s.batches; ++b) {
    for (int oy = 0; oy < s.out_h(); ++oy) {
      for (int ox = 0; ox < s.out_w(); ++ox) {
        for (int c = 0; c < s.channels; ++c) {
          T max = std::numeric_limits<T>::lowest();
          for (int fy = 0; fy < s.filter_h; ++fy) {
            for (int fx = 0; fx < s.filter_w; ++fx) {
              const int y = oy * s.stride_h - pad_h + fy;
              const int x = ox * s.stride_w - pad_w + fx;
              if (y < 0 || y >= s.height || x < 0 || x >= s.width) continue;
              max = std::max(
                  max,
                  in[((b * s.height + y) * s.width + x) * s.channels + c]);
            }
          }
          out.push_back(max);
        }
      }
    }
  }
  return out;
}

// The real clamp bounds of a fused activation.
void ActivationBounds(schema::ActivationFunctionType activation, double* low,
                      double* high) {
  *low = -1e30;
  *high = 1e30;
  if (activation == schema::ActivationFunctionType_RELU ||
      activation == schema::ActivationFunctionType_RELU6) {
    *low = 0;
  }
  if (activation == schema::ActivationFunctionType_RELU6) *high = 6;
  if (activation == schema::ActivationFunctionType_RELU_N1_TO_1) {
    *low = -1;
    *high = 1;
  }
}

TFM_TEST(FloatIsTheWindowMaximum) {
  for (const PoolSpec& s : kSpecs) {
    SingleOpModel m(schema::BuiltinOperator_MAX_POOL_2D);
    m.AddInput(DataType::kFloat32, s.input_shape());
    m.AddOutput(DataType::kFloat32, s.output_shape());
    SetOptions(m, s);
    TFM_EXPECT_EQ(Status::kOk, m.Build());
    std::vector<float> input(s.input_size());
    for (int i = 0; i < s.input_size(); ++i) {
      input[i] = static_cast<float>((i * 53) % 67) * 0.2f - 6.f;
    }
    m.SetInput<float>(0, input);
    TFM_EXPECT_EQ(Status::kOk, m.Invoke());
    const std::vector<float> expected = NaiveMaxPool(s, input);
    TFM_EXPECT_EQ(expected.size(), m.OutputCount(0));
    double low;
    double high;
    ActivationBounds(s.activation, &low, &high);
    const float* out = m.Output<float>(0);
    for (size_t i = 0; i < expected.size(); ++i) {
      TFM_EXPECT_NEAR(std::min(high, std::max(low, double{expected[i]})),
                      out[i], 0.0);
    }
  }
}

TFM_TEST(Int8IsTheWindowMaximum) {
  constexpr float kScale = 0.04f;
  constexpr int kZeroPoint = 10;
  for (const PoolSpec& s : kSpecs) {
    SingleOpModel m(schema::BuiltinOperator_MAX_POOL_2D);
    m.AddInput(DataType::kInt8, s.input_shape(), kScale, kZeroPoint);
    m.AddOutput(DataType::kInt8, s.output_shape(), kScale, kZeroPoint);
    SetOptions(m, s);
    TFM_EXPECT_EQ(Status::kOk, m.Build());
    std::vector<int8_t> input(s.input_size());
    for (int i = 0; i < s.input_size(); ++i) {
      input[i] = static_cast<int8_t>((i * 89) % 256 - 128);
    }
    m.SetInput<int8_t>(0, input);
    TFM_EXPECT_EQ(Status::kOk, m.Invoke());
    const std::vector<int8_t> expected = NaiveMaxPool(s, input);
    double low;
    double high;
    ActivationBounds(s.activation, &low, &high);
    const double q_low =
        std::max(-128.0, kZeroPoint + std::round(low / kScale));
    const double q_high =
        std::min(127.0, kZeroPoint + std::round(high / kScale));
    const int8_t* out = m.Output<int8_t>(0);
    for (size_t i = 0; i < expected.size(); ++i) {
      const double q = expected[i];
      TFM_EXPECT_EQ(std::min(q_high, std::max(q_low, q)), out[i]);
    }
  }
}

TFM_TEST(RejectsOutputQuantizationDifferentFromInput) {
  const PoolSpec& s = kSpecs[0];
  SingleOpModel m(schema::BuiltinOperator_MAX_POOL_2D);
  m.AddInput(DataType::kInt8, s.input_shape(), 0.1f, 3);
  m.AddOutput(DataType::kInt8, s.output_shape(), 0.1f, 4);
  SetOptions(m, s);
  TFM_EXPECT_EQ(Status::kKernelError, m.Build());
  TFM_EXPECT_TRUE(TfmContains(m.error(), "node 0 (MAX_POOL_2D)"));
  TFM_EXPECT_TRUE(TfmContains(m.error(), "must equal the input's"));
}

TFM_TEST(RejectsMissingQuantization) {
  const PoolSpec& s = kSpecs[0];
  SingleOpModel m(schema::BuiltinOperator_MAX_POOL_2D);
  m.AddInput(DataType::kInt8, s.input_shape());
  m.AddOutput(DataType::kInt8, s.output_shape());
  SetOptions(m, s);
  TFM_EXPECT_EQ(Status::kKernelError, m.Build());
  TFM_EXPECT_TRUE(TfmContains(m.error(), "no quantization parameters"));
}

TFM_TEST(RejectsZeroFilter) {
  PoolSpec s = kSpecs[0];
  s.filter_h = 0;
  SingleOpModel m(schema::BuiltinOperator_MAX_POOL_2D);
  m.AddInput(DataType::kFloat32, s.input_shape());
  m.AddOutput(DataType::kFloat32, {1, 3, 3, 3});
  SetOptions(m, s);
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
  SetOptions(m, s);
  TFM_EXPECT_EQ(Status::kKernelError, m.Build());
  TFM_EXPECT_TRUE(TfmContains(m.error(), "pooled shape [1,2,2,3]"));
}

TFM_TEST(RejectsTypeMismatch) {
  const PoolSpec& s = kSpecs[0];
  SingleOpModel m(schema::BuiltinOperator_MAX_POOL_2D);
  m.AddInput(DataType::kFloat32, s.input_shape());
  m.AddOutput(DataType::kInt8, s.output_shape(), 0.1f, 0);
  SetOptions(m, s);
  TFM_EXPECT_EQ(Status::kKernelError, m.Build());
  TFM_EXPECT_TRUE(TfmContains(m.error(), "output type INT8"));
}

}  // namespace
}  // namespace tfmicro

TFM_TEST_MAIN()
