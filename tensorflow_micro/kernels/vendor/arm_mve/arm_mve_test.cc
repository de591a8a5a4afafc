// arm_mve against the reference kernels on random data, byte for byte: each
// model runs once with the build's selected kernels (arm_mve under
// --define tfmicro_vendor=arm_mve) and once with the reference registration.
// The shapes cover each fast path's tails (channels, depth, pixels and
// units not multiples of the vector or tile), padding, strides, dilation,
// per-tensor and per-channel filters, broadcasts and the fallbacks.
#include <cstdint>
#include <cstring>
#include <functional>
#include <vector>

#include "tensorflow_micro/core/op_resolver.h"
#include "tensorflow_micro/kernels/reference_kernels.h"
#include "tensorflow_micro/testing/micro_test.h"
#include "tensorflow_micro/testing/single_op_model.h"

namespace tfmicro {
namespace {

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

// Builds the model with `build` twice and compares the int8 outputs, the
// model's inputs set to `inputs` in order.
void ExpectSameAsReference(schema::BuiltinOperator op,
                           const KernelRegistration& reference,
                           const std::function<void(SingleOpModel&)>& build,
                           const std::vector<std::vector<int8_t>>& inputs) {
  SingleOpModel selected(op);
  build(selected);
  TFM_EXPECT_EQ(Status::kOk, selected.Build());
  MutableOpResolver<1> resolver;
  TFM_EXPECT_EQ(Status::kOk, resolver.AddBuiltin(op, reference));
  SingleOpModel ref(op);
  build(ref);
  TFM_EXPECT_EQ(Status::kOk, ref.Build(256 * 1024, &resolver));
  for (size_t i = 0; i < inputs.size(); ++i) {
    selected.SetInput<int8_t>(static_cast<int>(i), inputs[i]);
    ref.SetInput<int8_t>(static_cast<int>(i), inputs[i]);
  }
  TFM_EXPECT_EQ(Status::kOk, selected.Invoke());
  TFM_EXPECT_EQ(Status::kOk, ref.Invoke());
  const size_t n = selected.OutputCount(0);
  TFM_EXPECT_EQ(ref.OutputCount(0), n);
  TFM_EXPECT_EQ(0, std::memcmp(selected.Output<int8_t>(0),
                               ref.Output<int8_t>(0), n));
}

std::vector<int8_t> RandomInt8(Rng& rng, size_t n) {
  std::vector<int8_t> v(n);
  for (auto& x : v) x = rng.Int8();
  return v;
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
                        build, {input});
}

constexpr auto kNone = schema::ActivationFunctionType_NONE;
constexpr auto kRelu = schema::ActivationFunctionType_RELU;
constexpr auto kRelu6 = schema::ActivationFunctionType_RELU6;

TFM_TEST(Conv1x1) {
  // Depth a multiple of 16 (kws, vww), with a predicated tail (7, 20, 33),
  // pixel counts that leave 1..3 pixels for the last pass, odd output
  // channels, two batches, per-tensor and per-channel filters.
  CheckConv({1, 5, 4, 16, 8, 1, 1, 1, 1, false, true, true, kNone}, 1);
  CheckConv({2, 3, 3, 7, 5, 1, 1, 1, 1, true, true, true, kRelu}, 2);
  CheckConv({1, 4, 4, 64, 33, 1, 1, 1, 1, false, false, false, kRelu6}, 3);
  CheckConv({1, 3, 5, 20, 6, 1, 1, 1, 1, false, true, true, kNone}, 9);
  CheckConv({1, 1, 1, 33, 3, 1, 1, 1, 1, false, true, true, kNone}, 10);
  CheckConv({1, 2, 3, 64, 64, 1, 1, 1, 1, true, true, true, kRelu}, 11);
}

TFM_TEST(ConvGeneral) {
  // Padding, strides, dilation, a 1x1 filter with stride 2, kws's first
  // layer (10x4, one channel, stride 2), ic's (3x3x3, k = 27) and a deep
  // 3x3x64 field (k = 576).
  CheckConv({1, 9, 8, 3, 8, 3, 3, 2, 1, true, true, true, kRelu6}, 4);
  CheckConv({1, 7, 7, 5, 3, 3, 3, 1, 2, true, true, false, kNone}, 5);
  CheckConv({2, 6, 5, 8, 6, 2, 3, 1, 1, false, false, true, kRelu}, 6);
  CheckConv({1, 6, 6, 12, 4, 1, 1, 2, 1, false, true, true, kNone}, 7);
  CheckConv({1, 10, 4, 1, 16, 10, 4, 2, 1, true, true, true, kRelu}, 8);
  CheckConv({1, 8, 8, 3, 16, 3, 3, 1, 1, true, true, true, kRelu}, 12);
  CheckConv({1, 5, 5, 64, 6, 3, 3, 1, 1, true, true, true, kNone}, 13);
  CheckConv({1, 9, 7, 16, 5, 3, 3, 2, 1, false, false, true, kRelu6}, 14);
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
                        Register_DEPTHWISE_CONV_2D(), build, {input});
}

