// arm_dsp ADD, INT8 without broadcasting (add_s8): the reference's three
// rescalings (internal/quantization_util.h) in their exact short forms: for
// a multiplier m >= 0, SaturatingRoundingDoublingHighMul(x, m) is
// floor((x * m + 2^30) / 2^31), and RoundingDivideByPOT(x, e) is
// (x + 2^(e-1) - (x < 0)) >> e, which cannot overflow here: inputs with
// their offsets are |x| <= 255, shifted by 20 bits below 2^28, and the
// rescaled sum stays below 2^29. Bit-exact; broadcasting, the other types
// and the reference's prepare are the reference kernel's.
#include "tensorflow_micro/kernels/arithmetic_common.h"
#include "tensorflow_micro/kernels/reference_kernels.h"
#include "tensorflow_micro/kernels/vendor/arm_dsp/dsp_math.h"

namespace tfmicro {
namespace vendor {
namespace {

// MultiplyByQuantizedMultiplierSmallerThanOneExp(x, multiplier, shift) for
// multiplier >= 0, shift <= 0 and |x| < 2^29.
TFM_DSP_INLINE int32_t Rescale(int32_t x, int32_t multiplier, int shift) {
  const int32_t high = static_cast<int32_t>(
      (static_cast<int64_t>(x) * multiplier + (int64_t{1} << 30)) >> 31);
  if (shift == 0) return high;
  const int right = -shift;
  return (high + (int32_t{1} << (right - 1)) + (high >> 31)) >> right;
}

// Needs no scratch (add_s8_scratch_size() == 0).
void add_s8(const AddSubOpData& data, const int8_t* a, const int8_t* b,
            int8_t* out, int32_t size) {
  const ArithmeticParams& p = data.params;
  const AddSubQuantization& q = data.quantization;
  const int32_t shift = q.left_shift;
  for (int32_t i = 0; i < size; ++i) {
    const int32_t x = (p.input1_offset + a[i]) * (1 << shift);
    const int32_t y = (p.input2_offset + b[i]) * (1 << shift);
    const int32_t sum = Rescale(x, q.input1_multiplier, q.input1_shift) +
                        Rescale(y, q.input2_multiplier, q.input2_shift);
    int32_t v = Rescale(sum, q.output_multiplier, q.output_shift) +
                p.output_offset;
    v = v < p.activation_min ? p.activation_min : v;
    out[i] = static_cast<int8_t>(v > p.activation_max ? p.activation_max : v);
  }
}

Status Prepare(OpContext& context) {
  // The reference's whole prepare (AddSubOpData as op data, in-place).
  return ::tfmicro::Register_ADD().prepare(context);
}

Status Eval(OpContext& context) {
  const auto& data = *static_cast<const AddSubOpData*>(context.op_data());
  const Tensor& a = *context.input(0);
  const Tensor& b = *context.input(1);
  Tensor& output = *context.output(0);
  const int64_t size = output.num_elements();
  const AddSubQuantization& q = data.quantization;
  // The short rescalings need the INT8 left shift of 20 and multipliers
  // >= 0 (QuantizeMultiplierBelowOne gives them).
  if (output.type == DataType::kInt8 && a.num_elements() == size &&
      b.num_elements() == size && q.left_shift <= 20 &&
      q.input1_multiplier >= 0 && q.input2_multiplier >= 0 &&
      q.output_multiplier >= 0) {
    add_s8(data, a.data_as<int8_t>(), b.data_as<int8_t>(),
           output.data_as<int8_t>(), static_cast<int32_t>(size));
    return Status::kOk;
  }
  return ::tfmicro::Register_ADD().eval(context);
}

}  // namespace

const KernelRegistration& Register_ADD() {
  static const KernelRegistration r = {nullptr, Prepare, Eval, nullptr};
  return r;
}

}  // namespace vendor
}  // namespace tfmicro
