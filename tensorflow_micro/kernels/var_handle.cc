// VAR_HANDLE: the handle (a RESOURCE tensor) of the resource variable named
// by the options' (container, shared_name). Nodes with the same names, in
// any subgraph, name the same variable. The id is fixed while preparing.
#include "tensorflow_micro/kernels/reference_kernels.h"
#include "tensorflow_micro/schema/schema_generated.h"

namespace tfmicro {
namespace {

constexpr int kHandleTensor = 0;

Status Prepare(OpContext& context) {
  TFM_ENSURE(context, context.num_inputs() == 0 && context.num_outputs() == 1,
             "expected no inputs and 1 output, got %d and %d",
             context.num_inputs(), context.num_outputs());
  Tensor* handle = context.output(kHandleTensor);
  TFM_ENSURE(context, handle != nullptr, "output 0 is missing");
  TFM_ENSURE(context, handle->type == DataType::kResource,
             "output type %s not supported (expected RESOURCE)",
             DataTypeName(handle->type));
  const auto* options = context.options<schema::VarHandleOptions>();
  const char* container = "";
  const char* shared_name = "";
  if (options != nullptr && options->container() != nullptr) {
    container = options->container()->c_str();
  }
  if (options != nullptr && options->shared_name() != nullptr) {
    shared_name = options->shared_name()->c_str();
  }
  int32_t id = 0;
  TFM_RETURN_IF_ERROR(
      context.FindResourceVariable(container, shared_name, &id));
  handle->data_as<int32_t>()[0] = id;
  return Status::kOk;
}

Status Eval(OpContext&) { return Status::kOk; }

}  // namespace

const KernelRegistration& Register_VAR_HANDLE() {
  static const KernelRegistration r = {nullptr, Prepare, Eval, nullptr};
  return r;
}

}  // namespace tfmicro
