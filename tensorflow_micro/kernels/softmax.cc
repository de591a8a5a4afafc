// SOFTMAX over the last dimension: out = exp(beta * (x - max)) / sum.
//
// int8 follows TFLite's reference kernel (BUILTIN_REF): input differences
// x - max are scaled by beta * input_scale into Q5.26, exponentiated in
// fixed point, summed in Q12.19 and divided through a fixed-point
// reciprocal. The output is INT8 at scale 1/256, zero point -128, or INT16
// at scale 1/65536, zero point -32768 (the same computation rounded to 16
// bits; TFLite computes those values whatever the INT16 output's
// quantization says, so other quantizations are refused here).
// int16 (zero points 0, rank <= 4) too: differences are scaled so that
// [-10, 0] spans the int16 range, exponentiated through an interpolated
// table, and divided through a table of 1 / (1 + x); the output is Q15.
#include <cmath>
#include <cstdint>
#include <limits>

#include "tensorflow_micro/kernels/internal/fixed_point.h"
#include "tensorflow_micro/kernels/internal/lut.h"
#include "tensorflow_micro/kernels/internal/quantization_util.h"
#include "tensorflow_micro/kernels/internal/tensor_util.h"
#include "tensorflow_micro/kernels/reference_kernels.h"
#include "tensorflow_micro/kernels/softmax_common.h"
#include "tensorflow_micro/schema/schema_generated.h"

