// arm_mve ADD, INT8 with inputs of the output's size or a single-value
// input: TFLite's rescaling (inputs shifted left 20 bits, each scaled to
// the common scale, summed, scaled to the output) with the vector
// MultiplyByQuantizedMultiplier, four elements per vector: bit-exact.
// The reference prepare validates the node; other types and broadcasts
// run the reference compute with its own op data.
#include "tensorflow_micro/kernels/arithmetic_common.h"
#include "tensorflow_micro/kernels/reference_kernels.h"
#include "tensorflow_micro/kernels/vendor/arm_mve/binary_s8.h"
#include "tensorflow_micro/kernels/vendor_fallback.h"
#include "tensorflow_micro/schema/schema_generated.h"

namespace tfmicro {
namespace vendor {
namespace {

struct MveAddData {
  void* reference_data = nullptr;  // the reference prepare's
  const AddSubOpData* quantized = nullptr;
  arm_mve::BinaryShape shape = arm_mve::BinaryShape::kReference;
};

Status Prepare(OpContext& context) {
  TFM_RETURN_IF_ERROR(::tfmicro::Register_ADD().prepare(context));
  void* reference_data = context.op_data();
  const arm_mve::BinaryShape shape = arm_mve::ClassifyBinaryS8(context);
  const AddSubOpData* quantized = nullptr;
  if (shape != arm_mve::BinaryShape::kReference) {
    // The multipliers, as the reference computes them.
    TFM_RETURN_IF_ERROR(PrepareAddSub<schema::AddOptions>(context));
    quantized = static_cast<const AddSubOpData*>(context.op_data());
  }
  auto* data = static_cast<MveAddData*>(
      context.AllocatePersistent(sizeof(MveAddData)));
  if (data == nullptr) return Status::kArenaTooSmall;
  *data = MveAddData();
  data->reference_data = reference_data;
  data->quantized = quantized;
  data->shape = shape;
  context.set_op_data(data);
  return Status::kOk;
}

Status Eval(OpContext& context) {
  const auto& data = *static_cast<const MveAddData*>(context.op_data());
  if (data.shape == arm_mve::BinaryShape::kReference) {
    return vendor::EvalWithReferenceData(context, ::tfmicro::Register_ADD(),
                                          data.reference_data);
  }
  const ArithmeticParams& p = data.quantized->params;
  const AddSubQuantization& q = data.quantized->quantization;
  using arm_mve::I32x4;
  arm_mve::EvalBinaryS8(context, data.shape, [&](I32x4 a, I32x4 b) {
    const I32x4 scaled1 = arm_mve::MulByQuantN(
        arm_mve::ShlN32(arm_mve::AddN32(a, p.input1_offset), q.left_shift),
        q.input1_multiplier, q.input1_shift);
    const I32x4 scaled2 = arm_mve::MulByQuantN(
        arm_mve::ShlN32(arm_mve::AddN32(b, p.input2_offset), q.left_shift),
        q.input2_multiplier, q.input2_shift);
    const I32x4 sum =
        arm_mve::MulByQuantN(arm_mve::Add32(scaled1, scaled2),
                             q.output_multiplier, q.output_shift);
    return arm_mve::OffsetClamp(sum, p.output_offset, p.activation_min,
                                p.activation_max);
  });
  return Status::kOk;
}

}  // namespace

const KernelRegistration& Register_ADD() {
  static const KernelRegistration r = {nullptr, Prepare, Eval, nullptr};
  return r;
}

}  // namespace vendor
}  // namespace tfmicro
