// LOGICAL_NOT: !x on BOOL tensors.
#include "tensorflow_micro/kernels/elementwise_unary_common.h"
#include "tensorflow_micro/kernels/reference_kernels.h"

namespace tfmicro {
namespace {

Status Prepare(OpContext& context) {
  UnaryOpData* data;
  return UnaryPrepare(context, TypeBit(DataType::kBool), false, &data);
}

Status Eval(OpContext& context) {
  UnaryMap<bool>(context, [](bool x) { return !x; });
  return Status::kOk;
}

}  // namespace

const KernelRegistration& Register_LOGICAL_NOT() {
  static const KernelRegistration r = {nullptr, Prepare, Eval, nullptr};
  return r;
}

}  // namespace tfmicro