namespace tfmicro {
namespace {

constexpr int kInputTensor = 0;
constexpr int kOutputTensor = 0;

constexpr float kInt8OutputScale = 1.f / 256;
constexpr int32_t kInt8OutputZeroPoint = -128;
constexpr float kInt16OutputScale = 1.f / 65536;
constexpr int32_t kInt16OutputZeroPoint = -32768;

struct OpData {
  float beta;
  int32_t outer_size;  // rows
  int32_t depth;       // elements per row (the last dimension)
  // int8: x - max scaled into Q5.26 (softmax_common.h); int16: x - max
  // scaled so that [-65535, 0] stands for [-10, 0] (diff_min unused).
  SoftmaxDiffScaling scaling;
  // int16 only: the tables exp(x) on [-10, 0] and 1 / (1 + x) on [0, 1].
  const int16_t* exp_lut;
  const int16_t* one_over_one_plus_x_lut;
};

double Exp(double x) { return std::exp(x); }
double OneOverOnePlusX(double x) { return 1.0 / (1.0 + x); }

Status PrepareInt16(OpContext& context, const Tensor* input,
                    const Tensor* output, OpData* data) {
  TFM_RETURN_IF_ERROR(ExpectQuantized(context, input, "input"));
  TFM_RETURN_IF_ERROR(ExpectQuantized(context, output, "output"));
  TFM_ENSURE(context, input->zero_point() == 0 && output->zero_point() == 0,
             "INT16 tensors must have zero point 0, got input %d, output %d",
             static_cast<int>(input->zero_point()),
             static_cast<int>(output->zero_point()));
  TFM_ENSURE(context, input->rank <= 4,
             "int16 softmax supports rank 1 to 4 (as TFLite), got %d",
             static_cast<int>(input->rank));
  auto* tables = static_cast<int16_t*>(
      context.AllocatePersistent(2 * kInt16LutSize * sizeof(int16_t)));
  if (tables == nullptr) return Status::kArenaTooSmall;
  PopulateQ15Lut(Exp, -10.0, 0.0, tables);
  PopulateQ15Lut(OneOverOnePlusX, 0.0, 1.0, tables + kInt16LutSize);
  data->exp_lut = tables;
  data->one_over_one_plus_x_lut = tables + kInt16LutSize;
  // Differences in [-65535, 0] stand for [-10, 0]; TFLite multiplies scale
  // and beta in float.
  const double rescale =
      static_cast<double>(input->scale() * data->beta) / (10.0 / 65535.0);
  return QuantizeModelMultiplier(context, rescale,
                                 "input scale * beta / (10 / 65535)",
                                 &data->scaling.multiplier,
                                 &data->scaling.left_shift);
}

Status PrepareInt8(OpContext& context, const Tensor* input,
                   const Tensor* output, OpData* data) {
  TFM_RETURN_IF_ERROR(ExpectQuantized(context, input, "input"));
  TFM_RETURN_IF_ERROR(ExpectQuantized(context, output, "output"));
  const float input_scale = input->scale();
  if (output->type == DataType::kInt8) {
    TFM_ENSURE(context, output->zero_point() == kInt8OutputZeroPoint,
               "int8 output zero point must be -128, got %d",
               static_cast<int>(output->zero_point()));
    // TFLite accepts the output scale within 0.1% of 1/256.
    TFM_ENSURE(context,
               std::fabs(output->scale() - kInt8OutputScale) <=
                   0.001f * kInt8OutputScale,
               "int8 output scale must be 1/256 (0.00390625), got %g",
               static_cast<double>(output->scale()));
  } else {
    TFM_ENSURE(context,
               output->zero_point() == kInt16OutputZeroPoint &&
                   std::fabs(output->scale() - kInt16OutputScale) <=
                       0.001f * kInt16OutputScale,
               "INT16 output of an INT8 softmax must have scale 1/65536 and "
               "zero point -32768 (what TFLite computes), got scale %g, "
               "zero point %d",
               static_cast<double>(output->scale()),
               static_cast<int>(output->zero_point()));
  }

  return PrepareSoftmaxDiffScaling(context, data->beta, input_scale,
                                   &data->scaling);
}

Status Prepare(OpContext& context) {
  TFM_RETURN_IF_ERROR(ExpectIoCount(context, 1, 1, 1));
  const Tensor* input = context.input(kInputTensor);
  const Tensor* output = context.output(kOutputTensor);
  // INT8 in, INT16 out: TFLite's one mixed-type softmax.
  const bool int8_to_int16 =
      input->type == DataType::kInt8 && output->type == DataType::kInt16;
  if (!int8_to_int16) {
    TFM_RETURN_IF_ERROR(ExpectFloat32Int8OrInt16(context, input, output));
  }
  TFM_ENSURE(context, input->rank >= 1,
             "input must have at least one dimension");
  TFM_RETURN_IF_ERROR(
      ExpectSameShape(context, output, "output", input, "input"));

  auto* data =
      static_cast<OpData*>(context.AllocatePersistent(sizeof(OpData)));
  if (data == nullptr) return Status::kArenaTooSmall;
  const auto* opts = context.options<schema::SoftmaxOptions>();
  data->beta = opts != nullptr ? opts->beta() : 0.f;
  data->depth = input->dim(input->rank - 1);
  data->outer_size =
      data->depth > 0
          ? static_cast<int32_t>(input->num_elements() / data->depth)
          : 0;
  data->scaling = SoftmaxDiffScaling{};
  data->exp_lut = nullptr;
  data->one_over_one_plus_x_lut = nullptr;
  if (input->type == DataType::kInt8) {
    TFM_RETURN_IF_ERROR(PrepareInt8(context, input, output, data));
  } else if (input->type == DataType::kInt16) {
    TFM_RETURN_IF_ERROR(PrepareInt16(context, input, output, data));
  }
  context.set_op_data(data);
  return Status::kOk;
}

void EvalFloat(const OpData& data, const float* input, float* output) {
  for (int32_t row = 0; row < data.outer_size; ++row) {
    const float* in = input + row * data.depth;
    float* out = output + row * data.depth;
    float max = std::numeric_limits<float>::lowest();
    for (int32_t c = 0; c < data.depth; ++c) max = in[c] > max ? in[c] : max;
    float sum = 0.f;
    for (int32_t c = 0; c < data.depth; ++c) {
      out[c] = std::exp((in[c] - max) * data.beta);
      sum += out[c];
    }
    for (int32_t c = 0; c < data.depth; ++c) out[c] = out[c] / sum;
  }
}

// INT8 input, Out = int8_t or int16_t output.
template <typename Out>
void EvalInt8(const OpData& data, const int8_t* input, Out* output) {
  constexpr int32_t kOutputMin = std::numeric_limits<Out>::min();
  constexpr int32_t kOutputMax = std::numeric_limits<Out>::max();
  for (int32_t row = 0; row < data.outer_size; ++row) {
    const int8_t* in = input + row * data.depth;
    Out* out = output + row * data.depth;
    int32_t max = std::numeric_limits<int8_t>::min();
    for (int32_t c = 0; c < data.depth; ++c) max = in[c] > max ? in[c] : max;

    // Saturating: TFLite's sum is plain int32 arithmetic, but it only nears
    // the int32 range in rows it refuses (see the exponent below).
    int64_t sum_of_exps = 0;
    for (int32_t c = 0; c < data.depth; ++c) {
      const int32_t diff = in[c] - max;
      if (diff >= data.scaling.diff_min) {
        sum_of_exps += fixed_point::Rescale(SoftmaxExp(data.scaling, diff), 0,
                                            kSoftmaxAccumulationIntegerBits);
      }
    }
    if (sum_of_exps > std::numeric_limits<int32_t>::max()) {
      sum_of_exps = std::numeric_limits<int32_t>::max();
    }

    int num_bits_over_unit;
    const int32_t reciprocal = fixed_point::GetReciprocal(
        static_cast<int32_t>(sum_of_exps), kSoftmaxAccumulationIntegerBits,
        &num_bits_over_unit);
    // Output is in units of 2^-8 (2^-16 for INT16). For INT8 TFLite aborts
    // when the exponent exceeds 31 (a row whose exponentials sum to 512 or
    // more); every such output is below half a step, so it rounds to zero
    // here. For INT16 the exponent is at most 27.
    const int exponent =
        num_bits_over_unit + 31 - 8 * static_cast<int>(sizeof(Out));

    for (int32_t c = 0; c < data.depth; ++c) {
      const int32_t diff = in[c] - max;
      int32_t result = kOutputMin;
      if (diff >= data.scaling.diff_min && exponent <= 31) {
        const int32_t scaled = SaturatingRoundingDoublingHighMul(
            reciprocal, SoftmaxExp(data.scaling, diff));
        result = Clamp(RoundingDivideByPOT(scaled, exponent) + kOutputMin,
                       kOutputMin, kOutputMax);
      }
      out[c] = static_cast<Out>(result);
    }
  }
}

// Caches each row's exponentials (Q15) in the output, as TFLite does.
void EvalInt16(const OpData& data, const int16_t* input, int16_t* output) {
  for (int32_t row = 0; row < data.outer_size; ++row) {
    const int16_t* in = input + row * data.depth;
    int16_t* out = output + row * data.depth;
    int32_t max = std::numeric_limits<int16_t>::min();
    for (int32_t c = 0; c < data.depth; ++c) max = in[c] > max ? in[c] : max;
    int32_t sum_of_exps = 0;  // Q16.15
    for (int32_t c = 0; c < data.depth; ++c) {
      const int32_t scaled = MultiplyByQuantizedMultiplier(
          in[c] - max, data.scaling.multiplier, data.scaling.left_shift);
      // [-65535, 0] recentred onto the int16 range.
      const int32_t centred = Clamp<int32_t>(scaled + 32767, -32768, 32767);
      out[c] = LookupInt16(data.exp_lut, static_cast<int16_t>(centred));
      sum_of_exps += out[c];
    }
    // 1 / sum via the 1 / (1 + x) table: the sum normalized to [1, 2)
    // (17 bits), x = sum - 1 recentred onto the int16 range.
    const int headroom_plus_one =
        fixed_point::CountLeadingZeros32(static_cast<uint32_t>(sum_of_exps));
    const int32_t shifted_sum = static_cast<int32_t>(
        ((static_cast<int64_t>(sum_of_exps) << (headroom_plus_one - 1)) +
         (1 << 13)) >>
        14);
    const int32_t centred_sum =
        Clamp<int32_t>(shifted_sum - ((1 << 15) + (1 << 16)), -32768, 32767);
    const int16_t reciprocal = LookupInt16(data.one_over_one_plus_x_lut,
                                           static_cast<int16_t>(centred_sum));
    const int right_shift = 31 - headroom_plus_one;
    const int64_t round = int64_t{1} << (right_shift - 1);
    for (int32_t c = 0; c < data.depth; ++c) {
      const int64_t result =
          (static_cast<int64_t>(out[c]) * reciprocal + round) >> right_shift;
      out[c] = static_cast<int16_t>(Clamp<int64_t>(result, 0, 32767));
    }
  }
}

Status Eval(OpContext& context) {
  const auto& data = *static_cast<const OpData*>(context.op_data());
  const Tensor* input = context.input(kInputTensor);
  Tensor* output = context.output(kOutputTensor);
  if (input->type == DataType::kFloat32) {
    EvalFloat(data, input->data_as<float>(), output->data_as<float>());
  } else if (input->type == DataType::kInt8 &&
             output->type == DataType::kInt8) {
    EvalInt8(data, input->data_as<int8_t>(), output->data_as<int8_t>());
  } else if (input->type == DataType::kInt8) {
    EvalInt8(data, input->data_as<int8_t>(), output->data_as<int16_t>());
  } else {
    EvalInt16(data, input->data_as<int16_t>(), output->data_as<int16_t>());
  }
  return Status::kOk;
}

}  // namespace

const KernelRegistration& Register_SOFTMAX() {
  static const KernelRegistration r = {nullptr, Prepare, Eval, nullptr};
  return r;
}

}  // namespace tfmicro
