// UNPACK: results against naive slices (first, middle and negative axes)
// and prepare's rejections. Bit-exactness against TFLite is proven by
// python/tests/conformance/test_data_movement.py.
#include <cstdint>
#include <vector>

#include "tensorflow_micro/testing/kernel_test_util.h"
#include "tensorflow_micro/testing/micro_test.h"
#include "tensorflow_micro/testing/single_op_model.h"

namespace tfmicro {
namespace {

using testing::ElementCount;
using testing::SingleOpModel;

void SetOptions(SingleOpModel& m, int num, int axis) {
  m.SetOptions(schema::BuiltinOptions_UnpackOptions,
               schema::CreateUnpackOptions(m.builder(), num, axis).Union());
}

template <typename T>
void CheckUnpack(DataType type, const std::vector<int32_t>& shape, int axis) {
  const int rank = static_cast<int>(shape.size());
  const int positive = axis < 0 ? axis + rank : axis;
  const int num = shape[positive];
  std::vector<int32_t> part = shape;
  part.erase(part.begin() + positive);
  SingleOpModel m(schema::BuiltinOperator_UNPACK);
  m.AddInput(type, shape);
  for (int i = 0; i < num; ++i) m.AddOutput(type, part);
  SetOptions(m, num, axis);
  TFM_EXPECT_EQ(Status::kOk, m.Build());
  const std::vector<int32_t> ones(num, 1);
  for (int i = 0; i < num; ++i) {
    testing::CheckMovedElements<T>(
        m, 0, ElementCount(shape),
        testing::SplitPartSources(shape, positive, ones, i), i);
  }
}

TFM_TEST(FloatMiddleAxis) {
  CheckUnpack<float>(DataType::kFloat32, {2, 3, 4}, 1);
}

TFM_TEST(Int8NegativeAxis) {
  CheckUnpack<int8_t>(DataType::kInt8, {3, 2}, -1);
}

TFM_TEST(Int32FirstAxis) {
  CheckUnpack<int32_t>(DataType::kInt32, {4, 3}, 0);
}

TFM_TEST(RejectsNumOtherThanDimension) {
  SingleOpModel m(schema::BuiltinOperator_UNPACK);
  m.AddInput(DataType::kFloat32, {3, 2});
  m.AddOutput(DataType::kFloat32, {2});
  m.AddOutput(DataType::kFloat32, {2});
  SetOptions(m, 2, 0);
  TFM_EXPECT_EQ(Status::kKernelError, m.Build());
  TFM_EXPECT_TRUE(TfmContains(m.error(),
                              "num option 2 differs from dimension 0 of size "
                              "3"));
}

TFM_TEST(RejectsOutputShape) {
  SingleOpModel m(schema::BuiltinOperator_UNPACK);
  m.AddInput(DataType::kFloat32, {2, 3});
  m.AddOutput(DataType::kFloat32, {2});
  m.AddOutput(DataType::kFloat32, {2});
  SetOptions(m, 2, 0);
  TFM_EXPECT_EQ(Status::kKernelError, m.Build());
  TFM_EXPECT_TRUE(TfmContains(m.error(), "output 0 shape [2] does not match "
                                         "the expected [3]"));
}

}  // namespace
}  // namespace tfmicro

TFM_TEST_MAIN()
