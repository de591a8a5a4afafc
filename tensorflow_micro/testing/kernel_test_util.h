// Helpers shared by the kernel tests (tensorflow_micro/kernels/*_test.cc):
// deterministic random data, shape arithmetic, real-valued references
// (fused activations, broadcasting, convolution, pooling windows) and the
// checks that several operators' tests run alike. Test-only code: it uses
// the heap and the standard library freely.
#ifndef TENSORFLOW_MICRO_TESTING_KERNEL_TEST_UTIL_H_
#define TENSORFLOW_MICRO_TESTING_KERNEL_TEST_UTIL_H_

#include <algorithm>
#include <cstdint>
#include <cstdio>
#include <functional>
#include <limits>
#include <vector>

#include "tensorflow_micro/schema/schema_generated.h"
#include "tensorflow_micro/testing/micro_test.h"
#include "tensorflow_micro/testing/single_op_model.h"

namespace tfmicro {
namespace testing {

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

// The number of elements of a tensor of `shape` (1 for a scalar).
int64_t ElementCount(const std::vector<int32_t>& shape);

// q saturated to the range of the integer type T.
template <typename T>
double Saturate(double q) {
  return std::min<double>(std::numeric_limits<T>::max(),
                          std::max<double>(std::numeric_limits<T>::min(), q));
}

// The real clamp bounds of a fused activation; -/+infinity where it sets
// none.
void ActivationBounds(schema::ActivationFunctionType activation, double* low,
                      double* high);

// x clamped to the fused activation's bounds.
double Activate(schema::ActivationFunctionType activation, double x);

// The flat index into a tensor of `shape` of the output element at the
// multi-index `index` (NumPy broadcasting: the shapes align on the right,
// dimensions of size 1 repeat).
int64_t BroadcastIndex(const std::vector<int32_t>& shape,
                       const std::vector<int32_t>& index);

// Calls fn(out_flat, a_flat, b_flat) for every element of the broadcast
// output of shape `out`.
template <typename Fn>
void ForEachBroadcast(const std::vector<int32_t>& a,
                      const std::vector<int32_t>& b,
                      const std::vector<int32_t>& out, Fn fn) {
  std::vector<int32_t> index(out.size(), 0);
  for (int64_t flat = 0; flat < ElementCount(out); ++flat) {
    int64_t rest = flat;
    for (int i = static_cast<int>(out.size()) - 1; i >= 0; --i) {
      index[i] = static_cast<int32_t>(rest % out[i]);
      rest /= out[i];
    }
    fn(flat, BroadcastIndex(a, index), BroadcastIndex(b, index));
  }
}

// ---------------------------------------------------------------------------
// Elementwise binary ops (ADD, MUL).

// What the shared checks need to know of a binary op.
struct BinaryOpCase {
  schema::BuiltinOperator op;
  // Sets the op's options with the given fused activation.
  void (*set_activation)(SingleOpModel& m,
                         schema::ActivationFunctionType activation);
  // The real result of float inputs.
  double (*real)(double a, double b);
  // The real result of quantized inputs, given each input's scale and its
  // value less its zero point.
  float (*dequantized)(float a_scale, int a, float b_scale, int b);
};

// FLOAT32 results within 1e-5 (relative, at least absolute) of the real
// result, activated, for random inputs of the given shapes.
void CheckBinaryFloat(const BinaryOpCase& op,
                      const std::vector<int32_t>& a_shape,
                      const std::vector<int32_t>& b_shape,
                      const std::vector<int32_t>& out_shape,
                      schema::ActivationFunctionType activation, uint32_t seed);

// Quantized results within one output step of the real result (saturated
// to the output's range and the activation's), for random inputs.
template <typename T>
void CheckBinaryQuantized(
    const BinaryOpCase& op, DataType type, const std::vector<int32_t>& a_shape,
    float a_scale, int a_zp, const std::vector<int32_t>& b_shape, float b_scale,
    int b_zp, const std::vector<int32_t>& out_shape, float out_scale,
    int out_zp, schema::ActivationFunctionType activation, uint32_t seed) {
  SingleOpModel m(op.op);
  m.AddInput(type, a_shape, a_scale, a_zp);
  m.AddInput(type, b_shape, b_scale, b_zp);
  m.AddOutput(type, out_shape, out_scale, out_zp);
  op.set_activation(m, activation);
  TFM_EXPECT_EQ(Status::kOk, m.Build());
  Random rng(seed);
  const int lo = std::numeric_limits<T>::min();
  const int hi = std::numeric_limits<T>::max();
  std::vector<T> a(ElementCount(a_shape));
  std::vector<T> b(ElementCount(b_shape));
  for (T& v : a) v = static_cast<T>(rng.Int(lo, hi));
  for (T& v : b) v = static_cast<T>(rng.Int(lo, hi));
  m.SetInput(0, a);
  m.SetInput(1, b);
  TFM_EXPECT_EQ(Status::kOk, m.Invoke());
  const T* out = m.Output<T>(0);
  ForEachBroadcast(
      a_shape, b_shape, out_shape, [&](int64_t o, int64_t ia, int64_t ib) {
        const double real = Activate(
            activation,
            op.dequantized(a_scale, a[ia] - a_zp, b_scale, b[ib] - b_zp));
        TFM_EXPECT_NEAR(Saturate<T>(out_zp + real / out_scale), out[o], 1.0);
      });
}

// The rejections ADD and MUL share: mismatched or unsupported types,
// shapes that do not broadcast, a wrong output shape, rank above 6, an
// unquantized INT8 input and an INT16 zero point.
void ExpectBinaryOpRejections(schema::BuiltinOperator op);

// ---------------------------------------------------------------------------
// Multiply-accumulate ops (CONV_2D, DEPTHWISE_CONV_2D, FULLY_CONNECTED).

// A 2D convolution: NHWC input, OHWI filter [out_c, k_h, k_w, in_c /
// groups], zero padding split evenly (the odd element after).
struct Conv2DShape {
  int batches = 1;
  int in_h = 5;
  int in_w = 5;
  int in_c = 3;
  int out_c = 4;
  int k_h = 3;
  int k_w = 3;
  int groups = 1;
  int stride_h = 1;
  int stride_w = 1;
  int dilation_h = 1;
  int dilation_w = 1;
  bool same = true;

