// READ_VARIABLE: copies the value of the resource variable named by input 0
// (a VAR_HANDLE's handle) into the output. Any fixed-size type; the output
// fixes the variable's type and size. Reading a variable no ASSIGN_VARIABLE
// has written (since AllocateTensors or Reset) is an error, as in TFLite.
#include <cstring>

#include "tensorflow_micro/kernels/reference_kernels.h"
#include "tensorflow_micro/kernels/resource_variable_common.h"

namespace tfmicro {
namespace {

constexpr int kHandleTensor = 0;
constexpr int kOutputTensor = 0;

Status Prepare(OpContext& context) {
  TFM_RETURN_IF_ERROR(ExpectIoCount(context, 1, 1, 1));
  return BindVariableTo(context, context.input(kHandleTensor),
                        context.output(kOutputTensor), "output");
}

Status Eval(OpContext& context) {
  Tensor* output = context.output(kOutputTensor);
  const ResourceVariable* variable =
      VariableFor(context, context.input(kHandleTensor), output);
  if (variable == nullptr) return Status::kKernelError;
  if (!variable->assigned) {
    return context.Error("variable '%s' is read before any ASSIGN_VARIABLE "
                         "wrote it",
                         variable->name);
  }
  if (variable->bytes > 0) {
    std::memcpy(output->data, variable->data, variable->bytes);
  }
  return Status::kOk;
}

}  // namespace

const KernelRegistration& Register_READ_VARIABLE() {
  static const KernelRegistration r = {nullptr, Prepare, Eval, nullptr};
  return r;
}

}  // namespace tfmicro
