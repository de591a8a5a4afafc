// SELECT (TFLite's first version): a condition of x's shape, a scalar one and
// a vector one choosing rows, and prepare's rejection of other broadcasts.
// Agreement with TFLite is proven by
// python/tests/conformance/test_built_dtypes.py.
#include <cstdint>
#include <vector>

#include "tensorflow_micro/testing/micro_test.h"
#include "tensorflow_micro/testing/single_op_model.h"

namespace tfmicro {
namespace {

using testing::SingleOpModel;

constexpr auto kOp = schema::BuiltinOperator_SELECT;

// x = 1..6 and y = -1..-6 as [2, 3] under `condition` of `shape`.
std::vector<int32_t> Select(const std::vector<int32_t>& shape,
                            const std::vector<uint8_t>& condition) {
  SingleOpModel m(kOp);
  m.AddInput(DataType::kBool, shape);
  m.AddInput(DataType::kInt32, {2, 3});
  m.AddInput(DataType::kInt32, {2, 3});
  m.AddOutput(DataType::kInt32, {2, 3});
  TFM_EXPECT_EQ(Status::kOk, m.Build());
  m.SetInput(0, condition);
  m.SetInput<int32_t>(1, {1, 2, 3, 4, 5, 6});
  m.SetInput<int32_t>(2, {-1, -2, -3, -4, -5, -6});
  TFM_EXPECT_EQ(Status::kOk, m.Invoke());
  const int32_t* out = m.Output<int32_t>(0);
  return std::vector<int32_t>(out, out + 6);
}

TFM_TEST(ConditionOfTheSameShape) {
  const std::vector<int32_t> expected = {1, -2, 3, -4, -5, 6};
  TFM_EXPECT_TRUE(Select({2, 3}, {1, 0, 2, 0, 0, 1}) == expected);
}

TFM_TEST(ScalarConditionPicksAWholeInput) {
  const std::vector<int32_t> expected = {-1, -2, -3, -4, -5, -6};
  TFM_EXPECT_TRUE(Select({}, {0}) == expected);
}

TFM_TEST(VectorConditionPicksRows) {
  const std::vector<int32_t> expected = {-1, -2, -3, 4, 5, 6};
  TFM_EXPECT_TRUE(Select({2}, {0, 1}) == expected);
}

TFM_TEST(RejectsOtherBroadcasts) {
  SingleOpModel m(kOp);
  m.AddInput(DataType::kBool, {3});
  m.AddInput(DataType::kInt32, {2, 3});
  m.AddInput(DataType::kInt32, {2, 3});
  m.AddOutput(DataType::kInt32, {2, 3});
  TFM_EXPECT_EQ(Status::kKernelError, m.Build());
  TFM_EXPECT_TRUE(TfmContains(m.error(), "vector along x's first dimension"));

  SingleOpModel xy(kOp);
  xy.AddInput(DataType::kBool, {2, 3});
  xy.AddInput(DataType::kInt32, {2, 3});
  xy.AddInput(DataType::kInt32, {3});
  xy.AddOutput(DataType::kInt32, {2, 3});
  TFM_EXPECT_EQ(Status::kKernelError, xy.Build());
  TFM_EXPECT_TRUE(TfmContains(xy.error(), "node 0 (SELECT)"));
}

}  // namespace
}  // namespace tfmicro

TFM_TEST_MAIN()
