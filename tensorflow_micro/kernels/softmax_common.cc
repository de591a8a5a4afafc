#include "tensorflow_micro/kernels/softmax_common.h"

namespace tfmicro {

Status PrepareSoftmaxDiffScaling(OpContext& context, float beta,
                                 float input_scale,
                                 SoftmaxDiffScaling* scaling) {
  const double max_real_multiplier = (int64_t{1} << 31) - 1.0;
  double real_multiplier =
      static_cast<double>(beta) * static_cast<double>(input_scale) *
      static_cast<double>(int64_t{1} << (31 - kSoftmaxScaledDiffIntegerBits));
  if (real_multiplier > max_real_multiplier) {
    real_multiplier = max_real_multiplier;
  }
  TFM_RETURN_IF_ERROR(QuantizeModelMultiplier(
      context, real_multiplier, "beta * input scale (as Q5.26)",
      &scaling->multiplier, &scaling->left_shift));
  TFM_ENSURE(context, real_multiplier > 1.0,
             "beta * input scale = %g is too small for int8 softmax (must "
             "exceed 2^-26)",
             static_cast<double>(beta) * static_cast<double>(input_scale));
  scaling->diff_min = -fixed_point::CalculateInputRadius(
      kSoftmaxScaledDiffIntegerBits, scaling->left_shift);
  return Status::kOk;
}

}  // namespace tfmicro
