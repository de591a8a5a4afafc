// SELECT_V2: condition ? x : y with all three inputs broadcast, for FLOAT32
// and INT8 values, and prepare's rejections. Agreement with TFLite is
// proven by python/tests/conformance/test_select_cast.py.
#include <cstdint>
#include <vector>

#include "tensorflow_micro/testing/kernel_test_util.h"
#include "tensorflow_micro/testing/micro_test.h"
#include "tensorflow_micro/testing/single_op_model.h"

namespace tfmicro {
namespace {

using testing::SingleOpModel;

constexpr auto kOp = schema::BuiltinOperator_SELECT_V2;

template <typename T>
void CheckSelect(DataType type) {
  // condition [3, 1], x [2, 1, 4], y [4] -> [2, 3, 4].
  SingleOpModel m(kOp);
  m.AddInput(DataType::kBool, {3, 1});
  m.AddInput(type, {2, 1, 4}, 0.1f, 0);
  m.AddInput(type, {4}, 0.1f, 0);
  m.AddOutput(type, {2, 3, 4}, 0.1f, 0);
  TFM_EXPECT_EQ(Status::kOk, m.Build());
  const std::vector<uint8_t> condition = {1, 0, 1};
  std::vector<T> x(8);
  std::vector<T> y(4);
  for (int i = 0; i < 8; ++i) x[i] = static_cast<T>(i + 1);
  for (int i = 0; i < 4; ++i) y[i] = static_cast<T>(-(i + 1));
  m.SetInput(0, condition);
  m.SetInput(1, x);
  m.SetInput(2, y);
  TFM_EXPECT_EQ(Status::kOk, m.Invoke());
  const T* out = m.Output<T>(0);
  for (int b = 0; b < 2; ++b) {
    for (int r = 0; r < 3; ++r) {
      for (int c = 0; c < 4; ++c) {
        const T expected = condition[r] != 0 ? x[b * 4 + c] : y[c];
        TFM_EXPECT_EQ(expected, out[(b * 3 + r) * 4 + c]);
      }
    }
  }
}

TFM_TEST(Float) { CheckSelect<float>(DataType::kFloat32); }
TFM_TEST(Int8) { CheckSelect<int8_t>(DataType::kInt8); }
TFM_TEST(Int64) { CheckSelect<int64_t>(DataType::kInt64); }

TFM_TEST(RejectsInvalidModels) {
  {
    SingleOpModel m(kOp);
    m.AddInput(DataType::kFloat32, {2});
    m.AddInput(DataType::kFloat32, {2});
    m.AddInput(DataType::kFloat32, {2});
    m.AddOutput(DataType::kFloat32, {2});
    TFM_EXPECT_EQ(Status::kKernelError, m.Build());
    TFM_EXPECT_TRUE(TfmContains(m.error(), "condition"));
  }
  {
    SingleOpModel m(kOp);
    m.AddInput(DataType::kBool, {2});
    m.AddInput(DataType::kFloat32, {2});
    m.AddInput(DataType::kInt32, {2});
    m.AddOutput(DataType::kFloat32, {2});
    TFM_EXPECT_EQ(Status::kKernelError, m.Build());
    TFM_EXPECT_TRUE(TfmContains(m.error(), "y"));
  }
  {
    SingleOpModel m(kOp);
    m.AddInput(DataType::kBool, {3});
    m.AddInput(DataType::kFloat32, {2, 1});
    m.AddInput(DataType::kFloat32, {4});
    m.AddOutput(DataType::kFloat32, {2, 3});
    TFM_EXPECT_EQ(Status::kKernelError, m.Build());
    TFM_EXPECT_TRUE(TfmContains(m.error(), "do not broadcast"));
  }
  {
    SingleOpModel m(kOp);
    m.AddInput(DataType::kBool, {3});
    m.AddInput(DataType::kFloat32, {2, 1});
    m.AddInput(DataType::kFloat32, {1});
    m.AddOutput(DataType::kFloat32, {2, 2});
    TFM_EXPECT_EQ(Status::kKernelError, m.Build());
    TFM_EXPECT_TRUE(TfmContains(m.error(), "broadcast shape [2, 3]"));
  }
}

}  // namespace
}  // namespace tfmicro

TFM_TEST_MAIN()
