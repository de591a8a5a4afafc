// SQRT: the square root. FLOAT32, INT8 and INT16.
//
// Quantized as TFLite's reference kernel does: the input is dequantized,
// its float square root divided by the output scale and truncated toward
// zero (not rounded), offset and saturated. Negative inputs fail the
// invoke, as in TFLite.
#include <cmath>
#include <cstdint>
#include <limits>

#include "tensorflow_micro/kernels/elementwise_unary_common.h"
#include "tensorflow_micro/kernels/internal/quantization_util.h"
#include "tensorflow_micro/kernels/reference_kernels.h"

namespace tfmicro {
namespace {

constexpr TypeSet kTypes = TypeBit(DataType::kFloat32) |
                           TypeBit(DataType::kInt8) | TypeBit(DataType::kInt16);

float Sqrt(float x) { return std::sqrt(x); }

Status Prepare(OpContext& context) {
  UnaryOpData* data;
  return UnaryPrepare(context, kTypes, true, &data);
}

template <typename T>
Status EvalQuantized(OpContext& context, const UnaryOpData& d) {
  const Tensor* input = context.input(0);
  const T* in = input->data_as<T>();
  T* out = context.output(0)->data_as<T>();
  const int64_t size = input->num_elements();
  for (int64_t i = 0; i < size; ++i) {
    const float real =
        d.input_scale * static_cast<float>(static_cast<int32_t>(in[i]) -
                                           d.input_zero_point);
    if (!(real >= 0.f)) {
      return context.Error("input element %lld is negative (%g): SQRT is "
                           "defined for non-negative values only",
                           static_cast<long long>(i),
                           static_cast<double>(real));
    }
    const float scaled = std::sqrt(real) / d.output_scale;
    // Saturate before converting: out-of-range float to int is undefined.
    const float limit = static_cast<float>(std::numeric_limits<T>::max()) -
                        static_cast<float>(d.output_zero_point) + 1.f;
    const int32_t value =
        scaled >= limit ? std::numeric_limits<T>::max()
                        : static_cast<int32_t>(scaled) + d.output_zero_point;
    out[i] = static_cast<T>(Clamp<int32_t>(value, std::numeric_limits<T>::min(),
                                           std::numeric_limits<T>::max()));
  }
  return Status::kOk;
}

Status Eval(OpContext& context) {
  const auto& d = *static_cast<const UnaryOpData*>(context.op_data());
  switch (context.input(0)->type) {
    case DataType::kFloat32:
      return UnaryEvalFloat(context, Sqrt);
    case DataType::kInt8:
      return EvalQuantized<int8_t>(context, d);
    default:
      return EvalQuantized<int16_t>(context, d);
  }
}

}  // namespace

const KernelRegistration& Register_SQRT() {
  static const KernelRegistration r = {nullptr, Prepare, Eval, nullptr};
  return r;
}

}  // namespace tfmicro
