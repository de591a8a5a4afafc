// EXPAND_DIMS: the bytes pass through under the new shape (first, last and
// negative axes, INT64 axis) and prepare's rejections. Agreement with
// TFLite is checked by python/tests/conformance/test_data_movement.py.
#include <cstdint>
#include <vector>

#include "tensorflow_micro/testing/kernel_test_util.h"
#include "tensorflow_micro/testing/micro_test.h"
#include "tensorflow_micro/testing/single_op_model.h"

namespace tfmicro {
namespace {

using testing::ElementCount;
using testing::SingleOpModel;

template <typename T, typename A>
void CheckExpandDims(DataType type, DataType axis_type,
                     const std::vector<int32_t>& shape, A axis,
                     const std::vector<int32_t>& out_shape) {
  SingleOpModel m(schema::BuiltinOperator_EXPAND_DIMS);
  m.AddInput(type, shape);
  m.AddConstInput<A>(axis_type, {}, {axis});
  m.AddOutput(type, out_shape);
  TFM_EXPECT_EQ(Status::kOk, m.Build());
  std::vector<int64_t> identity(ElementCount(shape));
  for (size_t i = 0; i < identity.size(); ++i) identity[i] = i;
  testing::CheckMovedElements<T>(m, 0, ElementCount(shape), identity);
}

TFM_TEST(FloatLastAxis) {
  CheckExpandDims<float, int32_t>(DataType::kFloat32, DataType::kInt32,
                                  {2, 3}, -1, {2, 3, 1});
}

TFM_TEST(Int8FirstAxisInt64) {
  CheckExpandDims<int8_t, int64_t>(DataType::kInt8, DataType::kInt64, {4}, 0,
                                   {1, 4});
}

TFM_TEST(Int16NegativeMiddle) {
  CheckExpandDims<int16_t, int32_t>(DataType::kInt16, DataType::kInt32,
                                    {2, 3}, -2, {2, 1, 3});
}

TFM_TEST(RejectsAxisOutOfRange) {
  SingleOpModel m(schema::BuiltinOperator_EXPAND_DIMS);
  m.AddInput(DataType::kFloat32, {2, 3});
  m.AddConstInput<int32_t>(DataType::kInt32, {}, {3});
  m.AddOutput(DataType::kFloat32, {2, 3, 1});
  TFM_EXPECT_EQ(Status::kKernelError, m.Build());
  TFM_EXPECT_TRUE(TfmContains(m.error(), "axis 3 out of range for rank 3"));
}

TFM_TEST(RejectsOutputShape) {
  SingleOpModel m(schema::BuiltinOperator_EXPAND_DIMS);
  m.AddInput(DataType::kFloat32, {2, 3});
  m.AddConstInput<int32_t>(DataType::kInt32, {}, {0});
  m.AddOutput(DataType::kFloat32, {2, 1, 3});
  TFM_EXPECT_EQ(Status::kKernelError, m.Build());
  TFM_EXPECT_TRUE(TfmContains(m.error(), "output shape [2, 1, 3] does not "
                                         "match the expected [1, 2, 3]"));
}

}  // namespace
}  // namespace tfmicro

TFM_TEST_MAIN()
