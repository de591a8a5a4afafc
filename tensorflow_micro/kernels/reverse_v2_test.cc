// REVERSE_V2: results against a naive reversal (one axis, several,
// negative) and prepare's rejections. Bit-exactness against TFLite is
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
void CheckReverse(DataType type, const std::vector<int32_t>& shape,
                  const std::vector<int32_t>& axes) {
  const int rank = static_cast<int>(shape.size());
  std::vector<bool> reversed(shape.size(), false);
  for (int32_t a : axes) reversed[a < 0 ? a + rank : a] = true;
  SingleOpModel m(schema::BuiltinOperator_REVERSE_V2);
  m.AddInput(type, shape);
  m.AddConstInput<int32_t>(DataType::kInt32,
                           {static_cast<int32_t>(axes.size())}, axes);
  m.AddOutput(type, shape);
  TFM_EXPECT_EQ(Status::kOk, m.Build());
  const auto sources =
      testing::SourceIndices(shape, [&](const std::vector<int32_t>& out) {
        std::vector<int32_t> in = out;
        for (int d = 0; d < rank; ++d) {
          if (reversed[d]) in[d] = shape[d] - 1 - out[d];
        }
        return testing::FlatIndex(shape, in);
      });
  testing::CheckMovedElements<T>(m, 0, ElementCount(shape), sources);
}

TFM_TEST(FloatMiddleAxis) {
  CheckReverse<float>(DataType::kFloat32, {2, 3, 4}, {1});
}

TFM_TEST(Int8NegativeAxes) {
  CheckReverse<int8_t>(DataType::kInt8, {2, 3, 5}, {-1, -2});
}

TFM_TEST(Int32SeparateAxes) {
  CheckReverse<int32_t>(DataType::kInt32, {2, 3, 4, 2}, {0, 2});
}

TFM_TEST(Int16FirstAxis) {
  CheckReverse<int16_t>(DataType::kInt16, {4, 3}, {0});
}

TFM_TEST(RejectsRepeatedAxis) {
  SingleOpModel m(schema::BuiltinOperator_REVERSE_V2);
  m.AddInput(DataType::kFloat32, {2, 3});
  m.AddConstInput<int32_t>(DataType::kInt32, {2}, {1, -1});
  m.AddOutput(DataType::kFloat32, {2, 3});
  TFM_EXPECT_EQ(Status::kKernelError, m.Build());
  TFM_EXPECT_TRUE(TfmContains(m.error(), "axis 1 given more than once"));
}

TFM_TEST(RejectsAxisOutOfRange) {
  SingleOpModel m(schema::BuiltinOperator_REVERSE_V2);
  m.AddInput(DataType::kFloat32, {2, 3});
  m.AddConstInput<int32_t>(DataType::kInt32, {1}, {2});
  m.AddOutput(DataType::kFloat32, {2, 3});
  TFM_EXPECT_EQ(Status::kKernelError, m.Build());
  TFM_EXPECT_TRUE(TfmContains(m.error(), "axis 2 out of range for rank 2"));
}

}  // namespace
}  // namespace tfmicro

TFM_TEST_MAIN()
