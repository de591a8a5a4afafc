// IF: runs the then- or the else-subgraph on inputs 1..N, by the boolean
// input 0, and returns that subgraph's outputs. Any types; both branches'
// inputs and outputs must have the node's types and (static) sizes.
#include <cstdint>

#include "tensorflow_micro/kernels/control_flow_common.h"
#include "tensorflow_micro/kernels/reference_kernels.h"
#include "tensorflow_micro/schema/schema_generated.h"

namespace tfmicro {
namespace {

constexpr int kConditionTensor = 0;
constexpr int kFirstValueInput = 1;

Status Prepare(OpContext& context) {
  const auto* options = context.options<schema::IfOptions>();
  TFM_ENSURE(context, options != nullptr,
             "IfOptions (the branch subgraphs) are missing");
  TFM_ENSURE(context, context.num_inputs() >= 1,
             "expected a condition input, got no inputs");
  const Tensor* condition = context.input(kConditionTensor);
  TFM_ENSURE(context, condition != nullptr, "the condition input is missing");
  TFM_ENSURE(context, condition->type == DataType::kBool,
             "condition type %s not supported (expected BOOL)",
             DataTypeName(condition->type));
  TFM_ENSURE(context, condition->num_elements() == 1,
             "the condition must have one element, it has %lld",
             static_cast<long long>(condition->num_elements()));
  const int num_values = context.num_inputs() - kFirstValueInput;
  const int num_outputs = context.num_outputs();
  const TensorList values = NodeInputs(kFirstValueInput);
  const int branches[2] = {options->then_subgraph_index(),
                           options->else_subgraph_index()};
  const char* roles[2] = {"then", "else"};
  for (int b = 0; b < 2; ++b) {
    TFM_RETURN_IF_ERROR(PrepareCalledSubgraph(
        context, roles[b], branches[b], values, num_values, num_outputs));
    TFM_RETURN_IF_ERROR(ExpectCopyable(context, SubgraphOutputs(branches[b]),
                                       NodeOutputs(), num_outputs));
    CopyResourceHandles(context, SubgraphOutputs(branches[b]), NodeOutputs(),
                        num_outputs);
  }
  return Status::kOk;
}

Status Eval(OpContext& context) {
  const auto* options = context.options<schema::IfOptions>();
  // Any nonzero byte is true (a BOOL buffer may hold other bytes than 0, 1).
  const bool condition =
      context.input(kConditionTensor)->data_as<uint8_t>()[0] != 0;
  const int branch = condition ? options->then_subgraph_index()
                               : options->else_subgraph_index();
  const int num_values = context.num_inputs() - kFirstValueInput;
  CopyTensors(context, NodeInputs(kFirstValueInput), SubgraphInputs(branch),
              num_values);
  TFM_RETURN_IF_ERROR(context.InvokeSubgraph(branch));
  CopyTensors(context, SubgraphOutputs(branch), NodeOutputs(),
              context.num_outputs());
  return Status::kOk;
}

}  // namespace

const KernelRegistration& Register_IF() {
  static const KernelRegistration r = {nullptr, Prepare, Eval, nullptr};
  return r;
}

}  // namespace tfmicro
