// CALL_ONCE: runs its init subgraph (no inputs, no outputs; typically
// assigning the resource variables' initial values) on the first Invoke,
// and again on the first Invoke after Interpreter::Reset.
#include "tensorflow_micro/kernels/control_flow_common.h"
#include "tensorflow_micro/kernels/internal/tensor_util.h"
#include "tensorflow_micro/kernels/reference_kernels.h"
#include "tensorflow_micro/schema/schema_generated.h"

namespace tfmicro {
namespace {

struct OpData {
  bool done;
};

void Init(OpContext& context) { AllocateOpData<OpData>(context); }

Status Prepare(OpContext& context) {
  const auto* options = context.options<schema::CallOnceOptions>();
  TFM_ENSURE(context, options != nullptr,
             "CallOnceOptions (the init subgraph) are missing");
  TFM_ENSURE(context, context.num_inputs() == 0 && context.num_outputs() == 0,
             "expected no inputs and no outputs, got %d and %d",
             context.num_inputs(), context.num_outputs());
  return PrepareCalledSubgraph(context, "init",
                               options->init_subgraph_index(), NodeInputs(), 0,
                               0);
}

Status Eval(OpContext& context) {
  auto* data = static_cast<OpData*>(context.op_data());
  if (data->done) return Status::kOk;
  TFM_RETURN_IF_ERROR(context.InvokeSubgraph(
      context.options<schema::CallOnceOptions>()->init_subgraph_index()));
  data->done = true;
  return Status::kOk;
}

void Reset(OpContext& context) {
  static_cast<OpData*>(context.op_data())->done = false;
}

}  // namespace

const KernelRegistration& Register_CALL_ONCE() {
  static const KernelRegistration r = {Init, Prepare, Eval, Reset};
  return r;
}

}  // namespace tfmicro
