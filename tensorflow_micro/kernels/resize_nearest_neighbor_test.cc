// RESIZE_NEAREST_NEIGHBOR: integer upscaling repeats pixels, align_corners
// keeps the corners, every type is copied unchanged, and prepare's
// rejections. Bit-exactness against TFLite is proven by
// python/tests/conformance/test_resize.py.
#include <cstdint>
#include <vector>

#include "tensorflow_micro/testing/micro_test.h"
#include "tensorflow_micro/testing/single_op_model.h"

namespace tfmicro {
namespace {

using testing::SingleOpModel;

template <typename T>
void ExpectTwiceUpscaleRepeatsPixels(DataType type, float scale) {
  SingleOpModel m(schema::BuiltinOperator_RESIZE_NEAREST_NEIGHBOR);
  m.AddInput(type, {1, 2, 3, 2}, scale, 0);
  m.AddConstInput<int32_t>(DataType::kInt32, {2}, {4, 6});
  m.AddOutput(type, {1, 4, 6, 2}, scale, 0);
  TFM_EXPECT_EQ(Status::kOk, m.Build());
  std::vector<T> in(12);
  for (int i = 0; i < 12; ++i) in[i] = static_cast<T>(i * 3 - 7);
  m.SetInput(0, in);
  TFM_EXPECT_EQ(Status::kOk, m.Invoke());
  const T* out = m.Output<T>(0);
  for (int y = 0; y < 4; ++y) {
    for (int x = 0; x < 6; ++x) {
      for (int c = 0; c < 2; ++c) {
        TFM_EXPECT_EQ(in[((y / 2) * 3 + x / 2) * 2 + c],
                      out[(y * 6 + x) * 2 + c]);
      }
    }
  }
}

TFM_TEST(TwiceUpscaleRepeatsPixels) {
  ExpectTwiceUpscaleRepeatsPixels<float>(DataType::kFloat32, 0.f);
  ExpectTwiceUpscaleRepeatsPixels<int8_t>(DataType::kInt8, 0.5f);
  ExpectTwiceUpscaleRepeatsPixels<int16_t>(DataType::kInt16, 0.5f);
  ExpectTwiceUpscaleRepeatsPixels<int32_t>(DataType::kInt32, 0.f);
  // BOOL bytes are copied as they are.
  ExpectTwiceUpscaleRepeatsPixels<uint8_t>(DataType::kBool, 0.f);
}

TFM_TEST(AlignCornersKeepsCorners) {
  SingleOpModel m(schema::BuiltinOperator_RESIZE_NEAREST_NEIGHBOR);
  m.AddInput(DataType::kFloat32, {1, 3, 3, 1});
  m.AddConstInput<int32_t>(DataType::kInt32, {2}, {5, 7});
  m.AddOutput(DataType::kFloat32, {1, 5, 7, 1});
  m.SetOptions(
      schema::BuiltinOptions_ResizeNearestNeighborOptions,
      schema::CreateResizeNearestNeighborOptions(m.builder(), true, false)
          .Union());
  TFM_EXPECT_EQ(Status::kOk, m.Build());
  m.SetInput<float>(0, {1, 2, 3, 4, 5, 6, 7, 8, 9});
  TFM_EXPECT_EQ(Status::kOk, m.Invoke());
  const float* out = m.Output<float>(0);
  TFM_EXPECT_EQ(1.f, out[0]);
  TFM_EXPECT_EQ(3.f, out[6]);
  TFM_EXPECT_EQ(7.f, out[28]);
  TFM_EXPECT_EQ(9.f, out[34]);
}

TFM_TEST(RejectsBadSize) {
  SingleOpModel m(schema::BuiltinOperator_RESIZE_NEAREST_NEIGHBOR);
  m.AddInput(DataType::kFloat32, {1, 2, 2, 1});
  m.AddConstInput<int32_t>(DataType::kInt32, {3}, {4, 4, 1});
  m.AddOutput(DataType::kFloat32, {1, 4, 4, 1});
  TFM_EXPECT_EQ(Status::kKernelError, m.Build());
  TFM_EXPECT_TRUE(TfmContains(m.error(), "size must hold 2 values"));

  // INT64 (8-byte elements): TFLite's kernel does not take it either.
  SingleOpModel int64_input(schema::BuiltinOperator_RESIZE_NEAREST_NEIGHBOR);
  int64_input.AddInput(DataType::kInt64, {1, 2, 2, 1});
  int64_input.AddConstInput<int32_t>(DataType::kInt32, {2}, {4, 4});
  int64_input.AddOutput(DataType::kInt64, {1, 4, 4, 1});
  TFM_EXPECT_EQ(Status::kKernelError, int64_input.Build());
  TFM_EXPECT_TRUE(TfmContains(int64_input.error(), "input type INT64"));
}

}  // namespace
}  // namespace tfmicro

TFM_TEST_MAIN()
