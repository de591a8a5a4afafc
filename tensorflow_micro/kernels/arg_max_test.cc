// ARG_MAX: results against a naive search (ties, negative axes, INT32 and
// INT64 outputs, bool), and prepare's rejections. Bit-exactness against
// TFLite is proven by python/tests/conformance/test_index_ops.py.
#include <cstdint>
#include <vector>

#include "tensorflow_micro/testing/kernel_test_util.h"
#include "tensorflow_micro/testing/micro_test.h"
#include "tensorflow_micro/testing/single_op_model.h"

namespace tfmicro {
namespace {

using testing::SingleOpModel;

constexpr schema::BuiltinOperator kOp = schema::BuiltinOperator_ARG_MAX;

TFM_TEST(FloatLastAxisWithTies) {
  testing::CheckArgMinMax<float>(kOp, DataType::kFloat32, DataType::kInt32,
                                 {2, 3}, {1, 3, 3, -2, -2, 0}, -1);
}

TFM_TEST(Int8FirstAxisInt64) {
  testing::CheckArgMinMax<int8_t>(kOp, DataType::kInt8, DataType::kInt64,
                                  {3, 2}, {5, -7, 5, 9, -100, 9}, 0);
}

TFM_TEST(Int32MiddleAxis) {
  testing::CheckArgMinMax<int32_t>(
      kOp, DataType::kInt32, DataType::kInt32, {2, 3, 2},
      {4, 1, -6, 1, 9, 1, 0, 0, 7, -3, 7, 2}, 1);
}

// BOOL elements as bytes 0 and 1 (std::vector<bool> holds no array).
TFM_TEST(Bool) {
  testing::CheckArgMinMax<uint8_t>(kOp, DataType::kBool, DataType::kInt32,
                                   {2, 3}, {0, 1, 1, 1, 0, 1}, 1);
}

TFM_TEST(RejectsOutputTypeOption) {
  SingleOpModel m(kOp);
  m.AddInput(DataType::kFloat32, {2, 3});
  m.AddConstInput<int32_t>(DataType::kInt32, {1}, {1});
  m.AddOutput(DataType::kInt32, {2});
  m.SetOptions(schema::BuiltinOptions_ArgMaxOptions,
               schema::CreateArgMaxOptions(m.builder(),
                                           schema::TensorType_INT64)
                   .Union());
  TFM_EXPECT_EQ(Status::kKernelError, m.Build());
  TFM_EXPECT_TRUE(TfmContains(m.error(), "output_type option INT64 does not "
                                         "match the output type INT32"));
}

TFM_TEST(RejectsAxisOutOfRange) {
  SingleOpModel m(kOp);
  m.AddInput(DataType::kFloat32, {2, 3});
  m.AddConstInput<int32_t>(DataType::kInt32, {1}, {-3});
  m.AddOutput(DataType::kInt32, {2});
  TFM_EXPECT_EQ(Status::kKernelError, m.Build());
  TFM_EXPECT_TRUE(TfmContains(m.error(), "axis -3 out of range for rank 2"));
}

}  // namespace
}  // namespace tfmicro

TFM_TEST_MAIN()
