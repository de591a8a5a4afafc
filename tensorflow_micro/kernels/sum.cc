// SUM over constant axes (see reduce_common.h), with ReducerOptions.keep_dims.
//
// FLOAT32 adds in float in input order, as TFLite. For the quantized types
// TFLite's reference kernel is wrong (ai-edge-litert 2.3: it reads INT8 as
// UINT8, saturating every negative sum to -1, and adds INT16 raw values
// without rescaling), so these follow TFLite's optimized kernel, the one
// its users run:
//   INT8: zp_out + round(sum * s - zp_in * s * count) with s = in_scale /
//         out_scale in float, saturated.
//   INT16 (zero points 0): the int32 sum requantized with in_scale /
//         out_scale in fixed point, as MEAN.
// INT32 and INT64 add in the element type, wrapping, as TFLite; BOOL adds
// in bool (any element true).
#include <cmath>
#include <cstdint>

#include "tensorflow_micro/kernels/internal/quantization_util.h"
#include "tensorflow_micro/kernels/reduce_common.h"
#include "tensorflow_micro/kernels/reference_kernels.h"

namespace tfmicro {
namespace {

constexpr int kInputTensor = 0;
constexpr int kOutputTensor = 0;

Status Prepare(OpContext& context) {
  return PrepareSumOrMean(context, /*mean=*/false,
                          kReduceNumericAndBoolTypes);
}

void SumInt8(const ReduceOpData& data, const Tensor* input, Tensor* output) {
  const int8_t* in = input->data_as<int8_t>();
  int8_t* out = output->data_as<int8_t>();
  if (data.reduced_count == 0) {
    for (int64_t i = 0; i < data.num_outputs; ++i) out[i] = 0;
    return;
  }
  const float scale = input->scale() / output->scale();
  const float bias = static_cast<float>(-data.input_zero_point) * scale *
                     static_cast<float>(data.reduced_count);
  ReduceEach(
      data, in, int32_t{0}, [](int32_t acc, int8_t x) { return acc + x; },
      [&](int64_t i, int32_t sum) {
        // Two statements: the product is rounded before the addition (no
        // fused multiply-add), as in TFLite.
        const float scaled = static_cast<float>(sum) * scale;
        const float value = std::round(scaled + bias) +
                            static_cast<float>(data.output_zero_point);
        out[i] = static_cast<int8_t>(Clamp(value, -128.f, 127.f));
      });
}

Status Eval(OpContext& context) {
  const auto& data = *static_cast<const ReduceOpData*>(context.op_data());
  const Tensor* input = context.input(kInputTensor);
  Tensor* output = context.output(kOutputTensor);
  switch (input->type) {
    case DataType::kFloat32: {
      float* out = output->data_as<float>();
      ReduceEach(
          data, input->data_as<float>(), 0.f,
          [](float acc, float x) { return acc + x; },
          [&](int64_t i, float sum) { out[i] = sum; });
      break;
    }
    case DataType::kInt8:
      SumInt8(data, input, output);
      break;
    case DataType::kBool:
      ReduceBool(data, input, /*any=*/true, output);
      break;
    default:
      EvalWideSumOrMean(data, input, /*mean=*/false, output);
      break;
  }
  return Status::kOk;
}

}  // namespace

const KernelRegistration& Register_SUM() {
  static const KernelRegistration r = {nullptr, Prepare, Eval, nullptr};
  return r;
}

}  // namespace tfmicro
