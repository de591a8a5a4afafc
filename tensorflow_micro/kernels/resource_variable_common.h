// What VAR_HANDLE's companions READ_VARIABLE and ASSIGN_VARIABLE share: the
// resource handle tensor holds the int32 id of a variable (see
// OpContext::FindResourceVariable).
#ifndef TENSORFLOW_MICRO_KERNELS_RESOURCE_VARIABLE_COMMON_H_
#define TENSORFLOW_MICRO_KERNELS_RESOURCE_VARIABLE_COMMON_H_

#include "tensorflow_micro/core/kernel_api.h"

namespace tfmicro {

// In prepare: checks `handle` is a RESOURCE tensor naming a variable and
// binds the variable to `value`'s type and size (`role` names the value in
// messages: "value", "output").
Status BindVariableTo(OpContext& context, const Tensor* handle,
                      const Tensor* value, const char* role);

// In eval: the variable `handle` names, checked against `value` again (a
// subgraph called from several nodes may receive another handle than the
// one it was prepared with); nullptr after recording an error.
ResourceVariable* VariableFor(OpContext& context, const Tensor* handle,
                              const Tensor* value);

}  // namespace tfmicro

#endif  // TENSORFLOW_MICRO_KERNELS_RESOURCE_VARIABLE_COMMON_H_
