// CONV_2D: float results against a naive double-precision convolution,
// int8 results within one quantization step of the same real-valued math,
// and prepare's rejections. Bit-exactness against TFLite is proven by
// python/tests/conformance/test_conv.py.
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

struct ConvSpec : testing::Conv2DShape {
  schema::ActivationFunctionType activation =
      schema::ActivationFunctionType_NONE;
  bool bias = true;
};

void SetOptions(SingleOpModel& m, const ConvSpec& s) {
  m.SetOptions(
      schema::BuiltinOptions_Conv2DOptions,
      schema::CreateConv2DOptions(
          m.builder(), s.same ? schema::Padding_SAME : schema::Padding_VALID,
          s.stride_w, s.stride_h, s.activation, s.dilation_w, s.dilation_h)
          .Union());
}

testing::MacOpCase Case(const ConvSpec& s) {
  testing::MacOpCase c;
  c.op = schema::BuiltinOperator_CONV_2D;
  c.input_shape = s.input_shape();
  c.filter_shape = s.filter_shape();
  c.output_shape = s.output_shape();
  c.channel_dim = 0;
  c.bias = s.bias;
  c.activation = s.activation;
  c.set_options = [s](SingleOpModel& m) { SetOptions(m, s); };
  c.reference = [s](const std::vector<double>& in,
                    const std::vector<double>& filter,
                    const std::vector<double>& bias) {
    return testing::NaiveConv2D(s, in, filter, bias);
  };
  return c;
}

void CheckFloat(const ConvSpec& s, uint32_t seed) {
  testing::CheckMacOpFloat(Case(s), seed);
}

void CheckInt8(const ConvSpec& s, bool per_channel, uint32_t seed) {
  testing::CheckMacOpInt8(Case(s), {0.03f, 7}, per_channel, seed);
}

void CheckInt16(const ConvSpec& s, bool per_channel, uint32_t seed) {
  testing::CheckMacOpInt16(Case(s), 0.0004f, per_channel, seed);
}

ConvSpec Strided() {
  ConvSpec s;
  s.in_h = 7;
  s.in_w = 6;
  s.stride_h = 2;
  s.stride_w = 2;
  s.same = false;
  s.bias = false;
  s.activation = schema::ActivationFunctionType_RELU6;
  return s;
}

ConvSpec Dilated() {
  ConvSpec s;
  s.batches = 2;
  s.in_h = 8;
  s.in_w = 7;
  s.k_h = 2;
  s.k_w = 3;
  s.dilation_h = 2;
  s.dilation_w = 3;
  s.stride_w = 2;
  s.activation = schema::ActivationFunctionType_RELU;
  return s;
}

ConvSpec Grouped() {
  ConvSpec s;
  s.in_c = 6;
  s.out_c = 4;
  s.groups = 2;
  s.activation = schema::ActivationFunctionType_RELU_N1_TO_1;
  return s;
}

ConvSpec Pointwise() {
  ConvSpec s;
  s.k_h = 1;
  s.k_w = 1;
  s.in_c = 8;
  s.out_c = 5;
  return s;
}

TFM_TEST(FloatSameWithBias) { CheckFloat(ConvSpec(), 1); }
TFM_TEST(FloatValidStridedNoBiasRelu6) { CheckFloat(Strided(), 2); }
TFM_TEST(FloatDilatedBatchedRelu) { CheckFloat(Dilated(), 3); }
TFM_TEST(FloatGroupedReluN1To1) { CheckFloat(Grouped(), 4); }
TFM_TEST(FloatPointwise) { CheckFloat(Pointwise(), 5); }

TFM_TEST(Int8PerChannelSame) { CheckInt8(ConvSpec(), true, 11); }
TFM_TEST(Int8PerChannelValidStridedNoBiasRelu6) {
  CheckInt8(Strided(), true, 12);
}
TFM_TEST(Int8PerChannelDilatedBatchedRelu) { CheckInt8(Dilated(), true, 13); }
TFM_TEST(Int8PerChannelGrouped) { CheckInt8(Grouped(), true, 14); }
TFM_TEST(Int8PerTensorPointwise) { CheckInt8(Pointwise(), false, 15); }

TFM_TEST(Int16PerChannelSame) { CheckInt16(ConvSpec(), true, 21); }
TFM_TEST(Int16PerChannelValidStridedNoBiasRelu6) {
  CheckInt16(Strided(), true, 22);
}
TFM_TEST(Int16PerChannelGrouped) { CheckInt16(Grouped(), true, 23); }
TFM_TEST(Int16PerTensorDilatedBatchedRelu) {
  CheckInt16(Dilated(), false, 24);
}

// A valid int8 3x3 conv (1x4x4x2 -> 1x4x4x3) whose parts a test can break.
struct Int8Model {
  static constexpr schema::BuiltinOperator kOp =
      schema::BuiltinOperator_CONV_2D;

