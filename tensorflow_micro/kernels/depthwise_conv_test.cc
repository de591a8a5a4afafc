// DEPTHWISE_CONV_2D: float results against a naive double-precision
// depthwise convolution, int8 results within one quantization step of the
// same real-valued math, and prepare's rejections. Bit-exactness against
// TFLite is proven by python/tests/conformance/test_depthwise_conv.py.
#include <algorithm>
#include <cmath>
#include <cstdint>
#include <vector>

#include "tensorflow_micro/testing/kernel_test_util.h"
#include "tensorflow_micro/testing/micro_test.h"
#include "tensorflow_micro/testing/single_op_model.h"

namespace tfmicro {
namespace {

using testing::ExpectAccepted;
using testing::ExpectRejected;
using testing::QuantSpec;
using testing::SingleOpModel;

struct DepthwiseSpec {
  int batches = 1;
  int in_h = 5;
  int in_w = 6;
  int in_c = 3;
  int multiplier = 1;
  int k_h = 3;
  int k_w = 3;
  int stride_h = 1;
  int stride_w = 1;
  int dilation_h = 1;
  int dilation_w = 1;
  bool same = true;
  schema::ActivationFunctionType activation =
      schema::ActivationFunctionType_NONE;
  bool bias = true;

  int out_c() const { return in_c * multiplier; }
  int OutSize(int in, int k, int stride, int dilation) const {
    const int effective = (k - 1) * dilation + 1;
    return same ? (in + stride - 1) / stride
                : (in - effective + stride) / stride;
  }
  int out_h() const { return OutSize(in_h, k_h, stride_h, dilation_h); }
  int out_w() const { return OutSize(in_w, k_w, stride_w, dilation_w); }
  std::vector<int32_t> input_shape() const {
    return {batches, in_h, in_w, in_c};
  }
  std::vector<int32_t> filter_shape() const { return {1, k_h, k_w, out_c()}; }
  std::vector<int32_t> output_shape() const {
    return {batches, out_h(), out_w(), out_c()};
  }
};

// Depthwise convolution is the grouped convolution with one group per input
// channel: output channel oc filters input channel oc / multiplier with
// filter[0, ky, kx, oc], moved here to the OHWI filter [oc, ky, kx, 0].
std::vector<double> NaiveDepthwise(const DepthwiseSpec& s,
                                   const std::vector<double>& in,
                                   const std::vector<double>& filter,
                                   const std::vector<double>& bias) {
  testing::Conv2DShape conv;
  conv.batches = s.batches;
  conv.in_h = s.in_h;
  conv.in_w = s.in_w;
  conv.in_c = s.in_c;
  conv.out_c = s.out_c();
  conv.k_h = s.k_h;
  conv.k_w = s.k_w;
  conv.groups = s.in_c;
  conv.stride_h = s.stride_h;
  conv.stride_w = s.stride_w;
  conv.dilation_h = s.dilation_h;
  conv.dilation_w = s.dilation_w;
  conv.same = s.same;
  std::vector<double> ohwi(filter.size());
  for (int ky = 0; ky < s.k_h; ++ky) {
    for (int kx = 0; kx < s.k_w; ++kx) {
      for (int oc = 0; oc < s.out_c(); ++oc) {
        ohwi[(oc * s.k_h + ky) * s.k_w + kx] =
            filter[(ky * s.k_w + kx) * s.out_c() + oc];
      }
    }
  }
  return testing::NaiveConv2D(conv, in, ohwi, bias);
}

void SetOptions(SingleOpModel& m, const DepthwiseSpec& s) {
  m.SetOptions(
      schema::BuiltinOptions_DepthwiseConv2DOptions,
      schema::CreateDepthwiseConv2DOptions(
          m.builder(), s.same ? schema::Padding_SAME : schema::Padding_VALID,
          s.stride_w, s.stride_h, s.multiplier, s.activation, s.dilation_w,
          s.dilation_h)
          .Union());
}

testing::MacOpCase Case(const DepthwiseSpec& s) {
  testing::MacOpCase c;
  c.op = schema::BuiltinOperator_DEPTHWISE_CONV_2D;
  c.input_shape = s.input_shape();
  c.filter_shape = s.filter_shape();
  c.output_shape = s.output_shape();
  c.channel_dim = 3;
  c.bias = s.bias;
  c.activation = s.activation;
  c.set_options = [s](SingleOpModel& m) { SetOptions(m, s); };
  c.reference = [s](const std::vector<double>& in,
                    const std::vector<double>& filter,
                    const std::vector<double>& bias) {
    return NaiveDepthwise(s, in, filter, bias);
  };
  return c;
}

void CheckFloat(const DepthwiseSpec& s, uint32_t seed) {
  testing::CheckMacOpFloat(Case(s), seed);
}

void CheckInt8(const DepthwiseSpec& s, bool per_channel, uint32_t seed) {
  testing::CheckMacOpInt8(Case(s), {0.02f, -9}, per_channel, seed);
}

void CheckInt16(const DepthwiseSpec& s, bool per_channel, uint32_t seed) {
  testing::CheckMacOpInt16(Case(s), 0.0003f, per_channel, seed);
}

DepthwiseSpec Multiplied() {
  DepthwiseSpec s;
  s.in_h = 7;
  s.in_w = 7;
  s.multiplier = 3;
  s.stride_h = 2;
  s.stride_w = 2;
  s.same = false;
  s.bias = false;
  s.activation = schema::ActivationFunctionType_RELU6;
  return s;
}

DepthwiseSpec Dilated() {
  DepthwiseSpec s;
  s.batches = 2;
  s.in_h = 8;
  s.in_w = 9;
  s.in_c = 4;
  s.multiplier = 2;
  s.k_h = 3;
  s.k_w = 2;
  s.dilation_h = 2;
  s.dilation_w = 3;
  s.stride_h = 2;
  s.activation = schema::ActivationFunctionType_RELU;
  return s;
}

DepthwiseSpec Wide() {
  // More channels than TFLite's 32-channel accumulation blocks.
  DepthwiseSpec s;
  s.in_h = 4;
  s.in_w = 4;
  s.in_c = 40;
  s.activation = schema::ActivationFunctionType_RELU_N1_TO_1;
  return s;
}

TFM_TEST(FloatSameWithBias) { CheckFloat(DepthwiseSpec(), 1); }
TFM_TEST(FloatMultiplierValidStridedRelu6) { CheckFloat(Multiplied(), 2); }
TFM_TEST(FloatDilatedBatchedRelu) { CheckFloat(Dilated(), 3); }
TFM_TEST(FloatWideReluN1To1) { CheckFloat(Wide(), 4); }

TFM_TEST(Int8PerChannelSame) { CheckInt8(DepthwiseSpec(), true, 11); }
TFM_TEST(Int8PerChannelMultiplierValidStridedRelu6) {
  CheckInt8(Multiplied(), true, 12);
}
TFM_TEST(Int8PerChannelDilatedBatchedRelu) { CheckInt8(Dilated(), true, 13); }
TFM_TEST(Int8PerTensorWide) { CheckInt8(Wide(), false, 14); }

TFM_TEST(Int16PerChannelSame) { CheckInt16(DepthwiseSpec(), true, 21); }
TFM_TEST(Int16PerChannelMultiplierValidStridedRelu6) {
  CheckInt16(Multiplied(), true, 22);
}
TFM_TEST(Int16PerTensorDilatedBatchedRelu) {
  CheckInt16(Dilated(), false, 23);
}

// A valid int8 3x3 depthwise conv (1x4x4x2 -> 1x4x4x4, multiplier 2) whose
// parts a test can break.
struct Int8Model {
  static constexpr schema::BuiltinOperator kOp =
      schema::BuiltinOperator_DEPTHWISE_CONV_2D;

