// GATHER_ND: results against a naive gather (rows, single elements, INT64
// indices), an out-of-range index failing the Invoke, and prepare's
// rejections. Bit-exactness against TFLite is proven by
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

template <typename T, typename I>
void CheckGatherNd(DataType type, DataType index_type,
                   const std::vector<int32_t>& shape,
                   const std::vector<int32_t>& indices_shape,
                   const std::vector<I>& indices) {
  const int32_t depth = indices_shape.back();
  std::vector<int32_t> out_shape(indices_shape.begin(),
                                 indices_shape.end() - 1);
  out_shape.insert(out_shape.end(), shape.begin() + depth, shape.end());
  SingleOpModel m(schema::BuiltinOperator_GATHER_ND);
  m.AddInput(type, shape);
  m.AddConstInput<I>(index_type, indices_shape, indices);
  m.AddOutput(type, out_shape);
  TFM_EXPECT_EQ(Status::kOk, m.Build());
  const size_t lead = indices_shape.size() - 1;
  const auto sources =
      testing::SourceIndices(out_shape, [&](const std::vector<int32_t>& o) {
        std::vector<int32_t> row(o.begin(), o.begin() + lead);
        std::vector<int32_t> row_shape(indices_shape.begin(),
                                       indices_shape.end() - 1);
        const int64_t r = testing::FlatIndex(row_shape, row);
        std::vector<int32_t> in;
        for (int32_t k = 0; k < depth; ++k) {
          in.push_back(static_cast<int32_t>(indices[r * depth + k]));
        }
        in.insert(in.end(), o.begin() + lead, o.end());
        return testing::FlatIndex(shape, in);
      });
  testing::CheckMovedElements<T>(m, 0, ElementCount(shape), sources);
}

TFM_TEST(FloatRows) {
  CheckGatherNd<float, int32_t>(DataType::kFloat32, DataType::kInt32,
                                {3, 4, 2}, {2, 2}, {0, 1, 2, 0});
}

TFM_TEST(Int8ElementsInt64) {
  CheckGatherNd<int8_t, int64_t>(DataType::kInt8, DataType::kInt64,
                                 {3, 4, 2}, {2, 1, 3}, {0, 1, 1, 2, 3, 0});
}

TFM_TEST(Int32Slabs) {
  CheckGatherNd<int32_t, int32_t>(DataType::kInt32, DataType::kInt32, {3, 2},
                                  {3, 1}, {2, 0, 2});
}

TFM_TEST(FailsInvokeOnIndexOutOfRange) {
  SingleOpModel m(schema::BuiltinOperator_GATHER_ND);
  m.AddInput(DataType::kFloat32, {2, 2});
  m.AddInput(DataType::kInt32, {1, 2});
  m.AddOutput(DataType::kFloat32, {1});
  TFM_EXPECT_EQ(Status::kOk, m.Build());
  m.SetInput<float>(0, {1.f, 2.f, 3.f, 4.f});
  m.SetInput<int32_t>(1, {1, -1});
  TFM_EXPECT_TRUE(m.Invoke() != Status::kOk);
  TFM_EXPECT_TRUE(TfmContains(m.error(), "index -1 of row 0 out of range"));
}

TFM_TEST(RejectsDepthAboveRank) {
  SingleOpModel m(schema::BuiltinOperator_GATHER_ND);
  m.AddInput(DataType::kFloat32, {2, 2});
  m.AddConstInput<int32_t>(DataType::kInt32, {1, 3}, {0, 0, 0});
  m.AddOutput(DataType::kFloat32, {1});
  TFM_EXPECT_EQ(Status::kKernelError, m.Build());
  TFM_EXPECT_TRUE(TfmContains(m.error(), "index depth 3 exceeds params rank"));
}

}  // namespace
}  // namespace tfmicro

TFM_TEST_MAIN()
