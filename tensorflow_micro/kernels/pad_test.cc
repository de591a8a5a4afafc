// PAD: float and integer results against a naive padded copy, the int8 pad
// value (the output zero point), ranks up to 6, INT64 paddings, and
// prepare's rejections. Bit-exactness against TFLite is proven by
// python/tests/conformance/test_shape_ops.py.
#include <cstdint>
#include <vector>

#include "tensorflow_micro/testing/kernel_test_util.h"
#include "tensorflow_micro/testing/micro_test.h"
#include "tensorflow_micro/testing/single_op_model.h"

namespace tfmicro {
namespace {

using testing::ElementCount;
using testing::SingleOpModel;

// The padded tensor computed element by element: each output index maps
// back to an input index or to the pad value.
template <typename T>
std::vector<T> NaivePad(const std::vector<T>& in,
                        const std::vector<int32_t>& in_shape,
                        const std::vector<int32_t>& pads, T pad_value,
                        std::vector<int32_t>* out_shape) {
  const size_t rank = in_shape.size();
  out_shape->resize(rank);
  for (size_t d = 0; d < rank; ++d) {
    (*out_shape)[d] = in_shape[d] + pads[2 * d] + pads[2 * d + 1];
  }
  std::vector<T> out(ElementCount(*out_shape));
  for (int64_t flat = 0; flat < static_cast<int64_t>(out.size()); ++flat) {
    int64_t rest = flat;
    int64_t in_flat = 0;
    int64_t in_stride = 1;
    bool inside = true;
    for (int d = static_cast<int>(rank) - 1; d >= 0; --d) {
      const int64_t i = rest % (*out_shape)[d] - pads[2 * d];
      rest /= (*out_shape)[d];
      if (i < 0 || i >= in_shape[d]) inside = false;
      in_flat += i * in_stride;
      in_stride *= in_shape[d];
    }
    out[flat] = inside ? in[in_flat] : pad_value;
  }
  return out;
}

template <typename T, typename P>
void CheckPad(DataType type, DataType paddings_type,
              const std::vector<int32_t>& in_shape, const std::vector<P>& pads,
              float scale, int zero_point, T pad_value) {
  std::vector<int32_t> pads32(pads.begin(), pads.end());
  std::vector<T> in(ElementCount(in_shape));
  for (size_t i = 0; i < in.size(); ++i) in[i] = static_cast<T>(i % 97 + 1);
  std::vector<int32_t> out_shape;
  const std::vector<T> expected =
      NaivePad(in, in_shape, pads32, pad_value, &out_shape);
  SingleOpModel m(schema::BuiltinOperator_PAD);
  m.AddInput(type, in_shape, scale, zero_point);
  m.AddConstInput<P>(paddings_type, {static_cast<int32_t>(in_shape.size()), 2},
                     pads);
  m.AddOutput(type, out_shape, scale, zero_point);
  TFM_EXPECT_EQ(Status::kOk, m.Build());
  m.SetInput(0, in);
  TFM_EXPECT_EQ(Status::kOk, m.Invoke());
  const T* out = m.Output<T>(0);
  TFM_EXPECT_EQ(expected.size(), m.OutputCount(0));
  for (size_t i = 0; i < expected.size(); ++i) {
    TFM_EXPECT_TRUE(out[i] == expected[i]);
  }
}

TFM_TEST(Float4d) {
  CheckPad<float, int32_t>(DataType::kFloat32, DataType::kInt32, {1, 3, 4, 2},
                           {0, 0, 1, 2, 2, 1, 0, 0}, 0.f, 0, 0.f);
}

TFM_TEST(Int8PadsWithZeroPoint) {
  CheckPad<int8_t, int32_t>(DataType::kInt8, DataType::kInt32, {2, 3},
                            {1, 1, 0, 2}, 0.1f, -37, int8_t{-37});
}

TFM_TEST(Int32Rank6Int64Paddings) {
  CheckPad<int32_t, int64_t>(DataType::kInt32, DataType::kInt64,
                             {2, 1, 2, 1, 3, 2},
                             {1, 0, 0, 1, 0, 0, 2, 1, 0, 1, 1, 0}, 0.f, 0, 0);
}

TFM_TEST(BoolPadsWithFalse) {
  CheckPad<uint8_t, int32_t>(DataType::kBool, DataType::kInt32, {2, 3},
                             {1, 0, 0, 2}, 0.f, 0, uint8_t{0});
}

TFM_TEST(Int16NoPadding) {
  CheckPad<int16_t, int32_t>(DataType::kInt16, DataType::kInt32, {3, 2},
                             {0, 0, 0, 0}, 0.01f, 0, int16_t{0});
}

TFM_TEST(RejectsNegativePadding) {
  SingleOpModel m(schema::BuiltinOperator_PAD);
  m.AddInput(DataType::kFloat32, {3});
  m.AddConstInput<int32_t>(DataType::kInt32, {1, 2}, {-1, 0});
  m.AddOutput(DataType::kFloat32, {2});
  TFM_EXPECT_EQ(Status::kKernelError, m.Build());
  TFM_EXPECT_TRUE(TfmContains(m.error(),
                              "paddings of dimension 0 must be "
                              "non-negative, got [-1, 0]"));
}

TFM_TEST(RejectsRuntimePaddings) {
  SingleOpModel m(schema::BuiltinOperator_PAD);
  m.AddInput(DataType::kFloat32, {3});
  m.AddInput(DataType::kInt32, {1, 2});
  m.AddOutput(DataType::kFloat32, {5});
  TFM_EXPECT_EQ(Status::kKernelError, m.Build());
  TFM_EXPECT_TRUE(TfmContains(m.error(), "paddings must be a constant"));
}

TFM_TEST(RejectsPaddingsShape) {
  SingleOpModel m(schema::BuiltinOperator_PAD);
  m.AddInput(DataType::kFloat32, {3, 2});
  m.AddConstInput<int32_t>(DataType::kInt32, {1, 2}, {1, 1});
  m.AddOutput(DataType::kFloat32, {5, 2});
  TFM_EXPECT_EQ(Status::kKernelError, m.Build());
  TFM_EXPECT_TRUE(TfmContains(m.error(),
                              "paddings shape [1, 2] does not "
                              "match the expected [2, 2]"));
}

TFM_TEST(RejectsOutputShape) {
  SingleOpModel m(schema::BuiltinOperator_PAD);
  m.AddInput(DataType::kFloat32, {3});
  m.AddConstInput<int32_t>(DataType::kInt32, {1, 2}, {1, 2});
  m.AddOutput(DataType::kFloat32, {5});
  TFM_EXPECT_EQ(Status::kKernelError, m.Build());
  TFM_EXPECT_TRUE(TfmContains(m.error(),
                              "output shape [5] does not match "
                              "the expected [6]"));
}

TFM_TEST(RejectsRankAboveSix) {
  SingleOpModel m(schema::BuiltinOperator_PAD);
  m.AddInput(DataType::kFloat32, {1, 1, 1, 1, 1, 1, 1});
  m.AddConstInput<int32_t>(DataType::kInt32, {7, 2},
                           std::vector<int32_t>(14, 0));
  m.AddOutput(DataType::kFloat32, {1, 1, 1, 1, 1, 1, 1});
  TFM_EXPECT_EQ(Status::kKernelError, m.Build());
  TFM_EXPECT_TRUE(TfmContains(m.error(), "input rank 7 not supported"));
}

}  // namespace
}  // namespace tfmicro

TFM_TEST_MAIN()
