// SHAPE: the input's dimensions as INT32 or INT64, the out_type option
// checked against the output, and prepare's rejections.
#include <cstdint>

#include "tensorflow_micro/testing/micro_test.h"
#include "tensorflow_micro/testing/single_op_model.h"

namespace tfmicro {
namespace {

using testing::SingleOpModel;

TFM_TEST(Int32) {
  SingleOpModel m(schema::BuiltinOperator_SHAPE);
  m.AddInput(DataType::kInt8, {2, 7, 1, 5}, 0.1f, 0);
  m.AddOutput(DataType::kInt32, {4});
  m.SetOptions(schema::BuiltinOptions_ShapeOptions,
               schema::CreateShapeOptions(m.builder(), schema::TensorType_INT32)
                   .Union());
  TFM_EXPECT_EQ(Status::kOk, m.Build());
  TFM_EXPECT_EQ(Status::kOk, m.Invoke());
  const int32_t* out = m.Output<int32_t>(0);
  TFM_EXPECT_EQ(2, out[0]);
  TFM_EXPECT_EQ(7, out[1]);
  TFM_EXPECT_EQ(1, out[2]);
  TFM_EXPECT_EQ(5, out[3]);
}

TFM_TEST(Int64WithoutOptions) {
  SingleOpModel m(schema::BuiltinOperator_SHAPE);
  m.AddInput(DataType::kFloat32, {3, 9});
  m.AddOutput(DataType::kInt64, {2});
  TFM_EXPECT_EQ(Status::kOk, m.Build());
  TFM_EXPECT_EQ(Status::kOk, m.Invoke());
  const int64_t* out = m.Output<int64_t>(0);
  TFM_EXPECT_EQ(3, out[0]);
  TFM_EXPECT_EQ(9, out[1]);
}

TFM_TEST(RejectsFloatOutput) {
  SingleOpModel m(schema::BuiltinOperator_SHAPE);
  m.AddInput(DataType::kFloat32, {3});
  m.AddOutput(DataType::kFloat32, {1});
  TFM_EXPECT_EQ(Status::kKernelError, m.Build());
  TFM_EXPECT_TRUE(TfmContains(m.error(), "output type FLOAT32 not supported"));
}

TFM_TEST(RejectsOutTypeMismatch) {
  SingleOpModel m(schema::BuiltinOperator_SHAPE);
  m.AddInput(DataType::kFloat32, {3});
  m.AddOutput(DataType::kInt32, {1});
  m.SetOptions(schema::BuiltinOptions_ShapeOptions,
               schema::CreateShapeOptions(m.builder(), schema::TensorType_INT64)
                   .Union());
  TFM_EXPECT_EQ(Status::kKernelError, m.Build());
  TFM_EXPECT_TRUE(TfmContains(m.error(), "out_type option INT64"));
}

TFM_TEST(RejectsWrongOutputLength) {
  SingleOpModel m(schema::BuiltinOperator_SHAPE);
  m.AddInput(DataType::kFloat32, {3, 4});
  m.AddOutput(DataType::kInt32, {3});
  TFM_EXPECT_EQ(Status::kKernelError, m.Build());
  TFM_EXPECT_TRUE(TfmContains(m.error(),
                              "output shape [3] does not match "
                              "the expected [2]"));
}

}  // namespace
}  // namespace tfmicro

TFM_TEST_MAIN()