  int filter_c() const { return in_c / groups; }
  int OutSize(int in, int k, int stride, int dilation) const;
  int out_h() const { return OutSize(in_h, k_h, stride_h, dilation_h); }
  int out_w() const { return OutSize(in_w, k_w, stride_w, dilation_w); }
  std::vector<int32_t> input_shape() const {
    return {batches, in_h, in_w, in_c};
  }
  std::vector<int32_t> filter_shape() const {
    return {out_c, k_h, k_w, filter_c()};
  }
  std::vector<int32_t> output_shape() const {
    return {batches, out_h(), out_w(), out_c};
  }
};

// Textbook (grouped) convolution in double, input channel blocks per group;
// a depthwise convolution is the case groups = in_c, a fully connected
// layer the 1x1 case. The activation is not applied.
std::vector<double> NaiveConv2D(const Conv2DShape& s,
                                const std::vector<double>& in,
                                const std::vector<double>& filter,
                                const std::vector<double>& bias);

// One case of a multiply-accumulate op: its model and its real result.
struct MacOpCase {
  schema::BuiltinOperator op;
  std::vector<int32_t> input_shape;
  std::vector<int32_t> filter_shape;
  std::vector<int32_t> output_shape;
  // The filter dimension of the output channels (per-channel scales).
  int channel_dim = 0;
  bool bias = true;
  schema::ActivationFunctionType activation =
      schema::ActivationFunctionType_NONE;
  // TRANSPOSE_CONV's inputs: a constant INT32 output_shape first, then the
  // filter, the input and the bias.
  bool output_shape_first = false;
  std::function<void(SingleOpModel&)> set_options;
  // The result before the activation, from real input, filter and bias.
  std::function<std::vector<double>(const std::vector<double>& in,
                                    const std::vector<double>& filter,
                                    const std::vector<double>& bias)>
      reference;