  DataType input_type = DataType::kInt8;
  DataType output_type = DataType::kInt8;
  DataType bias_type = DataType::kInt32;
  std::vector<int32_t> filter_shape = {3, 3, 3, 2};
  std::vector<int32_t> output_shape = {1, 4, 4, 3};
  int bias_size = 3;
  QuantSpec filter_quant{{0.1f, 0.2f, 0.3f}, {0, 0, 0}, 0};
  float input_scale = 0.5f;
  bool options = true;
  schema::Padding padding = schema::Padding_SAME;
  int stride = 1;
  schema::ActivationFunctionType activation =
      schema::ActivationFunctionType_NONE;

  Status Build(SingleOpModel& m) const {
    m.AddInput(input_type, {1, 4, 4, 2}, input_scale, 0);
    std::vector<int8_t> filter(testing::ElementCount(filter_shape), 1);
    m.AddConstInput<int8_t>(DataType::kInt8, filter_shape, filter,
                            filter_quant);
    if (bias_type == DataType::kInt32) {
      m.AddConstInput<int32_t>(bias_type, {bias_size},
                               std::vector<int32_t>(bias_size, 0));
    } else {
      m.AddConstInput<float>(bias_type, {bias_size},
                             std::vector<float>(bias_size, 0.f));
    }
    m.AddOutput(output_type, output_shape, 0.25f, 0);
    if (options) {
      m.SetOptions(schema::BuiltinOptions_Conv2DOptions,
                   schema::CreateConv2DOptions(m.builder(), padding, stride,
                                               stride, activation)
                       .Union());
    }
    return m.Build();
  }
};

TFM_TEST(AcceptsTheValidBaseModel) { ExpectAccepted(Int8Model()); }

TFM_TEST(RejectsInt32Input) {
  Int8Model model;
  model.input_type = DataType::kInt32;
  ExpectRejected(model,
                 "input type INT32 not supported (expected FLOAT32, INT8 or "
                 "INT16)");
}

TFM_TEST(RejectsInt32BiasWithInt16WithoutQuantizedBiasType) {
  Int8Model model;
  model.input_type = DataType::kInt16;
  model.output_type = DataType::kInt16;
  ExpectRejected(model, "bias type INT32 not supported (expected INT64)");
}

TFM_TEST(RejectsOutputTypeMismatch) {
  Int8Model model;
  model.output_type = DataType::kFloat32;
  ExpectRejected(model, "output type FLOAT32 not supported with INT8 input");
}

TFM_TEST(RejectsFloatBiasWithInt8) {
  Int8Model model;
  model.bias_type = DataType::kFloat32;
  ExpectRejected(model, "bias type FLOAT32 not supported (expected INT32)");
}

TFM_TEST(RejectsBiasOfWrongSize) {
  Int8Model model;
  model.bias_size = 2;
  ExpectRejected(model, "bias has 2 elements (expected 3");
}

TFM_TEST(RejectsPerChannelOnInputChannels) {
  Int8Model model;
  model.filter_quant = QuantSpec{{0.1f, 0.2f}, {0, 0}, 3};
  ExpectRejected(model,
                 "filter must be per-channel quantized on dimension "
                 "0 (the output channels), got dimension 3");
}

TFM_TEST(RejectsPerChannelOnWrongDimension) {
  Int8Model model;
  model.filter_shape = {3, 3, 3, 2};
  model.filter_quant = QuantSpec{{0.1f, 0.2f, 0.3f}, {0, 0, 0}, 1};
  ExpectRejected(model, "per-channel quantized on dimension 0");
}

TFM_TEST(RejectsAsymmetricFilter) {
  Int8Model model;
  model.filter_quant = QuantSpec{{0.1f, 0.2f, 0.3f}, {0, 4, 0}, 0};
  ExpectRejected(model, "filter zero point of channel 1 is 4");
}

TFM_TEST(RejectsUnquantizedInput) {
  Int8Model model;
  model.input_scale = 0.f;
  ExpectRejected(model, "input is not quantized");
}

TFM_TEST(RejectsWrongOutputShape) {
  Int8Model model;
  model.output_shape = {1, 4, 4, 2};
  ExpectRejected(model,
                 "output shape [1, 4, 4, 2] does not match the "
                 "expected [1, 4, 4, 3]");
}

TFM_TEST(RejectsChannelMismatch) {
  Int8Model model;
  model.filter_shape = {3, 3, 3, 3};
  ExpectRejected(model,
                 "input has 2 channels, not a multiple of the "
                 "filter's 3 input channels");
}

TFM_TEST(RejectsFilterOfWrongRank) {
  Int8Model model;
  model.filter_shape = {3, 3, 2};
  ExpectRejected(model, "filter must have rank 4, got 3");
}

TFM_TEST(RejectsMissingOptions) {
  Int8Model model;
  model.options = false;
  ExpectRejected(model, "strides must be positive");
}

TFM_TEST(RejectsTanhActivation) {
  Int8Model model;
  model.activation = schema::ActivationFunctionType_TANH;
  ExpectRejected(model, "fused activation 4 is not supported");
}

TFM_TEST(RejectsValidWindowLargerThanInput) {
  Int8Model model;
  model.filter_shape = {3, 5, 5, 2};
  model.padding = schema::Padding_VALID;
  ExpectRejected(model, "does not fit the 4x4 input");
}

}  // namespace
}  // namespace tfmicro

TFM_TEST_MAIN()
