// SPLIT: results against naive cuts (first, last and negative axes) and
// prepare's rejections. Bit-exactness against TFLite is proven by
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

template <typename T>
void CheckSplit(DataType type, const std::vector<int32_t>& shape, int axis,
                int count) {
  const int rank = static_cast<int>(shape.size());
  const int positive = axis < 0 ? axis + rank : axis;
  const std::vector<int32_t> sizes(count, shape[positive] / count);
  std::vector<int32_t> part = shape;
  part[positive] = sizes[0];
  SingleOpModel m(schema::BuiltinOperator_SPLIT);
  m.AddConstInput<int32_t>(DataType::kInt32, {}, {axis});
  m.AddInput(type, shape);
  for (int i = 0; i < count; ++i) m.AddOutput(type, part);
  m.SetOptions(schema::BuiltinOptions_SplitOptions,
               schema::CreateSplitOptions(m.builder(), count).Union());
  TFM_EXPECT_EQ(Status::kOk, m.Build());
  for (int i = 0; i < count; ++i) {
    testing::CheckMovedElements<T>(
        m, 0, ElementCount(shape),
        testing::SplitPartSources(shape, positive, sizes, i), i);
  }
}

TFM_TEST(FloatLastAxis) {
  CheckSplit<float>(DataType::kFloat32, {2, 6}, -1, 3);
}

TFM_TEST(Int8FirstAxis) {
  CheckSplit<int8_t>(DataType::kInt8, {4, 3, 2}, 0, 2);
}

TFM_TEST(RejectsUnevenSplit) {
  SingleOpModel m(schema::BuiltinOperator_SPLIT);
  m.AddConstInput<int32_t>(DataType::kInt32, {}, {0});
  m.AddInput(DataType::kFloat32, {5});
  m.AddOutput(DataType::kFloat32, {2});
  m.AddOutput(DataType::kFloat32, {3});
  m.SetOptions(schema::BuiltinOptions_SplitOptions,
               schema::CreateSplitOptions(m.builder(), 2).Union());
  TFM_EXPECT_EQ(Status::kKernelError, m.Build());
  TFM_EXPECT_TRUE(TfmContains(m.error(), "does not split into 2 equal parts"));
}

}  // namespace
}  // namespace tfmicro

TFM_TEST_MAIN()
