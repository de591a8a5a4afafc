// FULLY_CONNECTED: float results against a naive double-precision matrix
// product, int8 results within one quantization step of the same real-valued
// math, and prepare's rejections. Bit-exactness against TFLite is proven by
// python/tests/conformance/test_fully_connected.py.
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

struct FcSpec {
  std::vector<int32_t> input_shape = {3, 10};
  int units = 4;
  int depth = 10;
  std::vector<int32_t> output_shape = {3, 4};
  bool keep_num_dims = false;
  schema::ActivationFunctionType activation =
      schema::ActivationFunctionType_NONE;
  bool bias = true;

  std::vector<int32_t> filter_shape() const { return {units, depth}; }
};

// out[b][u] = bias[u] + sum_d in[b][d] * filter[u][d], no activation: a
// 1x1 convolution of `batches` pixels with `depth` channels.
std::vector<double> NaiveFc(const FcSpec& s, const std::vector<double>& in,
                            const std::vector<double>& filter,
                            const std::vector<double>& bias) {
  testing::Conv2DShape conv;
  conv.batches = static_cast<int>(in.size()) / s.depth;
  conv.in_h = 1;
  conv.in_w = 1;
  conv.in_c = s.depth;
  conv.out_c = s.units;
  conv.k_h = 1;
  conv.k_w = 1;
  return testing::NaiveConv2D(conv, in, filter, bias);
}

void SetOptions(SingleOpModel& m, const FcSpec& s) {
  m.SetOptions(
      schema::BuiltinOptions_FullyConnectedOptions,
      schema::CreateFullyConnectedOptions(
          m.builder(), s.activation,
          schema::FullyConnectedOptionsWeightsFormat_DEFAULT, s.keep_num_dims)
          .Union());
}

testing::MacOpCase Case(const FcSpec& s) {
  testing::MacOpCase c;
  c.op = schema::BuiltinOperator_FULLY_CONNECTED;
  c.input_shape = s.input_shape;
  c.filter_shape = s.filter_shape();
  c.output_shape = s.output_shape;
  c.channel_dim = 0;
  c.bias = s.bias;
  c.activation = s.activation;
  c.set_options = [s](SingleOpModel& m) { SetOptions(m, s); };
  c.reference = [s](const std::vector<double>& in,
                    const std::vector<double>& filter,
                    const std::vector<double>& bias) {
    return NaiveFc(s, in, filter, bias);
  };
  return c;
}

void CheckFloat(const FcSpec& s, uint32_t seed) {
  testing::CheckMacOpFloat(Case(s), seed);
}

// per_channel: one symmetric scale per unit; otherwise one scale and a
// non-zero filter zero point, which per-tensor FULLY_CONNECTED applies.
void CheckInt8(const FcSpec& s, bool per_channel, uint32_t seed) {
  testing::CheckMacOpInt8(Case(s), {0.025f, 12, -3}, per_channel, seed);
}

void CheckInt16(const FcSpec& s, bool per_channel, uint32_t seed) {
  testing::CheckMacOpInt16(Case(s), 0.0005f, per_channel, seed);
}

FcSpec KeepNumDims() {
  FcSpec s;
  s.input_shape = {2, 3, 6};
  s.depth = 6;
  s.units = 5;
  s.output_shape = {2, 3, 5};
  s.keep_num_dims = true;
  s.bias = false;
  s.activation = schema::ActivationFunctionType_RELU;
  return s;
}

FcSpec Flattened() {
  // [2, 2, 2, 3] holds 24 values: 4 rows of the filter's 6 columns.
  FcSpec s;
  s.input_shape = {2, 2, 2, 3};
  s.depth = 6;
  s.units = 7;
  s.output_shape = {4, 7};
  s.activation = schema::ActivationFunctionType_RELU6;
  return s;
}

FcSpec Deep() {
  FcSpec s;
  s.input_shape = {1, 300};
  s.depth = 300;
  s.units = 9;
  s.output_shape = {1, 9};
  s.activation = schema::ActivationFunctionType_RELU_N1_TO_1;
  return s;
}

TFM_TEST(FloatWithBias) { CheckFloat(FcSpec(), 1); }
TFM_TEST(FloatKeepNumDimsNoBiasRelu) { CheckFloat(KeepNumDims(), 2); }
TFM_TEST(FloatFlattenedRelu6) { CheckFloat(Flattened(), 3); }
TFM_TEST(FloatDeepReluN1To1) { CheckFloat(Deep(), 4); }

TFM_TEST(Int8PerChannel) { CheckInt8(FcSpec(), true, 11); }
TFM_TEST(Int8PerTensorWithFilterZeroPoint) { CheckInt8(FcSpec(), false, 12); }
TFM_TEST(Int8KeepNumDimsNoBiasRelu) { CheckInt8(KeepNumDims(), true, 13); }
TFM_TEST(Int8FlattenedRelu6) { CheckInt8(Flattened(), false, 14); }
TFM_TEST(Int8Deep) { CheckInt8(Deep(), true, 15); }

