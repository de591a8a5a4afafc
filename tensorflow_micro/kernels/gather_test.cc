// GATHER: results against a naive gather (axes, matrix and INT64 indices,
// batch_dims), an out-of-range index failing the Invoke, and prepare's
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

void SetOptions(SingleOpModel& m, int axis, int batch_dims) {
  m.SetOptions(
      schema::BuiltinOptions_GatherOptions,
      schema::CreateGatherOptions(m.builder(), axis, batch_dims).Union());
}

template <typename T, typename I>
void CheckGather(DataType type, DataType index_type,
                 const std::vector<int32_t>& shape,
                 const std::vector<int32_t>& indices_shape,
                 const std::vector<I>& indices, int axis, int batch_dims) {
  std::vector<int32_t> out_shape(shape.begin(), shape.begin() + axis);
  out_shape.insert(out_shape.end(), indices_shape.begin() + batch_dims,
                   indices_shape.end());
  out_shape.insert(out_shape.end(), shape.begin() + axis + 1, shape.end());
  SingleOpModel m(schema::BuiltinOperator_GATHER);
  m.AddInput(type, shape);
  m.AddConstInput<I>(index_type, indices_shape, indices);
  m.AddOutput(type, out_shape);
  SetOptions(m, axis, batch_dims);
  TFM_EXPECT_EQ(Status::kOk, m.Build());
  const size_t index_rank = indices_shape.size() - batch_dims;
  const auto sources =
      testing::SourceIndices(out_shape, [&](const std::vector<int32_t>& o) {
        // o = params[:axis] + indices[batch_dims:] + params[axis + 1:].
        std::vector<int32_t> index_at(o.begin(), o.begin() + batch_dims);
        index_at.insert(index_at.end(), o.begin() + axis,
                        o.begin() + axis + index_rank);
        std::vector<int32_t> in(o.begin(), o.begin() + axis);
        in.push_back(static_cast<int32_t>(
            indices[testing::FlatIndex(indices_shape, index_at)]));
        in.insert(in.end(), o.begin() + axis + index_rank, o.end());
        return testing::FlatIndex(shape, in);
      });
  testing::CheckMovedElements<T>(m, 0, ElementCount(shape), sources);
}

TFM_TEST(FloatAxis1) {
  CheckGather<float, int32_t>(DataType::kFloat32, DataType::kInt32, {3, 5, 2},
                              {4}, {4, 0, 2, 2}, 1, 0);
}

TFM_TEST(Int8MatrixIndicesInt64) {
  CheckGather<int8_t, int64_t>(DataType::kInt8, DataType::kInt64, {3, 4},
                               {2, 2}, {1, 0, 2, 2}, 0, 0);
}

TFM_TEST(Int16BatchDims) {
  CheckGather<int16_t, int32_t>(DataType::kInt16, DataType::kInt32, {2, 3, 2},
                                {2, 3}, {1, 0, 1, 2, 2, 0}, 1, 1);
}

TFM_TEST(FailsInvokeOnIndexOutOfRange) {
  SingleOpModel m(schema::BuiltinOperator_GATHER);
  m.AddInput(DataType::kFloat32, {3});
  m.AddInput(DataType::kInt32, {1});
  m.AddOutput(DataType::kFloat32, {1});
  SetOptions(m, 0, 0);
  TFM_EXPECT_EQ(Status::kOk, m.Build());
  m.SetInput<float>(0, {1.f, 2.f, 3.f});
  m.SetInput<int32_t>(1, {3});
  TFM_EXPECT_TRUE(m.Invoke() != Status::kOk);
  TFM_EXPECT_TRUE(TfmContains(m.error(), "index 3 out of range [0, 3)"));
}

TFM_TEST(RejectsOutputShape) {
  SingleOpModel m(schema::BuiltinOperator_GATHER);
  m.AddInput(DataType::kFloat32, {3, 2});
  m.AddConstInput<int32_t>(DataType::kInt32, {2}, {0, 1});
  m.AddOutput(DataType::kFloat32, {2, 3});
  SetOptions(m, 0, 0);
  TFM_EXPECT_EQ(Status::kKernelError, m.Build());
  TFM_EXPECT_TRUE(TfmContains(m.error(), "output shape [2, 3] does not match "
                                         "the expected [2, 2]"));
}

TFM_TEST(RejectsFloatIndices) {
  SingleOpModel m(schema::BuiltinOperator_GATHER);
  m.AddInput(DataType::kFloat32, {3});
  m.AddInput(DataType::kFloat32, {1});
  m.AddOutput(DataType::kFloat32, {1});
  SetOptions(m, 0, 0);
  TFM_EXPECT_EQ(Status::kKernelError, m.Build());
  TFM_EXPECT_TRUE(TfmContains(m.error(), "indices type FLOAT32 not supported"));
}

}  // namespace
}  // namespace tfmicro

TFM_TEST_MAIN()
