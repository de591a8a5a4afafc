// BATCH_TO_SPACE_ND: results against a naive block move (2-D and 1-D
// blocks, crops) and prepare's rejections. Bit-exactness against TFLite is
// proven by python/tests/conformance/test_padding_ops.py.
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
void CheckBatchToSpace(DataType type, const std::vector<int32_t>& shape,
                       const std::vector<int32_t>& block,
                       const std::vector<int32_t>& crops) {
  const size_t m_dims = block.size();
  int32_t blocks = 1;
  for (int32_t b : block) blocks *= b;
  const int32_t batch = shape[0] / blocks;
  std::vector<int32_t> out_shape = shape;
  out_shape[0] = batch;
  for (size_t i = 0; i < m_dims; ++i) {
    out_shape[1 + i] =
        shape[1 + i] * block[i] - crops[2 * i] - crops[2 * i + 1];
  }
  SingleOpModel m(schema::BuiltinOperator_BATCH_TO_SPACE_ND);
  m.AddInput(type, shape);
  m.AddConstInput<int32_t>(DataType::kInt32,
                           {static_cast<int32_t>(m_dims)}, block);
  m.AddConstInput<int32_t>(DataType::kInt32,
                           {static_cast<int32_t>(m_dims), 2}, crops);
  m.AddOutput(type, out_shape);
  TFM_EXPECT_EQ(Status::kOk, m.Build());
  const auto sources =
      testing::SourceIndices(out_shape, [&](const std::vector<int32_t>& o) {
        std::vector<int32_t> in = o;
        int32_t offset = 0;
        for (size_t i = 0; i < m_dims; ++i) {
          const int32_t u = o[1 + i] + crops[2 * i];
          in[1 + i] = u / block[i];
          offset = offset * block[i] + u % block[i];
        }
        in[0] = offset * batch + o[0];
        return testing::FlatIndex(shape, in);
      });
  testing::CheckMovedElements<T>(m, 0, ElementCount(shape), sources);
}

TFM_TEST(FloatBlock2x2Cropped) {
  CheckBatchToSpace<float>(DataType::kFloat32, {4, 2, 3, 2}, {2, 2},
                           {1, 0, 0, 1});
}

TFM_TEST(Int8Batch2) {
  CheckBatchToSpace<int8_t>(DataType::kInt8, {8, 1, 2, 3}, {2, 2},
                            {0, 0, 1, 1});
}

TFM_TEST(Int16Block1d) {
  CheckBatchToSpace<int16_t>(DataType::kInt16, {6, 2, 2}, {3}, {0, 2});
}

TFM_TEST(RejectsBatchNotMultiple) {
  SingleOpModel m(schema::BuiltinOperator_BATCH_TO_SPACE_ND);
  m.AddInput(DataType::kFloat32, {3, 2, 1});
  m.AddConstInput<int32_t>(DataType::kInt32, {1}, {2});
  m.AddConstInput<int32_t>(DataType::kInt32, {1, 2}, {0, 0});
  m.AddOutput(DataType::kFloat32, {1, 4, 1});
  TFM_EXPECT_EQ(Status::kKernelError, m.Build());
  TFM_EXPECT_TRUE(TfmContains(m.error(), "input batch 3 is not a multiple"));
}

TFM_TEST(RejectsCropsBeyondSize) {
  SingleOpModel m(schema::BuiltinOperator_BATCH_TO_SPACE_ND);
  m.AddInput(DataType::kFloat32, {2, 1, 1});
  m.AddConstInput<int32_t>(DataType::kInt32, {1}, {2});
  m.AddConstInput<int32_t>(DataType::kInt32, {1, 2}, {2, 1});
  m.AddOutput(DataType::kFloat32, {1, 0, 1});
  TFM_EXPECT_EQ(Status::kKernelError, m.Build());
  TFM_EXPECT_TRUE(TfmContains(m.error(), "crops [2, 1] exceed"));
}

}  // namespace
}  // namespace tfmicro

TFM_TEST_MAIN()