TFM_TEST(Int16PerChannel) { CheckInt16(FcSpec(), true, 21); }
TFM_TEST(Int16PerTensorKeepNumDimsNoBiasRelu) {
  CheckInt16(KeepNumDims(), false, 22);
}
TFM_TEST(Int16Deep) { CheckInt16(Deep(), true, 23); }

// A valid int8 FULLY_CONNECTED ([2, 4] x [3, 4] -> [2, 3]) whose parts a
// test can break.
struct Int8Model {
  static constexpr schema::BuiltinOperator kOp =
      schema::BuiltinOperator_FULLY_CONNECTED;

  DataType input_type = DataType::kInt8;
  DataType filter_type = DataType::kInt8;
  std::vector<int32_t> input_shape = {2, 4};
  std::vector<int32_t> filter_shape = {3, 4};
  std::vector<int32_t> output_shape = {2, 3};
  QuantSpec filter_quant{{0.1f, 0.2f, 0.3f}, {0, 0, 0}, 0};
  bool keep_num_dims = false;
  schema::FullyConnectedOptionsWeightsFormat format =
      schema::FullyConnectedOptionsWeightsFormat_DEFAULT;
  schema::ActivationFunctionType activation =
      schema::ActivationFunctionType_NONE;
  float output_scale = 0.25f;

  Status Build(SingleOpModel& m) const {
    const bool quantized = input_type != DataType::kFloat32;
    m.AddInput(input_type, input_shape, quantized ? 0.5f : 0.f, 0);
    m.AddConstInput<int8_t>(
        filter_type, filter_shape,
        std::vector<int8_t>(testing::ElementCount(filter_shape), 1),
        filter_quant);
    m.AddOptionalInput();
    m.AddOutput(input_type, output_shape, quantized ? output_scale : 0.f, 0);
    m.SetOptions(schema::BuiltinOptions_FullyConnectedOptions,
                 schema::CreateFullyConnectedOptions(m.builder(), activation,
                                                     format, keep_num_dims)
                     .Union());
    return m.Build();
  }
};

TFM_TEST(AcceptsTheValidBaseModel) { ExpectAccepted(Int8Model()); }

// Found by the fuzzer: over an output scale of 1e-38 the RELU6 bound
// 6 / scale is far past int32, and converting it to int32 was undefined;
// the bound saturates now.
TFM_TEST(Relu6BoundOverATinyOutputScaleSaturates) {
  Int8Model model;
  model.activation = schema::ActivationFunctionType_RELU6;
  model.output_scale = 1e-38f;
  ExpectAccepted(model);
}

TFM_TEST(RejectsShuffledWeights) {
  Int8Model model;
  model.format = schema::FullyConnectedOptionsWeightsFormat_SHUFFLED4x16INT8;
  ExpectRejected(model,
                 "weights_format SHUFFLED4x16INT8 not supported (only "
                 "DEFAULT)");
}

TFM_TEST(RejectsHybridFloatInputInt8Filter) {
  Int8Model model;
  model.input_type = DataType::kFloat32;
  ExpectRejected(model,
                 "filter type INT8 not supported with FLOAT32 input "
                 "(expected FLOAT32)");
}

TFM_TEST(AcceptsInt16InputWithoutBias) {
  Int8Model model;
  model.input_type = DataType::kInt16;
  ExpectAccepted(model);
}

TFM_TEST(RejectsInt32Input) {
  Int8Model model;
  model.input_type = DataType::kInt32;
  ExpectRejected(model,
                 "input type INT32 not supported (expected FLOAT32, INT8 or "
                 "INT16)");
}

TFM_TEST(RejectsFilterOfWrongRank) {
  Int8Model model;
  model.filter_shape = {3, 2, 2};
  ExpectRejected(model, "filter must have rank 2, got 3");
}

TFM_TEST(RejectsInputNotMultipleOfColumns) {
  Int8Model model;
  model.input_shape = {2, 5};
  ExpectRejected(model,
                 "input holds 10 values, not a multiple of the "
                 "filter's 4 columns");
}

TFM_TEST(RejectsWrongOutputShape) {
  Int8Model model;
  model.output_shape = {1, 3};
  ExpectRejected(model, "output holds 3 values, expected [2, 3]");
}

TFM_TEST(RejectsKeepNumDimsWithFlattenedOutput) {
  Int8Model model;
  model.input_shape = {1, 2, 4};
  model.keep_num_dims = true;
  ExpectRejected(model,
                 "with keep_num_dims the output must have the "
                 "input's rank 3, got 2");
}

TFM_TEST(RejectsAsymmetricPerChannelFilter) {
  Int8Model model;
  model.filter_quant = QuantSpec{{0.1f, 0.2f, 0.3f}, {0, 0, 5}, 0};
  ExpectRejected(model, "filter zero point of channel 2 is 5");
}

TFM_TEST(RejectsTanhActivation) {
  Int8Model model;
  model.activation = schema::ActivationFunctionType_TANH;
  ExpectRejected(model, "fused activation 4 is not supported");
}

}  // namespace
}  // namespace tfmicro

TFM_TEST_MAIN()