TFM_TEST(DepthwiseS8) {
  // 3x3 SAME (edges read the padding row), stride 2, dilation, channel
  // tails (6, 9, 3, 20), 64 channels (kws), a 10x4 filter (40 taps), two
  // batches.
  CheckDepthwise({1, 8, 7, 16, 0, 3, 3, 1, 1, true, true, true, kRelu6}, 1,
                 21);
  CheckDepthwise({2, 9, 9, 6, 0, 3, 3, 2, 1, true, true, false, kNone}, 1, 22);
  CheckDepthwise({1, 9, 8, 9, 0, 3, 3, 1, 2, false, false, true, kRelu}, 1,
                 23);
  CheckDepthwise({1, 10, 5, 8, 0, 10, 4, 1, 1, true, true, true, kNone}, 1,
                 24);
  CheckDepthwise({1, 6, 5, 64, 0, 3, 3, 1, 1, true, true, true, kRelu}, 1,
                 26);
  CheckDepthwise({1, 7, 6, 20, 0, 3, 3, 2, 1, false, true, true, kNone}, 1,
                 27);
  CheckDepthwise({1, 4, 4, 3, 0, 3, 3, 1, 1, true, false, true, kNone}, 1, 28);
}

TFM_TEST(DepthwisePixelGroups) {
  // 8 and 4 channels with stride 1 along the width: 2 or 4 pixels per
  // 16-lane pass where their windows are inside (vww's first depthwise),
  // the rest of each row alone; dilation; stride 2 (no groups).
  CheckDepthwise({1, 9, 9, 8, 0, 3, 3, 1, 1, true, true, true, kRelu6}, 1,
                 30);
  CheckDepthwise({2, 8, 11, 4, 0, 3, 3, 1, 1, false, true, true, kNone}, 1,
                 31);
  CheckDepthwise({1, 9, 12, 8, 0, 3, 3, 1, 2, true, false, false, kRelu}, 1,
                 32);
  CheckDepthwise({1, 9, 9, 4, 0, 3, 3, 2, 1, true, true, true, kNone}, 1, 33);
  CheckDepthwise({1, 7, 13, 4, 0, 2, 5, 1, 1, true, true, true, kNone}, 1,
                 34);
}

TFM_TEST(DepthwiseFallbacks) {
  // Multiplier 2 and a 9x9 filter (more taps than depthwise_s8 takes).
  CheckDepthwise({1, 5, 5, 3, 0, 3, 3, 1, 1, true, true, true, kNone}, 2, 25);
  CheckDepthwise({1, 10, 10, 4, 0, 9, 9, 1, 1, true, true, true, kNone}, 1,
                 29);
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
                        Register_FULLY_CONNECTED(), build, {input});
}

