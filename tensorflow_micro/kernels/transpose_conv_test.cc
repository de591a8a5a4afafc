// TRANSPOSE_CONV: float results against a naive double-precision scatter,
// int8 and 16x8 results within one quantization step of the same real-valued
// math, and prepare's rejections. Bit-exactness against TFLite is proven by
// python/tests/conformance/test_transpose_conv.py.
#include <algorithm>
#include <cstdint>
#include <vector>

#include "tensorflow_micro/testing/kernel_test_util.h"
#include "tensorflow_micro/testing/micro_test.h"
#include "tensorflow_micro/testing/single_op_model.h"

namespace tfmicro {
namespace {

using testing::ExpectAccepted;
using testing::ExpectRejected;
using testing::SingleOpModel;

struct TransposeConvSpec {
  int batches = 1;
  int in_h = 3;
  int in_w = 4;
  int in_c = 3;
  int out_h = 6;
  int out_w = 8;
  int out_c = 4;
  int k_h = 3;
  int k_w = 3;
  int stride_h = 2;
  int stride_w = 2;
  bool same = true;
  bool bias = true;
  schema::ActivationFunctionType activation =
      schema::ActivationFunctionType_NONE;

  // Padding as CONV_2D would pad an input of the output's size.
  int Pad(int size, int k, int stride) const {
    const int conv_out =
        same ? (size + stride - 1) / stride : (size + stride - k) / stride;
    return std::max(0, (conv_out - 1) * stride + k - size) / 2;
  }
};

// out[b, y*s - pad + fy, x*s - pad + fx, oc] += in[b, y, x, ic] *
// filter[oc, fy, fx, ic], plus the bias.
std::vector<double> NaiveTransposeConv(const TransposeConvSpec& s,
                                       const std::vector<double>& in,
                                       const std::vector<double>& filter,
                                       const std::vector<double>& bias) {
  std::vector<double> out(s.batches * s.out_h * s.out_w * s.out_c, 0.0);
  const int pad_h = s.Pad(s.out_h, s.k_h, s.stride_h);
  const int pad_w = s.Pad(s.out_w, s.k_w, s.stride_w);
  for (int b = 0; b < s.batches; ++b) {
    for (int y = 0; y < s.in_h; ++y) {
      for (int x = 0; x < s.in_w; ++x) {
        for (int ic = 0; ic < s.in_c; ++ic) {
          const double v = in[((b * s.in_h + y) * s.in_w + x) * s.in_c + ic];
          for (int fy = 0; fy < s.k_h; ++fy) {
            for (int fx = 0; fx < s.k_w; ++fx) {
              const int oy = y * s.stride_h - pad_h + fy;
              const int ox = x * s.stride_w - pad_w + fx;
              if (oy < 0 || oy >= s.out_h || ox < 0 || ox >= s.out_w) continue;
              for (int oc = 0; oc < s.out_c; ++oc) {
                out[((b * s.out_h + oy) * s.out_w + ox) * s.out_c + oc] +=
                    v * filter[((oc * s.k_h + fy) * s.k_w + fx) * s.in_c + ic];
              }
            }
          }
        }
      }
    }
  }
  if (!bias.empty()) {
    for (size_t i = 0; i < out.size(); ++i) out[i] += bias[i % s.out_c];
  }
  return out;
}

void SetOptions(SingleOpModel& m, const TransposeConvSpec& s) {
  m.SetOptions(schema::BuiltinOptions_TransposeConvOptions,
               schema::CreateTransposeConvOptions(
                   m.builder(),
                   s.same ? schema::Padding_SAME : schema::Padding_VALID,
                   s.stride_w, s.stride_h, s.activation)
                   .Union());
}

testing::MacOpCase Case(const TransposeConvSpec& s) {
  testing::MacOpCase c;
  c.op = schema::BuiltinOperator_TRANSPOSE_CONV;
  c.input_shape = {s.batches, s.in_h, s.in_w, s.in_c};
  c.filter_shape = {s.out_c, s.k_h, s.k_w, s.in_c};
  c.output_shape = {s.batches, s.out_h, s.out_w, s.out_c};
  c.channel_dim = 0;
  c.bias = s.bias;
  c.activation = s.activation;
  c.output_shape_first = true;
  c.set_options = [s](SingleOpModel& m) { SetOptions(m, s); };
  c.reference = [s](const std::vector<double>& in,
                    const std::vector<double>& filter,
                    const std::vector<double>& bias) {
    return NaiveTransposeConv(s, in, filter, bias);
  };
  return c;
}

TransposeConvSpec ValidStrided() {
  TransposeConvSpec s;
  s.batches = 2;
  s.in_h = 3;
  s.in_w = 2;
  s.out_h = 8;
  s.out_w = 7;
  s.k_h = 4;
  s.k_w = 3;
  s.stride_h = 2;
  s.stride_w = 3;
  s.same = false;
  s.activation = schema::ActivationFunctionType_RELU;
  return s;
}

TransposeConvSpec Unstrided() {
  TransposeConvSpec s;
  s.in_h = 5;
  s.in_w = 5;
  s.out_h = 5;
  s.out_w = 5;
  s.k_h = 2;
  s.k_w = 2;
  s.stride_h = 1;
  s.stride_w = 1;
  s.bias = false;
  s.activation = schema::ActivationFunctionType_RELU6;
  return s;
}

TFM_TEST(FloatSameStride2) {
  testing::CheckMacOpFloat(Case(TransposeConvSpec()), 1);
}
TFM_TEST(FloatValidStridesRelu) {
  testing::CheckMacOpFloat(Case(ValidStrided()), 2);
}
TFM_TEST(FloatUnstridedNoBiasRelu6) {
  testing::CheckMacOpFloat(Case(Unstrided()), 3);
}
TFM_TEST(Int8PerChannelSame) {
  testing::CheckMacOpInt8(Case(TransposeConvSpec()), {0.03f, 5}, true, 11);
}
TFM_TEST(Int8PerTensorValidStridesRelu) {
  testing::CheckMacOpInt8(Case(ValidStrided()), {0.02f, -7}, false, 12);
}
TFM_TEST(Int16PerChannelSame) {
  testing::CheckMacOpInt16(Case(TransposeConvSpec()), 0.0004f, true, 21);
}
TFM_TEST(Int16PerChannelUnstridedNoBias) {
  testing::CheckMacOpInt16(Case(Unstrided()), 0.0003f, true, 22);
}

// A valid float model whose parts a test can break.
struct FloatModel {
  static constexpr schema::BuiltinOperator kOp =
      schema::BuiltinOperator_TRANSPOSE_CONV;
  std::vector<int32_t> output_shape_values = {1, 4, 4, 2};
  DataType shape_type = DataType::kInt32;
  std::vector<int32_t> filter_shape = {2, 3, 3, 3};
  std::vector<int32_t> output_shape = {1, 4, 4, 2};
  int stride = 2;

