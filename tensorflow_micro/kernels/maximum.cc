// MAXIMUM: the larger of input1 and input2, elementwise with broadcasting.
// FLOAT32, INT8, INT16, INT32 and INT64; quantized inputs compare their
// raw values (TFLite requires nothing of their scales either).
#include "tensorflow_micro/kernels/arithmetic_common.h"
#include "tensorflow_micro/kernels/reference_kernels.h"

namespace tfmicro {
namespace {

Status Prepare(OpContext& context) {
  return PrepareBroadcastBinaryOpData(context, kMinMaxTypes, false);
}

Status Eval(OpContext& context) {
  EvalBroadcastBinarySameType(context,
                              [](auto a, auto b) { return a > b ? a : b; });
  return Status::kOk;
}

}  // namespace

const KernelRegistration& Register_MAXIMUM() {
  static const KernelRegistration r = {nullptr, Prepare, Eval, nullptr};
  return r;
}

}  // namespace tfmicro
