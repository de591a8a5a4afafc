// EMBEDDING_LOOKUP: rows picked by ids (float, int8 kept int8, rank 3
// values), the hybrid int8 -> float lookup with per-tensor and per-row
// scales, an id out of range failing the Invoke, and prepare's
// rejections. Agreement with TFLite is checked by
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

template <typename T>
void CheckLookup(DataType type, const std::vector<int32_t>& shape,
                 const std::vector<int32_t>& ids) {
  std::vector<int32_t> out_shape = shape;
  out_shape[0] = static_cast<int32_t>(ids.size());
  SingleOpModel m(schema::BuiltinOperator_EMBEDDING_LOOKUP);
  m.AddConstInput<int32_t>(DataType::kInt32,
                           {static_cast<int32_t>(ids.size())}, ids);
  m.AddInput(type, shape);
  m.AddOutput(type, out_shape);
  TFM_EXPECT_EQ(Status::kOk, m.Build());
  const int64_t row = ElementCount(shape) / shape[0];
  const auto sources =
      testing::SourceIndices(out_shape, [&](const std::vector<int32_t>& o) {
        return ids[o[0]] * row + testing::FlatIndex(out_shape, o) -
               o[0] * row;
      });
  testing::CheckMovedElements<T>(m, 0, ElementCount(shape), sources);
}

TFM_TEST(Float) {
  CheckLookup<float>(DataType::kFloat32, {5, 3}, {4, 0, 2, 2});
}

TFM_TEST(Int8Rank3) {
  CheckLookup<int8_t>(DataType::kInt8, {4, 2, 3}, {3, 3, 0});
}

// value [3, 2] int8 with `scales` (one, or one per row), output float.
void CheckHybrid(const std::vector<float>& scales) {
  const std::vector<int8_t> value = {10, -20, 30, -40, 50, 127};
  const std::vector<int32_t> ids = {2, 0, 1};
  SingleOpModel m(schema::BuiltinOperator_EMBEDDING_LOOKUP);
  m.AddConstInput<int32_t>(DataType::kInt32, {3}, ids);
  testing::QuantSpec quant;
  quant.scales = scales;
  quant.zero_points = std::vector<int64_t>(scales.size(), 0);
  m.AddConstInput<int8_t>(DataType::kInt8, {3, 2}, value, quant);
  m.AddOutput(DataType::kFloat32, {3, 2});
  TFM_EXPECT_EQ(Status::kOk, m.Build());
  TFM_EXPECT_EQ(Status::kOk, m.Invoke());
  const float* out = m.Output<float>(0);
  for (int i = 0; i < 3; ++i) {
    const float scale = scales.size() == 1 ? scales[0] : scales[ids[i]];
    for (int j = 0; j < 2; ++j) {
      TFM_EXPECT_TRUE(out[i * 2 + j] == scale * value[ids[i] * 2 + j]);
    }
  }
}

TFM_TEST(HybridPerTensor) { CheckHybrid({0.125f}); }

TFM_TEST(HybridPerRow) { CheckHybrid({0.5f, 0.25f, 2.f}); }

TFM_TEST(FailsInvokeOnIdOutOfRange) {
  SingleOpModel m(schema::BuiltinOperator_EMBEDDING_LOOKUP);
  m.AddInput(DataType::kInt32, {1});
  m.AddInput(DataType::kFloat32, {2, 2});
  m.AddOutput(DataType::kFloat32, {1, 2});
  TFM_EXPECT_EQ(Status::kOk, m.Build());
  m.SetInput<int32_t>(0, {2});
  m.SetInput<float>(1, {1.f, 2.f, 3.f, 4.f});
  TFM_EXPECT_TRUE(m.Invoke() != Status::kOk);
  TFM_EXPECT_TRUE(TfmContains(m.error(), "id 2 at position 0 out of range"));
}

TFM_TEST(RejectsInt64Ids) {
  SingleOpModel m(schema::BuiltinOperator_EMBEDDING_LOOKUP);
  m.AddInput(DataType::kInt64, {1});
  m.AddInput(DataType::kFloat32, {2, 2});
  m.AddOutput(DataType::kFloat32, {1, 2});
  TFM_EXPECT_EQ(Status::kKernelError, m.Build());
  TFM_EXPECT_TRUE(TfmContains(m.error(), "ids"));
}

}  // namespace
}  // namespace tfmicro

TFM_TEST_MAIN()
