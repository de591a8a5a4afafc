// REDUCE_PROD: float against a naive product over axis sets, INT32 wrapping
// and INT64, and prepare's rejection of quantized input. Bit-exactness
// against TFLite is proven by python/tests/conformance/test_built_dtypes.py.
#include <cstdint>
#include <vector>

#include "tensorflow_micro/testing/kernel_test_util.h"
#include "tensorflow_micro/testing/micro_test.h"
#include "tensorflow_micro/testing/single_op_model.h"

namespace tfmicro {
namespace {

using testing::ReduceCase;
using testing::SingleOpModel;

constexpr auto kOp = schema::BuiltinOperator_REDUCE_PROD;

TFM_TEST(FloatMatchesNaiveProduct) {
  const ReduceCase cases[] = {{{2, 3, 4}, {1}, false},
                              {{2, 3, 4}, {-1, 0}, true}};
  for (const ReduceCase& c : cases) {
    SingleOpModel m(kOp);
    testing::AddReduceTensors(m, DataType::kFloat32, c);
    TFM_EXPECT_EQ(Status::kOk, m.Build());
    const int n = static_cast<int>(testing::ElementCount(c.shape));
    std::vector<float> input(n);
    std::vector<double> values(n);
    for (int i = 0; i < n; ++i) {
      input[i] = 0.5f + 0.125f * static_cast<float>(i % 9);  // exact in float
      values[i] = input[i];
    }
    m.SetInput(0, input);
    TFM_EXPECT_EQ(Status::kOk, m.Invoke());
    const std::vector<double> expected = testing::NaiveReduce(
        c, values, 1.0, [](double a, double x) { return a * x; });
    const float* out = m.Output<float>(0);
    for (size_t i = 0; i < expected.size(); ++i) {
      TFM_EXPECT_NEAR(expected[i], out[i], 1e-6 * expected[i]);
    }
  }
}

TFM_TEST(Int32WrapsInt64Exact) {
  SingleOpModel m32(kOp);
  testing::AddReduceTensors(m32, DataType::kInt32, {{2, 4}, {1}, false});
  TFM_EXPECT_EQ(Status::kOk, m32.Build());
  m32.SetInput<int32_t>(0, {70000, 70000, 3, -1, 2, 3, 4, 5});
  TFM_EXPECT_EQ(Status::kOk, m32.Invoke());
  // 70000^2 * 3 * -1 modulo 2^32, as TFLite computes it.
  TFM_EXPECT_EQ(-1815098112, m32.Output<int32_t>(0)[0]);
  TFM_EXPECT_EQ(120, m32.Output<int32_t>(0)[1]);

  SingleOpModel m64(kOp);
  testing::AddReduceTensors(m64, DataType::kInt64, {{2, 4}, {1}, false});
  TFM_EXPECT_EQ(Status::kOk, m64.Build());
  m64.SetInput<int64_t>(0, {70000, 70000, 3, -1, 2, 3, 4, 5});
  TFM_EXPECT_EQ(Status::kOk, m64.Invoke());
  TFM_EXPECT_EQ(-14700000000LL, m64.Output<int64_t>(0)[0]);
}

TFM_TEST(RejectsQuantizedInput) {
  testing::ExpectReduceTypeRejected(kOp, DataType::kInt8);
}

}  // namespace
}  // namespace tfmicro

TFM_TEST_MAIN()
