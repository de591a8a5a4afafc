// CUMSUM: results against naive running sums (exclusive, reverse, both,
// negative axis; FLOAT32, INT32, INT64) and prepare's rejections. Agreement
// with TFLite is checked by python/tests/conformance/test_index_ops.py.
#include <cstdint>
#include <vector>

#include "tensorflow_micro/testing/kernel_test_util.h"
#include "tensorflow_micro/testing/micro_test.h"
#include "tensorflow_micro/testing/single_op_model.h"

namespace tfmicro {
namespace {

using testing::ElementCount;
using testing::SingleOpModel;

void SetOptions(SingleOpModel& m, bool exclusive, bool reverse) {
  m.SetOptions(
      schema::BuiltinOptions_CumsumOptions,
      schema::CreateCumsumOptions(m.builder(), exclusive, reverse).Union());
}

template <typename T>
void CheckCumsum(DataType type, const std::vector<int32_t>& shape, int axis,
                 bool exclusive, bool reverse) {
  const int rank = static_cast<int>(shape.size());
  const int positive = axis < 0 ? axis + rank : axis;
  SingleOpModel m(schema::BuiltinOperator_CUMSUM);
  m.AddInput(type, shape);
  m.AddConstInput<int32_t>(DataType::kInt32, {}, {axis});
  m.AddOutput(type, shape);
  SetOptions(m, exclusive, reverse);
  TFM_EXPECT_EQ(Status::kOk, m.Build());
  const std::vector<T> in = testing::MovementInput<T>(ElementCount(shape));
  m.SetInput(0, in);
  TFM_EXPECT_EQ(Status::kOk, m.Invoke());
  const T* out = m.Output<T>(0);
  const auto sums =
      testing::SourceIndices(shape, [&](const std::vector<int32_t>& o) {
        std::vector<int32_t> at = o;
        int64_t sum = 0;
        for (int32_t a = 0; a < shape[positive]; ++a) {
          const bool before = reverse ? a > o[positive] : a < o[positive];
          if (before || (!exclusive && a == o[positive])) {
            at[positive] = a;
            sum += static_cast<int64_t>(in[testing::FlatIndex(shape, at)]);
          }
        }
        return sum;
      });
  for (size_t i = 0; i < sums.size(); ++i) {
    TFM_EXPECT_TRUE(out[i] == static_cast<T>(sums[i]));
  }
}

TFM_TEST(FloatInclusive) {
  CheckCumsum<float>(DataType::kFloat32, {2, 4, 3}, 1, false, false);
}

TFM_TEST(Int32ExclusiveReverse) {
  CheckCumsum<int32_t>(DataType::kInt32, {3, 5}, -1, true, true);
}

TFM_TEST(Int64Reverse) {
  CheckCumsum<int64_t>(DataType::kInt64, {4, 2}, 0, false, true);
}

TFM_TEST(FloatExclusive) {
  CheckCumsum<float>(DataType::kFloat32, {6}, 0, true, false);
}

TFM_TEST(RejectsInt8) {
  SingleOpModel m(schema::BuiltinOperator_CUMSUM);
  m.AddInput(DataType::kInt8, {3}, 0.5f, 0);
  m.AddConstInput<int32_t>(DataType::kInt32, {}, {0});
  m.AddOutput(DataType::kInt8, {3}, 0.5f, 0);
  TFM_EXPECT_EQ(Status::kKernelError, m.Build());
  TFM_EXPECT_TRUE(TfmContains(m.error(), "input type INT8 not supported"));
}

TFM_TEST(RejectsRuntimeAxis) {
  SingleOpModel m(schema::BuiltinOperator_CUMSUM);
  m.AddInput(DataType::kFloat32, {3});
  m.AddInput(DataType::kInt32, {});
  m.AddOutput(DataType::kFloat32, {3});
  TFM_EXPECT_EQ(Status::kKernelError, m.Build());
  TFM_EXPECT_TRUE(TfmContains(m.error(), "axis must be a constant"));
}

}  // namespace
}  // namespace tfmicro

TFM_TEST_MAIN()
