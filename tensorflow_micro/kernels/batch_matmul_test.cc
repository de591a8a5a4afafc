// BATCH_MATMUL: results against a naive broadcast matrix product in double
// (float exactly to 1e-5, quantized within one output step), with adj_x /
// adj_y, and prepare's rejections. Bit-exactness against TFLite is proven by
// python/tests/conformance/test_batch_matmul.py.
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
using testing::Random;
using testing::SingleOpModel;

struct MatMulSpec {
  std::vector<int32_t> lhs;
  std::vector<int32_t> rhs;
  bool adj_x = false;
  bool adj_y = false;
};

// The output shape: broadcast batch dimensions, then rows and columns.
std::vector<int32_t> OutputShape(const MatMulSpec& s) {
  const size_t rank = std::max(s.lhs.size(), s.rhs.size());
  std::vector<int32_t> out(rank);
  for (size_t i = 0; i + 2 < rank; ++i) {
    const size_t li = i + s.lhs.size() - rank;
    const size_t ri = i + s.rhs.size() - rank;
    const int32_t l = i + s.lhs.size() >= rank ? s.lhs[li] : 1;
    const int32_t r = i + s.rhs.size() >= rank ? s.rhs[ri] : 1;
    out[i] = std::max(l, r);
  }
  const size_t ln = s.lhs.size();
  const size_t rn = s.rhs.size();
  out[rank - 2] = s.adj_x ? s.lhs[ln - 1] : s.lhs[ln - 2];
  out[rank - 1] = s.adj_y ? s.rhs[rn - 2] : s.rhs[rn - 1];
  return out;
}

// Row-major index of the matrix element (r, c) of batch `batch` (an output
// multi-index) in a tensor of `shape`, broadcasting its batch dimensions.
int64_t MatrixIndex(const std::vector<int32_t>& shape,
                    const std::vector<int32_t>& batch, int r, int c) {
  const size_t n = shape.size();
  int64_t index = 0;
  for (size_t i = 0; i + 2 < n; ++i) {
    const int32_t b = batch[batch.size() - (n - 2) + i];
    index = index * shape[i] + (shape[i] == 1 ? 0 : b);
  }
  return (index * shape[n - 2] + r) * shape[n - 1] + c;
}

std::vector<double> NaiveMatMul(const MatMulSpec& s,
                                const std::vector<double>& lhs,
                                const std::vector<double>& rhs) {
  const std::vector<int32_t> out = OutputShape(s);
  const size_t rank = out.size();
  const int rows = out[rank - 2];
  const int cols = out[rank - 1];
  const int depth = s.adj_x ? s.lhs[s.lhs.size() - 2] : s.lhs.back();
  std::vector<int32_t> batch_shape(out.begin(), out.end() - 2);
  std::vector<double> result;
  for (int64_t flat = 0; flat < ElementCount(batch_shape); ++flat) {
    std::vector<int32_t> batch(batch_shape.size());
    int64_t rest = flat;
    for (int i = static_cast<int>(batch.size()) - 1; i >= 0; --i) {
      batch[i] = static_cast<int32_t>(rest % batch_shape[i]);
      rest /= batch_shape[i];
    }
    for (int i = 0; i < rows; ++i) {
      for (int j = 0; j < cols; ++j) {
        double sum = 0;
        for (int k = 0; k < depth; ++k) {
          const double x = lhs[s.adj_x ? MatrixIndex(s.lhs, batch, k, i)
                                       : MatrixIndex(s.lhs, batch, i, k)];
          const double y = rhs[s.adj_y ? MatrixIndex(s.rhs, batch, j, k)
                                       : MatrixIndex(s.rhs, batch, k, j)];
          sum += x * y;
        }
        result.push_back(sum);
      }
    }
  }
  return result;
}

void SetOptions(SingleOpModel& m, const MatMulSpec& s) {
  m.SetOptions(
      schema::BuiltinOptions_BatchMatMulOptions,
      schema::CreateBatchMatMulOptions(m.builder(), s.adj_x, s.adj_y).Union());
}

