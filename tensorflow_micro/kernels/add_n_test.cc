// ADD_N: FLOAT32 and INT32 sums of two to four inputs, and prepare's
// rejections. Agreement with TFLite is proven by
// python/tests/conformance/test_select_cast.py.
#include <cmath>
#include <cstdint>
#include <vector>

#include "tensorflow_micro/testing/kernel_test_util.h"
#include "tensorflow_micro/testing/micro_test.h"
#include "tensorflow_micro/testing/single_op_model.h"

namespace tfmicro {
namespace {

using testing::SingleOpModel;

constexpr auto kOp = schema::BuiltinOperator_ADD_N;

template <typename T>
void CheckSum(DataType type, int count) {
  SingleOpModel m(kOp);
  for (int i = 0; i < count; ++i) m.AddInput(type, {2, 3});
  m.AddOutput(type, {2, 3});
  TFM_EXPECT_EQ(Status::kOk, m.Build());
  testing::Random rng(static_cast<uint32_t>(count));
  std::vector<double> expected(6, 0.0);
  for (int i = 0; i < count; ++i) {
    std::vector<T> values(6);
    for (int e = 0; e < 6; ++e) {
      values[e] = static_cast<T>(rng.Int(-1000, 1000)) / static_cast<T>(4);
      expected[e] += static_cast<double>(values[e]);
    }
    m.SetInput(i, values);
  }
  TFM_EXPECT_EQ(Status::kOk, m.Invoke());
  for (int e = 0; e < 6; ++e) {
    TFM_EXPECT_NEAR(expected[e], m.Output<T>(0)[e], 1e-4);
  }
}

TFM_TEST(Float) {
  CheckSum<float>(DataType::kFloat32, 2);
  CheckSum<float>(DataType::kFloat32, 4);
}

TFM_TEST(Int32) { CheckSum<int32_t>(DataType::kInt32, 3); }

TFM_TEST(RejectsInvalidModels) {
  {
    SingleOpModel m(kOp);
    m.AddInput(DataType::kFloat32, {2, 3});
    m.AddInput(DataType::kFloat32, {3});
    m.AddOutput(DataType::kFloat32, {2, 3});
    TFM_EXPECT_EQ(Status::kKernelError, m.Build());
    TFM_EXPECT_TRUE(TfmContains(m.error(), "input1 shape [3] differs"));
  }
  {
    SingleOpModel m(kOp);
    m.AddInput(DataType::kFloat32, {2});
    m.AddInput(DataType::kInt32, {2});
    m.AddOutput(DataType::kFloat32, {2});
    TFM_EXPECT_EQ(Status::kKernelError, m.Build());
    TFM_EXPECT_TRUE(TfmContains(m.error(), "input1 type INT32"));
  }
  {
    SingleOpModel m(kOp);
    m.AddInput(DataType::kInt8, {2}, 0.1f, 0);
    m.AddInput(DataType::kInt8, {2}, 0.1f, 0);
    m.AddOutput(DataType::kInt8, {2}, 0.1f, 0);
    TFM_EXPECT_EQ(Status::kKernelError, m.Build());
    TFM_EXPECT_TRUE(TfmContains(m.error(), "not supported"));
  }
  {
    SingleOpModel m(kOp);
    m.AddInput(DataType::kFloat32, {2});
    m.AddOutput(DataType::kFloat32, {2});
    TFM_EXPECT_EQ(Status::kKernelError, m.Build());
  }
}

}  // namespace
}  // namespace tfmicro

TFM_TEST_MAIN()
