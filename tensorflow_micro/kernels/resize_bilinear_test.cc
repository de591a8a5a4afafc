// RESIZE_BILINEAR: properties any bilinear resize has (align_corners keeps
// the corner pixels, a linear ramp stays linear, a constant image stays
// constant in int8) and prepare's rejections. Bit-exactness against TFLite
// is proven by python/tests/conformance/test_resize.py.
#include <cmath>
#include <cstdint>
#include <vector>

#include "tensorflow_micro/testing/micro_test.h"
#include "tensorflow_micro/testing/single_op_model.h"

namespace tfmicro {
namespace {

using testing::SingleOpModel;

void AddResize(SingleOpModel& m, DataType type,
               const std::vector<int32_t>& in_shape, int32_t h, int32_t w,
               bool align_corners, bool half_pixel_centers, float scale = 0.f,
               int zero_point = 0) {
  m.AddInput(type, in_shape, scale, zero_point);
  m.AddConstInput<int32_t>(DataType::kInt32, {2}, {h, w});
  m.AddOutput(type, {in_shape[0], h, w, in_shape[3]}, scale, zero_point);
  m.SetOptions(schema::BuiltinOptions_ResizeBilinearOptions,
               schema::CreateResizeBilinearOptions(m.builder(), align_corners,
                                                   half_pixel_centers)
                   .Union());
}

TFM_TEST(AlignCornersKeepsALinearRamp) {
  // value = 2 * row + 3 * column: bilinear interpolation is exact on it.
  SingleOpModel m(schema::BuiltinOperator_RESIZE_BILINEAR);
  AddResize(m, DataType::kFloat32, {1, 3, 4, 1}, 5, 7, true, false);
  TFM_EXPECT_EQ(Status::kOk, m.Build());
  std::vector<float> in(12);
  for (int r = 0; r < 3; ++r) {
    for (int c = 0; c < 4; ++c) in[r * 4 + c] = 2.f * r + 3.f * c;
  }
  m.SetInput(0, in);
  TFM_EXPECT_EQ(Status::kOk, m.Invoke());
  const float* out = m.Output<float>(0);
  for (int r = 0; r < 5; ++r) {
    for (int c = 0; c < 7; ++c) {
      const double expected = 2.0 * r * 2 / 4 + 3.0 * c * 3 / 6;
      TFM_EXPECT_NEAR(expected, out[r * 7 + c], 1e-5);
    }
  }
}

TFM_TEST(Int8ConstantImageStaysConstant) {
  for (bool half_pixel : {false, true}) {
    SingleOpModel m(schema::BuiltinOperator_RESIZE_BILINEAR);
    AddResize(m, DataType::kInt8, {2, 3, 5, 2}, 7, 4, false, half_pixel,
              0.1f, 3);
    TFM_EXPECT_EQ(Status::kOk, m.Build());
    m.SetInput(0, std::vector<int8_t>(60, -77));
    TFM_EXPECT_EQ(Status::kOk, m.Invoke());
    const int8_t* out = m.Output<int8_t>(0);
    for (int i = 0; i < 2 * 7 * 4 * 2; ++i) TFM_EXPECT_EQ(-77, out[i]);
  }
}

TFM_TEST(RejectsBadModels) {
  SingleOpModel both(schema::BuiltinOperator_RESIZE_BILINEAR);
  AddResize(both, DataType::kFloat32, {1, 2, 2, 1}, 4, 4, true, true);
  TFM_EXPECT_EQ(Status::kKernelError, both.Build());
  TFM_EXPECT_TRUE(TfmContains(both.error(), "node 0 (RESIZE_BILINEAR)"));
  TFM_EXPECT_TRUE(TfmContains(both.error(), "cannot both be true"));

  SingleOpModel shape(schema::BuiltinOperator_RESIZE_BILINEAR);
  shape.AddInput(DataType::kFloat32, {1, 2, 2, 1});
  shape.AddConstInput<int32_t>(DataType::kInt32, {2}, {4, 4});
  shape.AddOutput(DataType::kFloat32, {1, 4, 3, 1});
  TFM_EXPECT_EQ(Status::kKernelError, shape.Build());
  TFM_EXPECT_TRUE(TfmContains(shape.error(), "output"));

  SingleOpModel dynamic(schema::BuiltinOperator_RESIZE_BILINEAR);
  dynamic.AddInput(DataType::kFloat32, {1, 2, 2, 1});
  dynamic.AddInput(DataType::kInt32, {2});
  dynamic.AddOutput(DataType::kFloat32, {1, 4, 4, 1});
  TFM_EXPECT_EQ(Status::kKernelError, dynamic.Build());
  TFM_EXPECT_TRUE(TfmContains(dynamic.error(), "size must be a constant"));

  SingleOpModel requantized(schema::BuiltinOperator_RESIZE_BILINEAR);
  requantized.AddInput(DataType::kInt8, {1, 2, 2, 1}, 0.1f, 0);
  requantized.AddConstInput<int32_t>(DataType::kInt32, {2}, {4, 4});
  requantized.AddOutput(DataType::kInt8, {1, 4, 4, 1}, 0.2f, 0);
  TFM_EXPECT_EQ(Status::kKernelError, requantized.Build());
  TFM_EXPECT_TRUE(TfmContains(requantized.error(), "differs from the input's"));
}

}  // namespace
}  // namespace tfmicro

TFM_TEST_MAIN()
