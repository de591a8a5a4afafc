// arm_dsp SOFTMAX, INT8 in and out (softmax_s8): the reference's
// fixed-point algorithm (Q5.26 differences, exp in fixed point, Q12.19
// sum, fixed-point reciprocal) with each row's exponentials computed once
// into scratch (the reference computes each for the sum and again for the
// output): bit-exact. Values below diff_min are cached as "none" and give
// the reference's -128. The reference prepare validates the node; the
// other types run the reference compute with its own op data.
#include <cstdint>
#include <limits>

#include "tensorflow_micro/kernels/internal/fixed_point.h"
#include "tensorflow_micro/kernels/internal/quantization_util.h"
#include "tensorflow_micro/kernels/reference_kernels.h"
#include "tensorflow_micro/kernels/vendor_fallback.h"
#include "tensorflow_micro/schema/schema_generated.h"

namespace tfmicro {
namespace vendor {
namespace {

// The reference's formats: differences in Q5.26, the sum in Q12.19.
constexpr int kScaledDiffIntegerBits = 5;
constexpr int kAccumulationIntegerBits = 12;
constexpr int32_t kNoExp = -1;  // a difference below diff_min

struct DspSoftmaxData {
  void* reference_data = nullptr;
  bool fast = false;
  int scratch = -1;  // one row's exponentials
  int32_t outer_size = 0;
  int32_t depth = 0;
  int32_t input_multiplier = 0;
  int input_left_shift = 0;
  int32_t diff_min = 0;
};

// Scratch of softmax_s8: one int32 per value of a row.
size_t softmax_s8_scratch_size(int32_t depth) {
  return static_cast<size_t>(depth) * sizeof(int32_t);
}

void softmax_s8(const DspSoftmaxData& data, const int8_t* input,
                int8_t* output, int32_t* exps) {
  constexpr int32_t kOutputMin = std::numeric_limits<int8_t>::min();
  constexpr int32_t kOutputMax = std::numeric_limits<int8_t>::max();
  for (int32_t row = 0; row < data.outer_size; ++row) {
    const int8_t* in = input + row * data.depth;
    int8_t* out = output + row * data.depth;
    int32_t max = kOutputMin;
    for (int32_t c = 0; c < data.depth; ++c) max = in[c] > max ? in[c] : max;
    int64_t sum_of_exps = 0;
    for (int32_t c = 0; c < data.depth; ++c) {
      const int32_t diff = in[c] - max;
      if (diff < data.diff_min) {
        exps[c] = kNoExp;
        continue;
      }
      const int32_t shifted = static_cast<int32_t>(
          static_cast<int64_t>(diff) * (int64_t{1} << data.input_left_shift));
      exps[c] = fixed_point::ExpOnNegativeValues<kScaledDiffIntegerBits>(
          SaturatingRoundingDoublingHighMul(shifted, data.input_multiplier));
      sum_of_exps +=
          fixed_point::Rescale(exps[c], 0, kAccumulationIntegerBits);
    }
    if (sum_of_exps > std::numeric_limits<int32_t>::max()) {
      sum_of_exps = std::numeric_limits<int32_t>::max();
    }
    int num_bits_over_unit;
    const int32_t reciprocal = fixed_point::GetReciprocal(
        static_cast<int32_t>(sum_of_exps), kAccumulationIntegerBits,
        &num_bits_over_unit);
    const int exponent = num_bits_over_unit + 31 - 8;
    for (int32_t c = 0; c < data.depth; ++c) {
      int32_t result = kOutputMin;
      if (exps[c] != kNoExp && exponent <= 31) {
        const int32_t scaled =
            SaturatingRoundingDoublingHighMul(reciprocal, exps[c]);
        result = Clamp(RoundingDivideByPOT(scaled, exponent) + kOutputMin,
                       kOutputMin, kOutputMax);
      }
      out[c] = static_cast<int8_t>(result);
    }
  }
}

Status Prepare(OpContext& context) {
  TFM_RETURN_IF_ERROR(::tfmicro::Register_SOFTMAX().prepare(context));
  void* reference_data = context.op_data();
  auto* data = static_cast<DspSoftmaxData*>(
      context.AllocatePersistent(sizeof(DspSoftmaxData)));
  if (data == nullptr) return Status::kArenaTooSmall;
  *data = DspSoftmaxData();
  data->reference_data = reference_data;
  context.set_op_data(data);
  const Tensor* input = context.input(0);
  const Tensor* output = context.output(0);
  if (input->type != DataType::kInt8 || output->type != DataType::kInt8) {
    return Status::kOk;
  }
  data->depth = input->dim(input->rank - 1);
  if (data->depth <= 0) return Status::kOk;
  data->outer_size =
      static_cast<int32_t>(input->num_elements() / data->depth);
  // The reference's parameters (softmax.cc): beta * input_scale as a Q5.26
  // multiplier, capped where every difference but 0 rounds exp() to 0.
  const auto* opts = context.options<schema::SoftmaxOptions>();
  const float beta = opts != nullptr ? opts->beta() : 0.f;
  const double max_real_multiplier = (int64_t{1} << 31) - 1.0;
  double real_multiplier =
      static_cast<double>(beta) * static_cast<double>(input->scale()) *
      static_cast<double>(int64_t{1} << (31 - kScaledDiffIntegerBits));
  if (real_multiplier > max_real_multiplier) {
    real_multiplier = max_real_multiplier;
  }
  QuantizeMultiplier(real_multiplier, &data->input_multiplier,
                     &data->input_left_shift);
  data->diff_min = -fixed_point::CalculateInputRadius(kScaledDiffIntegerBits,
                                                      data->input_left_shift);
  data->fast = true;
  return context.RequestScratch(softmax_s8_scratch_size(data->depth),
                                &data->scratch);
}

Status Eval(OpContext& context) {
  const auto& data = *static_cast<const DspSoftmaxData*>(context.op_data());
  if (!data.fast) {
    return vendor::EvalWithReferenceData(
        context, ::tfmicro::Register_SOFTMAX(), data.reference_data);
  }
  softmax_s8(data, context.input(0)->data_as<int8_t>(),
             context.output(0)->data_as<int8_t>(),
             static_cast<int32_t*>(context.scratch(data.scratch)));
  return Status::kOk;
}

}  // namespace

const KernelRegistration& Register_SOFTMAX() {
  static const KernelRegistration r = {nullptr, Prepare, Eval, nullptr};
  return r;
}

}  // namespace vendor
}  // namespace tfmicro
