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

}  // namespace testing
}  // namespace tfmicro

#endif  // TENSORFLOW_MICRO_TESTING_ELEMENTWISE_TEST_UTIL_H_
