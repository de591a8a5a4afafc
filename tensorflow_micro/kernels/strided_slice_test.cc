// STRIDED_SLICE: results against index lists written out per case (Python
// slicing semantics: negative indices and strides, begin/end masks, shrink,
// ellipsis, new axes, offset), and prepare's rejections. Bit-exactness
// against TFLite is proven by python/tests/conformance/test_shape_ops.py.
#include <cstdint>
#include <vector>

#include "tensorflow_micro/testing/micro_test.h"
#include "tensorflow_micro/testing/single_op_model.h"

namespace tfmicro {
namespace {

using testing::SingleOpModel;

struct SliceCase {
  std::vector<int32_t> input_shape;
  std::vector<int32_t> begin;
  std::vector<int32_t> end;
  std::vector<int32_t> strides;
  int begin_mask = 0;
  int end_mask = 0;
  int ellipsis_mask = 0;
  int new_axis_mask = 0;
  int shrink_axis_mask = 0;
  bool offset = false;
  std::vector<int32_t> output_shape;
  // The input indices each input dimension contributes, in output order.
  std::vector<std::vector<int32_t>> indices;
};

void Build(SingleOpModel& m, DataType type, const SliceCase& c) {
  m.AddInput(type, c.input_shape, 0.5f, 0);
  const int32_t n = static_cast<int32_t>(c.begin.size());
  m.AddConstInput<int32_t>(DataType::kInt32, {n}, c.begin);
  m.AddConstInput<int32_t>(DataType::kInt32, {n}, c.end);
  m.AddConstInput<int32_t>(DataType::kInt32, {n}, c.strides);
  m.AddOutput(type, c.output_shape, 0.5f, 0);
  m.SetOptions(schema::BuiltinOptions_StridedSliceOptions,
               schema::CreateStridedSliceOptions(
                   m.builder(), c.begin_mask, c.end_mask, c.ellipsis_mask,
                   c.new_axis_mask, c.shrink_axis_mask, c.offset)
                   .Union());
}

template <typename T>
void Check(DataType type, const SliceCase& c) {
  SingleOpModel m(schema::BuiltinOperator_STRIDED_SLICE);
  Build(m, type, c);
  TFM_EXPECT_EQ(Status::kOk, m.Build());
  int64_t count = 1;
  for (int32_t d : c.input_shape) count *= d;
  std::vector<T> x(count);
  for (int64_t i = 0; i < count; ++i) x[i] = static_cast<T>(i % 113);
  m.SetInput(0, x);
  TFM_EXPECT_EQ(Status::kOk, m.Invoke());
  const T* out = m.Output<T>(0);
  // Walk the cartesian product of the index lists (last dimension fastest).
  const size_t rank = c.indices.size();
  std::vector<size_t> pos(rank, 0);
  size_t expected_count = 1;
  for (const auto& list : c.indices) expected_count *= list.size();
  TFM_EXPECT_EQ(expected_count, m.OutputCount(0));
  for (size_t flat = 0; flat < expected_count; ++flat) {
    int64_t in_flat = 0;
    for (size_t d = 0; d < rank; ++d) {
      in_flat = in_flat * c.input_shape[d] + c.indices[d][pos[d]];
    }
    TFM_EXPECT_TRUE(out[flat] == x[in_flat]);
    for (int d = static_cast<int>(rank) - 1; d >= 0; --d) {
      if (++pos[d] < c.indices[d].size()) break;
      pos[d] = 0;
    }
  }
}

TFM_TEST(NegativeIndicesAndStrides) {
  SliceCase c;
  c.input_shape = {4, 5};
  c.begin = {1, -1};
  c.end = {4, 0};
  c.strides = {2, -2};
  c.output_shape = {2, 2};
  c.indices = {{1, 3}, {4, 2}};
  Check<float>(DataType::kFloat32, c);
}

TFM_TEST(BeginAndEndMasks) {
  SliceCase c;
  c.input_shape = {3, 4};
  c.begin = {2, 1};
  c.end = {0, 3};
  c.strides = {1, 1};
  c.begin_mask = 1;
  c.end_mask = 1;
  c.output_shape = {3, 2};
  c.indices = {{0, 1, 2}, {1, 2}};
  Check<int8_t>(DataType::kInt8, c);
}

TFM_TEST(ShrinkAxes) {
  SliceCase c;
  c.input_shape = {3, 4, 2};
  c.begin = {1, 0, -1};
  c.end = {2, 4, 0};
  c.strides = {1, 2, 1};
  c.shrink_axis_mask = 0b101;
  c.output_shape = {2};
  c.indices = {{1}, {0, 2}, {1}};
  Check<int32_t>(DataType::kInt32, c);
}

TFM_TEST(Ellipsis) {
  SliceCase c;
  c.input_shape = {2, 3, 4};
  c.begin = {0, 1};
  c.end = {0, 3};
  c.strides = {1, 1};
  c.ellipsis_mask = 1;
  c.output_shape = {2, 3, 2};
  c.indices = {{0, 1}, {0, 1, 2}, {1, 2}};
  Check<float>(DataType::kFloat32, c);
}

TFM_TEST(NewAxis) {
  SliceCase c;
  c.input_shape = {3, 4};
  c.begin = {0, 0, 1};
  c.end = {0, 0, 3};
  c.strides = {1, 1, 1};
  c.begin_mask = 0b001;
  c.end_mask = 0b001;
  c.new_axis_mask = 0b010;
  c.output_shape = {3, 1, 2};
  c.indices = {{0, 1, 2}, {1, 2}};
  Check<float>(DataType::kFloat32, c);
}

TFM_TEST(ImplicitTrailingDimensions) {
  SliceCase c;
  c.input_shape = {4, 2, 3};
  c.begin = {1};
  c.end = {3};
  c.strides = {1};
  c.output_shape = {2, 2, 3};
  c.indices = {{1, 2}, {0, 1}, {0, 1, 2}};
  Check<int8_t>(DataType::kInt8, c);
}

TFM_TEST(Offset) {
  SliceCase c;
  c.input_shape = {5, 6};
  c.begin = {1, 2};
  c.end = {3, 2};  // sizes
  c.strides = {1, 2};
  c.offset = true;
  c.output_shape = {3, 1};
  c.indices = {{1, 2, 3}, {2}};
  Check<float>(DataType::kFloat32, c);
}

TFM_TEST(Rank6) {
  SliceCase c;
  c.input_shape = {2, 2, 3, 2, 2, 3};
  c.begin = {1, 0, 2, 0, 1, 0};
  c.end = {2, 2, 0, 2, 2, 3};
  c.strides = {1, 1, -1, 1, 1, 2};
  c.output_shape = {1, 2, 2, 2, 1, 2};
  c.indices = {{1}, {0, 1}, {2, 1}, {0, 1}, {1}, {0, 2}};
  Check<int32_t>(DataType::kInt32, c);
}

SliceCase Simple() {
  SliceCase c;
  c.input_shape = {4};
  c.begin = {0};
  c.end = {4};
  c.strides = {1};
  c.output_shape = {4};
  return c;
}

TFM_TEST(RejectsZeroStride) {
  SliceCase c = Simple();
  c.strides = {0};
  SingleOpModel m(schema::BuiltinOperator_STRIDED_SLICE);
  Build(m, DataType::kFloat32, c);
  TFM_EXPECT_EQ(Status::kKernelError, m.Build());
  TFM_EXPECT_TRUE(TfmContains(m.error(), "stride of dimension 0 is zero"));
}

TFM_TEST(RejectsWrongOutputShape) {
  SliceCase c = Simple();
  c.begin = {1};
  SingleOpModel m(schema::BuiltinOperator_STRIDED_SLICE);
  Build(m, DataType::kFloat32, c);
  TFM_EXPECT_EQ(Status::kKernelError, m.Build());
  TFM_EXPECT_TRUE(TfmContains(m.error(),
                              "output shape [4] does not match "
                              "the expected [3]"));
}

TFM_TEST(RejectsShrinkOutOfRange) {
  SliceCase c = Simple();
  c.begin = {4};
  c.end = {5};
  c.shrink_axis_mask = 1;
  c.output_shape = {};
  SingleOpModel m(schema::BuiltinOperator_STRIDED_SLICE);
  Build(m, DataType::kFloat32, c);
  TFM_EXPECT_EQ(Status::kKernelError, m.Build());
  TFM_EXPECT_TRUE(TfmContains(m.error(), "index 4 of shrunk dimension 0"));
}

TFM_TEST(RejectsRuntimeBegin) {
  SingleOpModel m(schema::BuiltinOperator_STRIDED_SLICE);
  m.AddInput(DataType::kFloat32, {4});
  m.AddInput(DataType::kInt32, {1});
  m.AddConstInput<int32_t>(DataType::kInt32, {1}, {4});
  m.AddConstInput<int32_t>(DataType::kInt32, {1}, {1});
  m.AddOutput(DataType::kFloat32, {4});
  TFM_EXPECT_EQ(Status::kKernelError, m.Build());
  TFM_EXPECT_TRUE(TfmContains(m.error(), "begin must be a constant"));
}

TFM_TEST(RejectsFloatIndices) {
  SingleOpModel m(schema::BuiltinOperator_STRIDED_SLICE);
  m.AddInput(DataType::kFloat32, {4});
  m.AddConstInput<float>(DataType::kFloat32, {1}, {0.f});
  m.AddConstInput<int32_t>(DataType::kInt32, {1}, {4});
  m.AddConstInput<int32_t>(DataType::kInt32, {1}, {1});
  m.AddOutput(DataType::kFloat32, {4});
  TFM_EXPECT_EQ(Status::kKernelError, m.Build());
  TFM_EXPECT_TRUE(TfmContains(m.error(), "begin type FLOAT32 not supported"));
}

}  // namespace
}  // namespace tfmicro

TFM_TEST_MAIN()