TFM_TEST(FullyConnectedS8) {
  // Depths with and without a tail (27, 7 < 16, 130), units leaving 1..3
  // after the passes of four, batches, per-channel filters.
  CheckFc({1, 64, 10, false, true, 0, kNone}, 11);
  CheckFc({3, 27, 7, true, true, 0, kRelu}, 12);
  CheckFc({2, 130, 33, true, false, 0, kRelu6}, 13);
  CheckFc({1, 7, 1, true, true, 0, kNone}, 15);
  CheckFc({1, 256, 2, true, true, 0, kNone}, 16);
  // A per-tensor filter zero point (the filter offset term).
  CheckFc({2, 45, 9, false, true, -6, kNone}, 14);
}

struct PoolCase {
  int batches, in_h, in_w, channels, filter_h, filter_w, stride;
  bool same;
  schema::ActivationFunctionType activation;
};

void CheckPool(schema::BuiltinOperator op, const KernelRegistration& reference,
               const PoolCase& s, uint32_t seed) {
  Rng rng{seed};
  const int out_h = s.same ? (s.in_h + s.stride - 1) / s.stride
                           : (s.in_h - s.filter_h) / s.stride + 1;
  const int out_w = s.same ? (s.in_w + s.stride - 1) / s.stride
                           : (s.in_w - s.filter_w) / s.stride + 1;
  const std::vector<int8_t> input = RandomInt8(
      rng, static_cast<size_t>(s.batches * s.in_h * s.in_w * s.channels));
  auto build = [&](SingleOpModel& m) {
    m.AddInput(DataType::kInt8, {s.batches, s.in_h, s.in_w, s.channels},
               0.07f, 4);
    m.AddOutput(DataType::kInt8, {s.batches, out_h, out_w, s.channels}, 0.07f,
                4);
    m.SetOptions(schema::BuiltinOptions_Pool2DOptions,
                 schema::CreatePool2DOptions(
                     m.builder(),
                     s.same ? schema::Padding_SAME : schema::Padding_VALID,
                     s.stride, s.stride, s.filter_w, s.filter_h, s.activation)
                     .Union());
  };
  ExpectSameAsReference(op, reference, build, {input});
}

const PoolCase kPoolCases[] = {
    // kws's global 25x5 average, 2x2/2 VALID, 3x3/1 SAME (clipped
    // windows), channel tails (3, 20), two batches, a fused activation.
    {1, 25, 5, 64, 25, 5, 1, false, kNone},
    {2, 6, 8, 16, 2, 2, 2, false, kNone},
    {1, 5, 7, 3, 3, 3, 1, true, kRelu},
    {1, 7, 7, 20, 3, 3, 2, true, kRelu6},
    {1, 4, 4, 35, 4, 4, 1, false, kNone},
};

TFM_TEST(AveragePoolS8) {
  uint32_t seed = 31;
  for (const PoolCase& s : kPoolCases) {
    CheckPool(schema::BuiltinOperator_AVERAGE_POOL_2D,
              Register_AVERAGE_POOL_2D(), s, seed++);
  }
}

TFM_TEST(MaxPoolS8) {
  uint32_t seed = 41;
  for (const PoolCase& s : kPoolCases) {
    CheckPool(schema::BuiltinOperator_MAX_POOL_2D, Register_MAX_POOL_2D(), s,
              seed++);
  }
}

int Count(const std::vector<int32_t>& shape) {
  int n = 1;
  for (int32_t d : shape) n *= d;
  return n;
}

