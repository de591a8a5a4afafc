// PADV2: the pad value is the constant_values input (float, int8 with the
// output's quantization, int16) and prepare's rejections. Bit-exactness
// against TFLite is proven by python/tests/conformance/test_padding_ops.py.
#include <cstdint>
#include <vector>

#include "tensorflow_micro/testing/kernel_test_util.h"
#include "tensorflow_micro/testing/micro_test.h"
#include "tensorflow_micro/testing/single_op_model.h"

namespace tfmicro {
namespace {

using testing::ElementCount;
using testing::SingleOpModel;

// Pads a {2, 3} input by one row before and two columns after with `pad`.
template <typename T>
void CheckPadV2(DataType type, T pad, float scale, int zero_point) {
  const std::vector<int32_t> shape = {2, 3};
  const std::vector<int32_t> out_shape = {3, 5};
  SingleOpModel m(schema::BuiltinOperator_PADV2);
  m.AddInput(type, shape, scale, zero_point);
  m.AddConstInput<int32_t>(DataType::kInt32, {2, 2}, {1, 0, 0, 2});
  testing::QuantSpec quant;
  if (scale > 0.f) quant = {{scale}, {zero_point}, 0};
  m.AddConstInput<T>(type, {}, {pad}, quant);
  m.AddOutput(type, out_shape, scale, zero_point);
  TFM_EXPECT_EQ(Status::kOk, m.Build());
  const std::vector<T> in = testing::MovementInput<T>(ElementCount(shape));
  m.SetInput(0, in);
  TFM_EXPECT_EQ(Status::kOk, m.Invoke());
  const T* out = m.Output<T>(0);
  for (int r = 0; r < 3; ++r) {
    for (int c = 0; c < 5; ++c) {
      const bool inside = r >= 1 && c < 3;
      const T expected = inside ? in[(r - 1) * 3 + c] : pad;
      TFM_EXPECT_TRUE(out[r * 5 + c] == expected);
    }
  }
}

TFM_TEST(FloatConstant) { CheckPadV2<float>(DataType::kFloat32, 1.5f, 0.f, 0); }

TFM_TEST(Int8Constant) {
  CheckPadV2<int8_t>(DataType::kInt8, int8_t{-77}, 0.5f, 3);
}

TFM_TEST(Int16Constant) {
  CheckPadV2<int16_t>(DataType::kInt16, int16_t{1234}, 0.01f, 0);
}

TFM_TEST(BoolConstant) {
  // BOOL bytes as uint8_t; a constant byte other than 0 and 1 pads with 1.
  CheckPadV2<uint8_t>(DataType::kBool, uint8_t{1}, 0.f, 0);
  SingleOpModel m(schema::BuiltinOperator_PADV2);
  m.AddInput(DataType::kBool, {2});
  m.AddConstInput<int32_t>(DataType::kInt32, {1, 2}, {1, 1});
  m.AddConstInput<uint8_t>(DataType::kBool, {}, {uint8_t{2}});
  m.AddOutput(DataType::kBool, {4});
  TFM_EXPECT_EQ(Status::kOk, m.Build());
  m.SetInput<uint8_t>(0, {0, 1});
  TFM_EXPECT_EQ(Status::kOk, m.Invoke());
  const uint8_t* out = m.Output<uint8_t>(0);
  TFM_EXPECT_EQ(1, out[0]);
  TFM_EXPECT_EQ(0, out[1]);
  TFM_EXPECT_EQ(1, out[2]);
  TFM_EXPECT_EQ(1, out[3]);
}

TFM_TEST(RejectsConstantQuantization) {
  SingleOpModel m(schema::BuiltinOperator_PADV2);
  m.AddInput(DataType::kInt8, {2}, 0.5f, 3);
  m.AddConstInput<int32_t>(DataType::kInt32, {1, 2}, {1, 1});
  m.AddConstInput<int8_t>(DataType::kInt8, {}, {int8_t{1}},
                          testing::QuantSpec{{0.25f}, {3}, 0});
  m.AddOutput(DataType::kInt8, {4}, 0.5f, 3);
  TFM_EXPECT_EQ(Status::kKernelError, m.Build());
  TFM_EXPECT_TRUE(TfmContains(m.error(), "constant_values quantization"));
}

TFM_TEST(RejectsConstantType) {
  SingleOpModel m(schema::BuiltinOperator_PADV2);
  m.AddInput(DataType::kInt16, {2}, 0.5f, 0);
  m.AddConstInput<int32_t>(DataType::kInt32, {1, 2}, {1, 1});
  m.AddConstInput<float>(DataType::kFloat32, {}, {2.f});
  m.AddOutput(DataType::kInt16, {4}, 0.5f, 0);
  TFM_EXPECT_EQ(Status::kKernelError, m.Build());
  TFM_EXPECT_TRUE(TfmContains(m.error(), "constant_values type FLOAT32"));
}

}  // namespace
}  // namespace tfmicro

TFM_TEST_MAIN()
