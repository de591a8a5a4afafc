// SLICE: results against a naive slice (size -1, INT64 begin and size, an
// empty slice) and prepare's rejections. Bit-exactness against TFLite is
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

template <typename T, typename I>
void CheckSlice(DataType type, DataType index_type,
                const std::vector<int32_t>& shape,
                const std::vector<int32_t>& begin,
                const std::vector<int32_t>& size) {
  std::vector<int32_t> out_shape;
  for (size_t d = 0; d < shape.size(); ++d) {
    out_shape.push_back(size[d] == -1 ? shape[d] - begin[d] : size[d]);
  }
  const int32_t rank = static_cast<int32_t>(shape.size());
  SingleOpModel m(schema::BuiltinOperator_SLICE);
  m.AddInput(type, shape);
  m.AddConstInput<I>(index_type, {rank},
                     std::vector<I>(begin.begin(), begin.end()));
  m.AddConstInput<I>(index_type, {rank},
                     std::vector<I>(size.begin(), size.end()));
  m.AddOutput(type, out_shape);
  TFM_EXPECT_EQ(Status::kOk, m.Build());
  const auto sources =
      testing::SourceIndices(out_shape, [&](const std::vector<int32_t>& out) {
        std::vector<int32_t> in(shape.size());
        for (size_t d = 0; d < shape.size(); ++d) in[d] = out[d] + begin[d];
        return testing::FlatIndex(shape, in);
      });
  testing::CheckMovedElements<T>(m, 0, ElementCount(shape), sources);
}

TFM_TEST(FloatToEnd) {
  CheckSlice<float, int32_t>(DataType::kFloat32, DataType::kInt32, {2, 3, 4},
                             {0, 1, 1}, {2, -1, 2});
}

TFM_TEST(Int8Rank4Int64) {
  CheckSlice<int8_t, int64_t>(DataType::kInt8, DataType::kInt64, {2, 3, 5, 2},
                              {1, 0, 2, 1}, {1, 2, 3, 1});
}

TFM_TEST(Int16Empty) {
  CheckSlice<int16_t, int32_t>(DataType::kInt16, DataType::kInt32, {3, 4},
                               {1, 4}, {2, 0});
}

TFM_TEST(RejectsSliceOutsideInput) {
  SingleOpModel m(schema::BuiltinOperator_SLICE);
  m.AddInput(DataType::kFloat32, {4});
  m.AddConstInput<int32_t>(DataType::kInt32, {1}, {2});
  m.AddConstInput<int32_t>(DataType::kInt32, {1}, {3});
  m.AddOutput(DataType::kFloat32, {3});
  TFM_EXPECT_EQ(Status::kKernelError, m.Build());
  TFM_EXPECT_TRUE(TfmContains(m.error(),
                              "slice of dimension 0 (begin 2, size 3) "
                              "exceeds the input size 4"));
}

TFM_TEST(RejectsRuntimeBegin) {
  SingleOpModel m(schema::BuiltinOperator_SLICE);
  m.AddInput(DataType::kFloat32, {4});
  m.AddInput(DataType::kInt32, {1});
  m.AddConstInput<int32_t>(DataType::kInt32, {1}, {2});
  m.AddOutput(DataType::kFloat32, {2});
  TFM_EXPECT_EQ(Status::kKernelError, m.Build());
  TFM_EXPECT_TRUE(TfmContains(m.error(), "begin must be a constant"));
}

}  // namespace
}  // namespace tfmicro

TFM_TEST_MAIN()
