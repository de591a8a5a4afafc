// MIRROR_PAD: results against a naive mirror (REFLECT and SYMMETRIC, the
// largest paddings each allows, rank 3) and prepare's rejections.
// Bit-exactness against TFLite is proven by
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

void SetMode(SingleOpModel& m, schema::MirrorPadMode mode) {
  m.SetOptions(schema::BuiltinOptions_MirrorPadOptions,
               schema::CreateMirrorPadOptions(m.builder(), mode).Union());
}

template <typename T>
void CheckMirrorPad(DataType type, schema::MirrorPadMode mode,
                    const std::vector<int32_t>& shape,
                    const std::vector<int32_t>& pads) {
  const int edge = mode == schema::MirrorPadMode_SYMMETRIC ? 1 : 0;
  std::vector<int32_t> out_shape;
  for (size_t d = 0; d < shape.size(); ++d) {
    out_shape.push_back(shape[d] + pads[2 * d] + pads[2 * d + 1]);
  }
  SingleOpModel m(schema::BuiltinOperator_MIRROR_PAD);
  m.AddInput(type, shape);
  m.AddConstInput<int32_t>(DataType::kInt32,
                           {static_cast<int32_t>(shape.size()), 2}, pads);
  m.AddOutput(type, out_shape);
  SetMode(m, mode);
  TFM_EXPECT_EQ(Status::kOk, m.Build());
  const auto sources =
      testing::SourceIndices(out_shape, [&](const std::vector<int32_t>& out) {
        std::vector<int32_t> in(shape.size());
        for (size_t d = 0; d < shape.size(); ++d) {
          int32_t j = out[d] - pads[2 * d];
          if (j < 0) j = -j - edge;
          if (j >= shape[d]) j = 2 * shape[d] - 2 + edge - j;
          in[d] = j;
        }
        return testing::FlatIndex(shape, in);
      });
  testing::CheckMovedElements<T>(m, 0, ElementCount(shape), sources);
}

TFM_TEST(FloatReflect) {
  CheckMirrorPad<float>(DataType::kFloat32, schema::MirrorPadMode_REFLECT,
                        {3, 4}, {2, 1, 0, 3});
}

TFM_TEST(Int8Symmetric) {
  CheckMirrorPad<int8_t>(DataType::kInt8, schema::MirrorPadMode_SYMMETRIC,
                         {3, 4}, {3, 1, 4, 0});
}

TFM_TEST(BoolSymmetric) {
  CheckMirrorPad<uint8_t>(DataType::kBool, schema::MirrorPadMode_SYMMETRIC,
                          {2, 3}, {1, 2, 3, 0});
}

TFM_TEST(Int16ReflectRank3) {
  CheckMirrorPad<int16_t>(DataType::kInt16, schema::MirrorPadMode_REFLECT,
                          {2, 3, 2}, {1, 0, 2, 2, 0, 1});
}

TFM_TEST(RejectsReflectPaddingOfDimension) {
  SingleOpModel m(schema::BuiltinOperator_MIRROR_PAD);
  m.AddInput(DataType::kFloat32, {3});
  m.AddConstInput<int32_t>(DataType::kInt32, {1, 2}, {3, 0});
  m.AddOutput(DataType::kFloat32, {6});
  SetMode(m, schema::MirrorPadMode_REFLECT);
  TFM_EXPECT_EQ(Status::kKernelError, m.Build());
  TFM_EXPECT_TRUE(TfmContains(m.error(), "paddings [3, 0] of dimension 0 "
                                         "exceed 2, the most REFLECT"));
}

TFM_TEST(RejectsQuantizationChange) {
  SingleOpModel m(schema::BuiltinOperator_MIRROR_PAD);
  m.AddInput(DataType::kInt8, {3}, 0.5f, 1);
  m.AddConstInput<int32_t>(DataType::kInt32, {1, 2}, {1, 0});
  m.AddOutput(DataType::kInt8, {4}, 0.25f, 1);
  SetMode(m, schema::MirrorPadMode_SYMMETRIC);
  TFM_EXPECT_EQ(Status::kKernelError, m.Build());
  TFM_EXPECT_TRUE(TfmContains(m.error(), "output quantization"));
}

}  // namespace
}  // namespace tfmicro

TFM_TEST_MAIN()
