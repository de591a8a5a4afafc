// WHILE: loop-carried values start as the inputs; while the condition
// subgraph returns true for them, the body subgraph computes the next
// values. The outputs are the values when the condition first returns false
// (TFLite has no iteration bound; a model is untrusted input, so here a
// loop that runs kMaxWhileIterations times fails instead of hanging the
// device). Any types; the condition's
// and the body's inputs, the body's outputs and the node's inputs and
// outputs must pair up by type and (static) size.
//
// The node's output tensors hold the current values between the two
// subgraphs, so the condition and the body may share memory.
#include <cstdint>

#include "tensorflow_micro/kernels/control_flow_common.h"
#include "tensorflow_micro/kernels/reference_kernels.h"
#include "tensorflow_micro/schema/schema_generated.h"

namespace tfmicro {
namespace {

// Far above the time steps of a recurrent model on a microcontroller.
constexpr uint32_t kMaxWhileIterations = uint32_t{1} << 20;

Status Prepare(OpContext& context) {
  const auto* options = context.options<schema::WhileOptions>();
  TFM_ENSURE(context, options != nullptr,
             "WhileOptions (the condition and body subgraphs) are missing");
  const int count = context.num_inputs();
  TFM_ENSURE(context, context.num_outputs() == count,
             "expected as many outputs as inputs (%d), got %d", count,
             context.num_outputs());
  TFM_RETURN_IF_ERROR(ExpectCopyable(context, NodeInputs(), NodeOutputs(),
                                     count));
  CopyResourceHandles(context, NodeInputs(), NodeOutputs(), count);
  const int cond = options->cond_subgraph_index();
  const int body = options->body_subgraph_index();
  TFM_RETURN_IF_ERROR(
      PrepareCalledSubgraph(context, "condition", cond, NodeInputs(), count, 1));
  const Tensor* result = context.subgraph_output(cond, 0);
  TFM_ENSURE(context,
             result->type == DataType::kBool && result->num_elements() == 1,
             "condition subgraph %d must return one BOOL, it returns %s with "
             "%lld elements",
             cond, DataTypeName(result->type),
             static_cast<long long>(result->num_elements()));
  TFM_RETURN_IF_ERROR(
      PrepareCalledSubgraph(context, "body", body, NodeInputs(), count, count));
  return ExpectCopyable(context, SubgraphOutputs(body), NodeOutputs(), count);
}

Status Eval(OpContext& context) {
  const auto* options = context.options<schema::WhileOptions>();
  const int cond = options->cond_subgraph_index();
  const int body = options->body_subgraph_index();
  const int count = context.num_inputs();
  // Any nonzero byte is true (the condition may be a constant BOOL buffer).
  const uint8_t* result = context.subgraph_output(cond, 0)->data_as<uint8_t>();
  CopyTensors(context, NodeInputs(), NodeOutputs(), count);
  for (uint32_t iteration = 0;; ++iteration) {
    CopyTensors(context, NodeOutputs(), SubgraphInputs(cond), count);
    TFM_RETURN_IF_ERROR(context.InvokeSubgraph(cond));
    if (result[0] == 0) return Status::kOk;
    TFM_ENSURE(context, iteration < kMaxWhileIterations,
               "stopped after %lu iterations: the condition subgraph %d "
               "never returned false (the limit is kMaxWhileIterations)",
               static_cast<unsigned long>(kMaxWhileIterations), cond);
    CopyTensors(context, NodeOutputs(), SubgraphInputs(body), count);
    TFM_RETURN_IF_ERROR(context.InvokeSubgraph(body));
    CopyTensors(context, SubgraphOutputs(body), NodeOutputs(), count);
  }
}

}  // namespace

const KernelRegistration& Register_WHILE() {
  static const KernelRegistration r = {nullptr, Prepare, Eval, nullptr};
  return r;
}

}  // namespace tfmicro
