// arm_dsp against the reference kernels on random data, byte for byte: each
// model runs once with the build's selected kernels (arm_dsp under
// --define tfmicro_vendor=arm_dsp) and once with the reference registration.
#include <cstdint>
#include <cstring>
#include <functional>
#include <vector>

#include "tensorflow_micro/core/op_resolver.h"
#include "tensorflow_micro/kernels/reference_kernels.h"
#include "tensorflow_micro/testing/kernel_test_util.h"
#include "tensorflow_micro/testing/micro_test.h"
#include "tensorflow_micro/testing/single_op_model.h"

namespace tfmicro {
namespace {

using testing::PoolSpec;
using testing::QuantSpec;
using testing::SingleOpModel;

struct Rng {
  uint32_t state;
  int8_t Int8() {
    state = state * 1664525u + 1013904223u;
    return static_cast<int8_t>(state >> 24);
  }
  int32_t Bias() {
    state = state * 1664525u + 1013904223u;
    return static_cast<int32_t>(state >> 18) - 8192;
  }
};

// Builds the model with `build` twice and compares the int8 outputs.
void ExpectSameAsReference(schema::BuiltinOperator op,
                           const KernelRegistration& reference,
                           const std::function<void(SingleOpModel&)>& build,
                           const std::vector<int8_t>& input) {
  SingleOpModel selected(op);
  build(selected);
  TFM_EXPECT_EQ(Status::kOk, selected.Build());
  MutableOpResolver<1> resolver;
  TFM_EXPECT_EQ(Status::kOk, resolver.AddBuiltin(op, reference));
  SingleOpModel ref(op);
  build(ref);
  TFM_EXPECT_EQ(Status::kOk, ref.Build(256 * 1024, &resolver));
  selected.SetInput<int8_t>(0, input);
  ref.SetInput<int8_t>(0, input);
  TFM_EXPECT_EQ(Status::kOk, selected.Invoke());
  TFM_EXPECT_EQ(Status::kOk, ref.Invoke());
  const size_t n = selected.OutputCount(0);
  TFM_EXPECT_EQ(ref.OutputCount(0), n);
  TFM_EXPECT_EQ(0, std::memcmp(selected.Output<int8_t>(0),
                               ref.Output<int8_t>(0), n));
}

QuantSpec Filter(int channels, bool per_channel, int64_t zero_point = 0) {
  QuantSpec q;
  if (!per_channel) {
    q.scales = {0.011f};
    q.zero_points = {zero_point};
    return q;
  }
  for (int c = 0; c < channels; ++c) {
    q.scales.push_back(0.004f + 0.0013f * static_cast<float>(c % 7));
    q.zero_points.push_back(0);
  }
  return q;
}

struct ConvCase {
  int batches, in_h, in_w, in_c, out_c, k_h, k_w, stride, dilation;
  bool same, per_channel, bias;
  schema::ActivationFunctionType activation;
};

void CheckConv(const ConvCase& s, uint32_t seed) {
  Rng rng{seed};
  std::vector<int8_t> filter(
      static_cast<size_t>(s.out_c * s.k_h * s.k_w * s.in_c));
  for (auto& v : filter) v = rng.Int8();
  std::vector<int32_t> bias(static_cast<size_t>(s.out_c));
  for (auto& v : bias) v = rng.Bias();
  const int eff_h = (s.k_h - 1) * s.dilation + 1;
  const int eff_w = (s.k_w - 1) * s.dilation + 1;
  const int out_h = s.same ? (s.in_h + s.stride - 1) / s.stride
                           : (s.in_h - eff_h) / s.stride + 1;
  const int out_w = s.same ? (s.in_w + s.stride - 1) / s.stride
                           : (s.in_w - eff_w) / s.stride + 1;
  std::vector<int8_t> input(
      static_cast<size_t>(s.batches * s.in_h * s.in_w * s.in_c));
  for (auto& v : input) v = rng.Int8();
  const QuantSpec fq = Filter(s.out_c, s.per_channel);
  auto build = [&](SingleOpModel& m) {
    m.AddInput(DataType::kInt8, {s.batches, s.in_h, s.in_w, s.in_c}, 0.05f,
               -3);
    m.AddConstInput<int8_t>(DataType::kInt8, {s.out_c, s.k_h, s.k_w, s.in_c},
                            filter, fq);
    if (s.bias) {
      QuantSpec bq;
      for (size_t c = 0; c < fq.scales.size(); ++c) {
        bq.scales.push_back(0.05f * fq.scales[c]);
        bq.zero_points.push_back(0);
      }
      m.AddConstInput<int32_t>(DataType::kInt32, {s.out_c}, bias, bq);
    } else {
      m.AddOptionalInput();
    }
    m.AddOutput(DataType::kInt8, {s.batches, out_h, out_w, s.out_c}, 0.21f, 5);
    m.SetOptions(schema::BuiltinOptions_Conv2DOptions,
                 schema::CreateConv2DOptions(
                     m.builder(), s.same ? schema::Padding_SAME
                                         : schema::Padding_VALID,
                     s.stride, s.stride, s.activation, s.dilation, s.dilation)
                     .Union());
  };
  ExpectSameAsReference(schema::BuiltinOperator_CONV_2D, Register_CONV_2D(),
                        build, input);
}

constexpr auto kNone = schema::ActivationFunctionType_NONE;
constexpr auto kRelu = schema::ActivationFunctionType_RELU;
constexpr auto kRelu6 = schema::ActivationFunctionType_RELU6;

TFM_TEST(Conv1x1FastPath) {
  // conv_1x1_s8: channel counts with and without a multiple-of-4 tail, an
  // odd number of output channels; pixels go in pairs.
  CheckConv({1, 5, 4, 16, 8, 1, 1, 1, 1, false, true, true, kNone}, 1);
  CheckConv({2, 3, 3, 7, 5, 1, 1, 1, 1, true, true, true, kRelu}, 2);
  CheckConv({1, 4, 4, 64, 33, 1, 1, 1, 1, false, false, false, kRelu6}, 3);
  // An odd pixel count (the unpaired last pixel).
  CheckConv({1, 3, 5, 8, 6, 1, 1, 1, 1, false, true, true, kNone}, 9);
}

TFM_TEST(ConvGeneralPath) {
  // conv_s8: padding, strides, dilation, a 1x1 filter with stride 2.
  CheckConv({1, 9, 8, 3, 8, 3, 3, 2, 1, true, true, true, kRelu6}, 4);
  CheckConv({1, 7, 7, 5, 3, 3, 3, 1, 2, true, true, false, kNone}, 5);
  CheckConv({2, 6, 5, 8, 6, 2, 3, 1, 1, false, false, true, kRelu}, 6);
  CheckConv({1, 6, 6, 12, 4, 1, 1, 2, 1, false, true, true, kNone}, 7);
  CheckConv({1, 10, 4, 1, 16, 10, 4, 2, 1, true, true, true, kRelu}, 8);
}

void CheckDepthwise(const ConvCase& s, int multiplier, uint32_t seed) {
  Rng rng{seed};
  const int out_c = s.in_c * multiplier;
  std::vector<int8_t> filter(static_cast<size_t>(s.k_h * s.k_w * out_c));
  for (auto& v : filter) v = rng.Int8();
  std::vector<int32_t> bias(static_cast<size_t>(out_c));
  for (auto& v : bias) v = rng.Bias();
  const int eff_h = (s.k_h - 1) * s.dilation + 1;
  const int eff_w = (s.k_w - 1) * s.dilation + 1;
  const int out_h = s.same ? (s.in_h + s.stride - 1) / s.stride
                           : (s.in_h - eff_h) / s.stride + 1;
  const int out_w = s.same ? (s.in_w + s.stride - 1) / s.stride
                           : (s.in_w - eff_w) / s.stride + 1;
  std::vector<int8_t> input(
      static_cast<size_t>(s.batches * s.in_h * s.in_w * s.in_c));
  for (auto& v : input) v = rng.Int8();
  QuantSpec fq = Filter(out_c, s.per_channel);
  fq.quantized_dimension = 3;
  auto build = [&](SingleOpModel& m) {
    m.AddInput(DataType::kInt8, {s.batches, s.in_h, s.in_w, s.in_c}, 0.05f,
               11);
    m.AddConstInput<int8_t>(DataType::kInt8, {1, s.k_h, s.k_w, out_c}, filter,
                            fq);
    if (s.bias) {
      QuantSpec bq;
      for (size_t c = 0; c < fq.scales.size(); ++c) {
        bq.scales.push_back(0.05f * fq.scales[c]);
        bq.zero_points.push_back(0);
      }
      m.AddConstInput<int32_t>(DataType::kInt32, {out_c}, bias, bq);
    } else {
      m.AddOptionalInput();
    }
    m.AddOutput(DataType::kInt8, {s.batches, out_h, out_w, out_c}, 0.12f, -2);
    m.SetOptions(schema::BuiltinOptions_DepthwiseConv2DOptions,
                 schema::CreateDepthwiseConv2DOptions(
                     m.builder(), s.same ? schema::Padding_SAME
                                         : schema::Padding_VALID,
                     s.stride, s.stride, multiplier, s.activation, s.dilation,
                     s.dilation)
                     .Union());
  };
  ExpectSameAsReference(schema::BuiltinOperator_DEPTHWISE_CONV_2D,
                        Register_DEPTHWISE_CONV_2D(), build, input);
}

TFM_TEST(DepthwiseS8) {
  // 3x3 SAME (edges clip the taps), stride 2, dilation, a channel tail,
  // and multiplier 2.
  CheckDepthwise({1, 8, 7, 16, 0, 3, 3, 1, 1, true, true, true, kRelu6}, 1,
                 21);
  CheckDepthwise({2, 9, 9, 6, 0, 3, 3, 2, 1, true, true, false, kNone}, 1, 22);
  CheckDepthwise({1, 9, 8, 9, 0, 3, 3, 1, 2, false, false, true, kRelu}, 1,
                 23);
  CheckDepthwise({1, 10, 5, 8, 0, 10, 4, 1, 1, true, true, true, kNone}, 1,
                 24);
  CheckDepthwise({1, 5, 5, 3, 0, 3, 3, 1, 1, true, true, true, kNone}, 2, 25);
  // Interior windows: 3x3 VALID (all interior), stride 2 SAME (a border on
  // one side only), a channel tail, a 5x5 window, no bias, per-tensor.
  CheckDepthwise({1, 12, 9, 8, 0, 3, 3, 1, 1, false, true, true, kRelu6}, 1,
                 26);
  CheckDepthwise({2, 11, 10, 20, 0, 3, 3, 2, 1, true, true, true, kNone}, 1,
                 27);
  CheckDepthwise({1, 9, 9, 7, 0, 3, 3, 1, 1, true, false, false, kRelu}, 1,
                 28);
  CheckDepthwise({1, 11, 12, 12, 0, 5, 5, 1, 1, true, true, true, kNone}, 1,
                 29);
  CheckDepthwise({1, 13, 13, 4, 0, 3, 3, 3, 2, false, true, true, kNone}, 1,
                 30);
  CheckDepthwise({1, 3, 3, 5, 0, 5, 5, 1, 1, true, true, true, kNone}, 1, 31);
  // Depth multipliers above 1: SAME borders, VALID, a stride, dilation.
  CheckDepthwise({1, 7, 6, 4, 0, 3, 3, 1, 1, false, true, true, kRelu6}, 2,
                 32);
  CheckDepthwise({2, 8, 9, 3, 0, 3, 3, 2, 1, true, false, false, kNone}, 3,
                 33);
  CheckDepthwise({1, 9, 9, 2, 0, 3, 3, 1, 2, true, true, true, kRelu}, 4,
                 34);
}

struct FcCase {
  int batches, depth, units;
  bool per_channel, bias;
  int64_t filter_zero_point;
  schema::ActivationFunctionType activation;
};

void CheckFc(const FcCase& s, uint32_t seed) {
  Rng rng{seed};
  std::vector<int8_t> filter(static_cast<size_t>(s.units * s.depth));
  for (auto& v : filter) v = rng.Int8();
  std::vector<int32_t> bias(static_cast<size_t>(s.units));
  for (auto& v : bias) v = rng.Bias();
  std::vector<int8_t> input(static_cast<size_t>(s.batches * s.depth));
  for (auto& v : input) v = rng.Int8();
  const QuantSpec fq = Filter(s.units, s.per_channel, s.filter_zero_point);
  auto build = [&](SingleOpModel& m) {
    m.AddInput(DataType::kInt8, {s.batches, s.depth}, 0.04f, 9);
    m.AddConstInput<int8_t>(DataType::kInt8, {s.units, s.depth}, filter, fq);
    if (s.bias) {
      QuantSpec bq;
      for (size_t c = 0; c < fq.scales.size(); ++c) {
        bq.scales.push_back(0.04f * fq.scales[c]);
        bq.zero_points.push_back(0);
      }
      m.AddConstInput<int32_t>(DataType::kInt32, {s.units}, bias, bq);
    } else {
      m.AddOptionalInput();
    }
    m.AddOutput(DataType::kInt8, {s.batches, s.units}, 0.3f, -4);
    m.SetOptions(schema::BuiltinOptions_FullyConnectedOptions,
                 schema::CreateFullyConnectedOptions(m.builder(), s.activation)
                     .Union());
  };
  ExpectSameAsReference(schema::BuiltinOperator_FULLY_CONNECTED,
                        Register_FULLY_CONNECTED(), build, input);
}

TFM_TEST(FullyConnectedS8) {
  CheckFc({1, 64, 10, false, true, 0, kNone}, 11);
  CheckFc({3, 27, 7, true, true, 0, kRelu}, 12);
  CheckFc({2, 130, 33, true, false, 0, kRelu6}, 13);
  // A per-tensor filter zero point (the filter offset term).
  CheckFc({2, 45, 9, false, true, -6, kNone}, 14);
}

void CheckPool(schema::BuiltinOperator op, const KernelRegistration& reference,
               const PoolSpec& s, uint32_t seed) {
  Rng rng{seed};
  std::vector<int8_t> input(
      static_cast<size_t>(s.batches * s.height * s.width * s.channels));
  for (auto& v : input) v = rng.Int8();
  auto build = [&](SingleOpModel& m) {
    m.AddInput(DataType::kInt8, s.input_shape(), 0.07f, 3);
    m.AddOutput(DataType::kInt8, s.output_shape(), 0.07f, 3);
    testing::SetPoolOptions(m, s);
  };
  ExpectSameAsReference(op, reference, build, input);
}

PoolSpec Pool(int batches, int h, int w, int c, int fh, int fw, int stride,
              bool same, schema::ActivationFunctionType activation) {
  PoolSpec s;
  s.batches = batches;
  s.height = h;
  s.width = w;
  s.channels = c;
  s.filter_h = fh;
  s.filter_w = fw;
  s.stride_h = stride;
  s.stride_w = stride;
  s.same = same;
  s.activation = activation;
  return s;
}

TFM_TEST(PoolS8) {
  // Global average (kws: 25x5 window), SAME windows clipped at the border
  // (counts vary), strides, channel tails, activations, a window over 255
  // values (the average's reference fallback).
  const PoolSpec specs[] = {
      Pool(1, 25, 5, 64, 25, 5, 1, false, kNone),
      Pool(2, 7, 9, 12, 3, 3, 2, true, kRelu),
      Pool(1, 8, 8, 7, 2, 2, 2, false, kNone),
      Pool(1, 6, 5, 3, 3, 2, 1, true, kRelu6),
      Pool(1, 9, 11, 21, 4, 3, 3, true, kNone),
      Pool(1, 20, 16, 8, 20, 16, 1, false, kNone),
  };
  uint32_t seed = 40;
  for (const PoolSpec& s : specs) {
    CheckPool(schema::BuiltinOperator_AVERAGE_POOL_2D,
              Register_AVERAGE_POOL_2D(), s, seed++);
    CheckPool(schema::BuiltinOperator_MAX_POOL_2D, Register_MAX_POOL_2D(), s,
              seed++);
  }
}

struct BinaryCase {
  std::vector<int32_t> shape1, shape2, out_shape;
  float scale1, scale2, out_scale;
  int zp1, zp2, out_zp;
  schema::ActivationFunctionType activation;
};

// The same random int8 values in both inputs' buffers (input 1 is set by
// the test input, input 2 is constant).
void CheckBinary(schema::BuiltinOperator op,
                 const KernelRegistration& reference, const BinaryCase& s,
                 uint32_t seed) {
  Rng rng{seed};
  size_t n1 = 1;
  for (int32_t d : s.shape1) n1 *= static_cast<size_t>(d);
  size_t n2 = 1;
  for (int32_t d : s.shape2) n2 *= static_cast<size_t>(d);
  std::vector<int8_t> input(n1);
  for (auto& v : input) v = rng.Int8();
  std::vector<int8_t> other(n2);
  for (auto& v : other) v = rng.Int8();
  auto build = [&](SingleOpModel& m) {
    m.AddInput(DataType::kInt8, s.shape1, s.scale1, s.zp1);
    QuantSpec q2;
    q2.scales = {s.scale2};
    q2.zero_points = {s.zp2};
    m.AddConstInput<int8_t>(DataType::kInt8, s.shape2, other, q2);
    m.AddOutput(DataType::kInt8, s.out_shape, s.out_scale, s.out_zp);
    if (op == schema::BuiltinOperator_ADD) {
      m.SetOptions(schema::BuiltinOptions_AddOptions,
                   schema::CreateAddOptions(m.builder(), s.activation).Union());
    } else {
      m.SetOptions(schema::BuiltinOptions_MulOptions,
                   schema::CreateMulOptions(m.builder(), s.activation).Union());
    }
  };
  ExpectSameAsReference(op, reference, build, input);
}

std::vector<BinaryCase> BinaryCases() {
  return {
      // Same shapes (the fast path): scales in both orders, extreme zero
      // points, activations, an odd element count.
      {{1, 8, 8, 16}, {1, 8, 8, 16}, {1, 8, 8, 16}, 0.05f, 0.11f, 0.09f, -3,
       7, 2, kNone},
      {{2, 5, 7, 3}, {2, 5, 7, 3}, {2, 5, 7, 3}, 0.2f, 0.013f, 0.15f, 127,
       -128, -128, kRelu},
      {{3, 11}, {3, 11}, {3, 11}, 0.031f, 0.031f, 0.02f, 0, 5, -7, kRelu6},
      {{1, 1, 1, 37}, {1, 1, 1, 37}, {1, 1, 1, 37}, 0.5f, 0.25f, 1.9f, -1,
       1, 0, kNone},
      // Broadcasting (the reference fallback).
      {{2, 4, 5}, {1, 1, 5}, {2, 4, 5}, 0.05f, 0.02f, 0.07f, 4, -2, 1,
       kNone},
      {{1, 6}, {1}, {1, 6}, 0.05f, 0.02f, 0.07f, 4, -2, 1, kRelu},
  };
}

TFM_TEST(AddS8) {
  uint32_t seed = 60;
  for (const BinaryCase& s : BinaryCases()) {
    CheckBinary(schema::BuiltinOperator_ADD, Register_ADD(), s, seed++);
  }
}

TFM_TEST(MulS8) {
  uint32_t seed = 70;
  for (const BinaryCase& s : BinaryCases()) {
    CheckBinary(schema::BuiltinOperator_MUL, Register_MUL(), s, seed++);
  }
  // A product scale above one (a left shift) and one far below (a right
  // shift past the lean requantization's 22 bits: Int8ConvOutput).
  CheckBinary(schema::BuiltinOperator_MUL, Register_MUL(),
              {{1, 4, 4, 8}, {1, 4, 4, 8}, {1, 4, 4, 8}, 0.5f, 0.4f, 0.01f,
               3, -9, 4, kNone},
              80);
  CheckBinary(schema::BuiltinOperator_MUL, Register_MUL(),
              {{1, 4, 4, 8}, {1, 4, 4, 8}, {1, 4, 4, 8}, 1e-4f, 1e-4f, 0.5f,
               3, -9, 4, kNone},
              81);
}

void CheckSoftmax(const std::vector<int32_t>& shape, float input_scale,
                  int input_zp, float beta, uint32_t seed) {
  Rng rng{seed};
  size_t n = 1;
  for (int32_t d : shape) n *= static_cast<size_t>(d);
  std::vector<int8_t> input(n);
  for (auto& v : input) v = rng.Int8();
  auto build = [&](SingleOpModel& m) {
    m.AddInput(DataType::kInt8, shape, input_scale, input_zp);
    m.AddOutput(DataType::kInt8, shape, 1.f / 256, -128);
    m.SetOptions(schema::BuiltinOptions_SoftmaxOptions,
                 schema::CreateSoftmaxOptions(m.builder(), beta).Union());
  };
  ExpectSameAsReference(schema::BuiltinOperator_SOFTMAX, Register_SOFTMAX(),
                        build, input);
}

TFM_TEST(SoftmaxS8) {
  // The MLPerf heads (12, 10, 2 classes), several rows, a long row, a
  // large beta * scale (differences past diff_min give -128) and a small
  // one (a flat distribution).
  CheckSoftmax({1, 12}, 0.1f, 3, 1.f, 90);
  CheckSoftmax({1, 10}, 0.05f, -7, 1.f, 91);
  CheckSoftmax({1, 2}, 0.2f, 0, 1.f, 92);
  CheckSoftmax({3, 4, 7}, 0.08f, 10, 1.f, 93);
  CheckSoftmax({2, 300}, 0.03f, -1, 1.f, 94);
  CheckSoftmax({2, 40}, 0.5f, 0, 4.f, 95);
  CheckSoftmax({2, 40}, 0.001f, 0, 0.5f, 96);
}

}  // namespace
}  // namespace tfmicro

TFM_TEST_MAIN()
