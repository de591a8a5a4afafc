// ASSIGN_VARIABLE: copies input 1 into the resource variable named by
// input 0 (a VAR_HANDLE's handle). Any fixed-size type; the value fixes the
// variable's type and size, which every other use must share.
#include <cstring>

#include "tensorflow_micro/kernels/reference_kernels.h"
#include "tensorflow_micro/kernels/resource_variable_common.h"

namespace tfmicro {
namespace {

constexpr int kHandleTensor = 0;
constexpr int kValueTensor = 1;

Status Prepare(OpContext& context) {
  TFM_RETURN_IF_ERROR(ExpectIoCount(context, 2, 2, 0));
  return BindVariableTo(context, context.input(kHandleTensor),
                        context.input(kValueTensor), "value");
}

Status Eval(OpContext& context) {
  const Tensor* value = context.input(kValueTensor);
  ResourceVariable* variable =
      VariableFor(context, context.input(kHandleTensor), value);
  if (variable == nullptr) return Status::kKernelError;
  if (value->bytes > 0) std::memcpy(variable->data, value->data, value->bytes);
  variable->assigned = true;
  return Status::kOk;
}

}  // namespace

const KernelRegistration& Register_ASSIGN_VARIABLE() {
  static const KernelRegistration r = {nullptr, Prepare, Eval, nullptr};
  return r;
}

}  // namespace tfmicro