  int channels() const { return filter_shape[channel_dim]; }
};

// FLOAT32 results within 1e-5 (relative, at least absolute) of the
// reference, activated, for random input, filter and bias.
void CheckMacOpFloat(const MacOpCase& c, uint32_t seed);

// The int8 input's quantization, and the filter zero point of a per-tensor
// filter (per-channel filters are symmetric).
struct MacOpQuantization {
  float input_scale;
  int input_zero_point;
  int per_tensor_filter_zero_point = 0;
};

// INT8 results within one step of the reference on the real values of
// random quantized operands, with an output quantization that covers them.
// The filter is quantized per channel or per tensor.
void CheckMacOpInt8(const MacOpCase& c, const MacOpQuantization& q,
                    bool per_channel, uint32_t seed);

// The same for 16x8: symmetric INT16 activations of `input_scale`, int8
// filters, an INT64 bias.
void CheckMacOpInt16(const MacOpCase& c, float input_scale, bool per_channel,
                     uint32_t seed);

// Builds `model` (a struct with `static constexpr schema::BuiltinOperator
// kOp` and `Status Build(SingleOpModel&) const`) and expects it to fail
// with an error containing `message`.
template <typename Model>
void ExpectRejected(const Model& model, const char* message) {
  SingleOpModel m(Model::kOp);
  TFM_EXPECT_TRUE(model.Build(m) != Status::kOk);
  if (!TfmContains(m.error(), message)) {
    std::printf("  error \"%s\" lacks \"%s\"\n", m.error(), message);
    TFM_EXPECT_TRUE(false);
  }
}

// Builds `model` (as for ExpectRejected) and expects it to succeed.
template <typename Model>
void ExpectAccepted(const Model& model) {
  SingleOpModel m(Model::kOp);
  TFM_EXPECT_EQ(Status::kOk, model.Build(m));
}

// ---------------------------------------------------------------------------
// Data movement (TRANSPOSE, SLICE, TILE, SPLIT, GATHER, ...): ops whose
// output elements are input elements.

// Row-major over `out_shape`, the flat input index `source(index)` of every
// output element (index is the output element's multi-index).
std::vector<int64_t> SourceIndices(
    const std::vector<int32_t>& out_shape,
    const std::function<int64_t(const std::vector<int32_t>&)>& source);

// Flat row-major index of `index` in `shape`.
int64_t FlatIndex(const std::vector<int32_t>& shape,
                  const std::vector<int32_t>& index);

// The flat input indices of part i of a cut of `shape` along `axis` into
// parts of `sizes` (SPLIT, SPLIT_V, UNPACK).
std::vector<int64_t> SplitPartSources(const std::vector<int32_t>& shape,
                                      int axis,
                                      const std::vector<int32_t>& sizes,
                                      int i);

// The distinct values 1, 2, ... (mod 200, as T) the movement checks feed.
template <typename T>
std::vector<T> MovementInput(int64_t count) {
  std::vector<T> values(static_cast<size_t>(count));
  for (int64_t i = 0; i < count; ++i) {
    values[static_cast<size_t>(i)] = static_cast<T>(i % 200 + 1);
  }
  return values;
}

// With model input `input` of `m` (built) set to MovementInput<T>, invokes
// and checks output `output` holds input[sources[i]] at every i.
template <typename T>
void CheckMovedElements(SingleOpModel& m, int input, int64_t input_count,
                        const std::vector<int64_t>& sources, int output = 0) {
  const std::vector<T> in = MovementInput<T>(input_count);
  m.SetInput(input, in);
  TFM_EXPECT_EQ(Status::kOk, m.Invoke());
  TFM_EXPECT_EQ(sources.size(), m.OutputCount(output));
  if (sources.size() != m.OutputCount(output)) return;
  const T* out = m.Output<T>(output);
  for (size_t i = 0; i < sources.size(); ++i) {
    if (!(out[i] == in[static_cast<size_t>(sources[i])])) {
      std::printf("  output %d element %zu differs\n", output, i);
      TFM_EXPECT_TRUE(false);
      return;
    }
  }
}

// ARG_MAX and ARG_MIN (`op`): results against a naive search (ties,
// negative axes, INT32 and INT64 outputs, bool) and prepare's rejections.
void CheckArgMinMaxCases(schema::BuiltinOperator op);
void ExpectArgMinMaxRejections(schema::BuiltinOperator op);

// ---------------------------------------------------------------------------
// Pooling (AVERAGE_POOL_2D, MAX_POOL_2D).

struct PoolSpec {
  int batches = 1;
  int height = 5;
  int width = 6;
  int channels = 3;
  int filter_h = 2;
  int filter_w = 3;
  int stride_h = 2;
  int stride_w = 2;
  bool same = true;
  schema::ActivationFunctionType activation =
      schema::ActivationFunctionType_NONE;

