// MEAN: float against a naive double-precision mean, int8 within one
// quantization step of the real-valued mean, over axis sets with negative
// and repeated axes, keep_dims on and off, and Keras' global average
// pooling; and prepare's rejections. Bit-exactness against TFLite is proven
// by python/tests/conformance/test_mean.py.
#include <algorithm>
#include <cmath>
#include <cstdint>
#include <vector>

#include "tensorflow_micro/testing/kernel_test_util.h"
#include "tensorflow_micro/testing/micro_test.h"
#include "tensorflow_micro/testing/single_op_model.h"

namespace tfmicro {
namespace {

using testing::ElementCount;
using testing::SingleOpModel;

using MeanCase = testing::ReduceCase;

const MeanCase kCases[] = {
    {{2, 3, 4, 5}, {1, 2}, true},
    {{2, 3, 4}, {-1}, false},
    {{2, 3, 4}, {0, 2, -3}, false},  // axis 0 twice
    {{3, 4}, {}, true},              // no axis: the identity
    {{4, 5}, {0, 1}, false},         // everything: a scalar
    {{5, 1, 3}, {1}, true},
};

std::vector<double> NaiveMean(const MeanCase& c,
                              const std::vector<double>& in) {
  std::vector<int> counts;
  std::vector<double> sum = testing::NaiveReduce(
      c, in, 0.0, [](double a, double x) { return a + x; }, &counts);
  for (size_t i = 0; i < sum.size(); ++i) sum[i] /= counts[i];
  return sum;
}

std::vector<int32_t> OutputShape(const MeanCase& c) {
  return testing::ReducedShape(c);
}

void AddAxis(SingleOpModel& m, const MeanCase& c) {
  m.AddConstInput<int32_t>(DataType::kInt32,
                           {static_cast<int32_t>(c.axes.size())}, c.axes);
}

void SetKeepDims(SingleOpModel& m, bool keep_dims) {
  m.SetOptions(schema::BuiltinOptions_ReducerOptions,
               schema::CreateReducerOptions(m.builder(), keep_dims).Union());
}

TFM_TEST(FloatMatchesNaiveMean) {
  for (const MeanCase& c : kCases) {
    SingleOpModel m(schema::BuiltinOperator_MEAN);
    m.AddInput(DataType::kFloat32, c.shape);
    AddAxis(m, c);
    m.AddOutput(DataType::kFloat32, OutputShape(c));
    SetKeepDims(m, c.keep_dims);
    TFM_EXPECT_EQ(Status::kOk, m.Build());
    const int n = static_cast<int>(ElementCount(c.shape));
    std::vector<float> input(n);
    std::vector<double> input_double(n);
    for (int i = 0; i < n; ++i) {
      input[i] = static_cast<float>((i * 43) % 59) * 0.3f - 8.f;
      input_double[i] = input[i];
    }
    m.SetInput<float>(0, input);
    TFM_EXPECT_EQ(Status::kOk, m.Invoke());
    const std::vector<double> expected = NaiveMean(c, input_double);
    TFM_EXPECT_EQ(expected.size(), m.OutputCount(0));
    const float* out = m.Output<float>(0);
    for (size_t i = 0; i < expected.size(); ++i) {
      TFM_EXPECT_NEAR(expected[i], out[i],
                      1e-5 * std::fabs(expected[i]) + 1e-6);
    }
  }
}

void ExpectInt8WithinOneStep(const MeanCase& c, float input_scale,
                             int input_zero_point, float output_scale,
                             int output_zero_point) {
  SingleOpModel m(schema::BuiltinOperator_MEAN);
  m.AddInput(DataType::kInt8, c.shape, input_scale, input_zero_point);
  AddAxis(m, c);
  m.AddOutput(DataType::kInt8, OutputShape(c), output_scale,
              output_zero_point);
  SetKeepDims(m, c.keep_dims);
  TFM_EXPECT_EQ(Status::kOk, m.Build());
  const int n = static_cast<int>(ElementCount(c.shape));
  std::vector<int8_t> input(n);
  std::vector<double> real(n);
  for (int i = 0; i < n; ++i) {
    input[i] = static_cast<int8_t>((i * 71 + 5) % 256 - 128);
    real[i] = input_scale * (input[i] - input_zero_point);
  }
  m.SetInput<int8_t>(0, input);
  TFM_EXPECT_EQ(Status::kOk, m.Invoke());
  const std::vector<double> expected = NaiveMean(c, real);
  const int8_t* out = m.Output<int8_t>(0);
  for (size_t i = 0; i < expected.size(); ++i) {
    const double q =
        std::min(127.0, std::max(-128.0, expected[i] / output_scale +
                                             output_zero_point));
    TFM_EXPECT_NEAR(q, out[i], 1.0);
  }
}

TFM_TEST(Int8WithinOneStepOfRealMean) {
  for (const MeanCase& c : kCases) {
    ExpectInt8WithinOneStep(c, 0.05f, 3, 0.06f, -5);
    ExpectInt8WithinOneStep(c, 0.05f, 3, 0.05f, 3);  // same quantization
  }
}

TFM_TEST(Int8GlobalAveragePooling) {
  // Keras GlobalAveragePooling2D: mean over H and W, keep_dims.
  const MeanCase c = {{1, 7, 7, 16}, {1, 2}, true};
  ExpectInt8WithinOneStep(c, 0.1f, -10, 0.02f, 4);
}

TFM_TEST(Int32TruncatesTheMean) {
  const MeanCase c = {{2, 3}, {1}, false};
  SingleOpModel m(schema::BuiltinOperator_MEAN);
  m.AddInput(DataType::kInt32, c.shape);
  AddAxis(m, c);
  m.AddOutput(DataType::kInt32, OutputShape(c));
  SetKeepDims(m, false);
  TFM_EXPECT_EQ(Status::kOk, m.Build());
  const std::vector<int32_t> input = {1, 2, 4, -1, -2, -4};
  m.SetInput<int32_t>(0, input);
  TFM_EXPECT_EQ(Status::kOk, m.Invoke());
  const std::vector<double> sums = testing::NaiveReduce(
      c, {1, 2, 4, -1, -2, -4}, 0.0, [](double a, double x) { return a + x; });
  const int32_t* out = m.Output<int32_t>(0);
  for (int i = 0; i < 2; ++i) {
    TFM_EXPECT_EQ(static_cast<int32_t>(sums[i]) / 3, out[i]);
  }
}

TFM_TEST(RejectsDynamicAxis) {
  SingleOpModel m(schema::BuiltinOperator_MEAN);
  m.AddInput(DataType::kFloat32, {2, 3});
  m.AddInput(DataType::kInt32, {1});
  m.AddOutput(DataType::kFloat32, {2});
  SetKeepDims(m, false);
  TFM_EXPECT_EQ(Status::kKernelError, m.Build());
  TFM_EXPECT_TRUE(TfmContains(m.error(), "node 0 (MEAN)"));
  TFM_EXPECT_TRUE(TfmContains(m.error(), "axis must be a constant tensor"));
}

TFM_TEST(RejectsAxisOutOfRange) {
  SingleOpModel m(schema::BuiltinOperator_MEAN);
  m.AddInput(DataType::kFloat32, {2, 3});
  m.AddConstInput<int32_t>(DataType::kInt32, {1}, {-3});
  m.AddOutput(DataType::kFloat32, {2});
  SetKeepDims(m, false);
  TFM_EXPECT_EQ(Status::kKernelError, m.Build());
  TFM_EXPECT_TRUE(TfmContains(
      m.error(), "axis -3 is out of range for an input of rank 2"));
}

TFM_TEST(RejectsOutputShapeIgnoringKeepDims) {
  SingleOpModel m(schema::BuiltinOperator_MEAN);
  m.AddInput(DataType::kFloat32, {2, 3});
  m.AddConstInput<int32_t>(DataType::kInt32, {1}, {1});
  m.AddOutput(DataType::kFloat32, {2});
  SetKeepDims(m, true);
  TFM_EXPECT_EQ(Status::kKernelError, m.Build());
  TFM_EXPECT_TRUE(TfmContains(m.error(), "output rank 1 does not match the "
                                         "reduced rank 2 (keep_dims=true)"));

  SingleOpModel m2(schema::BuiltinOperator_MEAN);
  m2.AddInput(DataType::kFloat32, {2, 3});
  m2.AddConstInput<int32_t>(DataType::kInt32, {1}, {1});
  m2.AddOutput(DataType::kFloat32, {3});
  SetKeepDims(m2, false);
  TFM_EXPECT_EQ(Status::kKernelError, m2.Build());
  TFM_EXPECT_TRUE(
      TfmContains(m2.error(), "output dimension 0 is 3, expected 2"));
}

TFM_TEST(RejectsAxisOfWrongType) {
  SingleOpModel m(schema::BuiltinOperator_MEAN);
  m.AddInput(DataType::kFloat32, {2, 3});
  m.AddConstInput<int64_t>(DataType::kInt64, {1}, {1});
  m.AddOutput(DataType::kFloat32, {2});
  SetKeepDims(m, false);
  TFM_EXPECT_EQ(Status::kKernelError, m.Build());
  TFM_EXPECT_TRUE(TfmContains(m.error(), "axis"));
  TFM_EXPECT_TRUE(TfmContains(m.error(), "INT64"));
}

TFM_TEST(RejectsUnsupportedTypeAndMissingQuantization) {
  SingleOpModel mb(schema::BuiltinOperator_MEAN);
  mb.AddInput(DataType::kBool, {2, 3});
  mb.AddConstInput<int32_t>(DataType::kInt32, {1}, {1});
  mb.AddOutput(DataType::kBool, {2});
  SetKeepDims(mb, false);
  TFM_EXPECT_EQ(Status::kKernelError, mb.Build());
  TFM_EXPECT_TRUE(TfmContains(mb.error(), "input type BOOL not supported"));

  SingleOpModel m16(schema::BuiltinOperator_MEAN);
  m16.AddInput(DataType::kInt16, {2, 3}, 0.1f, 3);
  m16.AddConstInput<int32_t>(DataType::kInt32, {1}, {1});
  m16.AddOutput(DataType::kInt16, {2}, 0.1f, 0);
  SetKeepDims(m16, false);
  TFM_EXPECT_EQ(Status::kKernelError, m16.Build());
  TFM_EXPECT_TRUE(TfmContains(m16.error(), "zero point 0"));

  SingleOpModel m8(schema::BuiltinOperator_MEAN);
  m8.AddInput(DataType::kInt8, {2, 3}, 0.1f, 0);
  m8.AddConstInput<int32_t>(DataType::kInt32, {1}, {1});
  m8.AddOutput(DataType::kInt8, {2});
  SetKeepDims(m8, false);
  TFM_EXPECT_EQ(Status::kKernelError, m8.Build());
  TFM_EXPECT_TRUE(TfmContains(m8.error(), "output (INT8) has no quantization"));
}

}  // namespace
}  // namespace tfmicro

TFM_TEST_MAIN()
