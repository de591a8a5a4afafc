// BROADCAST_ARGS: broadcast shapes (unequal lengths, ones, zero extents,
// INT64) and incompatible shapes failing the Invoke, and prepare's
// rejections. Agreement with TFLite is checked by
// python/tests/conformance/test_index_ops.py.
#include <cstdint>
#include <vector>

#include "tensorflow_micro/testing/micro_test.h"
#include "tensorflow_micro/testing/single_op_model.h"

namespace tfmicro {
namespace {

using testing::SingleOpModel;

template <typename T>
void CheckBroadcastArgs(DataType type, const std::vector<T>& s0,
                        const std::vector<T>& s1,
                        const std::vector<T>& expected) {
  SingleOpModel m(schema::BuiltinOperator_BROADCAST_ARGS);
  m.AddInput(type, {static_cast<int32_t>(s0.size())});
  m.AddInput(type, {static_cast<int32_t>(s1.size())});
  m.AddOutput(type, {static_cast<int32_t>(expected.size())});
  TFM_EXPECT_EQ(Status::kOk, m.Build());
  m.SetInput(0, s0);
  m.SetInput(1, s1);
  TFM_EXPECT_EQ(Status::kOk, m.Invoke());
  for (size_t i = 0; i < expected.size(); ++i) {
    TFM_EXPECT_EQ(expected[i], m.Output<T>(0)[i]);
  }
}

TFM_TEST(Int32UnequalLengths) {
  CheckBroadcastArgs<int32_t>(DataType::kInt32, {2, 1, 4}, {3, 1}, {2, 3, 4});
}

TFM_TEST(Int64ZeroExtent) {
  CheckBroadcastArgs<int64_t>(DataType::kInt64, {1, 0}, {5, 1, 1},
                              {5, 1, 0});
}

TFM_TEST(FailsInvokeOnIncompatibleShapes) {
  SingleOpModel m(schema::BuiltinOperator_BROADCAST_ARGS);
  m.AddInput(DataType::kInt32, {2});
  m.AddInput(DataType::kInt32, {1});
  m.AddOutput(DataType::kInt32, {2});
  TFM_EXPECT_EQ(Status::kOk, m.Build());
  m.SetInput<int32_t>(0, {2, 3});
  m.SetInput<int32_t>(1, {4});
  TFM_EXPECT_TRUE(m.Invoke() != Status::kOk);
  TFM_EXPECT_TRUE(TfmContains(m.error(), "entry 1 is 3 and 4"));
}

TFM_TEST(RejectsMixedTypes) {
  SingleOpModel m(schema::BuiltinOperator_BROADCAST_ARGS);
  m.AddInput(DataType::kInt32, {2});
  m.AddInput(DataType::kInt64, {2});
  m.AddOutput(DataType::kInt32, {2});
  TFM_EXPECT_EQ(Status::kKernelError, m.Build());
  TFM_EXPECT_TRUE(TfmContains(m.error(), "shape 1 type INT64 differs"));
}

TFM_TEST(RejectsOutputLength) {
  SingleOpModel m(schema::BuiltinOperator_BROADCAST_ARGS);
  m.AddInput(DataType::kInt32, {2});
  m.AddInput(DataType::kInt32, {3});
  m.AddOutput(DataType::kInt32, {2});
  TFM_EXPECT_EQ(Status::kKernelError, m.Build());
  TFM_EXPECT_TRUE(TfmContains(m.error(), "output shape [2] does not match "
                                         "the expected [3]"));
}

}  // namespace
}  // namespace tfmicro

TFM_TEST_MAIN()
