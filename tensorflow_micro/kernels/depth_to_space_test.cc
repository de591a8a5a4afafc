// DEPTH_TO_SPACE: results against a naive rearrangement (block sizes 2 and
// 3) and prepare's rejections. Bit-exactness against TFLite is proven by
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

void SetBlockSize(SingleOpModel& m, int block) {
  m.SetOptions(
      schema::BuiltinOptions_DepthToSpaceOptions,
      schema::CreateDepthToSpaceOptions(m.builder(), block).Union());
}

template <typename T>
void CheckDepthToSpace(DataType type, const std::vector<int32_t>& shape,
                       int block) {
  const int32_t depth = shape[3] / (block * block);
  const std::vector<int32_t> out_shape = {shape[0], shape[1] * block,
                                          shape[2] * block, depth};
  SingleOpModel m(schema::BuiltinOperator_DEPTH_TO_SPACE);
  m.AddInput(type, shape);
  m.AddOutput(type, out_shape);
  SetBlockSize(m, block);
  TFM_EXPECT_EQ(Status::kOk, m.Build());
  const auto sources =
      testing::SourceIndices(out_shape, [&](const std::vector<int32_t>& o) {
        const int32_t channel =
            ((o[1] % block) * block + o[2] % block) * depth + o[3];
        return testing::FlatIndex(shape,
                                  {o[0], o[1] / block, o[2] / block, channel});
      });
  testing::CheckMovedElements<T>(m, 0, ElementCount(shape), sources);
}

TFM_TEST(FloatBlock2) {
  CheckDepthToSpace<float>(DataType::kFloat32, {1, 2, 3, 8}, 2);
}

TFM_TEST(Int8Block3) {
  CheckDepthToSpace<int8_t>(DataType::kInt8, {2, 2, 1, 9}, 3);
}

TFM_TEST(Int32Block1) {
  CheckDepthToSpace<int32_t>(DataType::kInt32, {1, 2, 2, 3}, 1);
}

TFM_TEST(RejectsDepthNotMultiple) {
  SingleOpModel m(schema::BuiltinOperator_DEPTH_TO_SPACE);
  m.AddInput(DataType::kFloat32, {1, 2, 2, 6});
  m.AddOutput(DataType::kFloat32, {1, 4, 4, 1});
  SetBlockSize(m, 2);
  TFM_EXPECT_EQ(Status::kKernelError, m.Build());
  TFM_EXPECT_TRUE(TfmContains(m.error(), "input depth 6 is not a multiple"));
}

TFM_TEST(RejectsZeroBlock) {
  SingleOpModel m(schema::BuiltinOperator_DEPTH_TO_SPACE);
  m.AddInput(DataType::kFloat32, {1, 2, 2, 4});
  m.AddOutput(DataType::kFloat32, {1, 2, 2, 4});
  SetBlockSize(m, 0);
  TFM_EXPECT_EQ(Status::kKernelError, m.Build());
  TFM_EXPECT_TRUE(TfmContains(m.error(), "block_size must be at least 1"));
}

}  // namespace
}  // namespace tfmicro

TFM_TEST_MAIN()
