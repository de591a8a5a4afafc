// LOGICAL_NOT: !x on BOOL tensors.
#include <cstdint>

#include "tensorflow_micro/kernels/elementwise_unary_common.h"
#include "tensorflow_micro/kernels/reference_kernels.h"

namespace tfmicro {
namespace {

Status Prepare(OpContext& context) {
  UnaryOpData* data;
  return UnaryPrepare(context, TypeBit(DataType::kBool), false, &data);
}

Status Eval(OpContext& context) {
  // BOOL bytes are read as integers: any nonzero byte is true.
  const Tensor* input = context.input(0);
  const uint8_t* in = input->data_as<uint8_t>();
  bool* out = context.output(0)->data_as<bool>();
  for (int64_t i = 0; i < input->num_elements(); ++i) out[i] = in[i] == 0;
  return Status::kOk;
}

}  // namespace

const KernelRegistration& Register_LOGICAL_NOT() {
  static const KernelRegistration r = {nullptr, Prepare, Eval, nullptr};
  return r;
}

}  // namespace tfmicro
