// SOFTMAX: float against a double-precision softmax, int8 within one
// quantization step of it, the fixed-point exp and reciprocal against
// <cmath>, the extreme cases TFLite aborts on, and prepare's rejections.
// Bit-exactness against TFLite is proven by
// python/tests/conformance/test_softmax.py.
#include <cmath>
#include <cstdint>
#include <cstdlib>
#include <vector>

#include "tensorflow_micro/kernels/internal/fixed_point.h"
#include "tensorflow_micro/testing/micro_test.h"
#include "tensorflow_micro/testing/single_op_model.h"

namespace tfmicro {
namespace {

using testing::SingleOpModel;

constexpr float kOutputScale = 1.f / 256;
constexpr int kOutputZeroPoint = -128;

void SetBeta(SingleOpModel& m, float beta) {
  m.SetOptions(schema::BuiltinOptions_SoftmaxOptions,
               schema::CreateSoftmaxOptions(m.builder(), beta).Union());
}

// Softmax of each row of `depth` values, in double.
std::vector<double> ReferenceSoftmax(const std::vector<double>& x, int depth,
                                     double beta) {
  std::vector<double> out(x.size());
  for (size_t row = 0; row < x.size(); row += depth) {
    double max = x[row];
    for (int c = 0; c < depth; ++c) max = std::fmax(max, x[row + c]);
    double sum = 0;
    for (int c = 0; c < depth; ++c) sum += std::exp(beta * (x[row + c] - max));
    for (int c = 0; c < depth; ++c) {
      out[row + c] = std::exp(beta * (x[row + c] - max)) / sum;
    }
  }
  return out;
}

// Deterministic int8 values spread over the whole range.
std::vector<int8_t> SpreadInt8(size_t n, int seed) {
  std::vector<int8_t> v(n);
  for (size_t i = 0; i < n; ++i) {
    v[i] = static_cast<int8_t>(static_cast<int>((i * 97 + seed * 31) % 256) -
                               128);
  }
  return v;
}

TFM_TEST(FloatMatchesDoubleSoftmax) {
  const std::vector<int32_t> shape = {2, 3, 5};
  SingleOpModel m(schema::BuiltinOperator_SOFTMAX);
  m.AddInput(DataType::kFloat32, shape);
  m.AddOutput(DataType::kFloat32, shape);
  SetBeta(m, 0.7f);
  TFM_EXPECT_EQ(Status::kOk, m.Build());
  std::vector<float> input(30);
  std::vector<double> input_double(30);
  for (int i = 0; i < 30; ++i) {
    input[i] = static_cast<float>((i * 37) % 23) * 0.5f - 5.f;
    input_double[i] = input[i];
  }
  m.SetInput<float>(0, input);
  TFM_EXPECT_EQ(Status::kOk, m.Invoke());
  const std::vector<double> expected = ReferenceSoftmax(input_double, 5, 0.7);
  const float* out = m.Output<float>(0);
  for (int i = 0; i < 30; ++i) {
    TFM_EXPECT_NEAR(expected[i], out[i], 1e-5 * expected[i] + 1e-7);
  }
}

TFM_TEST(Int8WithinOneStepOfRealSoftmax) {
  struct Case {
    float input_scale;
    int input_zero_point;
    float beta;
    int depth;
  };
  const Case cases[] = {{0.1f, 3, 1.f, 10},
                        {0.02f, -20, 1.f, 7},
                        {0.25f, 0, 0.5f, 33},
                        {0.05f, 100, 2.f, 1}};
  for (const Case& c : cases) {
    const std::vector<int32_t> shape = {3, c.depth};
    SingleOpModel m(schema::BuiltinOperator_SOFTMAX);
    m.AddInput(DataType::kInt8, shape, c.input_scale, c.input_zero_point);
    m.AddOutput(DataType::kInt8, shape, kOutputScale, kOutputZeroPoint);
    SetBeta(m, c.beta);
    TFM_EXPECT_EQ(Status::kOk, m.Build());
    const std::vector<int8_t> input = SpreadInt8(3 * c.depth, c.depth);
    m.SetInput<int8_t>(0, input);
    TFM_EXPECT_EQ(Status::kOk, m.Invoke());
    std::vector<double> real(input.size());
    for (size_t i = 0; i < input.size(); ++i) {
      real[i] = c.input_scale * (input[i] - c.input_zero_point);
    }
    const std::vector<double> expected =
        ReferenceSoftmax(real, c.depth, c.beta);
    const int8_t* out = m.Output<int8_t>(0);
    for (size_t i = 0; i < input.size(); ++i) {
      const double expected_q = expected[i] * 256 + kOutputZeroPoint;
      TFM_EXPECT_NEAR(expected_q, out[i], 1.0);
    }
  }
}

TFM_TEST(Int8HugeInputScaleIsOneHotOnTheMaximum) {
  // beta * scale beyond 32: TFLite caps the multiplier; only the maximum
  // keeps a non-zero exponential.
  SingleOpModel m(schema::BuiltinOperator_SOFTMAX);
  m.AddInput(DataType::kInt8, {1, 4}, 1000.f, 0);
  m.AddOutput(DataType::kInt8, {1, 4}, kOutputScale, kOutputZeroPoint);
  SetBeta(m, 1.f);
  TFM_EXPECT_EQ(Status::kOk, m.Build());
  m.SetInput<int8_t>(0, {-3, 7, 6, 7});
  TFM_EXPECT_EQ(Status::kOk, m.Invoke());
  const int8_t* out = m.Output<int8_t>(0);
  TFM_EXPECT_EQ(-128, out[0]);
  TFM_EXPECT_EQ(-128, out[2]);
  // Two maxima share the probability: 1/2 is 128 steps above -128.
  TFM_EXPECT_EQ(0, out[1]);
  TFM_EXPECT_EQ(0, out[3]);
}

TFM_TEST(Int8WideUniformRowRoundsToZeroInsteadOfAborting) {
  // 600 equal values: each probability 1/600 is below half a step. TFLite's
  // reference kernel aborts on rows whose exponentials sum past 512.
  SingleOpModel m(schema::BuiltinOperator_SOFTMAX);
  m.AddInput(DataType::kInt8, {1, 600}, 0.1f, 0);
  m.AddOutput(DataType::kInt8, {1, 600}, kOutputScale, kOutputZeroPoint);
  SetBeta(m, 1.f);
  TFM_EXPECT_EQ(Status::kOk, m.Build());
  m.SetInput<int8_t>(0, std::vector<int8_t>(600, 5));
  TFM_EXPECT_EQ(Status::kOk, m.Invoke());
  const int8_t* out = m.Output<int8_t>(0);
  for (int i = 0; i < 600; ++i) TFM_EXPECT_EQ(-128, out[i]);
}

TFM_TEST(FixedPointExpMatchesCmath) {
  // Q5.26 inputs from -31 to 0.
  for (int32_t raw = -(31 << 26); raw <= 0; raw += 1234567) {
    const double x = raw / static_cast<double>(1 << 26);
    const double got =
        fixed_point::ExpOnNegativeValues<5>(raw) / 2147483648.0;
    TFM_EXPECT_NEAR(std::exp(x), got, 2e-6);
  }
  TFM_EXPECT_EQ(2147483647, fixed_point::ExpOnNegativeValues<5>(0));
}

TFM_TEST(FixedPointReciprocalMatchesDivision) {
  // Q12.19 sums from 1 to 4000.
  for (double sum = 1.0; sum < 4000.0; sum = sum * 1.37 + 0.11) {
    const int32_t raw = static_cast<int32_t>(sum * (1 << 19));
    int bits_over_unit;
    const int32_t reciprocal =
        fixed_point::GetReciprocal(raw, 12, &bits_over_unit);
    const double got =
        reciprocal / 2147483648.0 / std::ldexp(1.0, bits_over_unit);
    const double expected = (1 << 19) / static_cast<double>(raw);
    TFM_EXPECT_NEAR(expected, got, 1e-8 * expected);
  }
}

Status BuildInt8(SingleOpModel& m, float input_scale, float output_scale,
                 int output_zero_point, float beta = 1.f) {
  m.AddInput(DataType::kInt8, {1, 8}, input_scale, 0);
  m.AddOutput(DataType::kInt8, {1, 8}, output_scale, output_zero_point);
  SetBeta(m, beta);
  return m.Build();
}

TFM_TEST(RejectsInt8OutputZeroPointOtherThanMinus128) {
  SingleOpModel m(schema::BuiltinOperator_SOFTMAX);
  TFM_EXPECT_EQ(Status::kKernelError, BuildInt8(m, 0.1f, kOutputScale, 0));
  TFM_EXPECT_TRUE(TfmContains(m.error(), "node 0 (SOFTMAX)"));
  TFM_EXPECT_TRUE(TfmContains(m.error(), "zero point must be -128, got 0"));
}

TFM_TEST(RejectsInt8OutputScaleOtherThanOne256th) {
  SingleOpModel m(schema::BuiltinOperator_SOFTMAX);
  TFM_EXPECT_EQ(Status::kKernelError,
                BuildInt8(m, 0.1f, 1.f / 128, kOutputZeroPoint));
  TFM_EXPECT_TRUE(TfmContains(m.error(), "output scale must be 1/256"));
}

TFM_TEST(RejectsInputScaleTooSmallForFixedPoint) {
  // TFLite aborts the process here.
  SingleOpModel m(schema::BuiltinOperator_SOFTMAX);
  TFM_EXPECT_EQ(Status::kKernelError,
                BuildInt8(m, 1e-9f, kOutputScale, kOutputZeroPoint));
  TFM_EXPECT_TRUE(TfmContains(m.error(), "too small for int8 softmax"));
}

TFM_TEST(RejectsZeroBetaForInt8) {
  SingleOpModel m(schema::BuiltinOperator_SOFTMAX);
  TFM_EXPECT_EQ(Status::kKernelError,
                BuildInt8(m, 0.1f, kOutputScale, kOutputZeroPoint, 0.f));
  TFM_EXPECT_TRUE(TfmContains(m.error(), "beta * input scale = 0"));
}

TFM_TEST(RejectsUnsupportedType) {
  SingleOpModel m(schema::BuiltinOperator_SOFTMAX);
  m.AddInput(DataType::kInt32, {1, 8});
  m.AddOutput(DataType::kInt32, {1, 8});
  TFM_EXPECT_EQ(Status::kKernelError, m.Build());
  TFM_EXPECT_TRUE(TfmContains(m.error(), "input type INT32 not supported"));
}

TFM_TEST(Int16WithinFourStepsOfRealSoftmax) {
  const float scale = 3e-4f;
  SingleOpModel m(schema::BuiltinOperator_SOFTMAX);
  m.AddInput(DataType::kInt16, {3, 12}, scale, 0);
  m.AddOutput(DataType::kInt16, {3, 12}, 1.f / 32768, 0);
  m.SetOptions(schema::BuiltinOptions_SoftmaxOptions,
               schema::CreateSoftmaxOptions(m.builder(), 1.f).Union());
  TFM_EXPECT_EQ(Status::kOk, m.Build());
  std::vector<int16_t> q(36);
  for (int i = 0; i < 36; ++i) q[i] = static_cast<int16_t>((i * 7919) % 20001 - 10000);
  m.SetInput(0, q);
  TFM_EXPECT_EQ(Status::kOk, m.Invoke());
  const int16_t* out = m.Output<int16_t>(0);
  for (int r = 0; r < 3; ++r) {
    double max = -1e9;
    for (int c = 0; c < 12; ++c) max = std::fmax(max, scale * q[r * 12 + c]);
    double sum = 0;
    for (int c = 0; c < 12; ++c) sum += std::exp(scale * q[r * 12 + c] - max);
    for (int c = 0; c < 12; ++c) {
      const double e = std::exp(scale * q[r * 12 + c] - max) / sum * 32768;
      // The tables hold exp() to about 2^-15 and stop at exp(-10).
      TFM_EXPECT_NEAR(std::fmin(e, 32767.0), out[r * 12 + c], 4.0);
    }
  }
}

TFM_TEST(RejectsInt16InputScaleNeedingAShiftAbove31) {
  // 1e30 / (10 / 65535): a left shift of 113 bits would reach eval.
  SingleOpModel m(schema::BuiltinOperator_SOFTMAX);
  m.AddInput(DataType::kInt16, {1, 8}, 1e30f, 0);
  m.AddOutput(DataType::kInt16, {1, 8}, 1.f / 32768, 0);
  SetBeta(m, 1.f);
  TFM_EXPECT_EQ(Status::kKernelError, m.Build());
  TFM_EXPECT_TRUE(TfmContains(m.error(), "node 0 (SOFTMAX)"));
  TFM_EXPECT_TRUE(TfmContains(m.error(),
                              "input scale * beta / (10 / 65535) rescale "
                              "factor 6.5535e+33 needs a left shift of 113"));
}

TFM_TEST(RejectsNanBeta) {
  SingleOpModel m(schema::BuiltinOperator_SOFTMAX);
  TFM_EXPECT_EQ(Status::kKernelError,
                BuildInt8(m, 0.1f, kOutputScale, kOutputZeroPoint, NAN));
  TFM_EXPECT_TRUE(TfmContains(
      m.error(), "beta * input scale (as Q5.26) rescale factor nan is not a "
                 "finite non-negative number"));
}

TFM_TEST(Int8InputInt16OutputWithinOneStepOfRealSoftmax) {
  const std::vector<int32_t> shape = {3, 9};
  const float input_scale = 0.07f;
  SingleOpModel m(schema::BuiltinOperator_SOFTMAX);
  m.AddInput(DataType::kInt8, shape, input_scale, 4);
  m.AddOutput(DataType::kInt16, shape, 1.f / 65536, -32768);
  SetBeta(m, 1.3f);
  TFM_EXPECT_EQ(Status::kOk, m.Build());
  const std::vector<int8_t> input = SpreadInt8(27, 5);
  m.SetInput<int8_t>(0, input);
  TFM_EXPECT_EQ(Status::kOk, m.Invoke());
  std::vector<double> real(input.size());
  for (size_t i = 0; i < input.size(); ++i) {
    real[i] = input_scale * (input[i] - 4);
  }
  const std::vector<double> expected = ReferenceSoftmax(real, 9, 1.3);
  const int16_t* out = m.Output<int16_t>(0);
  for (size_t i = 0; i < input.size(); ++i) {
    // The fixed-point exp is good to about 2^-16 here.
    TFM_EXPECT_NEAR(std::fmin(expected[i] * 65536 - 32768, 32767.0), out[i],
                    2.0);
  }
}

TFM_TEST(RejectsInt16OutputQuantizationOfInt8Softmax) {
  SingleOpModel m(schema::BuiltinOperator_SOFTMAX);
  m.AddInput(DataType::kInt8, {1, 8}, 0.1f, 0);
  m.AddOutput(DataType::kInt16, {1, 8}, 1.f / 32768, 0);
  SetBeta(m, 1.f);
  TFM_EXPECT_EQ(Status::kKernelError, m.Build());
  TFM_EXPECT_TRUE(
      TfmContains(m.error(), "scale 1/65536 and zero point -32768"));
}

TFM_TEST(RejectsInt16ZeroPoint) {
  SingleOpModel m(schema::BuiltinOperator_SOFTMAX);
  m.AddInput(DataType::kInt16, {1, 8}, 0.1f, 3);
  m.AddOutput(DataType::kInt16, {1, 8}, 1.f / 32768, 0);
  TFM_EXPECT_EQ(Status::kKernelError, m.Build());
  TFM_EXPECT_TRUE(TfmContains(m.error(), "zero point 0"));
}

TFM_TEST(RejectsShapeMismatch) {
  SingleOpModel m(schema::BuiltinOperator_SOFTMAX);
  m.AddInput(DataType::kFloat32, {1, 8});
  m.AddOutput(DataType::kFloat32, {1, 7});
  SetBeta(m, 1.f);
  TFM_EXPECT_EQ(Status::kKernelError, m.Build());
  TFM_EXPECT_TRUE(TfmContains(m.error(), "output"));
}

TFM_TEST(RejectsScalarInput) {
  SingleOpModel m(schema::BuiltinOperator_SOFTMAX);
  m.AddInput(DataType::kFloat32, {});
  m.AddOutput(DataType::kFloat32, {});
  SetBeta(m, 1.f);
  TFM_EXPECT_EQ(Status::kKernelError, m.Build());
  TFM_EXPECT_TRUE(TfmContains(m.error(), "at least one dimension"));
}

}  // namespace
}  // namespace tfmicro

TFM_TEST_MAIN()
