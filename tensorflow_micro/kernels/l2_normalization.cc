// L2_NORMALIZATION over the last dimension: out = x / max(||x||, 1e-6).
//
// As TFLite's reference kernel: FLOAT32 sums the squares in float; INT8
// sums (x - zp)^2 in int32, takes TFLite's fixed-point inverse square root
// of the sum and requantizes onto the fixed output scale 1/128 (zero point
// 0). TFLite supports no fused activation here, and input rank <= 4.
#include <cmath>
#include <cstdint>

#include "tensorflow_micro/kernels/internal/fixed_point.h"
#include "tensorflow_micro/kernels/internal/quantization_util.h"
#include "tensorflow_micro/kernels/internal/tensor_util.h"
#include "tensorflow_micro/kernels/reference_kernels.h"
#include "tensorflow_micro/schema/schema_generated.h"

namespace tfmicro {
namespace {

constexpr int kInputTensor = 0;
constexpr int kOutputTensor = 0;
constexpr float kEpsilon = 1e-6f;
constexpr int kOutputShift = 7;  // output scale 2^-7

struct OpData {
  int64_t outer_size;
  int32_t depth;
  int32_t input_zero_point;
};

Status Prepare(OpContext& context) {
  TFM_RETURN_IF_ERROR(ExpectUnaryOp(context, /*allow_int16=*/false));
  const Tensor* input = context.input(kInputTensor);
  const Tensor* output = context.output(kOutputTensor);
  TFM_ENSURE(context, input->rank >= 1 && input->rank <= 4,
             "input rank must be 1 to 4, got %d",
             static_cast<int>(input->rank));
  const auto* opts = context.options<schema::L2NormOptions>();
  TFM_ENSURE(context, FusedActivationOf(opts) == kActivationNone,
             "fused activation %d not supported (TFLite supports none)",
             FusedActivationOf(opts));
  OpData* data = AllocateOpData<OpData>(context);
  if (data == nullptr) return Status::kArenaTooSmall;
  data->depth = input->dim(input->rank - 1);
  data->outer_size = data->depth > 0 ? input->num_elements() / data->depth : 0;
  if (input->type == DataType::kFloat32) return Status::kOk;

  TFM_RETURN_IF_ERROR(ExpectPerTensorQuantized(context, input, "input"));
  TFM_RETURN_IF_ERROR(ExpectPerTensorQuantized(context, output, "output"));
  TFM_ENSURE(context,
             output->scale() == 1.f / 128 && output->zero_point() == 0,
             "int8 output must have scale 1/128 and zero point 0, got scale "
             "%g, zero point %d",
             static_cast<double>(output->scale()),
             static_cast<int>(output->zero_point()));
  data->input_zero_point = input->zero_point();
  return Status::kOk;
}

void EvalFloat(const OpData& d, const float* in, float* out) {
  for (int64_t row = 0; row < d.outer_size; ++row) {
    const float* x = in + row * d.depth;
    float* y = out + row * d.depth;
    float sum_of_squares = 0.f;
    for (int32_t c = 0; c < d.depth; ++c) sum_of_squares += x[c] * x[c];
    float norm = std::sqrt(sum_of_squares);
    norm = norm > kEpsilon ? norm : kEpsilon;
    for (int32_t c = 0; c < d.depth; ++c) y[c] = x[c] / norm;
  }
}

void EvalInt8(const OpData& d, const int8_t* in, int8_t* out) {
  for (int64_t row = 0; row < d.outer_size; ++row) {
    const int8_t* x = in + row * d.depth;
    int8_t* y = out + row * d.depth;
    // Wraps past 2^31 like TFLite's int32 sum (rows beyond 2^15 elements).
    uint32_t sum_of_squares = 0;
    for (int32_t c = 0; c < d.depth; ++c) {
      const int32_t v = x[c] - d.input_zero_point;
      sum_of_squares += static_cast<uint32_t>(v * v);
    }
    int32_t multiplier;
    int shift;
    fixed_point::GetInvSqrtQuantizedMultiplierExp(
        static_cast<int32_t>(sum_of_squares), -1, &multiplier, &shift);
    for (int32_t c = 0; c < d.depth; ++c) {
      const int32_t v = MultiplyByQuantizedMultiplier(
          x[c] - d.input_zero_point, multiplier, shift + kOutputShift);
      y[c] = static_cast<int8_t>(Clamp<int32_t>(v, -128, 127));
    }
  }
}

Status Eval(OpContext& context) {
  const auto& d = *static_cast<const OpData*>(context.op_data());
  const Tensor* input = context.input(kInputTensor);
  Tensor* output = context.output(kOutputTensor);
  if (input->type == DataType::kFloat32) {
    EvalFloat(d, input->data_as<float>(), output->data_as<float>());
  } else {
    EvalInt8(d, input->data_as<int8_t>(), output->data_as<int8_t>());
  }
  return Status::kOk;
}

}  // namespace

const KernelRegistration& Register_L2_NORMALIZATION() {
  static const KernelRegistration r = {nullptr, Prepare, Eval, nullptr};
  return r;
}

}  // namespace tfmicro
