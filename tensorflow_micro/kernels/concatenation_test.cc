// CONCATENATION: results against a naive concatenation (any axis, negative
// too, scalars), fused activations, INT8 inputs requantized to the output
// within one step, and prepare's rejections. Bit-exactness against TFLite
// is proven by python/tests/conformance/test_shape_ops.py.
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

void SetOptions(
    SingleOpModel& m, int axis,
    schema::ActivationFunctionType act = schema::ActivationFunctionType_NONE) {
  m.SetOptions(
      schema::BuiltinOptions_ConcatenationOptions,
      schema::CreateConcatenationOptions(m.builder(), axis, act).Union());
}

// out[outer][input][axis slice][inner] in row-major order.
template <typename T>
std::vector<T> NaiveConcat(const std::vector<std::vector<T>>& inputs,
                           const std::vector<std::vector<int32_t>>& shapes,
                           int axis) {
  int64_t outer = 1;
  for (int d = 0; d < axis; ++d) outer *= shapes[0][d];
  std::vector<T> out;
  for (int64_t o = 0; o < outer; ++o) {
    for (size_t i = 0; i < inputs.size(); ++i) {
      const int64_t block = ElementCount(shapes[i]) / outer;
      out.insert(out.end(), inputs[i].begin() + o * block,
                 inputs[i].begin() + (o + 1) * block);
    }
  }
  return out;
}

template <typename T>
void CheckExact(DataType type, const std::vector<std::vector<int32_t>>& shapes,
                int axis, const std::vector<int32_t>& out_shape) {
  SingleOpModel m(schema::BuiltinOperator_CONCATENATION);
  for (const auto& shape : shapes) m.AddInput(type, shape, 0.5f, 1);
  m.AddOutput(type, out_shape, 0.5f, 1);
  SetOptions(m, axis);
  TFM_EXPECT_EQ(Status::kOk, m.Build());
  std::vector<std::vector<T>> inputs;
  for (size_t i = 0; i < shapes.size(); ++i) {
    std::vector<T> x(ElementCount(shapes[i]));
    for (size_t j = 0; j < x.size(); ++j) {
      x[j] = static_cast<T>(static_cast<int>(i * 50 + j) % 120 - 60);
    }
    m.SetInput(static_cast<int>(i), x);
    inputs.push_back(x);
  }
  TFM_EXPECT_EQ(Status::kOk, m.Invoke());
  const int rank = shapes[0].empty() ? 1 : static_cast<int>(shapes[0].size());
  const std::vector<T> expected =
      NaiveConcat(inputs, shapes, axis < 0 ? axis + rank : axis);
  const T* out = m.Output<T>(0);
  TFM_EXPECT_EQ(expected.size(), m.OutputCount(0));
  for (size_t i = 0; i < expected.size(); ++i) {
    TFM_EXPECT_TRUE(out[i] == expected[i]);
  }
}

TFM_TEST(FloatNegativeAxis) {
  CheckExact<float>(DataType::kFloat32, {{2, 1, 3}, {2, 2, 3}, {2, 3, 3}}, -2,
                    {2, 6, 3});
}

TFM_TEST(FloatLastAxis) {
  CheckExact<float>(DataType::kFloat32, {{2, 2}, {2, 1}}, 1, {2, 3});
}

TFM_TEST(Int8SharedQuantization) {
  CheckExact<int8_t>(DataType::kInt8, {{1, 2, 2}, {3, 2, 2}}, 0, {4, 2, 2});
}

TFM_TEST(Int32Rank5) {
  CheckExact<int32_t>(DataType::kInt32, {{1, 2, 1, 2, 2}, {1, 2, 3, 2, 2}}, 2,
                      {1, 2, 4, 2, 2});
}

TFM_TEST(ScalarsMakeAVector) {
  CheckExact<float>(DataType::kFloat32, {{}, {}, {}}, 0, {3});
}

TFM_TEST(FloatFusedRelu6) {
  SingleOpModel m(schema::BuiltinOperator_CONCATENATION);
  m.AddInput(DataType::kFloat32, {3});
  m.AddInput(DataType::kFloat32, {2});
  m.AddOutput(DataType::kFloat32, {5});
  SetOptions(m, 0, schema::ActivationFunctionType_RELU6);
  TFM_EXPECT_EQ(Status::kOk, m.Build());
  m.SetInput<float>(0, {-1.f, 2.5f, 7.f});
  m.SetInput<float>(1, {6.5f, 0.25f});
  TFM_EXPECT_EQ(Status::kOk, m.Invoke());
  const float* out = m.Output<float>(0);
  const float expected[5] = {0.f, 2.5f, 6.f, 6.f, 0.25f};
  for (int i = 0; i < 5; ++i) TFM_EXPECT_TRUE(out[i] == expected[i]);
}

