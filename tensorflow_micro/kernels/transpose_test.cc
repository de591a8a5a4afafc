// TRANSPOSE: results against a naive permutation (ranks 2 to 6, element
// sizes 1 to 8) and prepare's rejections. Bit-exactness against TFLite is
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

template <typename T>
void CheckTranspose(DataType type, const std::vector<int32_t>& shape,
                    const std::vector<int32_t>& perm) {
  std::vector<int32_t> out_shape;
  for (int32_t p : perm) out_shape.push_back(shape[p]);
  SingleOpModel m(schema::BuiltinOperator_TRANSPOSE);
  m.AddInput(type, shape);
  m.AddConstInput<int32_t>(DataType::kInt32,
                           {static_cast<int32_t>(perm.size())}, perm);
  m.AddOutput(type, out_shape);
  TFM_EXPECT_EQ(Status::kOk, m.Build());
  const auto sources = testing::SourceIndices(
      out_shape, [&](const std::vector<int32_t>& out) {
        std::vector<int32_t> in(shape.size());
        for (size_t i = 0; i < perm.size(); ++i) in[perm[i]] = out[i];
        return testing::FlatIndex(shape, in);
      });
  testing::CheckMovedElements<T>(m, 0, ElementCount(shape), sources);
}

TFM_TEST(FloatNhwcToNchw) {
  CheckTranspose<float>(DataType::kFloat32, {2, 3, 4, 5}, {0, 3, 1, 2});
}

TFM_TEST(Int8Matrix) {
  CheckTranspose<int8_t>(DataType::kInt8, {7, 5}, {1, 0});
}

TFM_TEST(Int16Rank6) {
  CheckTranspose<int16_t>(DataType::kInt16, {2, 3, 1, 2, 3, 2},
                          {5, 1, 3, 0, 2, 4});
}

TFM_TEST(Int64Identity) {
  CheckTranspose<int64_t>(DataType::kInt64, {3, 4}, {0, 1});
}

TFM_TEST(RejectsRepeatedAxis) {
  SingleOpModel m(schema::BuiltinOperator_TRANSPOSE);
  m.AddInput(DataType::kFloat32, {2, 2});
  m.AddConstInput<int32_t>(DataType::kInt32, {2}, {0, 0});
  m.AddOutput(DataType::kFloat32, {2, 2});
  TFM_EXPECT_EQ(Status::kKernelError, m.Build());
  TFM_EXPECT_TRUE(TfmContains(m.error(), "is not a permutation"));
}

TFM_TEST(RejectsOutputShape) {
  SingleOpModel m(schema::BuiltinOperator_TRANSPOSE);
  m.AddInput(DataType::kFloat32, {2, 3});
  m.AddConstInput<int32_t>(DataType::kInt32, {2}, {1, 0});
  m.AddOutput(DataType::kFloat32, {2, 3});
  TFM_EXPECT_EQ(Status::kKernelError, m.Build());
  TFM_EXPECT_TRUE(TfmContains(m.error(), "output shape [2, 3] does not match "
                                         "the expected [3, 2]"));
}

TFM_TEST(RejectsRuntimePerm) {
  SingleOpModel m(schema::BuiltinOperator_TRANSPOSE);
  m.AddInput(DataType::kFloat32, {2, 3});
  m.AddInput(DataType::kInt32, {2});
  m.AddOutput(DataType::kFloat32, {3, 2});
  TFM_EXPECT_EQ(Status::kKernelError, m.Build());
  TFM_EXPECT_TRUE(TfmContains(m.error(), "perm must be a constant"));
}

}  // namespace
}  // namespace tfmicro

TFM_TEST_MAIN()
