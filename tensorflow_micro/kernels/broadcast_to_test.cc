// BROADCAST_TO: results against a naive broadcast (leading dimensions,
// inner ones, INT64 shape) and prepare's rejections. Bit-exactness against
// TFLite is proven by python/tests/conformance/test_data_movement.py.
#include <cstdint>
#include <vector>

#include "tensorflow_micro/testing/kernel_test_util.h"
#include "tensorflow_micro/testing/micro_test.h"
#include "tensorflow_micro/testing/single_op_model.h"

namespace tfmicro {
namespace {

using testing::ElementCount;
using testing::SingleOpModel;

template <typename T, typename S>
void CheckBroadcastTo(DataType type, DataType shape_type,
                      const std::vector<int32_t>& in_shape,
                      const std::vector<int32_t>& target) {
  SingleOpModel m(schema::BuiltinOperator_BROADCAST_TO);
  m.AddInput(type, in_shape);
  m.AddConstInput<S>(shape_type, {static_cast<int32_t>(target.size())},
                     std::vector<S>(target.begin(), target.end()));
  m.AddOutput(type, target);
  TFM_EXPECT_EQ(Status::kOk, m.Build());
  const size_t lead = target.size() - in_shape.size();
  const auto sources =
      testing::SourceIndices(target, [&](const std::vector<int32_t>& out) {
        std::vector<int32_t> in(in_shape.size());
        for (size_t d = 0; d < in_shape.size(); ++d) {
          in[d] = in_shape[d] == 1 ? 0 : out[d + lead];
        }
        return testing::FlatIndex(in_shape, in);
      });
  testing::CheckMovedElements<T>(m, 0, ElementCount(in_shape), sources);
}

TFM_TEST(FloatColumnToRank3) {
  CheckBroadcastTo<float, int32_t>(DataType::kFloat32, DataType::kInt32,
                                   {3, 1}, {2, 3, 4});
}

TFM_TEST(Int8InnerOnes) {
  CheckBroadcastTo<int8_t, int64_t>(DataType::kInt8, DataType::kInt64,
                                    {2, 1, 3, 1}, {2, 4, 3, 2});
}

TFM_TEST(Int16Scalar) {
  CheckBroadcastTo<int16_t, int32_t>(DataType::kInt16, DataType::kInt32, {},
                                     {3, 2});
}

TFM_TEST(RejectsIncompatibleShape) {
  SingleOpModel m(schema::BuiltinOperator_BROADCAST_TO);
  m.AddInput(DataType::kFloat32, {3});
  m.AddConstInput<int32_t>(DataType::kInt32, {2}, {2, 4});
  m.AddOutput(DataType::kFloat32, {2, 4});
  TFM_EXPECT_EQ(Status::kKernelError, m.Build());
  TFM_EXPECT_TRUE(
      TfmContains(m.error(), "input shape [3] cannot be broadcast to [2, 4]"));
}

TFM_TEST(RejectsOutputShapeOtherThanTarget) {
  SingleOpModel m(schema::BuiltinOperator_BROADCAST_TO);
  m.AddInput(DataType::kFloat32, {1});
  m.AddConstInput<int32_t>(DataType::kInt32, {2}, {2, 4});
  m.AddOutput(DataType::kFloat32, {4, 2});
  TFM_EXPECT_EQ(Status::kKernelError, m.Build());
  TFM_EXPECT_TRUE(TfmContains(m.error(), "output shape [4, 2] does not match "
                                         "the expected [2, 4]"));
}

TFM_TEST(RejectsRuntimeShape) {
  SingleOpModel m(schema::BuiltinOperator_BROADCAST_TO);
  m.AddInput(DataType::kFloat32, {1});
  m.AddInput(DataType::kInt32, {2});
  m.AddOutput(DataType::kFloat32, {2, 4});
  TFM_EXPECT_EQ(Status::kKernelError, m.Build());
  TFM_EXPECT_TRUE(TfmContains(m.error(), "shape must be a constant"));
}

}  // namespace
}  // namespace tfmicro

TFM_TEST_MAIN()
