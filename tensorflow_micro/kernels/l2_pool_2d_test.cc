// L2_POOL_2D: float against a naive sqrt(mean of squares) over clipped
// windows with fused activations, and the rejection of quantized types.
// Bit-exactness against TFLite is proven by
// python/tests/conformance/test_pooling.py.
#include <cmath>
#include <cstdint>
#include <vector>

#include "tensorflow_micro/testing/kernel_test_util.h"
#include "tensorflow_micro/testing/micro_test.h"
#include "tensorflow_micro/testing/single_op_model.h"

namespace tfmicro {
namespace {

using testing::PoolSpec;
using testing::SingleOpModel;

TFM_TEST(FloatMatchesNaivePool) {
  PoolSpec same;
  PoolSpec valid_relu6;
  valid_relu6.same = false;
  valid_relu6.stride_w = 1;
  valid_relu6.activation = schema::ActivationFunctionType_RELU6;
  for (const PoolSpec& s : {same, valid_relu6}) {
    SingleOpModel m(schema::BuiltinOperator_L2_POOL_2D);
    m.AddInput(DataType::kFloat32, s.input_shape());
    m.AddOutput(DataType::kFloat32, s.output_shape());
    testing::SetPoolOptions(m, s);
    TFM_EXPECT_EQ(Status::kOk, m.Build());
    std::vector<float> input(s.input_size());
    for (int i = 0; i < s.input_size(); ++i) {
      input[i] = static_cast<float>((i * 29) % 41) * 0.25f - 5.f;
    }
    m.SetInput<float>(0, input);
    TFM_EXPECT_EQ(Status::kOk, m.Invoke());
    const float* out = m.Output<float>(0);
    const std::vector<std::vector<int>> windows = testing::PoolWindows(s);
    for (size_t o = 0; o < windows.size(); ++o) {
      double sum = 0;
      for (int i : windows[o]) sum += static_cast<double>(input[i]) * input[i];
      const double e =
          testing::Activate(s.activation, std::sqrt(sum / windows[o].size()));
      TFM_EXPECT_NEAR(e, out[o], 1e-5 * e + 1e-6);
    }
  }
}

TFM_TEST(RejectsInt8) {
  SingleOpModel m(schema::BuiltinOperator_L2_POOL_2D);
  m.AddInput(DataType::kInt8, PoolSpec().input_shape(), 0.1f, 0);
  m.AddOutput(DataType::kInt8, PoolSpec().output_shape(), 0.1f, 0);
  testing::SetPoolOptions(m, PoolSpec());
  TFM_EXPECT_EQ(Status::kKernelError, m.Build());
  TFM_EXPECT_TRUE(TfmContains(m.error(), "node 0 (L2_POOL_2D)"));
  TFM_EXPECT_TRUE(TfmContains(m.error(), "input type INT8 not supported"));
}

}  // namespace
}  // namespace tfmicro

TFM_TEST_MAIN()
