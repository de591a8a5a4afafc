// arm_mve MUL, INT8 with inputs of the output's size or a single-value
// input: (q1 - zp1) * (q2 - zp2) rescaled by the Q31 multiplier of
// in1_scale * in2_scale / out_scale (computed as the reference does, in
// float), four elements per vector: bit-exact. The reference prepare
// validates the node; other types and broadcasts run the reference compute
// with its own op data.
#include "tensorflow_micro/kernels/arithmetic_common.h"
#include "tensorflow_micro/kernels/internal/quantization_util.h"
#include "tensorflow_micro/kernels/reference_kernels.h"
#include "tensorflow_micro/kernels/vendor/arm_mve/binary_s8.h"
#include "tensorflow_micro/kernels/vendor_fallback.h"
#include "tensorflow_micro/schema/schema_generated.h"

namespace tfmicro {
namespace vendor {
namespace {

struct MveMulData {
  void* reference_data = nullptr;
  arm_mve::BinaryShape shape = arm_mve::BinaryShape::kReference;
  ArithmeticParams params;
  int32_t output_multiplier = 0;
  int output_shift = 0;
};

Status Prepare(OpContext& context) {
  TFM_RETURN_IF_ERROR(::tfmicro::Register_MUL().prepare(context));
  void* reference_data = context.op_data();
  auto* data = static_cast<MveMulData*>(
      context.AllocatePersistent(sizeof(MveMulData)));
  if (data == nullptr) return Status::kArenaTooSmall;
  *data = MveMulData();
  data->reference_data = reference_data;
  context.set_op_data(data);
  data->shape = arm_mve::ClassifyBinaryS8(context);
  if (data->shape == arm_mve::BinaryShape::kReference) return Status::kOk;
  const Tensor* input1 = context.input(0);
  const Tensor* input2 = context.input(1);
  const Tensor* output = context.output(0);
  const int activation =
      FusedActivationOf(context.options<schema::MulOptions>());
  TFM_RETURN_IF_ERROR(PrepareArithmetic(context, activation, &data->params));
  // As the reference: the scales' product in float, then the Q31 split.
  const float real_multiplier =
      input1->scale() * input2->scale() / output->scale();
  TFM_RETURN_IF_ERROR(QuantizeModelMultiplier(
      context, real_multiplier, "input1 x input2 / output",
      &data->output_multiplier, &data->output_shift));
  return CalculateActivationRangeQuantized(context, activation, output,
                                           &data->params.activation_min,
                                           &data->params.activation_max);
}

Status Eval(OpContext& context) {
  const auto& data = *static_cast<const MveMulData*>(context.op_data());
  if (data.shape == arm_mve::BinaryShape::kReference) {
    return vendor::EvalWithReferenceData(context, ::tfmicro::Register_MUL(),
                                          data.reference_data);
  }
  const ArithmeticParams& p = data.params;
  using arm_mve::I32x4;
  arm_mve::EvalBinaryS8(context, data.shape, [&](I32x4 a, I32x4 b) {
    const I32x4 product = arm_mve::Mul32(arm_mve::AddN32(a, p.input1_offset),
                                         arm_mve::AddN32(b, p.input2_offset));
    return arm_mve::OffsetClamp(
        arm_mve::MulByQuantN(product, data.output_multiplier,
                             data.output_shift),
        p.output_offset, p.activation_min, p.activation_max);
  });
  return Status::kOk;
}

}  // namespace

const KernelRegistration& Register_MUL() {
  static const KernelRegistration r = {nullptr, Prepare, Eval, nullptr};
  return r;
}

}  // namespace vendor
}  // namespace tfmicro
