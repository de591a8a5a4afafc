// SPLIT_V: results against naive cuts (an inferred size, an empty part, a
// negative axis) and prepare's rejections. Bit-exactness against TFLite is
// proven by python/tests/conformance/test_data_movement.py.
#include <cstdint>
#include <vector>

#include "tensorflow_micro/testing/kernel_test_util.h"
#include "tensorflow_micro/testing/micro_test.h"
#include "tensorflow_micro/testing/single_op_model.h"

namespace tfmicro {
namespace {

using testing::ElementCount;
using testing::SingleOpModel;

template <typename T>
void CheckSplitV(DataType type, const std::vector<int32_t>& shape, int axis,
                 const std::vector<int32_t>& size_splits) {
  const int rank = static_cast<int>(shape.size());
  const int positive = axis < 0 ? axis + rank : axis;
  std::vector<int32_t> sizes = size_splits;
  int32_t known = 0;
  for (int32_t s : sizes) known += s == -1 ? 0 : s;
  for (int32_t& s : sizes) s = s == -1 ? shape[positive] - known : s;
  const int count = static_cast<int>(sizes.size());
  SingleOpModel m(schema::BuiltinOperator_SPLIT_V);
  m.AddInput(type, shape);
  m.AddConstInput<int32_t>(DataType::kInt32, {count}, size_splits);
  m.AddConstInput<int32_t>(DataType::kInt32, {}, {axis});
  for (int i = 0; i < count; ++i) {
    std::vector<int32_t> part = shape;
    part[positive] = sizes[i];
    m.AddOutput(type, part);
  }
  m.SetOptions(schema::BuiltinOptions_SplitVOptions,
               schema::CreateSplitVOptions(m.builder(), count).Union());
  TFM_EXPECT_EQ(Status::kOk, m.Build());
  for (int i = 0; i < count; ++i) {
    testing::CheckMovedElements<T>(
        m, 0, ElementCount(shape),
        testing::SplitPartSources(shape, positive, sizes, i), i);
  }
}

TFM_TEST(Int16Inferred) {
  CheckSplitV<int16_t>(DataType::kInt16, {2, 6}, 1, {1, -1, 2});
}

TFM_TEST(FloatZeroPart) {
  CheckSplitV<float>(DataType::kFloat32, {2, 4, 3}, -2, {3, 0, 1});
}

TFM_TEST(RejectsSizesSum) {
  SingleOpModel m(schema::BuiltinOperator_SPLIT_V);
  m.AddInput(DataType::kFloat32, {5});
  m.AddConstInput<int32_t>(DataType::kInt32, {2}, {2, 2});
  m.AddConstInput<int32_t>(DataType::kInt32, {}, {0});
  m.AddOutput(DataType::kFloat32, {2});
  m.AddOutput(DataType::kFloat32, {2});
  m.SetOptions(schema::BuiltinOptions_SplitVOptions,
               schema::CreateSplitVOptions(m.builder(), 2).Union());
  TFM_EXPECT_EQ(Status::kKernelError, m.Build());
  TFM_EXPECT_TRUE(TfmContains(m.error(), "size_splits add up to 4"));
}

TFM_TEST(RejectsOutputShape) {
  SingleOpModel m(schema::BuiltinOperator_SPLIT_V);
  m.AddInput(DataType::kFloat32, {2, 5});
  m.AddConstInput<int32_t>(DataType::kInt32, {2}, {2, 3});
  m.AddConstInput<int32_t>(DataType::kInt32, {}, {1});
  m.AddOutput(DataType::kFloat32, {2, 2});
  m.AddOutput(DataType::kFloat32, {2, 2});
  m.SetOptions(schema::BuiltinOptions_SplitVOptions,
               schema::CreateSplitVOptions(m.builder(), 2).Union());
  TFM_EXPECT_EQ(Status::kKernelError, m.Build());
  TFM_EXPECT_TRUE(TfmContains(m.error(), "output 1 shape [2, 2] does not "
                                         "match the expected [2, 3]"));
}

}  // namespace
}  // namespace tfmicro

TFM_TEST_MAIN()