void CheckFloat(const MatMulSpec& s, uint32_t seed) {
  Random rng(seed);
  std::vector<float> lhs(ElementCount(s.lhs));
  std::vector<float> rhs(ElementCount(s.rhs));
  for (float& v : lhs) v = static_cast<float>(rng.Uniform(-2, 2));
  for (float& v : rhs) v = static_cast<float>(rng.Uniform(-2, 2));
  const std::vector<double> want = NaiveMatMul(
      s, std::vector<double>(lhs.begin(), lhs.end()),
      std::vector<double>(rhs.begin(), rhs.end()));
  SingleOpModel m(schema::BuiltinOperator_BATCH_MATMUL);
  m.AddInput(DataType::kFloat32, s.lhs);
  m.AddInput(DataType::kFloat32, s.rhs);
  m.AddOutput(DataType::kFloat32, OutputShape(s));
  SetOptions(m, s);
  TFM_EXPECT_EQ(Status::kOk, m.Build());
  m.SetInput(0, lhs);
  m.SetInput(1, rhs);
  TFM_EXPECT_EQ(Status::kOk, m.Invoke());
  TFM_EXPECT_EQ(want.size(), m.OutputCount(0));
  const float* out = m.Output<float>(0);
  for (size_t i = 0; i < want.size() && i < m.OutputCount(0); ++i) {
    TFM_EXPECT_NEAR(want[i], out[i], 1e-5 * std::max(1.0, std::fabs(want[i])));
  }
}

// Quantized inputs (L x R -> Out) with zero points lhs_zp / rhs_zp and an
// output quantization that covers the results: within one output step.
template <typename L, typename R, typename Out>
void CheckQuantized(const MatMulSpec& s, DataType lhs_type, DataType rhs_type,
                    DataType out_type, int lhs_zp, int rhs_zp,
                    uint32_t seed) {
  Random rng(seed);
  const float lhs_scale = 0.02f;
  const float rhs_scale = 0.03f;
  std::vector<L> lhs(ElementCount(s.lhs));
  std::vector<R> rhs(ElementCount(s.rhs));
  std::vector<double> lhs_real(lhs.size());
  std::vector<double> rhs_real(rhs.size());
  for (size_t i = 0; i < lhs.size(); ++i) {
    lhs[i] = static_cast<L>(rng.Int(std::numeric_limits<L>::min(),
                                    std::numeric_limits<L>::max()));
    lhs_real[i] = lhs_scale * (lhs[i] - lhs_zp);
  }
  for (size_t i = 0; i < rhs.size(); ++i) {
    rhs[i] = static_cast<R>(rng.Int(std::numeric_limits<R>::min(),
                                    std::numeric_limits<R>::max()));
    rhs_real[i] = rhs_scale * (rhs[i] - rhs_zp);
  }
  const std::vector<double> want = NaiveMatMul(s, lhs_real, rhs_real);
  double peak = 0;
  for (double v : want) peak = std::max(peak, std::fabs(v));
  const float out_scale =
      static_cast<float>(peak / std::numeric_limits<Out>::max());
  SingleOpModel m(schema::BuiltinOperator_BATCH_MATMUL);
  m.AddInput(lhs_type, s.lhs, lhs_scale, lhs_zp);
  m.AddInput(rhs_type, s.rhs, rhs_scale, rhs_zp);
  m.AddOutput(out_type, OutputShape(s), out_scale, 0);
  SetOptions(m, s);
  TFM_EXPECT_EQ(Status::kOk, m.Build());
  m.SetInput(0, lhs);
  m.SetInput(1, rhs);
  TFM_EXPECT_EQ(Status::kOk, m.Invoke());
  TFM_EXPECT_EQ(want.size(), m.OutputCount(0));
  const Out* out = m.Output<Out>(0);
  for (size_t i = 0; i < want.size() && i < m.OutputCount(0); ++i) {
    TFM_EXPECT_NEAR(std::round(want[i] / out_scale), out[i], 1.0);
  }
}

MatMulSpec Broadcast() { return {{2, 1, 3, 4}, {3, 4, 5}}; }
MatMulSpec Adjoint() { return {{2, 6, 3}, {1, 4, 6}, true, true}; }
MatMulSpec AdjointX() { return {{5, 2}, {5, 3}, true, false}; }

TFM_TEST(FloatBroadcastBatches) { CheckFloat(Broadcast(), 1); }
TFM_TEST(FloatAdjXAdjY) { CheckFloat(Adjoint(), 2); }
TFM_TEST(FloatRank2AdjX) { CheckFloat(AdjointX(), 3); }

TFM_TEST(Int8BroadcastWithZeroPoints) {
  CheckQuantized<int8_t, int8_t, int8_t>(Broadcast(), DataType::kInt8,
                                         DataType::kInt8, DataType::kInt8, 5,
                                         -3, 11);
}
TFM_TEST(Int8AdjXAdjY) {
  CheckQuantized<int8_t, int8_t, int8_t>(Adjoint(), DataType::kInt8,
                                         DataType::kInt8, DataType::kInt8, 0,
                                         0, 12);
}
TFM_TEST(Int16Broadcast) {
  CheckQuantized<int16_t, int16_t, int16_t>(Broadcast(), DataType::kInt16,
                                            DataType::kInt16, DataType::kInt16,
                                            0, 0, 13);
}
TFM_TEST(Int16ByInt8AdjXAdjY) {
  CheckQuantized<int16_t, int8_t, int16_t>(Adjoint(), DataType::kInt16,
                                           DataType::kInt8, DataType::kInt16, 0,
                                           0, 14);
}

