// RSQRT: 1 / sqrt(x). FLOAT32, INT8 and INT16, as TFLite's reference
// kernel computes them:
// - INT8: 1 / sqrt(q - in_zp) in fixed point (Newton-Raphson, see
//   GetInvSqrtQuantizedMultiplierExp) scaled by 1 / (sqrt(in_scale) *
//   out_scale); q == in_zp gives the largest output.
// - INT16: a lookup table of 1 / sqrt(x), x <= 0 mapping to the largest
//   output (zero points 0).
// Inputs below the zero point fail the invoke, as in TFLite.
#include <cmath>
#include <cstdint>
#include <limits>

#include "tensorflow_micro/kernels/elementwise_unary_common.h"
#include "tensorflow_micro/kernels/internal/fixed_point.h"
#include "tensorflow_micro/kernels/internal/quantization_util.h"
#include "tensorflow_micro/kernels/reference_kernels.h"

namespace tfmicro {
namespace {

constexpr TypeSet kTypes = TypeBit(DataType::kFloat32) |
                           TypeBit(DataType::kInt8) | TypeBit(DataType::kInt16);

// Keeps 1 / sqrt(value) an integer before the output rescale.
constexpr int kInt8Shift = 20;

Status Prepare(OpContext& context) {
  UnaryOpData* data;
  TFM_RETURN_IF_ERROR(UnaryPrepare(context, kTypes, true, &data));
  if (!data->quantized) return Status::kOk;
  if (context.input(0)->type == DataType::kInt16) {
    const float largest = 32767.f * data->output_scale;
    return UnaryPrepareLut(context, data, [largest](float x) {
      return x <= 0.f ? largest : 1.f / std::sqrt(x);
    });
  }
  const double scale =
      1. / (std::sqrt(data->input_scale) * data->output_scale);
  QuantizeMultiplier(scale, &data->multiplier, &data->shift);
  return Status::kOk;
}

template <typename T>
Status ExpectNotBelowZeroPoint(OpContext& context, int32_t zero_point) {
  const Tensor* input = context.input(0);
  const T* in = input->data_as<T>();
  const int64_t size = input->num_elements();
  for (int64_t i = 0; i < size; ++i) {
    if (static_cast<int32_t>(in[i]) < zero_point) {
      return context.Error("input element %lld is negative: RSQRT is defined "
                           "for positive values only",
                           static_cast<long long>(i));
    }
  }
  return Status::kOk;
}

int8_t RsqrtInt8(const UnaryOpData& d, int8_t q) {
  const int32_t value = static_cast<int32_t>(q) - d.input_zero_point;
  if (value == 0) return std::numeric_limits<int8_t>::max();
  int32_t inv_sqrt_multiplier;
  int inv_sqrt_shift;
  fixed_point::GetInvSqrtQuantizedMultiplierExp(value, -1, &inv_sqrt_multiplier,
                                                &inv_sqrt_shift);
  const int32_t inv_sqrt = MultiplyByQuantizedMultiplier(
      1, inv_sqrt_multiplier, inv_sqrt_shift + kInt8Shift);
  const int32_t output =
      MultiplyByQuantizedMultiplier(inv_sqrt, d.multiplier,
                                    d.shift - kInt8Shift) +
      d.output_zero_point;
  return static_cast<int8_t>(Clamp<int32_t>(output, -128, 127));
}

Status Eval(OpContext& context) {
  const auto& d = *static_cast<const UnaryOpData*>(context.op_data());
  switch (context.input(0)->type) {
    case DataType::kFloat32:
      UnaryMap<float>(context, [](float x) { return 1.f / std::sqrt(x); });
      return Status::kOk;
    case DataType::kInt8:
      TFM_RETURN_IF_ERROR(
          ExpectNotBelowZeroPoint<int8_t>(context, d.input_zero_point));
      UnaryMap<int8_t>(context, [&d](int8_t q) { return RsqrtInt8(d, q); });
      return Status::kOk;
    default:
      TFM_RETURN_IF_ERROR(
          ExpectNotBelowZeroPoint<int16_t>(context, d.input_zero_point));
      UnaryEvalLut(context);
      return Status::kOk;
  }
}

}  // namespace

const KernelRegistration& Register_RSQRT() {
  static const KernelRegistration r = {nullptr, Prepare, Eval, nullptr};
  return r;
}

}  // namespace tfmicro
