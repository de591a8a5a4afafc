// SPACE_TO_DEPTH: results against a naive rearrangement (block sizes 2 and
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
      schema::BuiltinOptions_SpaceToDepthOptions,
      schema::CreateSpaceToDepthOptions(m.builder(), block).Union());
}

template <typename T>
void CheckSpaceToDepth(DataType type, const std::vector<int32_t>& shape,
                       int block) {
  const int32_t depth = shape[3];
  const std::vector<int32_t> out_shape = {shape[0], shape[1] / block,
                                          shape[2] / block,
                                          depth * block * block};
  SingleOpModel m(schema::BuiltinOperator_SPACE_TO_DEPTH);
  m.AddInput(type, shape);
  m.AddOutput(type, out_shape);
  SetBlockSize(m, block);
  TFM_EXPECT_EQ(Status::kOk, m.Build());
  const auto sources =
      testing::SourceIndices(out_shape, [&](const std::vector<int32_t>& o) {
        const int32_t offset = o[3] / depth;
        return testing::FlatIndex(shape, {o[0], o[1] * block + offset / block,
                                          o[2] * block + offset % block,
                                          o[3] % depth});
      });
  testing::CheckMovedElements<T>(m, 0, ElementCount(shape), sources);
}

TFM_TEST(FloatBlock2) {
  CheckSpaceToDepth<float>(DataType::kFloat32, {1, 4, 6, 3}, 2);
}

TFM_TEST(Int8Block3) {
  CheckSpaceToDepth<int8_t>(DataType::kInt8, {2, 3, 6, 1}, 3);
}

TFM_TEST(Int16Block2) {
  CheckSpaceToDepth<int16_t>(DataType::kInt16, {1, 2, 2, 2}, 2);
}

TFM_TEST(RejectsSpatialNotMultiple) {
  SingleOpModel m(schema::BuiltinOperator_SPACE_TO_DEPTH);
  m.AddInput(DataType::kFloat32, {1, 3, 4, 1});
  m.AddOutput(DataType::kFloat32, {1, 1, 2, 4});
  SetBlockSize(m, 2);
  TFM_EXPECT_EQ(Status::kKernelError, m.Build());
  TFM_EXPECT_TRUE(TfmContains(m.error(), "are not multiples of block_size 2"));
}

TFM_TEST(RejectsRank3) {
  SingleOpModel m(schema::BuiltinOperator_SPACE_TO_DEPTH);
  m.AddInput(DataType::kFloat32, {2, 2, 1});
  m.AddOutput(DataType::kFloat32, {1, 1, 4});
  SetBlockSize(m, 2);
  TFM_EXPECT_EQ(Status::kKernelError, m.Build());
  TFM_EXPECT_TRUE(TfmContains(m.error(), "rank"));
}

}  // namespace
}  // namespace tfmicro

TFM_TEST_MAIN()
