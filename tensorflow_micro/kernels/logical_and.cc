// LOGICAL_AND: a && b on BOOL tensors, elementwise with broadcasting.
#include "tensorflow_micro/kernels/arithmetic_common.h"
#include "tensorflow_micro/kernels/internal/tensor_util.h"
#include "tensorflow_micro/kernels/reference_kernels.h"

namespace tfmicro {
namespace {

Status Prepare(OpContext& context) {
  auto* broadcast = AllocateOpData<BroadcastParams>(context);
  if (broadcast == nullptr) return Status::kArenaTooSmall;
  return PrepareBroadcastBinaryOp(context, TypeBit(DataType::kBool), true,
                                  broadcast);
}

Status Eval(OpContext& context) {
  const auto& broadcast =
      *static_cast<const BroadcastParams*>(context.op_data());
  EvalBroadcastBinaryOp<bool, bool>(context, broadcast,
                                    [](bool a, bool b) { return a && b; });
  return Status::kOk;
}

}  // namespace

const KernelRegistration& Register_LOGICAL_AND() {
  static const KernelRegistration r = {nullptr, Prepare, Eval, nullptr};
  return r;
}

}  // namespace tfmicro
