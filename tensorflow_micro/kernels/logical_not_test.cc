// LOGICAL_NOT: BOOL exact, and prepare's rejections.
#include <cstdint>
#include <vector>

#include "tensorflow_micro/testing/elementwise_test_util.h"
#include "tensorflow_micro/testing/micro_test.h"

namespace tfmicro {
namespace {

TFM_TEST(Bool) {
  testing::SingleOpModel m(schema::BuiltinOperator_LOGICAL_NOT);
  m.AddInput(DataType::kBool, {4});
  m.AddOutput(DataType::kBool, {4});
  TFM_EXPECT_EQ(Status::kOk, m.Build());
  // One byte per BOOL element (std::vector<bool> has no data()).
  const std::vector<uint8_t> input = {1, 0, 0, 1};
  m.SetInput(0, input);
  TFM_EXPECT_EQ(Status::kOk, m.Invoke());
  const bool* out = m.Output<bool>(0);
  for (int i = 0; i < 4; ++i) TFM_EXPECT_EQ(input[i] == 0, out[i]);
}

TFM_TEST(RejectsInvalidModels) {
  testing::ExpectUnaryRejections(schema::BuiltinOperator_LOGICAL_NOT,
                                 DataType::kFloat32, false);
}

}  // namespace
}  // namespace tfmicro

TFM_TEST_MAIN()