  Status Build(SingleOpModel& m) const {
    if (shape_type == DataType::kInt32) {
      m.AddConstInput<int32_t>(shape_type, {4}, output_shape_values);
    } else {
      m.AddConstInput<float>(shape_type, {4}, {1.f, 4.f, 4.f, 2.f});
    }
    m.AddConstInput<float>(
        DataType::kFloat32, filter_shape,
        std::vector<float>(testing::ElementCount(filter_shape), 0.5f));
    m.AddInput(DataType::kFloat32, {1, 2, 2, 3});
    m.AddOutput(DataType::kFloat32, output_shape);
    m.SetOptions(schema::BuiltinOptions_TransposeConvOptions,
                 schema::CreateTransposeConvOptions(
                     m.builder(), schema::Padding_SAME, stride, stride)
                     .Union());
    return m.Build();
  }
};

TFM_TEST(AcceptsTheValidBaseModel) { ExpectAccepted(FloatModel()); }

TFM_TEST(RejectsFloatOutputShape) {
  FloatModel model;
  model.shape_type = DataType::kFloat32;
  ExpectRejected(model, "output_shape must be an INT32 tensor of 4 values");
}

TFM_TEST(RejectsOutputShapeMismatch) {
  FloatModel model;
  model.output_shape_values = {1, 5, 4, 2};
  ExpectRejected(model, "output_shape [1, 5, 4, 2] differs from the output's "
                        "shape [1, 4, 4, 2]");
}

TFM_TEST(RejectsChannelMismatch) {
  FloatModel model;
  model.filter_shape = {2, 3, 3, 4};
  ExpectRejected(model, "input has 3 channels, the filter 4");
}

TFM_TEST(RejectsZeroStride) {
  FloatModel model;
  model.stride = 0;
  ExpectRejected(model, "strides must be positive, got 0 x 0");
}

}  // namespace
}  // namespace tfmicro

TFM_TEST_MAIN()
