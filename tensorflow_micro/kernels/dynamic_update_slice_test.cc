// DYNAMIC_UPDATE_SLICE: results against a naive overwrite (start indices
// in range, clamped from below and above, INT64; the whole operand) and
// prepare's rejections. Agreement with TFLite is checked by
// python/tests/conformance/test_index_ops.py.
#include <cstdint>
#include <vector>

#include "tensorflow_micro/testing/kernel_test_util.h"
#include "tensorflow_micro/testing/micro_test.h"
#include "tensorflow_micro/testing/single_op_model.h"

namespace tfmicro {
namespace {

using testing::ElementCount;
using testing::SingleOpModel;

template <typename T, typename I>
void CheckUpdate(DataType type, DataType index_type,
                 const std::vector<int32_t>& shape,
                 const std::vector<int32_t>& update_shape,
                 const std::vector<I>& start) {
  const int32_t rank = static_cast<int32_t>(shape.size());
  SingleOpModel m(schema::BuiltinOperator_DYNAMIC_UPDATE_SLICE);
  m.AddInput(type, shape);
  m.AddInput(type, update_shape);
  m.AddInput(index_type, {rank});
  m.AddOutput(type, shape);
  TFM_EXPECT_EQ(Status::kOk, m.Build());
  const std::vector<T> operand = testing::MovementInput<T>(ElementCount(shape));
  std::vector<T> update(ElementCount(update_shape));
  for (size_t i = 0; i < update.size(); ++i) update[i] = static_cast<T>(-1 - i);
  m.SetInput(0, operand);
  m.SetInput(1, update);
  m.SetInput(2, start);
  TFM_EXPECT_EQ(Status::kOk, m.Invoke());
  std::vector<int32_t> clamped(rank);
  for (int32_t d = 0; d < rank; ++d) {
    const int64_t high = shape[d] - update_shape[d];
    const int64_t s = start[d];
    clamped[d] = static_cast<int32_t>(s < 0 ? 0 : (s > high ? high : s));
  }
  const T* out = m.Output<T>(0);
  const auto flat =
      testing::SourceIndices(shape, [&](const std::vector<int32_t>& o) {
        std::vector<int32_t> u(rank);
        for (int32_t d = 0; d < rank; ++d) {
          u[d] = o[d] - clamped[d];
          if (u[d] < 0 || u[d] >= update_shape[d]) return int64_t{-1};
        }
        return testing::FlatIndex(update_shape, u);
      });
  for (size_t i = 0; i < flat.size(); ++i) {
    const T expected = flat[i] < 0 ? operand[i] : update[flat[i]];
    TFM_EXPECT_TRUE(out[i] == expected);
  }
}

TFM_TEST(FloatInside) {
  CheckUpdate<float, int32_t>(DataType::kFloat32, DataType::kInt32, {4, 5},
                              {2, 3}, {1, 2});
}

TFM_TEST(Int8ClampedBothWays) {
  CheckUpdate<int8_t, int32_t>(DataType::kInt8, DataType::kInt32, {2, 3, 4},
                               {1, 2, 2}, {-4, 7, 3});
}

TFM_TEST(Int16Int64StartWholeOperand) {
  CheckUpdate<int16_t, int64_t>(DataType::kInt16, DataType::kInt64, {3, 2},
                                {3, 2}, {1, 1});
}

TFM_TEST(RejectsUpdateLargerThanOperand) {
  SingleOpModel m(schema::BuiltinOperator_DYNAMIC_UPDATE_SLICE);
  m.AddInput(DataType::kFloat32, {2, 2});
  m.AddInput(DataType::kFloat32, {3, 1});
  m.AddInput(DataType::kInt32, {2});
  m.AddOutput(DataType::kFloat32, {2, 2});
  TFM_EXPECT_EQ(Status::kKernelError, m.Build());
  TFM_EXPECT_TRUE(TfmContains(m.error(), "update shape [3, 1] exceeds "
                                         "operand shape [2, 2]"));
}

TFM_TEST(RejectsStartLength) {
  SingleOpModel m(schema::BuiltinOperator_DYNAMIC_UPDATE_SLICE);
  m.AddInput(DataType::kFloat32, {2, 2});
  m.AddInput(DataType::kFloat32, {1, 1});
  m.AddInput(DataType::kInt32, {3});
  m.AddOutput(DataType::kFloat32, {2, 2});
  TFM_EXPECT_EQ(Status::kKernelError, m.Build());
  TFM_EXPECT_TRUE(TfmContains(m.error(), "start_indices shape [3] does not "
                                         "match the expected [2]"));
}

}  // namespace
}  // namespace tfmicro

TFM_TEST_MAIN()