TFM_TEST(Int8RequantizesDifferingInputs) {
  const float scales[3] = {0.02f, 0.1f, 0.05f};
  const int zero_points[3] = {-10, 20, 0};
  const float out_scale = 0.05f;
  const int out_zp = 5;
  SingleOpModel m(schema::BuiltinOperator_CONCATENATION);
  m.AddInput(DataType::kInt8, {2, 128}, scales[0], zero_points[0]);
  m.AddInput(DataType::kInt8, {2, 128}, scales[1], zero_points[1]);
  m.AddInput(DataType::kInt8, {2, 128}, scales[2], zero_points[2]);
  m.AddOutput(DataType::kInt8, {2, 384}, out_scale, out_zp);
  SetOptions(m, 1);
  TFM_EXPECT_EQ(Status::kOk, m.Build());
  std::vector<int8_t> x(256);
  for (int j = 0; j < 256; ++j) x[j] = static_cast<int8_t>(j - 128);
  for (int i = 0; i < 3; ++i) m.SetInput(i, x);
  TFM_EXPECT_EQ(Status::kOk, m.Invoke());
  const int8_t* out = m.Output<int8_t>(0);
  for (int row = 0; row < 2; ++row) {
    for (int i = 0; i < 3; ++i) {
      for (int j = 0; j < 128; ++j) {
        const int8_t q = x[row * 128 + j];
        const double real = scales[i] * (q - zero_points[i]);
        const double expected =
            std::min(127.0, std::max(-128.0, out_zp + real / out_scale));
        TFM_EXPECT_NEAR(expected, out[row * 384 + i * 128 + j], 1.0);
      }
    }
  }
}

// An input scale far above the output's makes eval's float-to-int32
// conversion overflow (undefined): prepare rejects the ratio.
TFM_TEST(RejectsInt8ScaleRatioPastInt32) {
  SingleOpModel m(schema::BuiltinOperator_CONCATENATION);
  m.AddInput(DataType::kInt8, {2, 2}, 3e38f, 0);
  m.AddInput(DataType::kInt8, {2, 2}, 0.05f, 0);
  m.AddOutput(DataType::kInt8, {2, 4}, 1e-38f, 0);
  SetOptions(m, 1);
  TFM_EXPECT_EQ(Status::kKernelError, m.Build());
  TFM_EXPECT_TRUE(TfmContains(m.error(), "node 0 (CONCATENATION)"));
  TFM_EXPECT_TRUE(TfmContains(m.error(), "input 0 / output scale ratio"));
}

TFM_TEST(RejectsRankMismatch) {
  SingleOpModel m(schema::BuiltinOperator_CONCATENATION);
  m.AddInput(DataType::kFloat32, {2, 2});
  m.AddInput(DataType::kFloat32, {4});
  m.AddOutput(DataType::kFloat32, {2, 4});
  SetOptions(m, 1);
  TFM_EXPECT_EQ(Status::kKernelError, m.Build());
  TFM_EXPECT_TRUE(TfmContains(m.error(), "input 1 rank 1 differs"));
}

TFM_TEST(RejectsDimensionMismatch) {
  SingleOpModel m(schema::BuiltinOperator_CONCATENATION);
  m.AddInput(DataType::kFloat32, {2, 2});
  m.AddInput(DataType::kFloat32, {3, 2});
  m.AddOutput(DataType::kFloat32, {2, 4});
  SetOptions(m, 1);
  TFM_EXPECT_EQ(Status::kKernelError, m.Build());
  TFM_EXPECT_TRUE(TfmContains(m.error(),
                              "input 1 shape [3, 2] differs from "
                              "input 0 shape [2, 2] outside axis 1"));
}

TFM_TEST(RejectsAxisOutOfRange) {
  SingleOpModel m(schema::BuiltinOperator_CONCATENATION);
  m.AddInput(DataType::kFloat32, {2, 2});
  m.AddInput(DataType::kFloat32, {2, 2});
  m.AddOutput(DataType::kFloat32, {2, 4});
  SetOptions(m, -3);
  TFM_EXPECT_EQ(Status::kKernelError, m.Build());
  TFM_EXPECT_TRUE(TfmContains(m.error(), "axis -3 out of range"));
}

TFM_TEST(RejectsWrongOutputShape) {
  SingleOpModel m(schema::BuiltinOperator_CONCATENATION);
  m.AddInput(DataType::kFloat32, {2, 2});
  m.AddInput(DataType::kFloat32, {2, 1});
  m.AddOutput(DataType::kFloat32, {2, 4});
  SetOptions(m, 1);
  TFM_EXPECT_EQ(Status::kKernelError, m.Build());
  TFM_EXPECT_TRUE(TfmContains(m.error(),
                              "output shape [2, 4] does not match "
                              "the expected [2, 3]"));
}

TFM_TEST(RejectsActivationOnInt32) {
  SingleOpModel m(schema::BuiltinOperator_CONCATENATION);
  m.AddInput(DataType::kInt32, {2});
  m.AddInput(DataType::kInt32, {2});
  m.AddOutput(DataType::kInt32, {4});
  SetOptions(m, 0, schema::ActivationFunctionType_RELU);
  TFM_EXPECT_EQ(Status::kKernelError, m.Build());
  TFM_EXPECT_TRUE(TfmContains(m.error(),
                              "fused activation RELU is not "
                              "supported for INT32"));
}

TFM_TEST(RejectsMixedTypes) {
  SingleOpModel m(schema::BuiltinOperator_CONCATENATION);
  m.AddInput(DataType::kFloat32, {2});
  m.AddInput(DataType::kInt32, {2});
  m.AddOutput(DataType::kFloat32, {4});
  SetOptions(m, 0);
  TFM_EXPECT_EQ(Status::kKernelError, m.Build());
  TFM_EXPECT_TRUE(TfmContains(m.error(), "input 1 type INT32 differs"));
}

}  // namespace
}  // namespace tfmicro

TFM_TEST_MAIN()
