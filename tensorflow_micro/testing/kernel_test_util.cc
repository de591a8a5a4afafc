#include "tensorflow_micro/testing/kernel_test_util.h"

#include <cmath>
#include <cstdio>
#include <cstdlib>

#include "tensorflow_micro/testing/elementwise_test_util.h"

namespace tfmicro {
namespace testing {

int64_t ElementCount(const std::vector<int32_t>& shape) {
  int64_t n = 1;
  for (int32_t d : shape) n *= d;
  return n;
}

std::vector<int64_t> SourceIndices(
    const std::vector<int32_t>& out_shape,
    const std::function<int64_t(const std::vector<int32_t>&)>& source) {
  std::vector<int64_t> sources;
  const int64_t count = ElementCount(out_shape);
  std::vector<int32_t> index(out_shape.size(), 0);
  for (int64_t flat = 0; flat < count; ++flat) {
    int64_t rest = flat;
    for (int d = static_cast<int>(out_shape.size()) - 1; d >= 0; --d) {
      index[d] = static_cast<int32_t>(rest % out_shape[d]);
      rest /= out_shape[d];
    }
    sources.push_back(source(index));
  }
  return sources;
}

int64_t FlatIndex(const std::vector<int32_t>& shape,
                  const std::vector<int32_t>& index) {
  int64_t flat = 0;
  for (size_t d = 0; d < shape.size(); ++d) flat = flat * shape[d] + index[d];
  return flat;
}

std::vector<int64_t> SplitPartSources(const std::vector<int32_t>& shape,
                                      int axis,
                                      const std::vector<int32_t>& sizes,
                                      int i) {
  std::vector<int32_t> part = shape;
  part[axis] = sizes[i];
  int32_t start = 0;
  for (int j = 0; j < i; ++j) start += sizes[j];
  return SourceIndices(part, [&](const std::vector<int32_t>& out) {
    std::vector<int32_t> in = out;
    in[axis] += start;
    return FlatIndex(shape, in);
  });
}

namespace {

// ARG_MAX (largest) or ARG_MIN (smallest) of `values` (of `shape`) along
// `axis` (negative counts from the end), the first index on ties, as the
// kernels compute it.
template <typename T>
std::vector<int64_t> NaiveArgMinMax(bool largest, const std::vector<T>& values,
                                    const std::vector<int32_t>& shape,
                                    int axis) {
  const int rank = static_cast<int>(shape.size());
  if (axis < 0) axis += rank;
  int64_t outer = 1;
  int64_t inner = 1;
  for (int d = 0; d < axis; ++d) outer *= shape[d];
  for (int d = axis + 1; d < rank; ++d) inner *= shape[d];
  std::vector<int64_t> result;
  for (int64_t o = 0; o < outer; ++o) {
    for (int64_t i = 0; i < inner; ++i) {
      int64_t best = 0;
      for (int64_t a = 1; a < shape[axis]; ++a) {
        const T v = values[(o * shape[axis] + a) * inner + i];
        const T b = values[(o * shape[axis] + best) * inner + i];
        if (largest ? v > b : v < b) best = a;
      }
      result.push_back(best);
    }
  }
  return result;
}

void SetArgMinMaxOptions(SingleOpModel& m, schema::BuiltinOperator op,
                         schema::TensorType output_type) {
  if (op == schema::BuiltinOperator_ARG_MAX) {
    m.SetOptions(schema::BuiltinOptions_ArgMaxOptions,
                 schema::CreateArgMaxOptions(m.builder(), output_type).Union());
  } else {
    m.SetOptions(schema::BuiltinOptions_ArgMinOptions,
                 schema::CreateArgMinOptions(m.builder(), output_type).Union());
  }
}

// Runs ARG_MAX or ARG_MIN on `values` with the axis a constant INT32 and
// the output of `output_type` (INT32 or INT64) and checks NaiveArgMinMax.
template <typename T>
void CheckArgMinMax(schema::BuiltinOperator op, DataType type,
                    DataType output_type, const std::vector<int32_t>& shape,
                    const std::vector<T>& values, int axis) {
  const bool largest = op == schema::BuiltinOperator_ARG_MAX;
  const int rank = static_cast<int>(shape.size());
  const int positive = axis < 0 ? axis + rank : axis;
  std::vector<int32_t> out_shape = shape;
  out_shape.erase(out_shape.begin() + positive);
  SingleOpModel m(op);
  m.AddInput(type, shape, type == DataType::kInt8 ? 0.5f : 0.f);
  m.AddConstInput<int32_t>(DataType::kInt32, {1}, {axis});
  m.AddOutput(output_type, out_shape);
  SetArgMinMaxOptions(m, op, static_cast<schema::TensorType>(output_type));
  TFM_EXPECT_EQ(Status::kOk, m.Build());
  m.SetInput(0, values);
  TFM_EXPECT_EQ(Status::kOk, m.Invoke());
  const std::vector<int64_t> expected =
      NaiveArgMinMax(largest, values, shape, axis);
  TFM_EXPECT_EQ(expected.size(), m.OutputCount(0));
  for (size_t i = 0; i < expected.size() && i < m.OutputCount(0); ++i) {
    const int64_t got = output_type == DataType::kInt32
                            ? m.Output<int32_t>(0)[i]
                            : m.Output<int64_t>(0)[i];
    TFM_EXPECT_EQ(expected[i], got);
  }
}

}  // namespace

void CheckArgMinMaxCases(schema::BuiltinOperator op) {
  const bool largest = op == schema::BuiltinOperator_ARG_MAX;
  CheckArgMinMax<float>(op, DataType::kFloat32, DataType::kInt32, {2, 3},
                        {1, 3, 3, -2, -2, 0}, -1);
  CheckArgMinMax<int8_t>(op, DataType::kInt8, DataType::kInt64, {3, 2},
                         {5, -7, 5, 9, -100, 9}, 0);
  CheckArgMinMax<int32_t>(op, DataType::kInt32, DataType::kInt32, {2, 3, 2},
                          {4, 1, -6, 1, 9, 1, 0, 0, 7, -3, 7, 2}, 1);
  // BOOL elements as bytes 0 and 1 (std::vector<bool> holds no array).
  CheckArgMinMax<uint8_t>(op, DataType::kBool, DataType::kInt32, {2, 3},
                          {0, 1, 1, 1, 0, 1}, 1);

  // Bytes 1, 2 and 255 of a constant BOOL tensor are all true: the first
  // ties for the maximum; the minimum is the false one.
  SingleOpModel m(op);
  m.AddConstInput<uint8_t>(DataType::kBool, {4}, {1, 2, 0, 255});
  m.AddConstInput<int32_t>(DataType::kInt32, {1}, {0});
  m.AddOutput(DataType::kInt32, {});
  TFM_EXPECT_EQ(Status::kOk, m.Build());
  TFM_EXPECT_EQ(Status::kOk, m.Invoke());
  TFM_EXPECT_EQ(largest ? 0 : 2, m.Output<int32_t>(0)[0]);
}

void ExpectArgMinMaxRejections(schema::BuiltinOperator op) {
  {
    SingleOpModel m(op);
    m.AddInput(DataType::kFloat32, {2, 3});
    m.AddConstInput<int32_t>(DataType::kInt32, {1}, {1});
    m.AddOutput(DataType::kInt32, {2});
    SetArgMinMaxOptions(m, op, schema::TensorType_INT64);
    TFM_EXPECT_EQ(Status::kKernelError, m.Build());
    TFM_EXPECT_TRUE(TfmContains(m.error(), "output_type option INT64 does "
                                           "not match the output type INT32"));
  }
  {
    SingleOpModel m(op);
    m.AddInput(DataType::kFloat32, {2, 3});
    m.AddConstInput<int32_t>(DataType::kInt32, {1}, {-3});
    m.AddOutput(DataType::kInt32, {2});
    TFM_EXPECT_EQ(Status::kKernelError, m.Build());
    TFM_EXPECT_TRUE(TfmContains(m.error(), "axis -3 out of range for rank 2"));
  }
}

void ActivationBounds(schema::ActivationFunctionType activation, double* low,
                      double* high) {
  *low = -std::numeric_limits<double>::infinity();
  *high = std::numeric_limits<double>::infinity();
  switch (activation) {
    case schema::ActivationFunctionType_RELU:
      *low = 0;
      break;
    case schema::ActivationFunctionType_RELU6:
      *low = 0;
      *high = 6;
      break;
    case schema::ActivationFunctionType_RELU_N1_TO_1:
      *low = -1;
      *high = 1;
      break;
    default:
      break;
  }
}

double Activate(schema::ActivationFunctionType activation, double x) {
  double low;
  double high;
  ActivationBounds(activation, &low, &high);
  return std::min(high, std::max(low, x));
}

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

void CheckBinaryFloat(const BinaryOpCase& op,
                      const std::vector<int32_t>& a_shape,
                      const std::vector<int32_t>& b_shape,
                      const std::vector<int32_t>& out_shape,
                      schema::ActivationFunctionType activation,
                      uint32_t seed) {
  SingleOpModel m(op.op);
  m.AddInput(DataType::kFloat32, a_shape);
  m.AddInput(DataType::kFloat32, b_shape);
  m.AddOutput(DataType::kFloat32, out_shape);
  op.set_activation(m, activation);
  TFM_EXPECT_EQ(Status::kOk, m.Build());
  Random rng(seed);
  std::vector<float> a(ElementCount(a_shape));
  std::vector<float> b(ElementCount(b_shape));
  for (float& v : a) v = static_cast<float>(rng.Uniform(-5, 5));
  for (float& v : b) v = static_cast<float>(rng.Uniform(-5, 5));
  m.SetInput(0, a);
  m.SetInput(1, b);
  TFM_EXPECT_EQ(Status::kOk, m.Invoke());
  const float* out = m.Output<float>(0);
  TFM_EXPECT_EQ(ElementCount(out_shape),
                static_cast<int64_t>(m.OutputCount(0)));
  ForEachBroadcast(
      a_shape, b_shape, out_shape, [&](int64_t o, int64_t ia, int64_t ib) {
        const double expected = Activate(activation, op.real(a[ia], b[ib]));
        TFM_EXPECT_NEAR(expected, out[o],
                        1e-5 * std::max(1.0, std::fabs(expected)));
      });
}

void ExpectBinaryOpRejections(schema::BuiltinOperator op) {
  ExpectSameTypeBinaryRejections(op, DataType::kBool);
  {
    SingleOpModel m(op);
    m.AddInput(DataType::kFloat32, {2, 1});
    m.AddInput(DataType::kFloat32, {3});
    m.AddOutput(DataType::kFloat32, {2, 1});
    TFM_EXPECT_EQ(Status::kKernelError, m.Build());
    TFM_EXPECT_TRUE(TfmContains(m.error(),
                                "output shape [2, 1] does not match the "
                                "broadcast shape [2, 3]"));
  }
  {
    SingleOpModel m(op);
    m.AddInput(DataType::kFloat32, {1, 1, 1, 1, 1, 1, 2});
    m.AddInput(DataType::kFloat32, {2});
    m.AddOutput(DataType::kFloat32, {1, 1, 1, 1, 1, 1, 2});
    TFM_EXPECT_EQ(Status::kKernelError, m.Build());
    TFM_EXPECT_TRUE(TfmContains(m.error(), "at most 6"));
  }
  {
    SingleOpModel m(op);
    m.AddInput(DataType::kInt8, {2});
    m.AddInput(DataType::kInt8, {2}, 0.1f, 0);
    m.AddOutput(DataType::kInt8, {2}, 0.1f, 0);
    TFM_EXPECT_EQ(Status::kKernelError, m.Build());
    TFM_EXPECT_TRUE(TfmContains(m.error(), "input1 (INT8) must be quantized"));
  }
  {
    SingleOpModel m(op);
    m.AddInput(DataType::kInt16, {2}, 0.1f, 3);
    m.AddInput(DataType::kInt16, {2}, 0.1f, 0);
    m.AddOutput(DataType::kInt16, {2}, 0.1f, 0);
    TFM_EXPECT_EQ(Status::kKernelError, m.Build());
    TFM_EXPECT_TRUE(TfmContains(m.error(), "zero point 0"));
  }
}

int Conv2DShape::OutSize(int in, int k, int stride, int dilation) const {
  const int effective = (k - 1) * dilation + 1;
  return same ? (in + stride - 1) / stride : (in - effective + stride) / stride;
}

std::vector<double> NaiveConv2D(const Conv2DShape& s,
                                const std::vector<double>& in,
                                const std::vector<double>& filter,
                                const std::vector<double>& bias) {
  const int out_h = s.out_h();
  const int out_w = s.out_w();
  const int pad_h = std::max(0, (out_h - 1) * s.stride_h +
                                    (s.k_h - 1) * s.dilation_h + 1 - s.in_h) /
                    2;
  const int pad_w = std::max(0, (out_w - 1) * s.stride_w +
                                    (s.k_w - 1) * s.dilation_w + 1 - s.in_w) /
                    2;
  const int fc = s.filter_c();
  const int per_group = s.out_c / s.groups;
  std::vector<double> out;
  for (int b = 0; b < s.batches; ++b) {
    for (int y = 0; y < out_h; ++y) {
      for (int x = 0; x < out_w; ++x) {
        for (int oc = 0; oc < s.out_c; ++oc) {
          const int group = oc / per_group;
          double sum = bias.empty() ? 0.0 : bias[oc];
          for (int ky = 0; ky < s.k_h; ++ky) {
            for (int kx = 0; kx < s.k_w; ++kx) {
              const int iy = y * s.stride_h - pad_h + ky * s.dilation_h;
              const int ix = x * s.stride_w - pad_w + kx * s.dilation_w;
              if (iy < 0 || iy >= s.in_h || ix < 0 || ix >= s.in_w) continue;
              for (int c = 0; c < fc; ++c) {
                const int ic = group * fc + c;
                sum += in[((b * s.in_h + iy) * s.in_w + ix) * s.in_c + ic] *
                       filter[((oc * s.k_h + ky) * s.k_w + kx) * fc + c];
              }
            }
          }
          out.push_back(sum);
        }
      }
    }
  }
  return out;
}

namespace {

// Adds a MAC op's input and filter in the op's order (see
// MacOpCase::output_shape_first).
template <typename AddInput, typename AddFilter>
void AddInputAndFilter(SingleOpModel& m, const MacOpCase& c,
                       AddInput add_input, AddFilter add_filter) {
  if (c.output_shape_first) {
    m.AddConstInput<int32_t>(DataType::kInt32, {4}, c.output_shape);
    add_filter();
    add_input();
  } else {
    add_input();
    add_filter();
  }
}

}  // namespace

void CheckMacOpFloat(const MacOpCase& c, uint32_t seed) {
  Random rng(seed);
  std::vector<float> in(ElementCount(c.input_shape));
  std::vector<float> filter(ElementCount(c.filter_shape));
  std::vector<float> bias(c.bias ? c.channels() : 0);
  for (float& v : in) v = static_cast<float>(rng.Uniform(-2, 2));
  for (float& v : filter) v = static_cast<float>(rng.Uniform(-1, 1));
  for (float& v : bias) v = static_cast<float>(rng.Uniform(-1, 1));

  SingleOpModel m(c.op);
  AddInputAndFilter(
      m, c, [&] { m.AddInput(DataType::kFloat32, c.input_shape); },
      [&] {
        m.AddConstInput<float>(DataType::kFloat32, c.filter_shape, filter);
      });
  if (c.bias) {
    m.AddConstInput<float>(DataType::kFloat32, {c.channels()}, bias);
  } else {
    m.AddOptionalInput();
  }
  m.AddOutput(DataType::kFloat32, c.output_shape);
  c.set_options(m);
  TFM_EXPECT_EQ(Status::kOk, m.Build());
  if (m.Output<float>(0) == nullptr) {
    std::printf("  build failed: %s\n", m.error());
    TFM_EXPECT_TRUE(false);
    return;
  }
  m.SetInput<float>(0, in);
  TFM_EXPECT_EQ(Status::kOk, m.Invoke());

  const std::vector<double> expected =
      c.reference(std::vector<double>(in.begin(), in.end()),
                  std::vector<double>(filter.begin(), filter.end()),
                  std::vector<double>(bias.begin(), bias.end()));
  TFM_EXPECT_EQ(expected.size(), m.OutputCount(0));
  const float* out = m.Output<float>(0);
  for (size_t i = 0; i < expected.size() && i < m.OutputCount(0); ++i) {
    const double want = Activate(c.activation, expected[i]);
    TFM_EXPECT_NEAR(want, out[i], 1e-5 * std::max(1.0, std::fabs(want)));
  }
}

namespace {

// CheckMacOpInt8 and CheckMacOpInt16: activations of type In (INT8
// asymmetric, INT16 symmetric), int8 filters, a bias of type Bias.
template <typename In, typename Bias>
void CheckMacOpQuantized(const MacOpCase& c, DataType type,
                         DataType bias_type, const MacOpQuantization& q,
                         bool per_channel, uint32_t seed) {
  constexpr int kMin = std::numeric_limits<In>::min();
  constexpr int kMax = std::numeric_limits<In>::max();
  const bool symmetric = type == DataType::kInt16;
  Random rng(seed);
  const float input_scale = q.input_scale;
  const int input_zero_point = q.input_zero_point;
  const int channels = c.channels();
  std::vector<In> in(ElementCount(c.input_shape));
  std::vector<double> in_real(in.size());
  for (size_t i = 0; i < in.size(); ++i) {
    in[i] = static_cast<In>(rng.Int(kMin, kMax));
    in_real[i] = input_scale * (in[i] - input_zero_point);
  }
  std::vector<float> filter_scales(per_channel ? channels : 1);
  for (float& v : filter_scales) {
    v = static_cast<float>(rng.Uniform(0.004, 0.02));
  }
  const int filter_zero_point =
      per_channel ? 0 : q.per_tensor_filter_zero_point;
  // Elements per step along the channel dimension of the filter.
  const int64_t channel_stride = ElementCount(std::vector<int32_t>(
      c.filter_shape.begin() + c.channel_dim + 1, c.filter_shape.end()));
  std::vector<int8_t> filter(ElementCount(c.filter_shape));
  std::vector<double> filter_real(filter.size());
  for (size_t i = 0; i < filter.size(); ++i) {
    const int channel =
        per_channel ? static_cast<int>(
                          (static_cast<int64_t>(i) / channel_stride) % channels)
                    : 0;
    filter[i] = static_cast<int8_t>(rng.Int(-127, 127));
    filter_real[i] = static_cast<double>(filter_scales[channel]) *
                     (filter[i] - filter_zero_point);
  }
  // Biases of the order of the accumulators of a few taps.
  const int bias_range = symmetric ? 3000 * 256 : 3000;
  std::vector<Bias> bias(c.bias ? channels : 0);
  std::vector<double> bias_real(bias.size());
  std::vector<float> bias_scales(bias.size());
  for (size_t k = 0; k < bias.size(); ++k) {
    bias_scales[k] = input_scale * filter_scales[per_channel ? k : 0];
    bias[k] = static_cast<Bias>(rng.Int(-bias_range, bias_range));
    bias_real[k] = static_cast<double>(bias_scales[k]) * bias[k];
  }
  const std::vector<double> real = c.reference(in_real, filter_real, bias_real);
  const double low = std::min(0.0, *std::min_element(real.begin(), real.end()));
  const double high =
      std::max(0.0, *std::max_element(real.begin(), real.end()));
  const float output_scale =
      symmetric ? static_cast<float>(std::max(-low, high) / kMax)
                : static_cast<float>((high - low) / (kMax - kMin));
  const int asymmetric_zero_point =
      static_cast<int>(std::lround(kMin - low / output_scale));
  const int output_zero_point =
      symmetric ? 0 : std::min(kMax, std::max(kMin, asymmetric_zero_point));

  SingleOpModel m(c.op);
  QuantSpec filter_quant;
  filter_quant.scales = filter_scales;
  filter_quant.zero_points.assign(filter_scales.size(), filter_zero_point);
  filter_quant.quantized_dimension = c.channel_dim;
  AddInputAndFilter(
      m, c,
      [&] { m.AddInput(type, c.input_shape, input_scale, input_zero_point); },
      [&] {
        m.AddConstInput<int8_t>(DataType::kInt8, c.filter_shape, filter,
                                filter_quant);
      });
  if (c.bias) {
    QuantSpec bias_quant;
    bias_quant.scales = bias_scales;
    m.AddConstInput<Bias>(bias_type, {channels}, bias, bias_quant);
  } else {
    m.AddOptionalInput();
  }
  m.AddOutput(type, c.output_shape, output_scale, output_zero_point);
  c.set_options(m);
  TFM_EXPECT_EQ(Status::kOk, m.Build());
  if (m.Output<In>(0) == nullptr) {
    std::printf("  build failed: %s\n", m.error());
    TFM_EXPECT_TRUE(false);
    return;
  }
  m.SetInput<In>(0, in);
  TFM_EXPECT_EQ(Status::kOk, m.Invoke());
  TFM_EXPECT_EQ(real.size(), m.OutputCount(0));
  const In* out = m.Output<In>(0);
  int worst = 0;
  for (size_t i = 0; i < real.size() && i < m.OutputCount(0); ++i) {
    const double quantized =
        std::round(Activate(c.activation, real[i]) / output_scale) +
        output_zero_point;
    const int want = static_cast<int>(
        std::min<double>(kMax, std::max<double>(kMin, quantized)));
    worst = std::max(worst, std::abs(want - out[i]));
  }
  TFM_EXPECT_TRUE(worst <= 1);
}

}  // namespace

void CheckMacOpInt8(const MacOpCase& c, const MacOpQuantization& q,
                    bool per_channel, uint32_t seed) {
  CheckMacOpQuantized<int8_t, int32_t>(c, DataType::kInt8, DataType::kInt32,
                                       q, per_channel, seed);
}

void CheckMacOpInt16(const MacOpCase& c, float input_scale, bool per_channel,
                     uint32_t seed) {
  CheckMacOpQuantized<int16_t, int64_t>(c, DataType::kInt16,
                                        DataType::kInt64, {input_scale, 0},
                                        per_channel, seed);
}

void SetPoolOptions(SingleOpModel& m, const PoolSpec& s) {
  m.SetOptions(
      schema::BuiltinOptions_Pool2DOptions,
      schema::CreatePool2DOptions(
          m.builder(), s.same ? schema::Padding_SAME : schema::Padding_VALID,
          s.stride_w, s.stride_h, s.filter_w, s.filter_h, s.activation)
          .Union());
}

std::vector<std::vector<int>> PoolWindows(const PoolSpec& s) {
  const int pad_h = s.PadBefore(s.height, s.filter_h, s.stride_h, s.out_h());
  const int pad_w = s.PadBefore(s.width, s.filter_w, s.stride_w, s.out_w());
  std::vector<std::vector<int>> windows;
  for (int b = 0; b < s.batches; ++b) {
    for (int oy = 0; oy < s.out_h(); ++oy) {
      for (int ox = 0; ox < s.out_w(); ++ox) {
        for (int c = 0; c < s.channels; ++c) {
          std::vector<int> window;
          for (int fy = 0; fy < s.filter_h; ++fy) {
            for (int fx = 0; fx < s.filter_w; ++fx) {
              const int y = oy * s.stride_h - pad_h + fy;
              const int x = ox * s.stride_w - pad_w + fx;
              if (y < 0 || y >= s.height || x < 0 || x >= s.width) continue;
              window.push_back(((b * s.height + y) * s.width + x) * s.channels +
                               c);
            }
          }
          windows.push_back(window);
        }
      }
    }
  }
  return windows;
}

void QuantizedActivationBounds(schema::ActivationFunctionType activation,
                               double scale, int zero_point, double* low,
                               double* high, double type_min,
                               double type_max) {
  double real_low;
  double real_high;
  ActivationBounds(activation, &real_low, &real_high);
  *low = std::max(type_min, zero_point + std::round(real_low / scale));
  *high = std::min(type_max, zero_point + std::round(real_high / scale));
}

void CheckClampActivationFloat(schema::BuiltinOperator op,
                               schema::ActivationFunctionType activation) {
  SingleOpModel m(op);
  m.AddInput(DataType::kFloat32, {2, 4});
  m.AddOutput(DataType::kFloat32, {2, 4});
  TFM_EXPECT_EQ(Status::kOk, m.Build());
  const std::vector<float> x = {-3.5f, -0.f,   0.f, 1e-30f,
                                2.25f, -1e30f, 7.f, 1e30f};
  m.SetInput(0, x);
  TFM_EXPECT_EQ(Status::kOk, m.Invoke());
  const float* out = m.Output<float>(0);
  for (int i = 0; i < 8; ++i) {
    TFM_EXPECT_TRUE(out[i] == static_cast<float>(Activate(activation, x[i])));
  }
}

void ExpectClampActivationRejections(schema::BuiltinOperator op) {
  {
    SingleOpModel m(op);
    m.AddInput(DataType::kInt32, {2});
    m.AddOutput(DataType::kInt32, {2});
    TFM_EXPECT_EQ(Status::kKernelError, m.Build());
    TFM_EXPECT_TRUE(TfmContains(m.error(), "input type INT32 not supported"));
  }
  {
    SingleOpModel m(op);
    m.AddInput(DataType::kFloat32, {2, 3});
    m.AddOutput(DataType::kFloat32, {3, 2});
    TFM_EXPECT_EQ(Status::kKernelError, m.Build());
    TFM_EXPECT_TRUE(TfmContains(m.error(), "output"));
  }
  {
    SingleOpModel m(op);
    m.AddInput(DataType::kInt8, {2}, 0.1f, 0);
    m.AddOutput(DataType::kInt8, {2});
    TFM_EXPECT_EQ(Status::kKernelError, m.Build());
    TFM_EXPECT_TRUE(TfmContains(m.error(), "output (INT8) must be quantized"));
  }
}

namespace {

bool IsReducedAxis(const ReduceCase& c, int dim) {
  const int rank = static_cast<int>(c.shape.size());
  for (int32_t a : c.axes) {
    if ((a < 0 ? a + rank : a) == dim) return true;
  }
  return false;
}

}  // namespace

std::vector<int32_t> ReducedShape(const ReduceCase& c) {
  std::vector<int32_t> out;
  for (size_t i = 0; i < c.shape.size(); ++i) {
    if (!IsReducedAxis(c, static_cast<int>(i))) {
      out.push_back(c.shape[i]);
    } else if (c.keep_dims) {
      out.push_back(1);
    }
  }
  return out;
}

std::vector<double> NaiveReduce(const ReduceCase& c,
                                const std::vector<double>& in, double init,
                                double (*fold)(double, double),
                                std::vector<int>* counts) {
  const int rank = static_cast<int>(c.shape.size());
  int64_t num_outputs = 1;
  for (int i = 0; i < rank; ++i) {
    if (!IsReducedAxis(c, i)) num_outputs *= c.shape[i];
  }
  std::vector<double> out(static_cast<size_t>(num_outputs), init);
  std::vector<int> count(out.size(), 0);
  for (int flat = 0; flat < static_cast<int>(in.size()); ++flat) {
    int rest = flat;
    int out_index = 0;
    int out_stride = 1;
    for (int i = rank - 1; i >= 0; --i) {
      const int coordinate = rest % c.shape[i];
      rest /= c.shape[i];
      if (!IsReducedAxis(c, i)) {
        out_index += coordinate * out_stride;
        out_stride *= c.shape[i];
      }
    }
    out[out_index] = fold(out[out_index], in[flat]);
    ++count[out_index];
  }
  if (counts != nullptr) *counts = count;
  return out;
}

void AddReduceTensors(SingleOpModel& m, DataType type, const ReduceCase& c,
                      float in_scale, int in_zp, float out_scale,
                      int out_zp) {
  m.AddInput(type, c.shape, in_scale, in_zp);
  m.AddConstInput<int32_t>(DataType::kInt32,
                           {static_cast<int32_t>(c.axes.size())}, c.axes);
  m.AddOutput(type, ReducedShape(c), out_scale, out_zp);
  m.SetOptions(schema::BuiltinOptions_ReducerOptions,
               schema::CreateReducerOptions(m.builder(), c.keep_dims).Union());
}

namespace {

template <typename T>
void CheckReduceMaxMinTyped(schema::BuiltinOperator op, bool max,
                            DataType type, float scale, int zp) {
  const ReduceCase cases[] = {{{2, 3, 4}, {1}, false},
                              {{2, 3, 4}, {-1, 0}, true},
                              {{3, 5}, {0, 1}, false}};
  for (const ReduceCase& c : cases) {
    SingleOpModel m(op);
    AddReduceTensors(m, type, c, scale, zp, scale, zp);
    TFM_EXPECT_EQ(Status::kOk, m.Build());
    const int n = static_cast<int>(ElementCount(c.shape));
    std::vector<T> input(n);
    std::vector<double> values(n);
    for (int i = 0; i < n; ++i) {
      input[i] = static_cast<T>((i * 53 + 7) % 101 - 50);
      values[i] = static_cast<double>(input[i]);
    }
    m.SetInput<T>(0, input);
    TFM_EXPECT_EQ(Status::kOk, m.Invoke());
    const std::vector<double> expected =
        max ? NaiveReduce(c, values, -1e9,
                          [](double a, double x) { return std::max(a, x); })
            : NaiveReduce(c, values, 1e9,
                          [](double a, double x) { return std::min(a, x); });
    const T* out = m.Output<T>(0);
    for (size_t i = 0; i < expected.size(); ++i) {
      TFM_EXPECT_EQ(expected[i], static_cast<double>(out[i]));
    }
  }
}

}  // namespace

void CheckReduceMaxMin(schema::BuiltinOperator op, bool max) {
  CheckReduceMaxMinTyped<float>(op, max, DataType::kFloat32, 0.f, 0);
  CheckReduceMaxMinTyped<int8_t>(op, max, DataType::kInt8, 0.1f, -3);
  CheckReduceMaxMinTyped<int16_t>(op, max, DataType::kInt16, 0.01f, 0);
  CheckReduceMaxMinTyped<int32_t>(op, max, DataType::kInt32, 0.f, 0);

  SingleOpModel requantized(op);
  AddReduceTensors(requantized, DataType::kInt8, {{2, 3}, {1}, false}, 0.1f,
                   0, 0.2f, 0);
  TFM_EXPECT_EQ(Status::kKernelError, requantized.Build());
  TFM_EXPECT_TRUE(TfmContains(requantized.error(),
                              "differs from the input's"));

  SingleOpModel uint8_input(op);
  AddReduceTensors(uint8_input, DataType::kUInt8, {{2, 3}, {1}, false});
  TFM_EXPECT_EQ(Status::kKernelError, uint8_input.Build());
  TFM_EXPECT_TRUE(
      TfmContains(uint8_input.error(), "input type UINT8 not supported"));
}

void ExpectReduceTypeRejected(schema::BuiltinOperator op, DataType type) {
  const bool quantized = type == DataType::kInt8 || type == DataType::kInt16;
  const float scale = quantized ? 0.1f : 0.f;
  SingleOpModel m(op);
  AddReduceTensors(m, type, {{2, 3}, {1}, false}, scale, 0, scale, 0);
  TFM_EXPECT_EQ(Status::kKernelError, m.Build());
  char expected[64];
  std::snprintf(expected, sizeof(expected), "input type %s not supported",
                DataTypeName(type));
  TFM_EXPECT_TRUE(TfmContains(m.error(), expected));
}

void CheckBoolReduceCases(schema::BuiltinOperator op, bool any) {
  const ReduceCase cases[] = {{{2, 3, 4}, {1}, false},
                              {{2, 3, 4}, {-1, 0}, true},
                              {{3, 5}, {0, 1}, false}};
  for (const ReduceCase& c : cases) {
    SingleOpModel m(op);
    AddReduceTensors(m, DataType::kBool, c);
    TFM_EXPECT_EQ(Status::kOk, m.Build());
    const int n = static_cast<int>(ElementCount(c.shape));
    std::vector<uint8_t> input(n);
    std::vector<double> values(n);
    for (int i = 0; i < n; ++i) {
      // Mostly false for ANY, mostly true for ALL: both outcomes occur.
      const bool rare = (i % 7) == 3;
      input[i] = (any ? rare : !rare) ? 1 : 0;
      values[i] = input[i];
    }
    m.SetInput<uint8_t>(0, input);
    TFM_EXPECT_EQ(Status::kOk, m.Invoke());
    const std::vector<double> expected =
        any ? NaiveReduce(c, values, 0.0,
                          [](double a, double x) { return a > x ? a : x; })
            : NaiveReduce(c, values, 1.0,
                          [](double a, double x) { return a * x; });
    const uint8_t* out = m.Output<uint8_t>(0);
    for (size_t i = 0; i < expected.size(); ++i) {
      TFM_EXPECT_EQ(expected[i] != 0.0 ? 1 : 0, out[i]);
    }
  }
}

void CheckBoolReduce(schema::BuiltinOperator op,
                     const std::vector<uint8_t>& bytes, uint8_t expected0,
                     uint8_t expected1) {
  SingleOpModel m(op);
  m.AddConstInput<uint8_t>(DataType::kBool, {2, 3}, bytes);
  m.AddConstInput<int32_t>(DataType::kInt32, {1}, {1});
  m.AddOutput(DataType::kBool, {2});
  m.SetOptions(schema::BuiltinOptions_ReducerOptions,
               schema::CreateReducerOptions(m.builder(), false).Union());
  TFM_EXPECT_EQ(Status::kOk, m.Build());
  TFM_EXPECT_EQ(Status::kOk, m.Invoke());
  TFM_EXPECT_EQ(expected0, m.Output<uint8_t>(0)[0]);
  TFM_EXPECT_EQ(expected1, m.Output<uint8_t>(0)[1]);
}

void CheckUnaryFloat(schema::BuiltinOperator op, double (*f)(double),
                     SetOptionsFn set_options) {
  std::vector<float> x;
  for (float v = -10.f; v <= 10.f; v += 0.37f) x.push_back(v);
  const int32_t n = static_cast<int32_t>(x.size());
  SingleOpModel m(op);
  m.AddInput(DataType::kFloat32, {n});
  m.AddOutput(DataType::kFloat32, {n});
  if (set_options != nullptr) set_options(m);
  TFM_EXPECT_EQ(Status::kOk, m.Build());
  m.SetInput(0, x);
  TFM_EXPECT_EQ(Status::kOk, m.Invoke());
  const float* out = m.Output<float>(0);
  for (int32_t i = 0; i < n; ++i) {
    const double expected = f(static_cast<double>(x[i]));
    TFM_EXPECT_NEAR(expected, out[i], 1e-5 * std::fabs(expected) + 1e-6);
  }
}

}  // namespace testing
}  // namespace tfmicro