  DataType input_type = DataType::kInt8;
  std::vector<int32_t> filter_shape = {1, 3, 3, 4};
  std::vector<int32_t> output_shape = {1, 4, 4, 4};
  int bias_size = 4;
  QuantSpec filter_quant{{0.1f, 0.2f, 0.3f, 0.4f}, {0, 0, 0, 0}, 3};
  int stride = 1;
  schema::ActivationFunctionType activation =
      schema::ActivationFunctionType_NONE;

  Status Build(SingleOpModel& m) const {
    m.AddInput(input_type, {1, 4, 4, 2}, 0.5f, 0);
    m.AddConstInput<int8_t>(
        DataType::kInt8, filter_shape,
        std::vector<int8_t>(testing::ElementCount(filter_shape), 1),
        filter_quant);
    m.AddConstInput<int32_t>(DataType::kInt32, {bias_size},
                             std::vector<int32_t>(bias_size, 0));
    m.AddOutput(DataType::kInt8, output_shape, 0.25f, 0);
    m.SetOptions(schema::BuiltinOptions_DepthwiseConv2DOptions,
                 schema::CreateDepthwiseConv2DOptions(
                     m.builder(), schema::Padding_SAME, stride, stride,
                     /*depth_multiplier=*/2, activation)
                     .Union());
    return m.Build();
  }
};

TFM_TEST(AcceptsTheValidBaseModel) { ExpectAccepted(Int8Model()); }

TFM_TEST(RejectsInt16InputWithInt8Output) {
  Int8Model model;
  model.input_type = DataType::kInt16;
  ExpectRejected(model,
                 "output type INT8 not supported with INT16 input (expected "
                 "INT16)");
}

TFM_TEST(RejectsFilterWithLeadingDimension) {
  Int8Model model;
  model.filter_shape = {2, 3, 3, 4};
  ExpectRejected(model, "filter must have shape [1, KH, KW, C_out]");
}

TFM_TEST(RejectsOutputChannelsNotMultipleOfInput) {
  Int8Model model;
  model.filter_shape = {1, 3, 3, 3};
  model.filter_quant = QuantSpec{{0.1f, 0.2f, 0.3f}, {0, 0, 0}, 3};
  model.output_shape = {1, 4, 4, 3};
  model.bias_size = 3;
  ExpectRejected(model,
                 "filter has 3 output channels, not a multiple of "
                 "the input's 2 channels");
}

TFM_TEST(RejectsPerChannelOnWrongDimension) {
  Int8Model model;
  model.filter_shape = {1, 4, 3, 4};
  model.filter_quant = QuantSpec{{0.1f, 0.2f, 0.3f, 0.4f}, {0, 0, 0, 0}, 1};
  ExpectRejected(model,
                 "filter must be per-channel quantized on dimension "
                 "3 (the output channels), got dimension 1");
}

TFM_TEST(RejectsBiasOfWrongSize) {
  Int8Model model;
  model.bias_size = 2;
  ExpectRejected(model, "bias has 2 elements (expected 4");
}

TFM_TEST(RejectsWrongOutputShape) {
  Int8Model model;
  model.stride = 2;
  ExpectRejected(model,
                 "output shape [1, 4, 4, 4] does not match the "
                 "expected [1, 2, 2, 4]");
}

TFM_TEST(RejectsTanhActivation) {
  Int8Model model;
  model.activation = schema::ActivationFunctionType_TANH;
  ExpectRejected(model, "fused activation 4 is not supported");
}

}  // namespace
}  // namespace tfmicro

TFM_TEST_MAIN()
