// LOGICAL_OR: a || b on BOOL tensors, elementwise with broadcasting.
#include <cstdint>

#include "tensorflow_micro/kernels/arithmetic_common.h"
#include "tensorflow_micro/kernels/reference_kernels.h"

namespace tfmicro {
namespace {

Status Prepare(OpContext& context) {
  return PrepareBroadcastBinaryOpData(context, TypeBit(DataType::kBool), true);
}

Status Eval(OpContext& context) {
  const auto& broadcast =
      *static_cast<const BroadcastParams*>(context.op_data());
  // BOOL bytes are read as integers: any nonzero byte is true.
  EvalBroadcastBinaryOp<uint8_t, bool>(
      context, broadcast,
      [](uint8_t a, uint8_t b) { return a != 0 || b != 0; });
  return Status::kOk;
}

}  // namespace

const KernelRegistration& Register_LOGICAL_OR() {
  static const KernelRegistration r = {nullptr, Prepare, Eval, nullptr};
  return r;
}

}  // namespace tfmicro
