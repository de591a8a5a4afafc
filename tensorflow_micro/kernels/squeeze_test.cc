// SQUEEZE: the bytes pass through under the new shape (listed and negative
// dimensions, all of them) and prepare's rejections. Agreement with TFLite
// is checked by python/tests/conformance/test_data_movement.py.
#include <cstdint>
#include <vector>

#include "tensorflow_micro/testing/kernel_test_util.h"
#include "tensorflow_micro/testing/micro_test.h"
#include "tensorflow_micro/testing/single_op_model.h"

namespace tfmicro {
namespace {

using testing::ElementCount;
using testing::SingleOpModel;

void SetSqueezeDims(SingleOpModel& m, const std::vector<int32_t>& dims) {
  m.SetOptions(schema::BuiltinOptions_SqueezeOptions,
               schema::CreateSqueezeOptions(m.builder(),
                                            m.builder().CreateVector(dims))
                   .Union());
}

template <typename T>
void CheckSqueeze(DataType type, const std::vector<int32_t>& shape,
                  const std::vector<int32_t>& dims,
                  const std::vector<int32_t>& out_shape) {
  SingleOpModel m(schema::BuiltinOperator_SQUEEZE);
  m.AddInput(type, shape);
  m.AddOutput(type, out_shape);
  SetSqueezeDims(m, dims);
  TFM_EXPECT_EQ(Status::kOk, m.Build());
  std::vector<int64_t> identity(ElementCount(shape));
  for (size_t i = 0; i < identity.size(); ++i) identity[i] = i;
  testing::CheckMovedElements<T>(m, 0, ElementCount(shape), identity);
}

TFM_TEST(FloatListed) {
  CheckSqueeze<float>(DataType::kFloat32, {2, 1, 3}, {1}, {2, 3});
}

TFM_TEST(Int8Negative) {
  CheckSqueeze<int8_t>(DataType::kInt8, {1, 3, 1, 2}, {-2, 0}, {3, 2});
}

TFM_TEST(Int32All) {
  CheckSqueeze<int32_t>(DataType::kInt32, {1, 4, 1}, {}, {4});
}

TFM_TEST(RejectsDimensionNotOne) {
  SingleOpModel m(schema::BuiltinOperator_SQUEEZE);
  m.AddInput(DataType::kFloat32, {2, 3});
  m.AddOutput(DataType::kFloat32, {3});
  SetSqueezeDims(m, {0});
  TFM_EXPECT_EQ(Status::kKernelError, m.Build());
  TFM_EXPECT_TRUE(
      TfmContains(m.error(), "cannot squeeze dimension 0 of size 2"));
}

TFM_TEST(RejectsOutputShape) {
  SingleOpModel m(schema::BuiltinOperator_SQUEEZE);
  m.AddInput(DataType::kFloat32, {1, 3, 1});
  m.AddOutput(DataType::kFloat32, {3});
  SetSqueezeDims(m, {0});
  TFM_EXPECT_EQ(Status::kKernelError, m.Build());
  TFM_EXPECT_TRUE(TfmContains(m.error(), "output shape [3] does not match "
                                         "the expected [3, 1]"));
}

}  // namespace
}  // namespace tfmicro

TFM_TEST_MAIN()
