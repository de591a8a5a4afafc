// arm_dsp MUL, INT8 without broadcasting (mul_s8): (q1 - zp1) * (q2 - zp2)
// requantized with the Q31 multiplier of in1_scale * in2_scale / out_scale
// (computed as the reference does, the scales' product in float), through
// Int8OutputTable (requant_s8.h) where it applies: bit-exact. The reference
// prepare validates the node; broadcasts and the other types run the
// reference compute with its own op data.
#include "tensorflow_micro/kernels/arithmetic_common.h"
#include "tensorflow_micro/kernels/conv_common.h"
#include "tensorflow_micro/kernels/internal/quantization_util.h"
#include "tensorflow_micro/kernels/reference_kernels.h"
#include "tensorflow_micro/kernels/vendor_fallback.h"
#include "tensorflow_micro/kernels/vendor/arm_dsp/requant_s8.h"
#include "tensorflow_micro/schema/schema_generated.h"

namespace tfmicro {
namespace vendor {
namespace {

struct DspMulData {
  void* reference_data = nullptr;
  bool fast = false;
  bool lean_requant = false;
  int32_t input1_offset = 0;
  int32_t input2_offset = 0;
  int32_t multiplier = 0;
  int32_t shift = 0;
  ConvQuantParams quant;  // output offset, clamp, &multiplier, &shift
  arm_dsp::ChannelRequant requant;  // under lean_requant
};

template <bool kLean>
void mul_s8(const DspMulData& data, const int8_t* a, const int8_t* b,
            int8_t* out, int32_t size) {
  const ConvQuantParams& q = data.quant;
  const int32_t offset1 = data.input1_offset;
  const int32_t offset2 = data.input2_offset;
  for (int32_t i = 0; i < size; ++i) {
    const int32_t product = (a[i] + offset1) * (b[i] + offset2);
    out[i] = kLean ? arm_dsp::Int8OutputTable(product, data.requant, q)
                   : Int8ConvOutput(product, nullptr, 0, q);
  }
}

Status Prepare(OpContext& context) {
  TFM_RETURN_IF_ERROR(::tfmicro::Register_MUL().prepare(context));
  void* reference_data = context.op_data();
  auto* data = static_cast<DspMulData*>(
      context.AllocatePersistent(sizeof(DspMulData)));
  if (data == nullptr) return Status::kArenaTooSmall;
  *data = DspMulData();
  data->reference_data = reference_data;
  context.set_op_data(data);
  const Tensor* input1 = context.input(0);
  const Tensor* input2 = context.input(1);
  const Tensor* output = context.output(0);
  const int64_t size = output->num_elements();
  if (output->type != DataType::kInt8 || input1->num_elements() != size ||
      input2->num_elements() != size) {
    return Status::kOk;
  }
  const int activation =
      FusedActivationOf(context.options<schema::MulOptions>());
  ArithmeticParams params;
  TFM_RETURN_IF_ERROR(PrepareArithmetic(context, activation, &params));
  // As the reference: the scales' product in float, then the Q31 split.
  const float real_multiplier =
      input1->scale() * input2->scale() / output->scale();
  int shift = 0;
  TFM_RETURN_IF_ERROR(QuantizeModelMultiplier(
      context, real_multiplier, "input1 x input2 / output", &data->multiplier,
      &shift));
  data->shift = shift;
  TFM_RETURN_IF_ERROR(CalculateActivationRangeQuantized(
      context, activation, output, &data->quant.activation_min,
      &data->quant.activation_max));
  data->input1_offset = params.input1_offset;
  data->input2_offset = params.input2_offset;
  data->quant.output_offset = params.output_offset;
  data->quant.multipliers = &data->multiplier;
  data->quant.shifts = &data->shift;
  data->lean_requant = arm_dsp::LeanRequantOk(data->quant, 1);
  arm_dsp::MakeChannelRequants(data->quant, 1, &data->requant);
  data->fast = true;
  return Status::kOk;
}

Status Eval(OpContext& context) {
  const auto& data = *static_cast<const DspMulData*>(context.op_data());
  if (!data.fast) {
    return vendor::EvalWithReferenceData(context, ::tfmicro::Register_MUL(),
                                          data.reference_data);
  }
  const int8_t* a = context.input(0)->data_as<int8_t>();
  const int8_t* b = context.input(1)->data_as<int8_t>();
  Tensor& output = *context.output(0);
  const auto size = static_cast<int32_t>(output.num_elements());
  if (data.lean_requant) {
    mul_s8<true>(data, a, b, output.data_as<int8_t>(), size);
  } else {
    mul_s8<false>(data, a, b, output.data_as<int8_t>(), size);
  }
  return Status::kOk;
}

}  // namespace

const KernelRegistration& Register_MUL() {
  static const KernelRegistration r = {nullptr, Prepare, Eval, nullptr};
  return r;
}

}  // namespace vendor
}  // namespace tfmicro
