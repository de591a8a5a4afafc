// REDUCE_ALL: against a naive logical AND over axis sets, keep_dims on and
// off, and prepare's rejection of non-BOOL input. Bit-exactness against
// TFLite is proven by python/tests/conformance/test_reduce.py.
#include <cstdint>
#include <vector>

#include "tensorflow_micro/testing/kernel_test_util.h"
#include "tensorflow_micro/testing/micro_test.h"
#include "tensorflow_micro/testing/single_op_model.h"

namespace tfmicro {
namespace {

using testing::ReduceCase;
using testing::SingleOpModel;

TFM_TEST(MatchesNaiveAll) {
  const ReduceCase cases[] = {{{2, 3, 4}, {1}, false},
                              {{2, 3, 4}, {-1, 0}, true},
                              {{3, 5}, {0, 1}, false}};
  for (const ReduceCase& c : cases) {
    SingleOpModel m(schema::BuiltinOperator_REDUCE_ALL);
    testing::AddReduceTensors(m, DataType::kBool, c);
    TFM_EXPECT_EQ(Status::kOk, m.Build());
    const int n = static_cast<int>(testing::ElementCount(c.shape));
    std::vector<uint8_t> input(n);
    std::vector<double> values(n);
    for (int i = 0; i < n; ++i) {
      input[i] = (i % 7) != 3 ? 1 : 0;
      values[i] = input[i];
    }
    m.SetInput<uint8_t>(0, input);
    TFM_EXPECT_EQ(Status::kOk, m.Invoke());
    const std::vector<double> expected = testing::NaiveReduce(
        c, values, 1.0, [](double a, double x) { return a * x; });
    const bool* out = m.Output<bool>(0);
    for (size_t i = 0; i < expected.size(); ++i) {
      TFM_EXPECT_EQ(expected[i] != 0.0, out[i]);
    }
  }
}

TFM_TEST(BoolBytesOtherThanZeroAndOneAreTrue) {
  SingleOpModel m(schema::BuiltinOperator_REDUCE_ALL);
  m.AddConstInput<uint8_t>(DataType::kBool, {2, 3}, {2, 255, 1, 2, 0, 1});
  m.AddConstInput<int32_t>(DataType::kInt32, {1}, {1});
  m.AddOutput(DataType::kBool, {2});
  TFM_EXPECT_EQ(Status::kOk, m.Build());
  TFM_EXPECT_EQ(Status::kOk, m.Invoke());
  const uint8_t* out = m.Output<uint8_t>(0);
  TFM_EXPECT_EQ(1, out[0]);
  TFM_EXPECT_EQ(0, out[1]);
}

TFM_TEST(RejectsNonBoolInput) {
  SingleOpModel m(schema::BuiltinOperator_REDUCE_ALL);
  testing::AddReduceTensors(m, DataType::kFloat32, {{2, 3}, {1}, false});
  TFM_EXPECT_EQ(Status::kKernelError, m.Build());
  TFM_EXPECT_TRUE(TfmContains(m.error(), "input type FLOAT32 not supported"));
}

}  // namespace
}  // namespace tfmicro

TFM_TEST_MAIN()
