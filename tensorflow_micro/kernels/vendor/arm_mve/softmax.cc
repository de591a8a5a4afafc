// arm_mve SOFTMAX, INT8 to INT8 (rows of at most kMaxDepth values): the
// reference's fixed-point algorithm with each row's maximum found sixteen
// values per VMAXV and each exponential computed once (cached in scratch;
// the reference computes it for the sum and again for the output). Values
// below the reference's diff_min cache as 0, which gives its results (no
// share of the sum, output -128). The reference prepare validates the
// node; FLOAT32, INT16, INT8 to INT16 and longer rows run the reference
// compute with its own op data.
#include <cstdint>
#include <limits>

#include "tensorflow_micro/kernels/internal/fixed_point.h"
#include "tensorflow_micro/kernels/internal/quantization_util.h"
#include "tensorflow_micro/kernels/reference_kernels.h"
#include "tensorflow_micro/kernels/softmax_common.h"
#include "tensorflow_micro/kernels/vendor_fallback.h"
#include "tensorflow_micro/kernels/vendor/arm_mve/mve_math.h"
#include "tensorflow_micro/schema/schema_generated.h"

namespace tfmicro {
namespace vendor {
namespace {

constexpr int kMaxDepth = 1024;

struct MveSoftmaxData {
  void* reference_data = nullptr;
  bool fast = false;
  int scratch = -1;  // the row's exponentials
  int32_t outer_size = 0;
  int32_t depth = 0;
  SoftmaxDiffScaling scaling;  // as the reference's (softmax_common.h)
};

int32_t ExpOfDiff(const MveSoftmaxData& data, int32_t diff) {
  return diff < data.scaling.diff_min ? 0 : SoftmaxExp(data.scaling, diff);
}

int8_t RowMax(const int8_t* in, int depth) {
  int8_t max = std::numeric_limits<int8_t>::min();
  for (int c = 0; c < depth; c += 16) {
    const arm_mve::Pred lanes = arm_mve::Tail8(depth - c);
    max = arm_mve::MaxAcross8P(max, arm_mve::Load8Z(in + c, lanes), lanes);
  }
  return max;
}

void softmax_s8(const MveSoftmaxData& data, const int8_t* input,
                int8_t* output, int32_t* exps) {
  constexpr int32_t kOutputMin = std::numeric_limits<int8_t>::min();
  constexpr int32_t kOutputMax = std::numeric_limits<int8_t>::max();
  for (int32_t row = 0; row < data.outer_size; ++row) {
    const int8_t* in = input + row * data.depth;
    int8_t* out = output + row * data.depth;
    const int32_t max = RowMax(in, data.depth);
    int64_t sum_of_exps = 0;
    for (int32_t c = 0; c < data.depth; ++c) {
      exps[c] = ExpOfDiff(data, in[c] - max);
      sum_of_exps += fixed_point::Rescale(exps[c], 0,
                                          kSoftmaxAccumulationIntegerBits);
    }
    if (sum_of_exps > std::numeric_limits<int32_t>::max()) {
      sum_of_exps = std::numeric_limits<int32_t>::max();
    }
    int num_bits_over_unit;
    const int32_t reciprocal = fixed_point::GetReciprocal(
        static_cast<int32_t>(sum_of_exps), kSoftmaxAccumulationIntegerBits,
        &num_bits_over_unit);
    const int exponent = num_bits_over_unit + 31 - 8;
    for (int32_t c = 0; c < data.depth; ++c) {
      int32_t result = kOutputMin;
      if (exponent <= 31) {
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
  auto* data = static_cast<MveSoftmaxData*>(
      context.AllocatePersistent(sizeof(MveSoftmaxData)));
  if (data == nullptr) return Status::kArenaTooSmall;
  *data = MveSoftmaxData();
  data->reference_data = reference_data;
  context.set_op_data(data);
  const Tensor* input = context.input(0);
  data->depth = input->dim(input->rank - 1);
  data->fast = input->type == DataType::kInt8 &&
               context.output(0)->type == DataType::kInt8 &&
               data->depth > 0 && data->depth <= kMaxDepth;
  if (!data->fast) return Status::kOk;
  data->outer_size =
      static_cast<int32_t>(input->num_elements() / data->depth);
  const auto* opts = context.options<schema::SoftmaxOptions>();
  TFM_RETURN_IF_ERROR(PrepareSoftmaxDiffScaling(
      context, opts != nullptr ? opts->beta() : 0.f, input->scale(),
      &data->scaling));
  return context.RequestScratch(sizeof(int32_t) * data->depth,
                                &data->scratch);
}

Status Eval(OpContext& context) {
  const auto& data = *static_cast<const MveSoftmaxData*>(context.op_data());
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
