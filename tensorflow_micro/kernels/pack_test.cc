// PACK: results against a naive stack along every axis (negative too), and
// prepare's rejections. Bit-exactness against TFLite is proven by
// python/tests/conformance/test_shape_ops.py.
#include <cstdint>
#include <vector>

#include "tensorflow_micro/testing/micro_test.h"
#include "tensorflow_micro/testing/single_op_model.h"

namespace tfmicro {
namespace {

using testing::SingleOpModel;

void SetOptions(SingleOpModel& m, int count, int axis) {
  m.SetOptions(schema::BuiltinOptions_PackOptions,
               schema::CreatePackOptions(m.builder(), count, axis).Union());
}

// Stacks `count` inputs of shape {rows, cols} (input i holds 100 * i + r * cols
// + c) along `axis` of the rank-3 output and checks every element.
template <typename T>
void CheckPack(DataType type, int count, int axis) {
  const int rows = 2;
  const int cols = 3;
  const int positive_axis = axis < 0 ? axis + 3 : axis;
  std::vector<int32_t> out_shape = {rows, cols};
  out_shape.insert(out_shape.begin() + positive_axis, count);
  SingleOpModel m(schema::BuiltinOperator_PACK);
  for (int i = 0; i < count; ++i) m.AddInput(type, {rows, cols}, 0.25f, -3);
  m.AddOutput(type, out_shape, 0.25f, -3);
  SetOptions(m, count, axis);
  TFM_EXPECT_EQ(Status::kOk, m.Build());
  for (int i = 0; i < count; ++i) {
    std::vector<T> x(rows * cols);
    for (int j = 0; j < rows * cols; ++j) x[j] = static_cast<T>(20 * i + j);
    m.SetInput(i, x);
  }
  TFM_EXPECT_EQ(Status::kOk, m.Invoke());
  const T* out = m.Output<T>(0);
  int flat = 0;
  for (int a = 0; a < out_shape[0]; ++a) {
    for (int b = 0; b < out_shape[1]; ++b) {
      for (int c = 0; c < out_shape[2]; ++c, ++flat) {
        int index[3] = {a, b, c};
        const int input = index[positive_axis];
        int rc[2];
        for (int d = 0, k = 0; d < 3; ++d) {
          if (d != positive_axis) rc[k++] = index[d];
        }
        TFM_EXPECT_TRUE(out[flat] ==
                        static_cast<T>(20 * input + rc[0] * cols + rc[1]));
      }
    }
  }
}

TFM_TEST(FloatAxis0) { CheckPack<float>(DataType::kFloat32, 3, 0); }
TFM_TEST(Int8Axis1) { CheckPack<int8_t>(DataType::kInt8, 2, 1); }
TFM_TEST(Int32LastAxis) { CheckPack<int32_t>(DataType::kInt32, 4, -1); }
TFM_TEST(FloatAxisMinus3) { CheckPack<float>(DataType::kFloat32, 2, -3); }

TFM_TEST(RejectsCountMismatch) {
  SingleOpModel m(schema::BuiltinOperator_PACK);
  m.AddInput(DataType::kFloat32, {2});
  m.AddInput(DataType::kFloat32, {2});
  m.AddOutput(DataType::kFloat32, {3, 2});
  SetOptions(m, 3, 0);
  TFM_EXPECT_EQ(Status::kKernelError, m.Build());
  TFM_EXPECT_TRUE(TfmContains(m.error(), "expected 3 inputs, got 2"));
}

TFM_TEST(RejectsShapeMismatch) {
  SingleOpModel m(schema::BuiltinOperator_PACK);
  m.AddInput(DataType::kFloat32, {2});
  m.AddInput(DataType::kFloat32, {3});
  m.AddOutput(DataType::kFloat32, {2, 2});
  SetOptions(m, 2, 0);
  TFM_EXPECT_EQ(Status::kKernelError, m.Build());
  TFM_EXPECT_TRUE(TfmContains(m.error(), "input 1 shape [3] differs"));
}

TFM_TEST(RejectsAxisOutOfRange) {
  SingleOpModel m(schema::BuiltinOperator_PACK);
  m.AddInput(DataType::kFloat32, {2});
  m.AddInput(DataType::kFloat32, {2});
  m.AddOutput(DataType::kFloat32, {2, 2});
  SetOptions(m, 2, 2);
  TFM_EXPECT_EQ(Status::kKernelError, m.Build());
  TFM_EXPECT_TRUE(TfmContains(m.error(), "axis 2 out of range"));
}

TFM_TEST(RejectsQuantizationMismatch) {
  SingleOpModel m(schema::BuiltinOperator_PACK);
  m.AddInput(DataType::kInt8, {2}, 0.1f, 0);
  m.AddInput(DataType::kInt8, {2}, 0.2f, 0);
  m.AddOutput(DataType::kInt8, {2, 2}, 0.1f, 0);
  SetOptions(m, 2, 0);
  TFM_EXPECT_EQ(Status::kKernelError, m.Build());
  TFM_EXPECT_TRUE(TfmContains(m.error(), "input 1 quantization"));
}

TFM_TEST(RejectsWrongOutputShape) {
  SingleOpModel m(schema::BuiltinOperator_PACK);
  m.AddInput(DataType::kFloat32, {2});
  m.AddInput(DataType::kFloat32, {2});
  m.AddOutput(DataType::kFloat32, {2, 2, 1});
  SetOptions(m, 2, 1);
  TFM_EXPECT_EQ(Status::kKernelError, m.Build());
  TFM_EXPECT_TRUE(TfmContains(m.error(),
                              "output shape [2, 2, 1] does not "
                              "match the expected [2, 2]"));
}

}  // namespace
}  // namespace tfmicro

TFM_TEST_MAIN()
