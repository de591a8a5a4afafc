// SPACE_TO_BATCH_ND: results against a naive block move (2-D and 1-D
// blocks, padding with 0 and with the int8 zero point) and prepare's
// rejections. Bit-exactness against TFLite is proven by
// python/tests/conformance/test_padding_ops.py.
#include <cstdint>
#include <vector>

#include "tensorflow_micro/testing/kernel_test_util.h"
#include "tensorflow_micro/testing/micro_test.h"
#include "tensorflow_micro/testing/single_op_model.h"

namespace tfmicro {
namespace {

using testing::ElementCount;
using testing::SingleOpModel;

// Input [n, s..., c] with spatial block `block` and paddings `pads`.
template <typename T>
void CheckSpaceToBatch(DataType type, const std::vector<int32_t>& shape,
                       const std::vector<int32_t>& block,
                       const std::vector<int32_t>& pads, int zero_point) {
  const size_t m_dims = block.size();
  int32_t blocks = 1;
  for (int32_t b : block) blocks *= b;
  std::vector<int32_t> out_shape = shape;
  out_shape[0] = shape[0] * blocks;
  for (size_t i = 0; i < m_dims; ++i) {
    out_shape[1 + i] =
        (shape[1 + i] + pads[2 * i] + pads[2 * i + 1]) / block[i];
  }
  const float scale = zero_point != 0 ? 0.5f : 0.f;
  SingleOpModel m(schema::BuiltinOperator_SPACE_TO_BATCH_ND);
  m.AddInput(type, shape, scale, zero_point);
  m.AddConstInput<int32_t>(DataType::kInt32,
                           {static_cast<int32_t>(m_dims)}, block);
  m.AddConstInput<int32_t>(DataType::kInt32,
                           {static_cast<int32_t>(m_dims), 2}, pads);
  m.AddOutput(type, out_shape, scale, zero_point);
  TFM_EXPECT_EQ(Status::kOk, m.Build());
  const std::vector<T> in = testing::MovementInput<T>(ElementCount(shape));
  m.SetInput(0, in);
  TFM_EXPECT_EQ(Status::kOk, m.Invoke());
  const T* out = m.Output<T>(0);
  const auto expected_at = [&](const std::vector<int32_t>& o) {
    int32_t offset = o[0] / shape[0];
    std::vector<int32_t> index = o;
    index[0] = o[0] % shape[0];
    for (int i = static_cast<int>(m_dims) - 1; i >= 0; --i) {
      const int32_t s = o[1 + i] * block[i] + offset % block[i] - pads[2 * i];
      offset /= block[i];
      if (s < 0 || s >= shape[1 + i]) return int64_t{-1};
      index[1 + i] = s;
    }
    return testing::FlatIndex(shape, index);
  };
  const auto sources = testing::SourceIndices(out_shape, expected_at);
  for (size_t i = 0; i < sources.size(); ++i) {
    const T expected =
        sources[i] < 0 ? static_cast<T>(zero_point) : in[sources[i]];
    TFM_EXPECT_TRUE(out[i] == expected);
  }
}

TFM_TEST(FloatBlock2x2Padded) {
  CheckSpaceToBatch<float>(DataType::kFloat32, {1, 4, 4, 3}, {2, 2},
                           {1, 1, 0, 2}, 0);
}

TFM_TEST(Int8PadsWithZeroPoint) {
  CheckSpaceToBatch<int8_t>(DataType::kInt8, {2, 3, 2, 1}, {2, 2},
                            {1, 0, 0, 0}, -41);
}

TFM_TEST(Int32Block1d) {
  CheckSpaceToBatch<int32_t>(DataType::kInt32, {2, 6, 2}, {3}, {1, 2}, 0);
}

TFM_TEST(RejectsPaddedSizeNotMultiple) {
  SingleOpModel m(schema::BuiltinOperator_SPACE_TO_BATCH_ND);
  m.AddInput(DataType::kFloat32, {1, 5, 1});
  m.AddConstInput<int32_t>(DataType::kInt32, {1}, {2});
  m.AddConstInput<int32_t>(DataType::kInt32, {1, 2}, {0, 0});
  m.AddOutput(DataType::kFloat32, {2, 2, 1});
  TFM_EXPECT_EQ(Status::kKernelError, m.Build());
  TFM_EXPECT_TRUE(TfmContains(m.error(), "(5) is not a multiple of block "
                                         "size 2"));
}

TFM_TEST(RejectsZeroBlock) {
  SingleOpModel m(schema::BuiltinOperator_SPACE_TO_BATCH_ND);
  m.AddInput(DataType::kFloat32, {1, 4, 1});
  m.AddConstInput<int32_t>(DataType::kInt32, {1}, {0});
  m.AddConstInput<int32_t>(DataType::kInt32, {1, 2}, {0, 0});
  m.AddOutput(DataType::kFloat32, {1, 4, 1});
  TFM_EXPECT_EQ(Status::kKernelError, m.Build());
  TFM_EXPECT_TRUE(TfmContains(m.error(), "block_shape entry 0 must be at "
                                         "least 1"));
}

}  // namespace
}  // namespace tfmicro

TFM_TEST_MAIN()
