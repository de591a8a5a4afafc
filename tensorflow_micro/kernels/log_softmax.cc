// LOG_SOFTMAX over the last dimension: out = x - max - log(sum(exp(x - max))).
//
// As TFLite's reference kernel: FLOAT32 in float; INT8 in fixed point:
// differences x - max scaled by input_scale into Q5.26, exponentiated and
// summed in Q12.19, the log of the sum taken in Q5.26, and
// (scaled difference - log sum) rounded onto the fixed output scale 16/256
// with zero point 127. Differences too negative to represent give -128.
#include <cmath>
#include <cstdint>
#include <limits>

#include "tensorflow_micro/kernels/internal/fixed_point.h"
#include "tensorflow_micro/kernels/internal/quantization_util.h"
#include "tensorflow_micro/kernels/internal/tensor_util.h"
#include "tensorflow_micro/kernels/reference_kernels.h"
#include "tensorflow_micro/kernels/softmax_common.h"

namespace tfmicro {
namespace {

constexpr int kInputTensor = 0;
constexpr int kOutputTensor = 0;
constexpr int kOutputIntegerBits = 4;
constexpr int32_t kOutputZeroPoint = 127;

struct OpData {
  int64_t outer_size;
  int32_t depth;
  // INT8: x - max into Q5.26 (softmax_common.h, beta 1); the reverse
  // scaling maps a Q5.26 threshold back onto input differences.
  SoftmaxDiffScaling scaling;
  int32_t reverse_multiplier;
  int reverse_shift;  // <= 0
};

Status PrepareInt8(OpContext& context, const Tensor* input,
                   const Tensor* output, OpData* data) {
  TFM_RETURN_IF_ERROR(ExpectPerTensorQuantized(context, input, "input"));
  TFM_RETURN_IF_ERROR(ExpectPerTensorQuantized(context, output, "output"));
  TFM_ENSURE(context,
             output->scale() == 16.f / 256 &&
                 output->zero_point() == kOutputZeroPoint,
             "int8 output must have scale 16/256 and zero point 127, got "
             "scale %g, zero point %d",
             static_cast<double>(output->scale()),
             static_cast<int>(output->zero_point()));
  // TFLite aborts on the cases rejected here.
  TFM_RETURN_IF_ERROR(PrepareSoftmaxDiffScaling(
      context, /*beta=*/1.f, input->scale(), &data->scaling));
  const SoftmaxDiffScaling& s = data->scaling;
  const double reverse =
      static_cast<double>(int64_t{1} << (31 - s.left_shift)) /
      static_cast<double>(s.multiplier);
  TFM_ENSURE(context, reverse < 1.0,
             "input scale %g is too large for int8 log softmax",
             static_cast<double>(input->scale()));
  return QuantizeModelMultiplier(context, reverse, "the reverse input scaling",
                                 &data->reverse_multiplier,
                                 &data->reverse_shift);
}

Status Prepare(OpContext& context) {
  TFM_RETURN_IF_ERROR(ExpectUnaryOp(context, /*allow_int16=*/false));
  const Tensor* input = context.input(kInputTensor);
  const Tensor* output = context.output(kOutputTensor);
  TFM_ENSURE(context, input->rank >= 1,
             "input must have at least one dimension");
  OpData* data = AllocateOpData<OpData>(context);
  if (data == nullptr) return Status::kArenaTooSmall;
  data->depth = input->dim(input->rank - 1);
  data->outer_size = data->depth > 0 ? input->num_elements() / data->depth : 0;
  if (input->type == DataType::kFloat32) return Status::kOk;
  return PrepareInt8(context, input, output, data);
}

void EvalFloat(const OpData& d, const float* in, float* out) {
  for (int64_t row = 0; row < d.outer_size; ++row) {
    const float* x = in + row * d.depth;
    float* y = out + row * d.depth;
    float max = std::numeric_limits<float>::lowest();
    for (int32_t c = 0; c < d.depth; ++c) max = x[c] > max ? x[c] : max;
    float sum = 0.f;
    for (int32_t c = 0; c < d.depth; ++c) sum += std::exp(x[c] - max);
    const float log_sum = std::log(sum);
    for (int32_t c = 0; c < d.depth; ++c) y[c] = x[c] - max - log_sum;
  }
}

void EvalInt8(const OpData& d, const int8_t* in, int8_t* out) {
  for (int64_t row = 0; row < d.outer_size; ++row) {
    const int8_t* x = in + row * d.depth;
    int8_t* y = out + row * d.depth;
    int32_t max = std::numeric_limits<int8_t>::min();
    for (int32_t c = 0; c < d.depth; ++c) max = x[c] > max ? x[c] : max;

    // Q12.19, wrapping like gemmlowp's additions.
    uint32_t sum_of_exps = 0;
    for (int32_t c = 0; c < d.depth; ++c) {
      const int32_t diff = x[c] - max;
      if (diff >= d.scaling.diff_min) {
        sum_of_exps += static_cast<uint32_t>(fixed_point::Rescale(
            SoftmaxExp(d.scaling, diff), 0, kSoftmaxAccumulationIntegerBits));
      }
    }
    const int32_t log_sum =
        fixed_point::LogXForXGreaterThanOrEqualTo1<
            kSoftmaxScaledDiffIntegerBits>(static_cast<int32_t>(sum_of_exps),
                                           kSoftmaxAccumulationIntegerBits);
    // The most negative Q5.26 value plus the log sum, as an input
    // difference: below it the output would underflow.
    const int32_t shifted_log_sum = static_cast<int32_t>(
        static_cast<uint32_t>(log_sum) +
        static_cast<uint32_t>(std::numeric_limits<int32_t>::min()));
    const int32_t reverse = MultiplyByQuantizedMultiplier(
        shifted_log_sum, d.reverse_multiplier, d.reverse_shift);
    const int32_t diff_min = d.scaling.diff_min;
    const int32_t adjusted_diff_min =
        diff_min - 1 > reverse ? diff_min - 1 : reverse;
    for (int32_t c = 0; c < d.depth; ++c) {
      const int32_t diff = x[c] - max;
      int32_t value = std::numeric_limits<int8_t>::min();
      if (diff > adjusted_diff_min) {
        const int32_t scaled = ScaleSoftmaxDiff(d.scaling, diff);
        value = RoundingDivideByPOT(
                    scaled - log_sum,
                    31 - kSoftmaxScaledDiffIntegerBits - kOutputIntegerBits) +
                kOutputZeroPoint;
        value = Clamp<int32_t>(value, -128, 127);
      }
      y[c] = static_cast<int8_t>(value);
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

const KernelRegistration& Register_LOG_SOFTMAX() {
  static const KernelRegistration r = {nullptr, Prepare, Eval, nullptr};
  return r;
}

}  // namespace tfmicro
