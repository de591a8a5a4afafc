// RESHAPE: the elements are copied unchanged under the output's shape; the
// shape input and the new_shape option are checked against it; prepare's
// rejections.
#include <cstdint>
#include <vector>

#include "tensorflow_micro/testing/micro_test.h"
#include "tensorflow_micro/testing/single_op_model.h"

namespace tfmicro {
namespace {

using testing::SingleOpModel;

template <typename T>
void CheckCopy(SingleOpModel& m, int n) {
  std::vector<T> x(n);
  for (int i = 0; i < n; ++i) x[i] = static_cast<T>(i * 7 - 50);
  m.SetInput(0, x);
  TFM_EXPECT_EQ(Status::kOk, m.Invoke());
  const T* out = m.Output<T>(0);
  for (int i = 0; i < n; ++i) TFM_EXPECT_TRUE(out[i] == x[i]);
}

TFM_TEST(FloatWithShapeInput) {
  SingleOpModel m(schema::BuiltinOperator_RESHAPE);
  m.AddInput(DataType::kFloat32, {2, 3, 4});
  m.AddConstInput<int32_t>(DataType::kInt32, {2}, {-1, 6});
  m.AddOutput(DataType::kFloat32, {4, 6});
  TFM_EXPECT_EQ(Status::kOk, m.Build());
  CheckCopy<float>(m, 24);
}

TFM_TEST(Int8WithOption) {
  SingleOpModel m(schema::BuiltinOperator_RESHAPE);
  m.AddInput(DataType::kInt8, {1, 12}, 0.1f, 2);
  m.AddOutput(DataType::kInt8, {3, 2, 2}, 0.1f, 2);
  m.SetOptions(schema::BuiltinOptions_ReshapeOptions,
               schema::CreateReshapeOptions(
                   m.builder(), m.builder().CreateVector<int32_t>({3, 2, -1}))
                   .Union());
  TFM_EXPECT_EQ(Status::kOk, m.Build());
  CheckCopy<int8_t>(m, 12);
}

TFM_TEST(Int64ToScalarWithLegacyOption) {
  SingleOpModel m(schema::BuiltinOperator_RESHAPE);
  m.AddInput(DataType::kInt64, {1, 1});
  m.AddOutput(DataType::kInt64, {});
  m.SetOptions(schema::BuiltinOptions_ReshapeOptions,
               schema::CreateReshapeOptions(
                   m.builder(), m.builder().CreateVector<int32_t>({0}))
                   .Union());
  TFM_EXPECT_EQ(Status::kOk, m.Build());
  CheckCopy<int64_t>(m, 1);
}

TFM_TEST(RejectsElementCountMismatch) {
  SingleOpModel m(schema::BuiltinOperator_RESHAPE);
  m.AddInput(DataType::kFloat32, {2, 3});
  m.AddOutput(DataType::kFloat32, {7});
  TFM_EXPECT_EQ(Status::kKernelError, m.Build());
  TFM_EXPECT_TRUE(TfmContains(m.error(),
                              "input shape [2, 3] has 6 elements "
                              "but output shape [7] has 7"));
}

TFM_TEST(RejectsShapeAskingForTooManyElements) {
  // The limit, 2^31, does not fit a 32-bit long (Cortex-M): printed as
  // long long it reads the same on every target.
  SingleOpModel m(schema::BuiltinOperator_RESHAPE);
  m.AddInput(DataType::kFloat32, {2, 3});
  m.AddConstInput<int32_t>(DataType::kInt32, {3}, {65536, 65536, 0});
  m.AddOutput(DataType::kFloat32, {2, 3});
  TFM_EXPECT_EQ(Status::kKernelError, m.Build());
  TFM_EXPECT_TRUE(TfmContains(
      m.error(), "shape input asks for more than 2147483648 elements"));
}

TFM_TEST(RejectsShapeInputMismatch) {
  SingleOpModel m(schema::BuiltinOperator_RESHAPE);
  m.AddInput(DataType::kFloat32, {2, 3});
  m.AddConstInput<int32_t>(DataType::kInt32, {2}, {2, 3});
  m.AddOutput(DataType::kFloat32, {3, 2});
  TFM_EXPECT_EQ(Status::kKernelError, m.Build());
  TFM_EXPECT_TRUE(TfmContains(m.error(),
                              "output shape [3, 2] does not match the shape "
                              "input [2, 3]"));
}

TFM_TEST(RejectsTwoInferredDimensions) {
  SingleOpModel m(schema::BuiltinOperator_RESHAPE);
  m.AddInput(DataType::kFloat32, {2, 3});
  m.AddConstInput<int32_t>(DataType::kInt32, {2}, {-1, -1});
  m.AddOutput(DataType::kFloat32, {3, 2});
  TFM_EXPECT_EQ(Status::kKernelError, m.Build());
  TFM_EXPECT_TRUE(TfmContains(m.error(), "more than one -1"));
}

TFM_TEST(RejectsTypeChange) {
  SingleOpModel m(schema::BuiltinOperator_RESHAPE);
  m.AddInput(DataType::kFloat32, {4});
  m.AddOutput(DataType::kInt32, {4});
  TFM_EXPECT_EQ(Status::kKernelError, m.Build());
  TFM_EXPECT_TRUE(TfmContains(m.error(), "output type INT32"));
}

}  // namespace
}  // namespace tfmicro

TFM_TEST_MAIN()
