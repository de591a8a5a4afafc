// SUM: float against a naive double sum, int8 / int16 within one
// quantization step of the real sum, and prepare's rejections.
// Bit-exactness against TFLite is proven by
// python/tests/conformance/test_reduce.py.
#include <algorithm>
#include <cmath>
#include <cstdint>
#include <vector>

#include "tensorflow_micro/testing/kernel_test_util.h"
#include "tensorflow_micro/testing/micro_test.h"
#include "tensorflow_micro/testing/single_op_model.h"

namespace tfmicro {
namespace {

using testing::ElementCount;
using testing::ReduceCase;
using testing::SingleOpModel;

const ReduceCase kCases[] = {
    {{2, 3, 4}, {1}, false},
    {{2, 3, 4}, {-1, 0}, true},
    {{3, 5}, {0, 1}, false},
};

double Add(double a, double x) { return a + x; }

TFM_TEST(FloatMatchesNaiveSum) {
  for (const ReduceCase& c : kCases) {
    SingleOpModel m(schema::BuiltinOperator_SUM);
    testing::AddReduceTensors(m, DataType::kFloat32, c);
    TFM_EXPECT_EQ(Status::kOk, m.Build());
    const int n = static_cast<int>(ElementCount(c.shape));
    std::vector<float> input(n);
    std::vector<double> real(n);
    for (int i = 0; i < n; ++i) {
      input[i] = static_cast<float>((i * 37) % 23) * 0.25f - 2.f;
      real[i] = input[i];
    }
    m.SetInput<float>(0, input);
    TFM_EXPECT_EQ(Status::kOk, m.Invoke());
    const std::vector<double> expected = testing::NaiveReduce(c, real, 0, Add);
    const float* out = m.Output<float>(0);
    for (size_t i = 0; i < expected.size(); ++i) {
      TFM_EXPECT_NEAR(expected[i], out[i], 1e-5 * std::fabs(expected[i]) + 1e-5);
    }
  }
}

template <typename T>
void ExpectQuantizedWithinOneStep(DataType type, int in_zp, int out_zp) {
  const float in_scale = 0.02f;
  const float out_scale = type == DataType::kInt8 ? 0.1f : 0.001f;
  for (const ReduceCase& c : kCases) {
    SingleOpModel m(schema::BuiltinOperator_SUM);
    testing::AddReduceTensors(m, type, c, in_scale, in_zp, out_scale, out_zp);
    TFM_EXPECT_EQ(Status::kOk, m.Build());
    const int n = static_cast<int>(ElementCount(c.shape));
    std::vector<T> input(n);
    std::vector<double> real(n);
    for (int i = 0; i < n; ++i) {
      input[i] = static_cast<T>((i * 71 + 5) % 200 - 100);
      real[i] = in_scale * (input[i] - in_zp);
    }
    m.SetInput<T>(0, input);
    TFM_EXPECT_EQ(Status::kOk, m.Invoke());
    const std::vector<double> expected = testing::NaiveReduce(c, real, 0, Add);
    const T* out = m.Output<T>(0);
    for (size_t i = 0; i < expected.size(); ++i) {
      TFM_EXPECT_NEAR(testing::Saturate<T>(expected[i] / out_scale + out_zp),
                      out[i], 1.0);
    }
  }
}

TFM_TEST(Int8WithinOneStepOfRealSum) {
  ExpectQuantizedWithinOneStep<int8_t>(DataType::kInt8, 3, -5);
}

TFM_TEST(Int16WithinOneStepOfRealSum) {
  ExpectQuantizedWithinOneStep<int16_t>(DataType::kInt16, 0, 0);
}

TFM_TEST(RejectsInt16ZeroPointAndBadAxis) {
  SingleOpModel m16(schema::BuiltinOperator_SUM);
  testing::AddReduceTensors(m16, DataType::kInt16, {{2, 3}, {1}, false}, 0.1f,
                            2, 0.1f, 0);
  TFM_EXPECT_EQ(Status::kKernelError, m16.Build());
  TFM_EXPECT_TRUE(TfmContains(m16.error(), "node 0 (SUM)"));
  TFM_EXPECT_TRUE(TfmContains(m16.error(), "zero point 0"));

  SingleOpModel m(schema::BuiltinOperator_SUM);
  m.AddInput(DataType::kFloat32, {2, 3});
  m.AddConstInput<int32_t>(DataType::kInt32, {1}, {2});
  m.AddOutput(DataType::kFloat32, {2});
  TFM_EXPECT_EQ(Status::kKernelError, m.Build());
  TFM_EXPECT_TRUE(TfmContains(m.error(), "axis 2 is out of range"));
}

TFM_TEST(BoolIsWhetherAnyElementIsTrue) {
  // any element is true (bools add in bool).
  testing::CheckBoolReduce(schema::BuiltinOperator_SUM, {0, 0, 0, 0, 2, 0},
                           0, 1);
}

}  // namespace
}  // namespace tfmicro

TFM_TEST_MAIN()
