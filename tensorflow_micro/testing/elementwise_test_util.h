// Checks the elementwise kernels' tests share (ABS, EXP, SUB, EQUAL, ...):
// results against a real-valued function, and prepare's rejections.
// Test-only code: it uses the heap and the standard library freely.
#ifndef TENSORFLOW_MICRO_TESTING_ELEMENTWISE_TEST_UTIL_H_
#define TENSORFLOW_MICRO_TESTING_ELEMENTWISE_TEST_UTIL_H_

#include <cmath>
#include <cstdint>
#include <limits>
#include <vector>

#include "tensorflow_micro/schema/schema_generated.h"
#include "tensorflow_micro/testing/kernel_test_util.h"
#include "tensorflow_micro/testing/micro_test.h"
#include "tensorflow_micro/testing/single_op_model.h"

namespace tfmicro {
namespace testing {

// ---------------------------------------------------------------------------
// One-input ops.

// FLOAT32 results within 1e-5 (relative, at least absolute) of real(x) for
// 61 values evenly spread over [low, high], in a [61] and a [3, 61] model.
void CheckUnaryFloat(schema::BuiltinOperator op, double (*real)(double),
                     double low, double high);

// Every quantized value of T (every 257th for INT16) whose real value lies
// in [low, high]: the output within `tolerance` steps of real(x) on the
// output's scale, saturated to T's range.
template <typename T>
void CheckUnaryQuantized(schema::BuiltinOperator op, DataType type,
                         float in_scale, int in_zp, float out_scale,
                         int out_zp, double (*real)(double), double low,
                         double high, double tolerance) {
  const int lo = std::numeric_limits<T>::min();
  const int hi = std::numeric_limits<T>::max();
  const int step = sizeof(T) == 1 ? 1 : 257;
  std::vector<T> q;
  for (int v = lo; v <= hi; v += step) {
    const double x = static_cast<double>(in_scale) * (v - in_zp);
    if (x >= low && x <= high) q.push_back(static_cast<T>(v));
  }
  TFM_EXPECT_TRUE(!q.empty());
  const int32_t n = static_cast<int32_t>(q.size());
  SingleOpModel m(op);
  m.AddInput(type, {n}, in_scale, in_zp);
  m.AddOutput(type, {n}, out_scale, out_zp);
  TFM_EXPECT_EQ(Status::kOk, m.Build());
  m.SetInput(0, q);
  TFM_EXPECT_EQ(Status::kOk, m.Invoke());
  const T* out = m.Output<T>(0);
  for (int32_t i = 0; i < n; ++i) {
    const double x = static_cast<double>(in_scale) * (q[i] - in_zp);
    TFM_EXPECT_NEAR(Saturate<T>(out_zp + real(x) / out_scale), out[i],
                    tolerance);
  }
}

// Integer (or BOOL) inputs: exactly expected(x) each.
template <typename T>
void CheckUnaryExact(schema::BuiltinOperator op, DataType type,
                     const std::vector<T>& input, T (*expected)(T)) {
  const int32_t n = static_cast<int32_t>(input.size());
  SingleOpModel m(op);
  m.AddInput(type, {n});
  m.AddOutput(type, {n});
  TFM_EXPECT_EQ(Status::kOk, m.Build());
  m.SetInput(0, input);
  TFM_EXPECT_EQ(Status::kOk, m.Invoke());
  const T* out = m.Output<T>(0);
  for (int32_t i = 0; i < n; ++i) TFM_EXPECT_EQ(expected(input[i]), out[i]);
}

// The rejections one-input ops share: `unsupported` (a type the op does
// not take), an output of another type, an output of another shape, and
// for ops taking INT8 an unquantized INT8 input.
void ExpectUnaryRejections(schema::BuiltinOperator op, DataType unsupported,
                           bool takes_int8);

// ---------------------------------------------------------------------------
// Two-input ops with a BOOL output (comparisons, logical ops).

// Inputs [2, 1, 3] and [4, 1] (output [2, 4, 3]) of small integers, so
// that ties occur: exactly expected(real a, real b) for each pair. INT8
// inputs carry the given quantization (real = scale * (q - zero_point));
// other types use the values themselves.
template <typename T>
void CheckComparison(schema::BuiltinOperator op, DataType type,
                     bool (*expected)(double, double), float scale1 = 0.f,
                     int zp1 = 0, float scale2 = 0.f, int zp2 = 0) {
  const std::vector<int32_t> a_shape = {2, 1, 3};
  const std::vector<int32_t> b_shape = {4, 1};
  const std::vector<int32_t> out_shape = {2, 4, 3};
  SingleOpModel m(op);
  m.AddInput(type, a_shape, scale1, zp1);
  m.AddInput(type, b_shape, scale2, zp2);
  m.AddOutput(DataType::kBool, out_shape);
  TFM_EXPECT_EQ(Status::kOk, m.Build());
  Random rng(static_cast<uint32_t>(op) * 31u + static_cast<uint32_t>(type));
  std::vector<T> a(ElementCount(a_shape));
  std::vector<T> b(ElementCount(b_shape));
  for (T& v : a) v = static_cast<T>(rng.Int(-3, 3));
  for (T& v : b) v = static_cast<T>(rng.Int(-3, 3));
  m.SetInput(0, a);
  m.SetInput(1, b);
  TFM_EXPECT_EQ(Status::kOk, m.Invoke());
  const bool* out = m.Output<bool>(0);
  const bool quantized = scale1 > 0.f;
  ForEachBroadcast(a_shape, b_shape, out_shape,
                   [&](int64_t o, int64_t ia, int64_t ib) {
                     const double x = quantized
                                          ? static_cast<double>(scale1) *
                                                (static_cast<double>(a[ia]) -
                                                 zp1)
                                          : static_cast<double>(a[ia]);
                     const double y = quantized
                                          ? static_cast<double>(scale2) *
                                                (static_cast<double>(b[ib]) -
                                                 zp2)
                                          : static_cast<double>(b[ib]);
                     TFM_EXPECT_EQ(expected(x, y), out[o]);
                   });
}

// CheckComparison over the numeric types every comparison takes: FLOAT32,
// INT8 at two scales that are multiples of 2^-8 (so they compare exactly on
// the real values), raw INT16, INT32 and INT64.
void CheckNumericComparisons(schema::BuiltinOperator op,
                             bool (*expected)(double, double));

// Every pair of BOOL values, broadcast [2, 1] against [2]: exactly
// expected(a, b).
void CheckBoolBinary(schema::BuiltinOperator op, bool (*expected)(bool, bool));

// BOOL bytes other than 0 and 1 (2 and 255, in a constant input and a
// runtime one) read as true, and the output bytes are 0 or 1.
void CheckBoolBinaryOnOtherBytes(schema::BuiltinOperator op,
                                 bool (*expected)(bool, bool));

// The rejections of a two-input op with a BOOL output: inputs of two types,
// a non-BOOL output, shapes that do not broadcast, `unsupported` inputs,
// and for comparisons (int8_scale_check) an INT8 scale of 1 or more.
void ExpectBoolOutputRejections(schema::BuiltinOperator op,
                                DataType unsupported, bool int8_scale_check);

// ---------------------------------------------------------------------------
// ADD, SUB, MUL on INT32.

// [2, 3] and [3] INT32 inputs with a fused RELU: exactly
// max(0, expected(a, b)).
void CheckBinaryInt32WithRelu(const BinaryOpCase& op,
                              int32_t (*expected)(int32_t, int32_t));

// ---------------------------------------------------------------------------
// Two-input ops with an output of the inputs' type and no options
// (MAXIMUM, MINIMUM, SQUARED_DIFFERENCE, FLOOR_DIV, FLOOR_MOD).

// A BinaryOpCase::set_activation for ops without options (activation NONE).
void NoOptions(SingleOpModel& m, schema::ActivationFunctionType activation);

// Inputs [2, 1, 3] and [4, 1] (output [2, 4, 3]) of integers in [-20, 20]
// without 0: exactly expected(a, b).
template <typename T>
void CheckBinaryExact(schema::BuiltinOperator op, DataType type,
                      T (*expected)(T, T)) {
  const std::vector<int32_t> a_shape = {2, 1, 3};
  const std::vector<int32_t> b_shape = {4, 1};
  const std::vector<int32_t> out_shape = {2, 4, 3};
  SingleOpModel m(op);
  m.AddInput(type, a_shape);
  m.AddInput(type, b_shape);
  m.AddOutput(type, out_shape);
  TFM_EXPECT_EQ(Status::kOk, m.Build());
  Random rng(static_cast<uint32_t>(op) * 17u + static_cast<uint32_t>(type));
  std::vector<T> a(ElementCount(a_shape));
  std::vector<T> b(ElementCount(b_shape));
  for (T& v : a) v = static_cast<T>(rng.Int(-20, 20));
  for (T& v : b) {
    const int x = rng.Int(-20, 19);
    v = static_cast<T>(x == 0 ? 20 : x);
  }
  m.SetInput(0, a);
  m.SetInput(1, b);
  TFM_EXPECT_EQ(Status::kOk, m.Invoke());
  const T* out = m.Output<T>(0);
  ForEachBroadcast(a_shape, b_shape, out_shape,
                   [&](int64_t o, int64_t ia, int64_t ib) {
                     TFM_EXPECT_EQ(expected(a[ia], b[ib]), out[o]);
                   });
}

// MAXIMUM (maximum) or MINIMUM: FLOAT32 with broadcasting, INT8 raw values
// (one quantization for all tensors, so exact), INT16/INT32/INT64 exact,
// and the rejections.
void CheckMaximumMinimum(schema::BuiltinOperator op, bool maximum);

// An INT32 input2 holding 0 fails the invoke with "zero divisor".
void ExpectZeroDivisorFails(schema::BuiltinOperator op);

// The rejections of these ops: inputs of two types, an output of another
// type, shapes that do not broadcast, and `unsupported` inputs.
void ExpectSameTypeBinaryRejections(schema::BuiltinOperator op,
                                    DataType unsupported);

}  // namespace testing
}  // namespace tfmicro

#endif  // TENSORFLOW_MICRO_TESTING_ELEMENTWISE_TEST_UTIL_H_