// ADD or MUL of two int8 inputs of the given shapes (NumPy broadcasting).
void CheckBinary(schema::BuiltinOperator op,
                 const KernelRegistration& reference,
                 const std::vector<int32_t>& shape1,
                 const std::vector<int32_t>& shape2,
                 const std::vector<int32_t>& out_shape,
                 schema::ActivationFunctionType activation, uint32_t seed) {
  Rng rng{seed};
  const std::vector<int8_t> a =
      RandomInt8(rng, static_cast<size_t>(Count(shape1)));
  const std::vector<int8_t> b =
      RandomInt8(rng, static_cast<size_t>(Count(shape2)));
  const bool is_add = op == schema::BuiltinOperator_ADD;
  auto build = [&](SingleOpModel& m) {
    m.AddInput(DataType::kInt8, shape1, 0.05f, -3);
    m.AddInput(DataType::kInt8, shape2, 0.08f, 10);
    m.AddOutput(DataType::kInt8, out_shape, is_add ? 0.11f : 0.03f, 2);
    if (is_add) {
      m.SetOptions(
          schema::BuiltinOptions_AddOptions,
          schema::CreateAddOptions(m.builder(), activation).Union());
    } else {
      m.SetOptions(
          schema::BuiltinOptions_MulOptions,
          schema::CreateMulOptions(m.builder(), activation).Union());
    }
  };
  ExpectSameAsReference(op, reference, build, {a, b});
}

void CheckBinaryCases(schema::BuiltinOperator op,
                      const KernelRegistration& reference, uint32_t seed) {
  // Same sizes with every tail length, ic's residual shape, a single-value
  // operand on either side, and a broadcast the reference serves.
  CheckBinary(op, reference, {1, 37}, {1, 37}, {1, 37}, kNone, seed);
  CheckBinary(op, reference, {2, 3}, {2, 3}, {2, 3}, kRelu, seed + 1);
  CheckBinary(op, reference, {1, 8, 8, 16}, {1, 8, 8, 16}, {1, 8, 8, 16},
              kRelu, seed + 2);
  CheckBinary(op, reference, {1}, {3, 5}, {3, 5}, kNone, seed + 3);
  CheckBinary(op, reference, {2, 2, 3}, {1, 1, 1}, {2, 2, 3}, kRelu6,
              seed + 4);
  CheckBinary(op, reference, {2, 3, 4}, {1, 3, 1}, {2, 3, 4}, kNone,
              seed + 5);
}

TFM_TEST(AddS8) {
  CheckBinaryCases(schema::BuiltinOperator_ADD, Register_ADD(), 51);
}

TFM_TEST(MulS8) {
  CheckBinaryCases(schema::BuiltinOperator_MUL, Register_MUL(), 61);
}

void CheckSoftmax(const std::vector<int32_t>& shape, float input_scale,
                  float beta, uint32_t seed) {
  Rng rng{seed};
  const std::vector<int8_t> input =
      RandomInt8(rng, static_cast<size_t>(Count(shape)));
  auto build = [&](SingleOpModel& m) {
    m.AddInput(DataType::kInt8, shape, input_scale, 3);
    m.AddOutput(DataType::kInt8, shape, 1.f / 256, -128);
    m.SetOptions(schema::BuiltinOptions_SoftmaxOptions,
                 schema::CreateSoftmaxOptions(m.builder(), beta).Union());
  };
  ExpectSameAsReference(schema::BuiltinOperator_SOFTMAX, Register_SOFTMAX(),
                        build, {input});
}

TFM_TEST(SoftmaxS8) {
  // kws's and ic's rows, a row tail past 16 values, one value, a large
  // scale (differences past diff_min give 0), and a row longer than
  // softmax_s8 takes (the reference).
  CheckSoftmax({1, 12}, 0.1f, 1.f, 71);
  CheckSoftmax({3, 10}, 0.05f, 1.f, 72);
  CheckSoftmax({2, 37}, 0.2f, 0.7f, 73);
  CheckSoftmax({1, 1}, 0.1f, 1.f, 74);
  CheckSoftmax({2, 20}, 2.5f, 1.f, 75);
  CheckSoftmax({1, 1100}, 0.02f, 1.f, 76);
}

}  // namespace
}  // namespace tfmicro

TFM_TEST_MAIN()
