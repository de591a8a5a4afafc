// OpContext: what a kernel sees of the interpreter.
#include "tensorflow_micro/core/kernel_api.h"

#include <cstdarg>

#include "tensorflow_micro/core/format.h"
#include "tensorflow_micro/core/graph.h"
#include "tensorflow_micro/core/interpreter.h"
#include "tensorflow_micro/platform/platform.h"

namespace tfmicro {

using internal::Phase;

const char* OpContext::op_name() const {
  return graph_->nodes[node_index_].op_name;
}

int OpContext::num_inputs() const {
  const auto* inputs = graph_->op(node_index_)->inputs();
  return inputs ? static_cast<int>(inputs->size()) : 0;
}

int OpContext::num_outputs() const {
  const auto* outputs = graph_->op(node_index_)->outputs();
  return outputs ? static_cast<int>(outputs->size()) : 0;
}

Tensor* OpContext::input(int i) const {
  if (i < 0 || i >= num_inputs()) return nullptr;
  const int32_t index =
      graph_->op(node_index_)->inputs()->Get(static_cast<uint32_t>(i));
  return index < 0 ? nullptr : &graph_->tensors[index];
}

int OpContext::num_intermediates() const {
  const auto* intermediates = graph_->op(node_index_)->intermediates();
  return intermediates ? static_cast<int>(intermediates->size()) : 0;
}

Tensor* OpContext::intermediate(int i) const {
  if (i < 0 || i >= num_intermediates()) return nullptr;
  const int32_t index =
      graph_->op(node_index_)->intermediates()->Get(static_cast<uint32_t>(i));
  return index < 0 || index >= graph_->num_tensors ? nullptr
                                                    : &graph_->tensors[index];
}

Tensor* OpContext::output(int i) const {
  if (i < 0 || i >= num_outputs()) return nullptr;
  const int32_t index =
      graph_->op(node_index_)->outputs()->Get(static_cast<uint32_t>(i));
  return index < 0 ? nullptr : &graph_->tensors[index];
}

const void* OpContext::builtin_options() const {
  return graph_->op(node_index_)->builtin_options();
}

const uint8_t* OpContext::custom_options(size_t* size) const {
  const auto* options = graph_->op(node_index_)->custom_options();
  *size = options ? options->size() : 0;
  return options ? options->data() : nullptr;
}

void* OpContext::op_data() const { return graph_->nodes[node_index_].op_data; }

void OpContext::set_op_data(void* data) {
  graph_->nodes[node_index_].op_data = data;
}

void* OpContext::AllocatePersistent(size_t bytes) {
  if (graph_->phase == Phase::kEval) {
    Error("AllocatePersistent called from eval; allocate in init or prepare");
    return nullptr;
  }
  // On failure the interpreter reports the arena shortfall after the
  // kernel returns.
  return graph_->allocator->AllocatePersistent(bytes);
}

Status OpContext::RequestScratch(size_t bytes, int* handle) {
  if (graph_->phase != Phase::kPrepare) {
    return Error("RequestScratch called outside prepare");
  }
  internal::NodeState& node = graph_->nodes[node_index_];
  if (node.num_scratch >= internal::kMaxScratchPerNode) {
    return Error("more than %d scratch buffers requested",
                 internal::kMaxScratchPerNode);
  }
  if (bytes > 0x7fffffff) return Error("scratch request of %zu bytes", bytes);
  graph_->scratch_requests[node_index_ * internal::kMaxScratchPerNode +
                           node.num_scratch] = static_cast<uint32_t>(bytes);
  *handle = node.num_scratch++;
  return Status::kOk;
}

void* OpContext::scratch(int handle) const {
  const internal::NodeState& node = graph_->nodes[node_index_];
  if (graph_->phase != Phase::kEval || handle < 0 ||
      handle >= node.num_scratch) {
    return nullptr;
  }
  return graph_->scratch[node.first_scratch + handle];
}

Status OpContext::AllowInPlace(int input, int output, size_t min_gap_bytes) {
  if (graph_->phase != Phase::kPrepare) {
    return Error("AllowInPlace called outside prepare");
  }
  const auto* op = graph_->op(node_index_);
  if (input < 0 || input >= num_inputs() || output < 0 ||
      output >= num_outputs()) {
    return Error("AllowInPlace(%d, %d): no such input or output", input,
                 output);
  }
  internal::NodeState& node = graph_->nodes[node_index_];
  if (node.num_in_place >= internal::kMaxInPlacePerNode ||
      min_gap_bytes > 0x7fffffff) {
    return Status::kOk;  // only a hint: the planner keeps them apart
  }
  const int32_t input_tensor = op->inputs()->Get(static_cast<uint32_t>(input));
  const int32_t output_tensor =
      op->outputs()->Get(static_cast<uint32_t>(output));
  if (input_tensor < 0 || output_tensor < 0) return Status::kOk;
  graph_->in_place_requests[node_index_ * internal::kMaxInPlacePerNode +
                            node.num_in_place++] = {
      input_tensor, output_tensor, static_cast<uint32_t>(min_gap_bytes)};
  return Status::kOk;
}


int OpContext::num_subgraphs() const {
  return static_cast<int>(graph_->interpreter->num_graphs_);
}

Status OpContext::InitSubgraph(int subgraph) {
  if (graph_->phase != Phase::kPrepare) {
    return Error("InitSubgraph called outside prepare");
  }
  return graph_->interpreter->InitGraph(subgraph);
}

Status OpContext::PrepareSubgraph(int subgraph) {
  if (graph_->phase != Phase::kPrepare) {
    return Error("PrepareSubgraph called outside prepare");
  }
  return graph_->interpreter->PrepareGraph(*graph_, node_index_, subgraph);
}

namespace {

// The subgraph's graph when it has tensors, else nullptr.
const internal::Graph* InitializedGraph(const internal::Graph* graphs,
                                        int32_t num_graphs, int subgraph) {
  if (subgraph < 0 || subgraph >= num_graphs ||
      graphs[subgraph].state == internal::GraphState::kUnused) {
    return nullptr;
  }
  return &graphs[subgraph];
}

int IoCount(const flatbuffers::Vector<int32_t>* indices) {
  return indices ? static_cast<int>(indices->size()) : 0;
}

// The graph's tensor at position i of its inputs or outputs list.
Tensor* IoTensor(const internal::Graph& graph,
                 const flatbuffers::Vector<int32_t>* indices, int i) {
  if (i < 0 || i >= IoCount(indices)) return nullptr;
  return &graph.tensors[indices->Get(static_cast<uint32_t>(i))];
}

}  // namespace

int OpContext::subgraph_num_inputs(int subgraph) const {
  const Interpreter& in = *graph_->interpreter;
  const internal::Graph* g =
      InitializedGraph(in.graphs_, in.num_graphs_, subgraph);
  return g ? IoCount(g->subgraph->inputs()) : -1;
}

int OpContext::subgraph_num_outputs(int subgraph) const {
  const Interpreter& in = *graph_->interpreter;
  const internal::Graph* g =
      InitializedGraph(in.graphs_, in.num_graphs_, subgraph);
  return g ? IoCount(g->subgraph->outputs()) : -1;
}

Tensor* OpContext::subgraph_input(int subgraph, int i) const {
  const Interpreter& in = *graph_->interpreter;
  const internal::Graph* g =
      InitializedGraph(in.graphs_, in.num_graphs_, subgraph);
  return g ? IoTensor(*g, g->subgraph->inputs(), i) : nullptr;
}

Tensor* OpContext::subgraph_output(int subgraph, int i) const {
  const Interpreter& in = *graph_->interpreter;
  const internal::Graph* g =
      InitializedGraph(in.graphs_, in.num_graphs_, subgraph);
  return g ? IoTensor(*g, g->subgraph->outputs(), i) : nullptr;
}

Status OpContext::InvokeSubgraph(int subgraph) {
  Interpreter& in = *graph_->interpreter;
  if (graph_->phase != Phase::kEval) {
    return Error("InvokeSubgraph called outside eval");
  }
  if (subgraph < 0 || subgraph >= in.num_graphs_ ||
      in.graphs_[subgraph].state != internal::GraphState::kPrepared) {
    return Error("subgraph %d was not prepared by this node", subgraph);
  }
  return in.InvokeGraph(in.graphs_[subgraph]);
}

Status OpContext::FindResourceVariable(const char* container,
                                       const char* shared_name, int32_t* id) {
  if (graph_->phase != Phase::kPrepare) {
    return Error("FindResourceVariable called outside prepare");
  }
  *id = graph_->interpreter->resources_.FindOrCreate(container, shared_name);
  // On failure the interpreter reports the arena shortfall.
  return *id > 0 ? Status::kOk : Status::kArenaTooSmall;
}

Status OpContext::BindResourceVariable(int32_t id, DataType type,
                                       uint32_t bytes) {
  if (graph_->phase != Phase::kPrepare) {
    return Error("BindResourceVariable called outside prepare");
  }
  ResourceVariable* variable = resource_variable(id);
  if (variable == nullptr) {
    return Error("resource handle %d names no variable (it does not come "
                 "from a VAR_HANDLE)",
                 static_cast<int>(id));
  }
  if (variable->data == nullptr) {
    variable->data = graph_->allocator->AllocatePersistent(bytes);
    if (variable->data == nullptr) return Status::kArenaTooSmall;
    variable->bytes = bytes;
    variable->type = type;
    return Status::kOk;
  }
  if (variable->type != type || variable->bytes != bytes) {
    return Error("variable '%s' holds %s (%lu bytes) elsewhere in the model "
                 "but %s (%lu bytes) here; its type and size must not change",
                 variable->name, DataTypeName(variable->type),
                 static_cast<unsigned long>(variable->bytes),
                 DataTypeName(type), static_cast<unsigned long>(bytes));
  }
  return Status::kOk;
}

ResourceVariable* OpContext::resource_variable(int32_t id) const {
  return graph_->interpreter->resources_.Get(id);
}

Status OpContext::Error(const char* format, ...) {
  char* text = graph_->error->text;
  const size_t size = sizeof(graph_->error->text);
  const size_t prefix =
      graph_->index == 0
          ? tfmicro::Format(text, size, "node %d (%s): ", node_index_,
                            op_name())
          : tfmicro::Format(text, size, "subgraph %d, node %d (%s): ",
                            static_cast<int>(graph_->index), node_index_,
                            op_name());
  va_list args;
  va_start(args, format);
  FormatV(text + prefix, size - prefix, format, args);
  va_end(args);
  if (graph_->error->log_errors) tfm_platform_log(text);
  return Status::kKernelError;
}

Status ExpectIoCount(OpContext& context, int min_inputs, int max_inputs,
                     int outputs) {
  const int n = context.num_inputs();
  if (n < min_inputs || n > max_inputs) {
    if (min_inputs == max_inputs) {
      return context.Error("expected %d inputs, got %d", min_inputs, n);
    }
    return context.Error("expected %d to %d inputs, got %d", min_inputs,
                         max_inputs, n);
  }
  for (int i = 0; i < min_inputs; ++i) {
    if (context.input(i) == nullptr) {
      return context.Error("required input %d is missing", i);
    }
  }
  if (context.num_outputs() != outputs) {
    return context.Error("expected %d outputs, got %d", outputs,
                         context.num_outputs());
  }
  for (int i = 0; i < outputs; ++i) {
    if (context.output(i) == nullptr) {
      return context.Error("output %d is missing", i);
    }
  }
  return Status::kOk;
}

Status ExpectType(OpContext& context, const Tensor* tensor, const char* role,
                  DataType type) {
  if (tensor->type != type) {
    return context.Error("%s type %s not supported (expected %s)", role,
                         DataTypeName(tensor->type), DataTypeName(type));
  }
  return Status::kOk;
}

Status ExpectSameType(OpContext& context, const Tensor* a, const char* role_a,
                      const Tensor* b, const char* role_b) {
  if (a->type != b->type) {
    return context.Error("%s type %s differs from %s type %s", role_a,
                         DataTypeName(a->type), role_b, DataTypeName(b->type));
  }
  return Status::kOk;
}

namespace {

// "[1,4,4,3]"
void ShapeText(const Tensor* t, char* buffer, size_t size) {
  size_t n = tfmicro::Format(buffer, size, "[");
  for (int i = 0; i < t->rank && n < size; ++i) {
    n += tfmicro::Format(buffer + n, size - n, i ? ",%d" : "%d",
                         static_cast<int>(t->dims[i]));
  }
  if (n < size) tfmicro::Format(buffer + n, size - n, "]");
}

}  // namespace

Status ExpectSameShape(OpContext& context, const Tensor* a,
                       const char* role_a, const Tensor* b,
                       const char* role_b) {
  if (!SameShape(*a, *b)) {
    char shape_a[64];
    char shape_b[64];
    ShapeText(a, shape_a, sizeof(shape_a));
    ShapeText(b, shape_b, sizeof(shape_b));
    return context.Error("%s shape %s differs from %s shape %s", role_a,
                         shape_a, role_b, shape_b);
  }
  return Status::kOk;
}

Status ExpectRank(OpContext& context, const Tensor* tensor, const char* role,
                  int rank) {
  if (tensor->rank != rank) {
    return context.Error("%s must have rank %d, got %d", role, rank,
                         static_cast<int>(tensor->rank));
  }
  return Status::kOk;
}

Status ExpectQuantized(OpContext& context, const Tensor* tensor,
                       const char* role) {
  if (tensor->quant.num_channels == 0 || tensor->quant.scales == nullptr) {
    return context.Error("%s (%s) has no quantization parameters", role,
                         DataTypeName(tensor->type));
  }
  for (int32_t c = 0; c < tensor->quant.num_channels; ++c) {
    const float scale = tensor->quant.scales[c];
    // Rejects zero, negative, NaN and infinite scales.
    if (!(scale > 0.f && scale <= 3.4028235e38f)) {
      return context.Error("%s has an invalid scale %g (channel %d)", role,
                           static_cast<double>(scale), static_cast<int>(c));
    }
  }
  return Status::kOk;
}

}  // namespace tfmicro
