// MUL: float results against a double-precision broadcast product, integer
// results exact, int8/int16 within one quantization step of the real
// product, and prepare's rejections. Bit-exactness against TFLite is proven by
// python/tests/conformance/test_elementwise.py.
#include <algorithm>
#include <cmath>
#include <cstdint>
#include <vector>

#include "tensorflow_micro/testing/micro_test.h"
#include "tensorflow_micro/testing/single_op_model.h"

namespace tfmicro {
namespace {

using testing::SingleOpModel;

// Deterministic pseudo-random numbers (a 32-bit LCG).
class Random {
 public:
  explicit Random(uint32_t seed) : state_(seed) {}
  uint32_t Next() {
    state_ = state_ * 1664525u + 1013904223u;
    return state_ >> 8;
  }
  double Uniform(double low, double high) {
    return low + (high - low) * (Next() % 1000000) / 1000000.0;
  }
  int Int(int low, int high) {  // inclusive
    return low +
           static_cast<int>(Next() % static_cast<uint32_t>(high - low + 1));
  }

 private:
  uint32_t state_;
};

int64_t Count(const std::vector<int32_t>& shape) {
  int64_t n = 1;
  for (int32_t d : shape) n *= d;
  return n;
}

// Index into a tensor of `shape` for the output multi-index `index` (of
// rank out_rank), NumPy broadcasting rules.
int64_t BroadcastIndex(const std::vector<int32_t>& shape,
                       const std::vector<int32_t>& index) {
  const size_t offset = index.size() - shape.size();
  int64_t flat = 0;
  for (size_t i = 0; i < shape.size(); ++i) {
    const int32_t coordinate = shape[i] == 1 ? 0 : index[offset + i];
    flat = flat * shape[i] + coordinate;
  }
  return flat;
}

// Calls fn(out_flat, a_flat, b_flat) for every output element.
template <typename Fn>
void ForEachBroadcast(const std::vector<int32_t>& a,
                      const std::vector<int32_t>& b,
                      const std::vector<int32_t>& out, Fn fn) {
  std::vector<int32_t> index(out.size(), 0);
  for (int64_t flat = 0; flat < Count(out); ++flat) {
    int64_t rest = flat;
    for (int i = static_cast<int>(out.size()) - 1; i >= 0; --i) {
      index[i] = static_cast<int32_t>(rest % out[i]);
      rest /= out[i];
    }
    fn(flat, BroadcastIndex(a, index), BroadcastIndex(b, index));
  }
}

double Activate(schema::ActivationFunctionType activation, double x) {
  switch (activation) {
    case schema::ActivationFunctionType_RELU:
      return std::max(0.0, x);
    case schema::ActivationFunctionType_RELU6:
      return std::min(6.0, std::max(0.0, x));
    case schema::ActivationFunctionType_RELU_N1_TO_1:
      return std::min(1.0, std::max(-1.0, x));
    default:
      return x;
  }
}

void SetActivation(SingleOpModel& m, schema::ActivationFunctionType act) {
  m.SetOptions(schema::BuiltinOptions_MulOptions,
               schema::CreateMulOptions(m.builder(), act).Union());
}

void CheckFloat(const std::vector<int32_t>& a_shape,
                const std::vector<int32_t>& b_shape,
                const std::vector<int32_t>& out_shape,
                schema::ActivationFunctionType act, uint32_t seed) {
  SingleOpModel m(schema::BuiltinOperator_MUL);
  m.AddInput(DataType::kFloat32, a_shape);
  m.AddInput(DataType::kFloat32, b_shape);
  m.AddOutput(DataType::kFloat32, out_shape);
  SetActivation(m, act);
  TFM_EXPECT_EQ(Status::kOk, m.Build());
  Random rng(seed);
  std::vector<float> a(Count(a_shape));
  std::vector<float> b(Count(b_shape));
  for (float& v : a) v = static_cast<float>(rng.Uniform(-5, 5));
  for (float& v : b) v = static_cast<float>(rng.Uniform(-5, 5));
  m.SetInput(0, a);
  m.SetInput(1, b);
  TFM_EXPECT_EQ(Status::kOk, m.Invoke());
  const float* out = m.Output<float>(0);
  TFM_EXPECT_EQ(Count(out_shape), static_cast<int64_t>(m.OutputCount(0)));
  ForEachBroadcast(a_shape, b_shape, out_shape,
                   [&](int64_t o, int64_t ia, int64_t ib) {
                     const double expected =
                         Activate(act, static_cast<double>(a[ia]) * b[ib]);
                     TFM_EXPECT_NEAR(expected, out[o],
                                     1e-5 * std::max(1.0, std::fabs(expected)));
                   });
}

TFM_TEST(FloatSameShape) {
  CheckFloat({2, 3, 4}, {2, 3, 4}, {2, 3, 4},
             schema::ActivationFunctionType_NONE, 1);
}

TFM_TEST(FloatBroadcastBothSides) {
  CheckFloat({2, 1, 3}, {4, 1}, {2, 4, 3}, schema::ActivationFunctionType_NONE,
             2);
}

TFM_TEST(FloatBroadcastScalar) {
  CheckFloat({}, {3, 2}, {3, 2}, schema::ActivationFunctionType_NONE, 3);
}

TFM_TEST(FloatBroadcastRank6) {
  CheckFloat({2, 1, 3, 1, 2, 1}, {1, 2, 1, 2, 1, 3}, {2, 2, 3, 2, 2, 3},
             schema::ActivationFunctionType_NONE, 4);
}

TFM_TEST(FloatFusedActivations) {
  CheckFloat({3, 4}, {4}, {3, 4}, schema::ActivationFunctionType_RELU, 5);
  CheckFloat({3, 4}, {4}, {3, 4}, schema::ActivationFunctionType_RELU6, 6);
  CheckFloat({3, 4}, {4}, {3, 4}, schema::ActivationFunctionType_RELU_N1_TO_1,
             7);
}

TFM_TEST(Int32WithRelu) {
  SingleOpModel m(schema::BuiltinOperator_MUL);
  m.AddInput(DataType::kInt32, {2, 3});
  m.AddInput(DataType::kInt32, {3});
  m.AddOutput(DataType::kInt32, {2, 3});
  SetActivation(m, schema::ActivationFunctionType_RELU);
  TFM_EXPECT_EQ(Status::kOk, m.Build());
  const std::vector<int32_t> a = {-7, 3, 100000, 0, -1, 5};
  // 100000 * -9 exercises a product beyond 16 bits.
  const std::vector<int32_t> b = {4, -9, 1};
  m.SetInput(0, a);
  m.SetInput(1, b);
  TFM_EXPECT_EQ(Status::kOk, m.Invoke());
  const int32_t* out = m.Output<int32_t>(0);
  for (int i = 0; i < 6; ++i) {
    TFM_EXPECT_EQ(std::max(0, a[i] * b[i % 3]), out[i]);
  }
}

// Quantized products stay within one output step of the real product (saturated
// to the output's range and the activation's).
template <typename T>
void CheckQuantized(DataType type, const std::vector<int32_t>& a_shape,
                    float a_scale, int a_zp,
                    const std::vector<int32_t>& b_shape, float b_scale,
                    int b_zp, const std::vector<int32_t>& out_shape,
                    float out_scale, int out_zp,
                    schema::ActivationFunctionType act, uint32_t seed) {
  SingleOpModel m(schema::BuiltinOperator_MUL);
  m.AddInput(type, a_shape, a_scale, a_zp);
  m.AddInput(type, b_shape, b_scale, b_zp);
  m.AddOutput(type, out_shape, out_scale, out_zp);
  SetActivation(m, act);
  TFM_EXPECT_EQ(Status::kOk, m.Build());
  Random rng(seed);
  const int lo = std::numeric_limits<T>::min();
  const int hi = std::numeric_limits<T>::max();
  std::vector<T> a(Count(a_shape));
  std::vector<T> b(Count(b_shape));
  for (T& v : a) v = static_cast<T>(rng.Int(lo, hi));
  for (T& v : b) v = static_cast<T>(rng.Int(lo, hi));
  m.SetInput(0, a);
  m.SetInput(1, b);
  TFM_EXPECT_EQ(Status::kOk, m.Invoke());
  const T* out = m.Output<T>(0);
  ForEachBroadcast(
      a_shape, b_shape, out_shape, [&](int64_t o, int64_t ia, int64_t ib) {
        const double real =
            Activate(act, a_scale * (a[ia] - a_zp) * b_scale * (b[ib] - b_zp));
        const double q = std::min<double>(
            hi, std::max<double>(lo, out_zp + real / out_scale));
        TFM_EXPECT_NEAR(q, out[o], 1.0);
      });
}

TFM_TEST(Int8SameShape) {
  CheckQuantized<int8_t>(DataType::kInt8, {1, 4, 4, 3}, 0.05f, -3, {1, 4, 4, 3},
                         0.02f, 10, {1, 4, 4, 3}, 0.12f, 5,
                         schema::ActivationFunctionType_NONE, 11);
}

TFM_TEST(Int8Broadcast) {
  CheckQuantized<int8_t>(DataType::kInt8, {2, 1, 5}, 0.1f, 0, {3, 1}, 0.03f,
                         -128, {2, 3, 5}, 0.08f, -20,
                         schema::ActivationFunctionType_NONE, 12);
}

TFM_TEST(Int8FusedRelu6) {
  CheckQuantized<int8_t>(DataType::kInt8, {4, 5}, 0.08f, 1, {4, 5}, 0.06f, -2,
                         {4, 5}, 0.03f, -128,
                         schema::ActivationFunctionType_RELU6, 13);
}

TFM_TEST(Int16General) {
  CheckQuantized<int16_t>(DataType::kInt16, {3, 4}, 3e-3f, 0, {4}, 1e-3f, 0,
                          {3, 4}, 4e-3f, 0, schema::ActivationFunctionType_NONE,
                          14);
}

TFM_TEST(RejectsMismatchedTypes) {
  SingleOpModel m(schema::BuiltinOperator_MUL);
  m.AddInput(DataType::kFloat32, {2});
  m.AddInput(DataType::kInt32, {2});
  m.AddOutput(DataType::kFloat32, {2});
  TFM_EXPECT_EQ(Status::kKernelError, m.Build());
  TFM_EXPECT_TRUE(TfmContains(m.error(), "input2"));
}

TFM_TEST(RejectsUnsupportedType) {
  SingleOpModel m(schema::BuiltinOperator_MUL);
  m.AddInput(DataType::kBool, {2});
  m.AddInput(DataType::kBool, {2});
  m.AddOutput(DataType::kBool, {2});
  TFM_EXPECT_EQ(Status::kKernelError, m.Build());
  TFM_EXPECT_TRUE(TfmContains(m.error(), "BOOL not supported"));
}

TFM_TEST(RejectsIncompatibleShapes) {
  SingleOpModel m(schema::BuiltinOperator_MUL);
  m.AddInput(DataType::kFloat32, {2, 3});
  m.AddInput(DataType::kFloat32, {2, 4});
  m.AddOutput(DataType::kFloat32, {2, 4});
  TFM_EXPECT_EQ(Status::kKernelError, m.Build());
  TFM_EXPECT_TRUE(TfmContains(m.error(), "[2, 3] and input2 shape [2, 4]"));
  TFM_EXPECT_TRUE(TfmContains(m.error(), "do not broadcast"));
}

TFM_TEST(RejectsWrongOutputShape) {
  SingleOpModel m(schema::BuiltinOperator_MUL);
  m.AddInput(DataType::kFloat32, {2, 1});
  m.AddInput(DataType::kFloat32, {3});
  m.AddOutput(DataType::kFloat32, {2, 1});
  TFM_EXPECT_EQ(Status::kKernelError, m.Build());
  TFM_EXPECT_TRUE(TfmContains(m.error(),
                              "output shape [2, 1] does not match the "
                              "broadcast shape [2, 3]"));
}

TFM_TEST(RejectsRankAboveSix) {
  SingleOpModel m(schema::BuiltinOperator_MUL);
  m.AddInput(DataType::kFloat32, {1, 1, 1, 1, 1, 1, 2});
  m.AddInput(DataType::kFloat32, {2});
  m.AddOutput(DataType::kFloat32, {1, 1, 1, 1, 1, 1, 2});
  TFM_EXPECT_EQ(Status::kKernelError, m.Build());
  TFM_EXPECT_TRUE(TfmContains(m.error(), "at most 6"));
}

TFM_TEST(RejectsUnquantizedInt8) {
  SingleOpModel m(schema::BuiltinOperator_MUL);
  m.AddInput(DataType::kInt8, {2});
  m.AddInput(DataType::kInt8, {2}, 0.1f, 0);
  m.AddOutput(DataType::kInt8, {2}, 0.1f, 0);
  TFM_EXPECT_EQ(Status::kKernelError, m.Build());
  TFM_EXPECT_TRUE(TfmContains(m.error(), "input1 (INT8) must be quantized"));
}

TFM_TEST(RejectsInt16WithZeroPoint) {
  SingleOpModel m(schema::BuiltinOperator_MUL);
  m.AddInput(DataType::kInt16, {2}, 0.1f, 3);
  m.AddInput(DataType::kInt16, {2}, 0.1f, 0);
  m.AddOutput(DataType::kInt16, {2}, 0.1f, 0);
  TFM_EXPECT_EQ(Status::kKernelError, m.Build());
  TFM_EXPECT_TRUE(TfmContains(m.error(), "zero point 0"));
}

}  // namespace
}  // namespace tfmicro

TFM_TEST_MAIN()
