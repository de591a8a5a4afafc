// FILL: every element equals the value (float, int8 with its quantization,
// INT64 dims, an empty output) and prepare's rejections. Agreement with
// TFLite is checked by python/tests/conformance/test_index_ops.py.
#include <cstdint>
#include <vector>

#include "tensorflow_micro/testing/kernel_test_util.h"
#include "tensorflow_micro/testing/micro_test.h"
#include "tensorflow_micro/testing/single_op_model.h"

namespace tfmicro {
namespace {

using testing::ElementCount;
using testing::SingleOpModel;

template <typename T, typename D>
void CheckFill(DataType type, DataType dims_type,
               const std::vector<int32_t>& dims, T value, float scale) {
  SingleOpModel m(schema::BuiltinOperator_FILL);
  m.AddConstInput<D>(dims_type, {static_cast<int32_t>(dims.size())},
                     std::vector<D>(dims.begin(), dims.end()));
  m.AddInput(type, {}, scale, 0);
  m.AddOutput(type, dims, scale, 0);
  TFM_EXPECT_EQ(Status::kOk, m.Build());
  m.SetInput<T>(0, {value});
  TFM_EXPECT_EQ(Status::kOk, m.Invoke());
  TFM_EXPECT_EQ(static_cast<size_t>(ElementCount(dims)), m.OutputCount(0));
  for (size_t i = 0; i < m.OutputCount(0); ++i) {
    TFM_EXPECT_TRUE(m.Output<T>(0)[i] == value);
  }
}

TFM_TEST(Float) {
  CheckFill<float, int32_t>(DataType::kFloat32, DataType::kInt32, {2, 3},
                            -1.25f, 0.f);
}

TFM_TEST(Int8Int64Dims) {
  CheckFill<int8_t, int64_t>(DataType::kInt8, DataType::kInt64, {1, 4, 2},
                             int8_t{-99}, 0.5f);
}

TFM_TEST(Int64Empty) {
  CheckFill<int64_t, int32_t>(DataType::kInt64, DataType::kInt32, {3, 0},
                              int64_t{1} << 40, 0.f);
}

TFM_TEST(RejectsOutputShape) {
  SingleOpModel m(schema::BuiltinOperator_FILL);
  m.AddConstInput<int32_t>(DataType::kInt32, {2}, {2, 3});
  m.AddInput(DataType::kFloat32, {});
  m.AddOutput(DataType::kFloat32, {3, 2});
  TFM_EXPECT_EQ(Status::kKernelError, m.Build());
  TFM_EXPECT_TRUE(TfmContains(m.error(), "output shape [3, 2] does not match "
                                         "the expected [2, 3]"));
}

TFM_TEST(RejectsRuntimeDims) {
  SingleOpModel m(schema::BuiltinOperator_FILL);
  m.AddInput(DataType::kInt32, {2});
  m.AddInput(DataType::kFloat32, {});
  m.AddOutput(DataType::kFloat32, {2, 3});
  TFM_EXPECT_EQ(Status::kKernelError, m.Build());
  TFM_EXPECT_TRUE(TfmContains(m.error(), "dims must be a constant"));
}

TFM_TEST(RejectsVectorValue) {
  SingleOpModel m(schema::BuiltinOperator_FILL);
  m.AddConstInput<int32_t>(DataType::kInt32, {1}, {2});
  m.AddInput(DataType::kFloat32, {1});
  m.AddOutput(DataType::kFloat32, {2});
  TFM_EXPECT_EQ(Status::kKernelError, m.Build());
  TFM_EXPECT_TRUE(TfmContains(m.error(), "value must be a scalar"));
}

}  // namespace
}  // namespace tfmicro

TFM_TEST_MAIN()