  int OutSize(int in, int filter, int stride) const {
    return same ? (in + stride - 1) / stride : (in - filter + stride) / stride;
  }
  int out_h() const { return OutSize(height, filter_h, stride_h); }
  int out_w() const { return OutSize(width, filter_w, stride_w); }
  // Rows (columns) of padding before the input, as SAME padding centers it.
  int PadBefore(int in, int filter, int stride, int out) const {
    return std::max(0, (out - 1) * stride + filter - in) / 2;
  }
  std::vector<int32_t> input_shape() const {
    return {batches, height, width, channels};
  }
  std::vector<int32_t> output_shape() const {
    return {batches, out_h(), out_w(), channels};
  }
  int input_size() const { return batches * height * width * channels; }
};

void SetPoolOptions(SingleOpModel& m, const PoolSpec& s);

// The clamp range of a fused activation on a quantized output: its real
// bounds quantized, saturated to [type_min, type_max] (INT8's by default).
void QuantizedActivationBounds(schema::ActivationFunctionType activation,
                               double scale, int zero_point, double* low,
                               double* high, double type_min = -128.0,
                               double type_max = 127.0);

// For every output element (NHWC order), the flat indices of the input
// elements its window covers, row by row.
std::vector<std::vector<int>> PoolWindows(const PoolSpec& s);

// ---------------------------------------------------------------------------
// Clamping activations (RELU, RELU6).

// Floats around and beyond the bounds through `op`: exactly the input
// clamped to the activation's bounds.
void CheckClampActivationFloat(schema::BuiltinOperator op,
                               schema::ActivationFunctionType activation);

// Every step-th value of T's range through `op`: within one output step of
// the real input, activated, requantized to the output and saturated.
template <typename T>
void CheckClampActivationQuantized(schema::BuiltinOperator op,
                                   schema::ActivationFunctionType activation,
                                   DataType type, float in_scale, int in_zp,
                                   float out_scale, int out_zp) {
  const int lo = std::numeric_limits<T>::min();
  const int hi = std::numeric_limits<T>::max();
  std::vector<T> q;
  for (int v = lo; v <= hi; v += (hi - lo) / 255) {
    q.push_back(static_cast<T>(v));
  }
  const int32_t n = static_cast<int32_t>(q.size());
  SingleOpModel m(op);
  m.AddInput(type, {n}, in_scale, in_zp);
  m.AddOutput(type, {n}, out_scale, out_zp);
  TFM_EXPECT_EQ(Status::kOk, m.Build());
  m.SetInput(0, q);
  TFM_EXPECT_EQ(Status::kOk, m.Invoke());
  const T* out = m.Output<T>(0);
  for (int32_t i = 0; i < n; ++i) {
    const double real =
        Activate(activation, static_cast<double>(in_scale) * (q[i] - in_zp));
    TFM_EXPECT_NEAR(Saturate<T>(out_zp + real / out_scale), out[i], 1.0);
  }
}

// The rejections RELU and RELU6 share: an unsupported type, a shape
// mismatch, an unquantized INT8 output.
void ExpectClampActivationRejections(schema::BuiltinOperator op);

// ---------------------------------------------------------------------------
// Reductions (MEAN, SUM, REDUCE_MAX, REDUCE_MIN, REDUCE_ALL).

struct ReduceCase {
  std::vector<int32_t> shape;
  std::vector<int32_t> axes;  // negative and repeated axes allowed
  bool keep_dims;
};

// The output shape of a reduction.
std::vector<int32_t> ReducedShape(const ReduceCase& c);

// Per output element: fold(... fold(init, x0), x1 ...) over the input
// elements it reduces, in input order; and how many there were.
std::vector<double> NaiveReduce(const ReduceCase& c,
                                const std::vector<double>& in, double init,
                                double (*fold)(double, double),
                                std::vector<int>* counts = nullptr);

// A reduction node: the input, the constant axis tensor, the output (with
// the given quantizations, none for float) and ReducerOptions.
void AddReduceTensors(SingleOpModel& m, DataType type, const ReduceCase& c,
                      float in_scale = 0.f, int in_zp = 0,
                      float out_scale = 0.f, int out_zp = 0);

// REDUCE_MAX (max) or REDUCE_MIN (!max): float, int8, int16 and int32
// outputs equal the naive extremum; an output quantized unlike the input
// and a UINT8 input are rejected.
void CheckReduceMaxMin(schema::BuiltinOperator op, bool max);

// A reduction of a {2, 3} input of `type` (quantized for INT8/INT16) is
// refused with "input type ... not supported".
void ExpectReduceTypeRejected(schema::BuiltinOperator op, DataType type);

// REDUCE_ANY (any) or REDUCE_ALL (!any) over several axis sets, keep_dims on
// and off: exactly the naive logical OR / AND.
void CheckBoolReduceCases(schema::BuiltinOperator op, bool any);

// A BOOL reduction (SUM, REDUCE_MAX, REDUCE_MIN) over axis 1 of a {2, 3}
// constant holding `bytes` (bytes other than 0 and 1 are true) gives the
// output bytes {expected0, expected1}.
void CheckBoolReduce(schema::BuiltinOperator op,
                     const std::vector<uint8_t>& bytes, uint8_t expected0,
                     uint8_t expected1);

// ---------------------------------------------------------------------------
// Elementwise activations checked against a real function (LEAKY_RELU,
// HARD_SWISH, ELU, ...). `set_options` (may be nullptr) adds the options.

using SetOptionsFn = void (*)(SingleOpModel& m);

// FLOAT32 over [-10, 10]: each output within 1e-5 relative of f.
void CheckUnaryFloat(schema::BuiltinOperator op, double (*f)(double),
                     SetOptionsFn set_options = nullptr);

// Every value of T (INT8 or INT16, every 256th for INT16) through `op`:
// within `tolerance` output steps of f(real input), saturated.
template <typename T>
void CheckUnaryQuantized(schema::BuiltinOperator op, DataType type,
                         double (*f)(double), float in_scale, int in_zp,
                         float out_scale, int out_zp,
                         SetOptionsFn set_options = nullptr,
                         double tolerance = 1.0) {
  const int lo = std::numeric_limits<T>::min();
  const int hi = std::numeric_limits<T>::max();
  std::vector<T> q;
  for (int v = lo; v <= hi; v += (hi - lo + 1) / 256) {
    q.push_back(static_cast<T>(v));
  }
  const int32_t n = static_cast<int32_t>(q.size());
  SingleOpModel m(op);
  m.AddInput(type, {n}, in_scale, in_zp);
  m.AddOutput(type, {n}, out_scale, out_zp);
  if (set_options != nullptr) set_options(m);
  TFM_EXPECT_EQ(Status::kOk, m.Build());
  m.SetInput(0, q);
  TFM_EXPECT_EQ(Status::kOk, m.Invoke());
  const T* out = m.Output<T>(0);
  for (int32_t i = 0; i < n; ++i) {
    const double real = f(static_cast<double>(in_scale) * (q[i] - in_zp));
    TFM_EXPECT_NEAR(Saturate<T>(out_zp + real / out_scale), out[i],
                    tolerance);
  }
}

}  // namespace testing
}  // namespace tfmicro

#endif  // TENSORFLOW_MICRO_TESTING_KERNEL_TEST_UTIL_H_
