// TILE: results against a naive tiling (ranks 1 to 4, INT64 multiples, a
// zero multiple) and prepare's rejections. Bit-exactness against TFLite is
// proven by python/tests/conformance/test_data_movement.py.
#include <cstdint>
#include <vector>

#include "tensorflow_micro/testing/kernel_test_util.h"
#include "tensorflow_micro/testing/micro_test.h"
#include "tensorflow_micro/testing/single_op_model.h"

namespace tfmicro {
namespace {

using testing::ElementCount;
using testing::SingleOpModel;

template <typename T, typename M>
void CheckTile(DataType type, DataType multiples_type,
               const std::vector<int32_t>& shape,
               const std::vector<int32_t>& multiples) {
  std::vector<int32_t> out_shape;
  for (size_t d = 0; d < shape.size(); ++d) {
    out_shape.push_back(shape[d] * multiples[d]);
  }
  SingleOpModel m(schema::BuiltinOperator_TILE);
  m.AddInput(type, shape);
  m.AddConstInput<M>(multiples_type, {static_cast<int32_t>(shape.size())},
                     std::vector<M>(multiples.begin(), multiples.end()));
  m.AddOutput(type, out_shape);
  TFM_EXPECT_EQ(Status::kOk, m.Build());
  const auto sources =
      testing::SourceIndices(out_shape, [&](const std::vector<int32_t>& out) {
        std::vector<int32_t> in(shape.size());
        for (size_t d = 0; d < shape.size(); ++d) in[d] = out[d] % shape[d];
        return testing::FlatIndex(shape, in);
      });
  testing::CheckMovedElements<T>(m, 0, ElementCount(shape), sources);
}

TFM_TEST(FloatRank3) {
  CheckTile<float, int32_t>(DataType::kFloat32, DataType::kInt32, {2, 3, 4},
                            {2, 1, 3});
}

TFM_TEST(Int8Rank1Int64Multiples) {
  CheckTile<int8_t, int64_t>(DataType::kInt8, DataType::kInt64, {3}, {4});
}

TFM_TEST(Int32Rank4) {
  CheckTile<int32_t, int32_t>(DataType::kInt32, DataType::kInt32,
                              {1, 2, 1, 3}, {3, 2, 2, 1});
}

TFM_TEST(Int16ZeroMultiple) {
  CheckTile<int16_t, int32_t>(DataType::kInt16, DataType::kInt32, {2, 3},
                              {2, 0});
}

TFM_TEST(RejectsMultiplesLength) {
  SingleOpModel m(schema::BuiltinOperator_TILE);
  m.AddInput(DataType::kFloat32, {2, 3});
  m.AddConstInput<int32_t>(DataType::kInt32, {1}, {2});
  m.AddOutput(DataType::kFloat32, {4, 3});
  TFM_EXPECT_EQ(Status::kKernelError, m.Build());
  TFM_EXPECT_TRUE(TfmContains(m.error(), "multiples shape [1] does not match "
                                         "the expected [2]"));
}

TFM_TEST(RejectsNegativeMultiple) {
  SingleOpModel m(schema::BuiltinOperator_TILE);
  m.AddInput(DataType::kFloat32, {2});
  m.AddConstInput<int32_t>(DataType::kInt32, {1}, {-1});
  m.AddOutput(DataType::kFloat32, {2});
  TFM_EXPECT_EQ(Status::kKernelError, m.Build());
  TFM_EXPECT_TRUE(TfmContains(m.error(), "multiples entry 0 (-1) is invalid"));
}

}  // namespace
}  // namespace tfmicro

TFM_TEST_MAIN()
