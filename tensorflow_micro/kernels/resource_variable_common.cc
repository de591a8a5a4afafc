#include "tensorflow_micro/kernels/resource_variable_common.h"

namespace tfmicro {

Status BindVariableTo(OpContext& context, const Tensor* handle,
                      const Tensor* value, const char* role) {
  TFM_ENSURE(context, handle->type == DataType::kResource,
             "resource handle type %s not supported (expected RESOURCE)",
             DataTypeName(handle->type));
  TFM_ENSURE(context, DataTypeSize(value->type) != 0,
             "%s type %s not supported (no fixed element size)", role,
             DataTypeName(value->type));
  const int32_t id = handle->data_as<int32_t>()[0];
  return context.BindResourceVariable(id, value->type, value->bytes);
}

ResourceVariable* VariableFor(OpContext& context, const Tensor* handle,
                              const Tensor* value) {
  const int32_t id = handle->data_as<int32_t>()[0];
  ResourceVariable* variable = context.resource_variable(id);
  if (variable == nullptr || variable->data == nullptr) {
    context.Error("resource handle %d names no prepared variable",
                  static_cast<int>(id));
    return nullptr;
  }
  if (variable->type != value->type || variable->bytes != value->bytes) {
    context.Error("variable '%s' holds %s (%lu bytes), not %s (%lu bytes)",
                  variable->name, DataTypeName(variable->type),
                  static_cast<unsigned long>(variable->bytes),
                  DataTypeName(value->type),
                  static_cast<unsigned long>(value->bytes));
    return nullptr;
  }
  return variable;
}

}  // namespace tfmicro
