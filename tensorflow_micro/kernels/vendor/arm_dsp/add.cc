// arm_dsp ADD, INT8 without broadcasting (add_s8): each input's rescaling
// (offset, << 20, to the common scale) depends on its int8 value only, so
// it is tabulated once per eval for the 256 values of each input (2 KB of
// scratch); per element two table loads, the sum and the output's
// rescaling. The reference's rescalings (internal/quantization_util.h) in
// their exact short forms: for a multiplier m >= 0,
// SaturatingRoundingDoublingHighMul(x, m) is floor((x * m + 2^30) / 2^31),
// and RoundingDivideByPOT(x, e) is (x + 2^(e-1) - (x < 0)) >> e, which
// cannot overflow here: inputs with their offsets are |x| <= 255, shifted
// by 20 bits below 2^28, and the rescaled sum stays below 2^29.
// Bit-exact; broadcasting, the other types and the prepare are the
// reference kernel's.
#include <type_traits>

#include "tensorflow_micro/kernels/arithmetic_common.h"
#include "tensorflow_micro/kernels/internal/tensor_util.h"
#include "tensorflow_micro/kernels/reference_kernels.h"
#include "tensorflow_micro/kernels/vendor/arm_dsp/dsp_math.h"

namespace tfmicro {
namespace vendor {
namespace {

// The reference's op data first: its eval (the fallback) reads this node's
// op data as an AddSubOpData.
struct DspAddData {
  AddSubOpData ref;
  int scratch = -1;
};
static_assert(std::is_standard_layout<DspAddData>::value,
              "the reference eval reads DspAddData as its first member");

constexpr int kInt8Values = 256;

// Scratch of add_s8: the two inputs' tables.
constexpr size_t add_s8_scratch_size() {
  return 2 * kInt8Values * sizeof(int32_t);
}

// MultiplyByQuantizedMultiplierSmallerThanOneExp(x, multiplier, shift) for
// multiplier >= 0, shift <= 0 and |x| < 2^29.
TFM_DSP_INLINE int32_t Rescale(int32_t x, int32_t multiplier, int shift) {
  const int32_t high = static_cast<int32_t>(
      (static_cast<int64_t>(x) * multiplier + (int64_t{1} << 30)) >> 31);
  if (shift == 0) return high;
  const int right = -shift;
  return (high + (int32_t{1} << (right - 1)) + (high >> 31)) >> right;
}

void add_s8(const AddSubOpData& data, const int8_t* a, const int8_t* b,
            int8_t* out, int32_t size, int32_t* tables) {
  const ArithmeticParams& p = data.params;
  const AddSubQuantization& q = data.quantization;
  int32_t* table1 = tables + kInt8Values / 2;  // indexed by the value
  int32_t* table2 = table1 + kInt8Values;
  for (int v = -kInt8Values / 2; v < kInt8Values / 2; ++v) {
    table1[v] = Rescale((p.input1_offset + v) * (1 << q.left_shift),
                        q.input1_multiplier, q.input1_shift);
    table2[v] = Rescale((p.input2_offset + v) * (1 << q.left_shift),
                        q.input2_multiplier, q.input2_shift);
  }
  const int32_t multiplier = q.output_multiplier;
  const int shift = q.output_shift;
  const int32_t offset = p.output_offset;
  const int32_t min = p.activation_min;
  const int32_t max = p.activation_max;
  for (int32_t i = 0; i < size; ++i) {
    int32_t v =
        Rescale(table1[a[i]] + table2[b[i]], multiplier, shift) + offset;
    v = v < min ? min : v;
    out[i] = static_cast<int8_t>(v > max ? max : v);
  }
}

Status Prepare(OpContext& context) {
  // The reference's whole prepare (its AddSubOpData, in-place), copied.
  TFM_RETURN_IF_ERROR(::tfmicro::Register_ADD().prepare(context));
  const AddSubOpData copy =
      *static_cast<const AddSubOpData*>(context.op_data());
  DspAddData* data = AllocateOpData<DspAddData>(context);
  if (data == nullptr) return Status::kArenaTooSmall;
  data->ref = copy;
  if (context.output(0)->type != DataType::kInt8) return Status::kOk;
  return context.RequestScratch(add_s8_scratch_size(), &data->scratch);
}

Status Eval(OpContext& context) {
  const auto& data = *static_cast<const DspAddData*>(context.op_data());
  const Tensor& a = *context.input(0);
  const Tensor& b = *context.input(1);
  Tensor& output = *context.output(0);
  const int64_t size = output.num_elements();
  const AddSubQuantization& q = data.ref.quantization;
  // The short rescalings need the INT8 left shift of 20 and multipliers
  // >= 0 (QuantizeMultiplierBelowOne gives them).
  if (data.scratch >= 0 && a.num_elements() == size &&
      b.num_elements() == size && q.left_shift <= 20 &&
      q.input1_multiplier >= 0 && q.input2_multiplier >= 0 &&
      q.output_multiplier >= 0) {
    add_s8(data.ref, a.data_as<int8_t>(), b.data_as<int8_t>(),
           output.data_as<int8_t>(), static_cast<int32_t>(size),
           static_cast<int32_t*>(context.scratch(data.scratch)));
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