TFM_TEST(Int8ToInt32IsTheRawSum) {
  SingleOpModel m(schema::BuiltinOperator_BATCH_MATMUL);
  m.AddInput(DataType::kInt8, {2, 3}, 0.5f, 4);
  m.AddInput(DataType::kInt8, {3, 1}, 0.5f, -1);
  m.AddOutput(DataType::kInt32, {2, 1});
  TFM_EXPECT_EQ(Status::kOk, m.Build());
  m.SetInput<int8_t>(0, {1, 2, 3, -4, 5, -6});
  m.SetInput<int8_t>(1, {7, -8, 9});
  TFM_EXPECT_EQ(Status::kOk, m.Invoke());
  const int32_t* out = m.Output<int32_t>(0);
  TFM_EXPECT_EQ(1 * 7 - 2 * 8 + 3 * 9, out[0]);
  TFM_EXPECT_EQ(-4 * 7 - 5 * 8 - 6 * 9, out[1]);
}

// A float model whose parts a test can break.
struct FloatModel {
  static constexpr schema::BuiltinOperator kOp =
      schema::BuiltinOperator_BATCH_MATMUL;
  DataType lhs_type = DataType::kFloat32;
  DataType rhs_type = DataType::kFloat32;
  DataType out_type = DataType::kFloat32;
  std::vector<int32_t> lhs = {2, 3, 4};
  std::vector<int32_t> rhs = {2, 4, 5};
  std::vector<int32_t> out = {2, 3, 5};
  int64_t zero_point = 0;
  float output_scale = 0.1f;

  Status Build(SingleOpModel& m) const {
    const float scale = lhs_type == DataType::kFloat32 ? 0.f : 0.1f;
    m.AddInput(lhs_type, lhs, scale, zero_point);
    m.AddInput(rhs_type, rhs, scale, 0);
    m.AddOutput(out_type, out,
                lhs_type == DataType::kFloat32 ? 0.f : output_scale, 0);
    return m.Build();
  }
};

TFM_TEST(AcceptsTheValidBaseModel) { testing::ExpectAccepted(FloatModel()); }

TFM_TEST(RejectsMixedTypes) {
  FloatModel model;
  model.rhs_type = DataType::kInt8;
  testing::ExpectRejected(model,
                          "types FLOAT32 x INT8 -> FLOAT32 not supported");
}

TFM_TEST(RejectsMismatchedDepth) {
  FloatModel model;
  model.rhs = {2, 3, 5};
  testing::ExpectRejected(model, "do not multiply: 4 != 3 summed values");
}

TFM_TEST(RejectsBatchesThatDoNotBroadcast) {
  FloatModel model;
  model.rhs = {3, 4, 5};
  testing::ExpectRejected(model, "batch dimensions of lhs [2, 3, 4] and rhs "
                                 "[3, 4, 5] do not broadcast");
}

TFM_TEST(RejectsWrongOutputShape) {
  FloatModel model;
  model.out = {2, 5, 3};
  testing::ExpectRejected(model, "output");
}

TFM_TEST(RejectsRank6) {
  FloatModel model;
  model.lhs = {1, 1, 1, 2, 3, 4};
  testing::ExpectRejected(model, "input ranks must be 2 to 5");
}

TFM_TEST(RejectsInt16ZeroPoint) {
  FloatModel model;
  model.lhs_type = DataType::kInt16;
  model.rhs_type = DataType::kInt16;
  model.out_type = DataType::kInt16;
  model.zero_point = 3;
  testing::ExpectRejected(model, "INT16 lhs zero point must be 0");
}

TFM_TEST(RejectsTinyOutputScale) {
  FloatModel model;
  model.lhs_type = model.rhs_type = model.out_type = DataType::kInt8;
  model.output_scale = 1e-20f;  // 0.1 * 0.1 / 1e-20: a left shift of 60
  testing::ExpectRejected(
      model,
      "effective scale (lhs scale x rhs scale / output scale) rescale factor "
      "1e+18 needs a left shift of 60 bits; at most 31 are supported");
}

TFM_TEST(RejectsInt16ScaleBeyondTheInt64Requantization) {
  // 0.01 / 1e-6 needs 14 bits, / 1e-7 needs 17: the 16x8 path shifts right
  // by 15 - shift.
  FloatModel model;
  model.lhs_type = model.rhs_type = model.out_type = DataType::kInt16;
  model.output_scale = 1e-6f;
  testing::ExpectAccepted(model);
  model.output_scale = 1e-7f;
  testing::ExpectRejected(model, "needs a left shift of 17 bits; at most 14");
}

}  // namespace
}  // namespace tfmicro

TFM_TEST_MAIN()
