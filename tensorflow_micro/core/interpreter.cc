#include "tensorflow_micro/core/interpreter.h"

#include <cstdarg>
#include <cstring>

#include "flatbuffers/flatbuffers.h"
#include "tensorflow_micro/core/format.h"
#include "tensorflow_micro/core/model_checks.h"
#include "tensorflow_micro/core/op_names.h"
#include "tensorflow_micro/platform/platform.h"

namespace tfmicro {
namespace {

const GreedyMemoryPlanner kDefaultPlanner;
const LinearMemoryPlanner kPreservingPlanner;

// A variable tensor's value before the first Invoke and after Reset: the
// model's data when it has some, else, as TFLite's ResetVariableTensor,
// every byte the zero point for INT8 and zero otherwise.
void ResetVariable(Tensor& tensor, const uint8_t* initial) {
  if (initial != nullptr) {
    std::memcpy(tensor.data, initial, tensor.bytes);
    return;
  }
  const int value =
      tensor.type == DataType::kInt8 ? tensor.zero_point() & 0xFF : 0;
  std::memset(tensor.data, value, tensor.bytes);
}

}  // namespace

Interpreter::Interpreter(const void* model, size_t model_size,
                         const OpResolver& resolver, uint8_t* arena,
                         size_t arena_size, const InterpreterOptions& options)
    : model_bytes_(static_cast<const uint8_t*>(model)),
      resolver_(resolver),
      arena_(arena),
      arena_size_(arena_size),
      options_(options) {
  error_.text[0] = '\0';
  error_.log_errors = options.log_errors;
  status_ = VerifyModel(model_size);
}

Status Interpreter::Fail(Status status, const char* format, ...) {
  va_list args;
  va_start(args, format);
  FormatV(error_.text, sizeof(error_.text), format, args);
  va_end(args);
  if (error_.log_errors) tfm_platform_log(error_.text);
  return status;
}

Status Interpreter::VerifyModel(size_t model_size) {
  if (model_bytes_ == nullptr || model_size == 0) {
    return Fail(Status::kInvalidModel, "model is empty (no bytes given)");
  }
  if (arena_ == nullptr) {
    return Fail(Status::kInvalidArgument, "arena is null");
  }
  if (arena_size_ > kMaxArenaBytes) {
    return Fail(Status::kInvalidArgument,
                "arena of %zu bytes exceeds the maximum of %llu bytes "
                "(planned offsets are 32-bit)",
                arena_size_, static_cast<unsigned long long>(kMaxArenaBytes));
  }
  if (!CheckModel(model_bytes_, model_size, &model_, error_.text,
                  sizeof(error_.text))) {
    if (error_.log_errors) tfm_platform_log(error_.text);
    return Status::kInvalidModel;
  }
  return Status::kOk;
}

Status Interpreter::ArenaFull(const char* what) {
  size_t needed = allocator_.needed_bytes_at_failure();
  if (allocator_.used_bytes() > needed) needed = allocator_.used_bytes();
  const size_t prefix = options_.arena_prefix_bytes;
  return Fail(Status::kArenaTooSmall,
              "arena too small: %zu bytes given, at least %zu needed (ran out "
              "while allocating %s)",
              prefix + arena_size_, prefix + needed, what);
}

Status Interpreter::AllocateTensors() {
  TFM_RETURN_IF_ERROR(status_);
  allocated_ = false;
  // Kernels' init reports failures only through the message.
  error_.text[0] = '\0';
  allocator_.Init(arena_, arena_size_);
  resources_.Init(&allocator_);
  calls_ = nullptr;
  num_graphs_ = static_cast<int32_t>(model_->subgraphs()->size());
  graphs_ = static_cast<internal::Graph*>(allocator_.AllocatePersistent(
      sizeof(internal::Graph) * static_cast<size_t>(num_graphs_)));
  if (graphs_ == nullptr) return ArenaFull("the graph");
  for (int32_t i = 0; i < num_graphs_; ++i) {
    internal::Graph& graph = graphs_[i];
    graph.subgraph = model_->subgraphs()->Get(static_cast<uint32_t>(i));
    graph.index = i;
    graph.state = internal::GraphState::kUnused;
    graph.interpreter = this;
    graph.allocator = &allocator_;
    graph.error = &error_;
  }
  graph_ = &graphs_[0];
  TFM_RETURN_IF_ERROR(PrepareGraph(*graph_, -1, 0));
  TFM_RETURN_IF_ERROR(PlanMemory());
  for (int32_t i = 0; i < num_graphs_; ++i) {
    graphs_[i].phase = internal::Phase::kEval;
  }
  allocated_ = true;
  error_.text[0] = '\0';
  return Status::kOk;
}

Status Interpreter::InitGraph(int32_t index) {
  if (index < 0 || index >= num_graphs_) {
    return Fail(Status::kInvalidArgument,
                "subgraph %d is out of range (%d subgraphs)",
                static_cast<int>(index), static_cast<int>(num_graphs_));
  }
  internal::Graph& graph = graphs_[index];
  if (graph.state != internal::GraphState::kUnused) return Status::kOk;
  TFM_RETURN_IF_ERROR(InitTensors(graph));
  graph.state = internal::GraphState::kInitialized;
  return Status::kOk;
}

Status Interpreter::PrepareGraph(internal::Graph& caller, int caller_node,
                                 int32_t index) {
  TFM_RETURN_IF_ERROR(InitGraph(index));
  internal::Graph& graph = graphs_[index];
  if (caller_node >= 0) {
    auto* edge = static_cast<internal::CallEdge*>(
        allocator_.AllocatePersistent(sizeof(internal::CallEdge)));
    if (edge == nullptr) return ArenaFull("the subgraph call table");
    *edge = {calls_, caller.index, caller_node, index, 0};
    calls_ = edge;
  }
  if (graph.state == internal::GraphState::kPrepared) return Status::kOk;
  if (graph.state == internal::GraphState::kPreparing) {
    // The verifier rejects recursion; this guards the stack regardless.
    return Fail(Status::kInvalidModel,
                "subgraph %d is called while it is being prepared "
                "(recursion)",
                static_cast<int>(index));
  }
  graph.state = internal::GraphState::kPreparing;
  TFM_RETURN_IF_ERROR(ResolveKernels(graph));
  TFM_RETURN_IF_ERROR(PrepareNodes(graph));
  graph.state = internal::GraphState::kPrepared;
  return Status::kOk;
}

Status Interpreter::InitTensors(internal::Graph& graph) {
  const auto* tensors = graph.subgraph->tensors();
  const int32_t count = tensors ? static_cast<int32_t>(tensors->size()) : 0;
  graph.num_tensors = count;
  graph.tensors = static_cast<Tensor*>(
      allocator_.AllocatePersistent(sizeof(Tensor) * (count > 0 ? count : 1)));
  if (graph.tensors == nullptr) return ArenaFull("tensor metadata");
  for (int32_t i = 0; i < count; ++i) {
    const schema::Tensor* source = tensors->Get(static_cast<uint32_t>(i));
    Tensor& t = graph.tensors[i];
    t = Tensor();
    const auto* shape = source->shape();
    t.rank = shape ? static_cast<int32_t>(shape->size()) : 0;
    t.dims = shape ? shape->data() : nullptr;
    t.type = static_cast<DataType>(source->type());
    t.bytes = static_cast<uint32_t>(TensorBytes(source));
    t.is_variable = source->is_variable();
    const auto* q = source->quantization();
    if (q != nullptr && q->scale() != nullptr && q->scale()->size() > 0) {
      t.quant.scales = q->scale()->data();
      t.quant.zero_points = q->zero_point() ? q->zero_point()->data() : nullptr;
      t.quant.num_channels = static_cast<int32_t>(q->scale()->size());
      t.quant.quantized_dimension = q->quantized_dimension();
    }
    size_t data_size = 0;
    const uint8_t* data = BufferData(model_, model_bytes_, source, &data_size);
    if (t.type == DataType::kResource) {
      // A resource handle: the int32 id of a resource variable, written by
      // VAR_HANDLE (or copied by control flow) while preparing, so it
      // lives outside the plan.
      t.bytes = sizeof(int32_t);
      t.data = allocator_.AllocatePersistent(t.bytes);
      if (t.data == nullptr) return ArenaFull("a resource handle");
    } else if (t.is_variable) {
      // Variables live across invocations: persistent, initial value from
      // the model when it has one.
      t.data = allocator_.AllocatePersistent(t.bytes);
      if (t.data == nullptr) return ArenaFull("a variable tensor");
      ResetVariable(t, data);
    } else if (data != nullptr) {
      t.data = const_cast<uint8_t*>(data);
      t.is_constant = true;
    }
  }
  return Status::kOk;
}

int32_t Interpreter::OperatorCode(const schema::Operator* op) const {
  return BuiltinCode(model_->operator_codes()->Get(op->opcode_index()));
}

const char* Interpreter::OperatorName(const schema::Operator* op) const {
  const schema::OperatorCode* code =
      model_->operator_codes()->Get(op->opcode_index());
  const int32_t builtin = BuiltinCode(code);
  if (builtin == kCustomOperatorCode) {
    return code->custom_code() ? code->custom_code()->c_str() : "CUSTOM";
  }
  return BuiltinOperatorName(builtin);
}

void Interpreter::NodeWhere(const internal::Graph& graph, int node, char* text,
                            size_t size) const {
  const char* name = graph.nodes != nullptr ? graph.nodes[node].op_name
                                            : OperatorName(graph.op(node));
  if (graph.index == 0) {
    Format(text, size, "node %d (%s)", node, name);
  } else {
    Format(text, size, "subgraph %d, node %d (%s)",
           static_cast<int>(graph.index), node, name);
  }
}

Status Interpreter::ResolveKernels(internal::Graph& graph) {
  const auto* ops = graph.subgraph->operators();
  const int32_t count = ops ? static_cast<int32_t>(ops->size()) : 0;
  graph.num_nodes = count;
  graph.nodes = static_cast<internal::NodeState*>(allocator_.AllocatePersistent(
      sizeof(internal::NodeState) * (count > 0 ? count : 1)));
  if (graph.nodes == nullptr) return ArenaFull("node state");
  // Name every missing kernel at once: a user fixes them in one go.
  char missing[160];
  size_t missing_length = 0;
  missing[0] = '\0';
  int first_missing = -1;
  int num_missing = 0;
  for (int32_t i = 0; i < count; ++i) {
    const int32_t code = OperatorCode(graph.op(i));
    internal::NodeState& node = graph.nodes[i];
    node.op_name = OperatorName(graph.op(i));
    node.registration = code == kCustomOperatorCode
                            ? resolver_.FindCustom(node.op_name)
                            : resolver_.FindBuiltin(code);
    if (node.registration != nullptr) continue;
    if (first_missing < 0) first_missing = i;
    if (std::strstr(missing, node.op_name) == nullptr) {
      ++num_missing;
      missing_length += Format(missing + missing_length,
                               sizeof(missing) - missing_length, "%s%s",
                               missing_length ? ", " : "", node.op_name);
    }
  }
  if (first_missing < 0) return Status::kOk;
  const int32_t code = OperatorCode(graph.op(first_missing));
  const char* name = graph.nodes[first_missing].op_name;
  char where[64];
  NodeWhere(graph, first_missing, where, sizeof(where));
  char add_call[48];
  AddMethodName(name, add_call, sizeof(add_call));
  if (code == kCustomOperatorCode) {
    return Fail(Status::kUnsupportedOp,
                "%s: custom operator '%s' is not registered; add it "
                "with resolver.AddCustom(\"%s\", registration). Ops without a "
                "kernel: %s",
                where, name, name, missing);
  }
  return Fail(Status::kUnsupportedOp,
              "%s: no kernel registered for builtin operator %s "
              "(code %d); register it with resolver.%s() or use "
              "AllOpsResolver. Ops without a kernel (%d): %s",
              where, name, static_cast<int>(code), add_call, num_missing,
              missing);
}

Status Interpreter::PrepareNodes(internal::Graph& graph) {
  const int32_t count = graph.num_nodes;
  char where[64];
  char what[80];
  graph.phase = internal::Phase::kInit;
  for (int32_t i = 0; i < count; ++i) {
    internal::NodeState& node = graph.nodes[i];
    node.op_data = nullptr;
    if (node.registration->init == nullptr) continue;
    OpContext context(&graph, i);
    node.registration->init(context);
    if (allocator_.needed_bytes_at_failure() > 0) {
      NodeWhere(graph, i, where, sizeof(where));
      Format(what, sizeof(what), "state for %s", where);
      return ArenaFull(what);
    }
    if (error_.text[0] != '\0') return Status::kKernelError;
  }
  graph.phase = internal::Phase::kPrepare;
  graph.scratch_requests = static_cast<uint32_t*>(allocator_.AllocateTemp(
      sizeof(uint32_t) * internal::kMaxScratchPerNode *
      static_cast<size_t>(count > 0 ? count : 1)));
  graph.in_place_requests =
      static_cast<internal::InPlaceRequest*>(allocator_.AllocateTemp(
          sizeof(internal::InPlaceRequest) * internal::kMaxInPlacePerNode *
          static_cast<size_t>(count > 0 ? count : 1)));
  if (graph.scratch_requests == nullptr ||
      graph.in_place_requests == nullptr) {
    return ArenaFull("scratch bookkeeping");
  }
  graph.num_scratch = 0;
  for (int32_t i = 0; i < count; ++i) {
    internal::NodeState& node = graph.nodes[i];
    node.first_scratch = static_cast<uint16_t>(graph.num_scratch);
    node.num_scratch = 0;
    node.num_in_place = 0;
    OpContext context(&graph, i);
    const Status status = node.registration->prepare(context);
    // A subgraph this node prepared may have run out already, with its own
    // message.
    if (status == Status::kArenaTooSmall && error_.text[0] != '\0') {
      return status;
    }
    if (allocator_.needed_bytes_at_failure() > 0) {
      NodeWhere(graph, i, where, sizeof(where));
      Format(what, sizeof(what), "state for %s", where);
      return ArenaFull(what);
    }
    if (status != Status::kOk) {
      if (error_.text[0] == '\0') {
        NodeWhere(graph, i, where, sizeof(where));
        Fail(status, "%s: prepare failed (%s)", where, StatusName(status));
      }
      return status;
    }
    graph.num_scratch += node.num_scratch;
  }
  return Status::kOk;
}

bool Interpreter::IsPlanned(const Tensor& tensor) const {
  return !tensor.is_constant && !tensor.is_variable &&
         tensor.type != DataType::kResource && tensor.bytes > 0;
}

void Interpreter::ComputeLifetimes(const internal::Graph& graph,
                                   int32_t* first, int32_t* last) const {
  const int32_t num_tensors = graph.num_tensors;
  const int32_t num_nodes = graph.num_nodes;
  for (int32_t t = 0; t < num_tensors; ++t) {
    first[t] = -1;
    last[t] = -1;
  }
  auto touch = [first, last](int32_t t, int32_t op) {
    if (first[t] < 0 || op < first[t]) first[t] = op;
    if (op > last[t]) last[t] = op;
  };
  const auto* inputs = graph.subgraph->inputs();
  for (uint32_t i = 0; inputs && i < inputs->size(); ++i) touch(inputs->Get(i), 0);
  for (int32_t n = 0; n < num_nodes; ++n) {
    const schema::Operator* op = graph.op(n);
    for (uint32_t i = 0; op->inputs() && i < op->inputs()->size(); ++i) {
      if (op->inputs()->Get(i) >= 0) touch(op->inputs()->Get(i), n);
    }
    for (uint32_t i = 0; op->outputs() && i < op->outputs()->size(); ++i) {
      if (op->outputs()->Get(i) >= 0) touch(op->outputs()->Get(i), n);
    }
  }
  const int32_t end = num_nodes > 0 ? num_nodes - 1 : 0;
  const auto* outputs = graph.subgraph->outputs();
  for (uint32_t i = 0; outputs && i < outputs->size(); ++i) {
    touch(outputs->Get(i), end);
  }
}

const MemoryPlanner& Interpreter::planner() const {
  if (options_.planner != nullptr) return *options_.planner;
  return options_.preserve_all_tensors
             ? static_cast<const MemoryPlanner&>(kPreservingPlanner)
             : static_cast<const MemoryPlanner&>(kDefaultPlanner);
}

int32_t Interpreter::CountPlannedBuffers(const internal::Graph& graph,
                                         const int32_t* first) const {
  int32_t count = graph.num_scratch;
  for (int32_t t = 0; t < graph.num_tensors; ++t) {
    if (IsPlanned(graph.tensors[t]) && first[t] >= 0) ++count;
  }
  return count;
}

Status Interpreter::PlanMemory() {
  // One planning workspace, sized for the largest subgraph, serves all.
  int32_t max_tensors = 0;
  for (int32_t g = 0; g < num_graphs_; ++g) {
    graphs_[g].planned = false;
    if (graphs_[g].state == internal::GraphState::kPrepared &&
        graphs_[g].num_tensors > max_tensors) {
      max_tensors = graphs_[g].num_tensors;
    }
  }
  PlanWorkspace work;
  work.first = static_cast<int32_t*>(
      allocator_.AllocateTemp(sizeof(int32_t) * 2 * (max_tensors + 1)));
  if (work.first == nullptr) return ArenaFull("tensor lifetimes");
  work.last = work.first + max_tensors;
  int32_t max_count = 0;
  int32_t max_nodes = 0;
  for (int32_t g = 0; g < num_graphs_; ++g) {
    if (graphs_[g].state != internal::GraphState::kPrepared) continue;
    ComputeLifetimes(graphs_[g], work.first, work.last);
    const int32_t count = CountPlannedBuffers(graphs_[g], work.first);
    if (count > max_count) max_count = count;
    if (graphs_[g].num_nodes > max_nodes) max_nodes = graphs_[g].num_nodes;
  }
  work.buffers = static_cast<PlannedBuffer*>(
      allocator_.AllocateTemp(sizeof(PlannedBuffer) * (max_count + 1)));
  work.buffer_tensor = static_cast<int32_t*>(
      allocator_.AllocateTemp(sizeof(int32_t) * (max_count + 1)));
  work.allowances = static_cast<InPlaceAllowance*>(allocator_.AllocateTemp(
      sizeof(InPlaceAllowance) *
      static_cast<size_t>(max_nodes * internal::kMaxInPlacePerNode + 1)));
  work.planner_workspace =
      allocator_.AllocateTemp(planner().WorkspaceBytes(max_count));
  if (work.buffers == nullptr || work.buffer_tensor == nullptr ||
      work.allowances == nullptr || work.planner_workspace == nullptr) {
    return ArenaFull("the memory plan");
  }
  scratch_bytes_ = 0;
  size_t planned_end = 0;
  // Callers before callees: the call graph is acyclic (verified), so some
  // unplanned subgraph always has all its callers planned.
  for (;;) {
    internal::Graph* next = nullptr;
    for (int32_t g = 0; g < num_graphs_ && next == nullptr; ++g) {
      internal::Graph& graph = graphs_[g];
      if (graph.state != internal::GraphState::kPrepared || graph.planned) {
        continue;
      }
      bool ready = true;
      for (const internal::CallEdge* e = calls_; e != nullptr; e = e->next) {
        if (e->callee == g && !graphs_[e->caller].planned) ready = false;
      }
      if (ready) next = &graph;
    }
    if (next == nullptr) break;
    size_t base = 0;
    if (options_.preserve_all_tensors) {
      // Nothing shares memory, across subgraphs either.
      base = planned_end;
    } else {
      for (const internal::CallEdge* e = calls_; e != nullptr; e = e->next) {
        if (e->callee == next->index && e->callee_base > base) {
          base = e->callee_base;
        }
      }
    }
    size_t end = 0;
    TFM_RETURN_IF_ERROR(PlanGraph(*next, base, work, &end));
    next->planned = true;
    if (end > planned_end) planned_end = end;
  }
  if (!allocator_.ReservePlanned(planned_end)) {
    return ArenaFull("the planned tensors");
  }
  allocator_.ResetTemp();
  for (int32_t g = 0; g < num_graphs_; ++g) {
    graphs_[g].scratch_requests = nullptr;
    graphs_[g].in_place_requests = nullptr;
  }
  return Status::kOk;
}

Status Interpreter::PlanGraph(internal::Graph& graph, size_t base,
                              const PlanWorkspace& work, size_t* end) {
  const int32_t num_tensors = graph.num_tensors;
  // Scratch pointers persist: eval finds its buffers through them.
  graph.scratch = static_cast<void**>(allocator_.AllocatePersistent(
      sizeof(void*) * static_cast<size_t>(graph.num_scratch + 1)));
  if (graph.scratch == nullptr) return ArenaFull("scratch pointers");
  int32_t* first = work.first;
  int32_t* last = work.last;
  PlannedBuffer* buffers = work.buffers;
  int32_t* buffer_tensor = work.buffer_tensor;
  ComputeLifetimes(graph, first, last);
  const int32_t count = CountPlannedBuffers(graph, first);
  int32_t k = 0;
  for (int32_t t = 0; t < num_tensors; ++t) {
    if (!IsPlanned(graph.tensors[t]) || first[t] < 0) continue;
    buffer_tensor[k] = t;
    buffers[k++] = {graph.tensors[t].bytes, first[t], last[t], 0};
  }
  for (int32_t n = 0; n < graph.num_nodes; ++n) {
    const internal::NodeState& node = graph.nodes[n];
    for (int s = 0; s < node.num_scratch; ++s) {
      const uint32_t bytes =
          graph.scratch_requests[n * internal::kMaxScratchPerNode + s];
      scratch_bytes_ += bytes;
      buffer_tensor[k] = -1;
      buffers[k++] = {bytes, n, n, 0};
    }
  }
  const int32_t num_allowances = internal::CollectInPlaceAllowances(
      graph, buffer_tensor, buffers, count, work.allowances);
  size_t planned_bytes = 0;
  if (options_.planner != nullptr || options_.preserve_all_tensors) {
    if (graph.index == 0) plan_source_ = PlanSource::kDevice;
    TFM_RETURN_IF_ERROR(planner().Plan(buffers, count, work.planner_workspace,
                                       &planned_bytes));
  } else {
    ChooseOffsets(graph, buffers, count, buffer_tensor, work.allowances,
                  num_allowances, work.planner_workspace, &planned_bytes);
  }
  if (options_.record_plan && graph.index == 0) {
    TFM_RETURN_IF_ERROR(RecordPlan(buffers, count, buffer_tensor,
                                   work.allowances, num_allowances));
  }
  base = AlignUp(base, kArenaAlignment);
  if (planned_bytes > kMaxArenaBytes || base > kMaxArenaBytes - planned_bytes) {
    return ArenaFull("the planned tensors");
  }
  uint8_t* start = allocator_.head_start() + base;
  k = 0;
  for (int32_t t = 0; t < num_tensors; ++t) {
    Tensor& tensor = graph.tensors[t];
    if (!IsPlanned(tensor)) continue;
    tensor.data = first[t] >= 0 ? start + buffers[k++].offset : nullptr;
  }
  for (int32_t s = 0; s < graph.num_scratch; ++s) {
    graph.scratch[s] = start + buffers[k++].offset;
  }
  // A subgraph called from node n only needs to stay clear of the buffers
  // alive at n (n's scratch included).
  for (internal::CallEdge* e = calls_; e != nullptr; e = e->next) {
    if (e->caller != graph.index) continue;
    size_t live_end = 0;
    for (int32_t b = 0; b < count; ++b) {
      if (buffers[b].first_op <= e->node && e->node <= buffers[b].last_op) {
        const size_t buffer_end = buffers[b].offset + buffers[b].bytes;
        if (buffer_end > live_end) live_end = buffer_end;
      }
    }
    e->callee_base = static_cast<uint32_t>(base + live_end);
  }
  *end = base + planned_bytes;
  return Status::kOk;
}

void Interpreter::ChooseOffsets(const internal::Graph& graph,
                                PlannedBuffer* buffers, int32_t count,
                                const int32_t* buffer_tensor,
                                const InPlaceAllowance* allowances,
                                int32_t num_allowances, void* workspace,
                                size_t* planned_bytes) {
  OfflinePlan plan;
  char reason[160];
  reason[0] = '\0';
  bool found = false;
  // An offline plan describes subgraph 0; called subgraphs plan here.
  const bool use_offline_plan = options_.use_offline_plan && graph.index == 0;
  if (use_offline_plan) {
    found = FindOfflinePlan(model_, &plan, reason, sizeof(reason));
    if (found &&
        ApplyOfflinePlan(plan, graph.num_tensors, graph.num_nodes,
                         buffer_tensor, buffers, count, allowances,
                         num_allowances, planned_bytes, reason,
                         sizeof(reason))) {
      plan_source_ = PlanSource::kOffline;
      return;
    }
  }
  const bool rejected = found || reason[0] != '\0';
  if (use_offline_plan && rejected) {
    char line[224];
    Format(line, sizeof(line),
           "offline memory plan rejected (%s); using the greedy planner",
           reason);
    if (error_.log_errors) tfm_platform_log(line);
  }
  if (graph.index == 0) {
    plan_source_ = rejected ? PlanSource::kOfflineRejected
                            : PlanSource::kDevice;
  }
  // The greedy planner cannot fail.
  kDefaultPlanner.PlanWithInPlace(buffers, count, allowances, num_allowances,
                                  workspace, planned_bytes);
}

Status Interpreter::RecordPlan(const PlannedBuffer* buffers, int32_t count,
                               const int32_t* buffer_tensor,
                               const InPlaceAllowance* allowances,
                               int32_t num_allowances) {
  auto* kept_buffers = static_cast<PlannedBuffer*>(allocator_.AllocatePersistent(
      sizeof(PlannedBuffer) * static_cast<size_t>(count + 1)));
  auto* kept_tensors = static_cast<int32_t*>(allocator_.AllocatePersistent(
      sizeof(int32_t) * static_cast<size_t>(count + 1)));
  auto* kept_allowances =
      static_cast<InPlaceAllowance*>(allocator_.AllocatePersistent(
          sizeof(InPlaceAllowance) * static_cast<size_t>(num_allowances + 1)));
  if (kept_buffers == nullptr || kept_tensors == nullptr ||
      kept_allowances == nullptr) {
    return ArenaFull("the plan record");
  }
  std::memcpy(kept_buffers, buffers, sizeof(PlannedBuffer) * count);
  std::memcpy(kept_tensors, buffer_tensor, sizeof(int32_t) * count);
  std::memcpy(kept_allowances, allowances,
              sizeof(InPlaceAllowance) * num_allowances);
  plan_record_ = {kept_buffers, kept_tensors, count, kept_allowances,
                  num_allowances};
  return Status::kOk;
}

Status Interpreter::Invoke() {
  if (!allocated_) {
    return Fail(Status::kNotReady,
                status_ != Status::kOk
                    ? "Invoke: the model failed verification; see the earlier "
                      "error"
                    : "Invoke called before a successful AllocateTensors()");
  }
  return InvokeGraph(*graph_);
}

Status Interpreter::InvokeGraph(internal::Graph& graph) {
  Profiler* profiler = graph.index == 0 ? profiler_ : nullptr;
  for (int32_t i = 0; i < graph.num_nodes; ++i) {
    internal::NodeState& node = graph.nodes[i];
    OpContext context(&graph, i);
    if (profiler != nullptr) profiler->BeginOp(i, node.op_name);
    const Status status = node.registration->eval(context);
    if (profiler != nullptr) profiler->EndOp(i);
    if (status != Status::kOk) {
      if (error_.text[0] == '\0') {
        char where[64];
        NodeWhere(graph, i, where, sizeof(where));
        Fail(status, "%s: eval failed (%s)", where, StatusName(status));
      }
      return status;
    }
  }
  return Status::kOk;
}

Status Interpreter::Reset() {
  if (!allocated_) {
    return Fail(Status::kNotReady,
                "Reset called before a successful AllocateTensors()");
  }
  resources_.ResetAll();
  for (int32_t g = 0; g < num_graphs_; ++g) {
    if (graphs_[g].state == internal::GraphState::kPrepared) {
      TFM_RETURN_IF_ERROR(ResetGraph(graphs_[g]));
    }
  }
  return Status::kOk;
}

Status Interpreter::ResetGraph(internal::Graph& graph) {
  for (int32_t t = 0; t < graph.num_tensors; ++t) {
    Tensor& tensor = graph.tensors[t];
    if (!tensor.is_variable) continue;
    size_t size = 0;
    const uint8_t* initial = BufferData(
        model_, model_bytes_,
        graph.subgraph->tensors()->Get(static_cast<uint32_t>(t)), &size);
    ResetVariable(tensor, initial);
  }
  for (int32_t i = 0; i < graph.num_nodes; ++i) {
    const KernelRegistration* registration = graph.nodes[i].registration;
    if (registration->reset == nullptr) continue;
    OpContext context(&graph, i);
    registration->reset(context);
  }
  return Status::kOk;
}

size_t Interpreter::inputs_size() const {
  if (model_ == nullptr) return 0;
  const auto* inputs = model_->subgraphs()->Get(0)->inputs();
  return inputs ? inputs->size() : 0;
}

size_t Interpreter::outputs_size() const {
  if (model_ == nullptr) return 0;
  const auto* outputs = model_->subgraphs()->Get(0)->outputs();
  return outputs ? outputs->size() : 0;
}

Tensor* Interpreter::input(size_t index) {
  if (!allocated_ || index >= inputs_size()) return nullptr;
  return &graph_->tensors[graph_->subgraph->inputs()->Get(
      static_cast<uint32_t>(index))];
}

Tensor* Interpreter::output(size_t index) {
  if (!allocated_ || index >= outputs_size()) return nullptr;
  return &graph_->tensors[graph_->subgraph->outputs()->Get(
      static_cast<uint32_t>(index))];
}

ArenaUsage Interpreter::arena_usage() const {
  ArenaUsage usage;
  usage.total_bytes = allocator_.used_bytes();
  usage.planned_bytes = allocator_.planned_bytes();
  usage.scratch_bytes = scratch_bytes_;
  usage.persistent_bytes = allocator_.persistent_bytes();
  const size_t accounted = allocator_.start_loss() + usage.planned_bytes +
                           usage.persistent_bytes;
  usage.temporary_bytes =
      usage.total_bytes > accounted ? usage.total_bytes - accounted : 0;
  return usage;
}

size_t Interpreter::tensors_size() const {
  if (model_ == nullptr) return 0;
  const auto* tensors = model_->subgraphs()->Get(0)->tensors();
  return tensors ? tensors->size() : 0;
}

Tensor* Interpreter::tensor(size_t index) {
  if (!allocated_ || index >= tensors_size()) return nullptr;
  return &graph_->tensors[index];
}

const char* Interpreter::tensor_name(size_t index) const {
  if (index >= tensors_size()) return "";
  const auto* name = model_->subgraphs()->Get(0)->tensors()->Get(
      static_cast<uint32_t>(index))->name();
  return name ? name->c_str() : "";
}

int64_t Interpreter::tensor_arena_offset(size_t index) const {
  if (!allocated_ || index >= tensors_size()) return -1;
  const Tensor& t = graph_->tensors[index];
  if (!IsPlanned(t) || t.data == nullptr) return -1;
  return static_cast<uint8_t*>(t.data) - allocator_.head_start();
}

void Interpreter::tensor_lifetime(size_t index, int32_t* first_op,
                                  int32_t* last_op) const {
  *first_op = -1;
  *last_op = -1;
  if (model_ == nullptr || index >= tensors_size()) return;
  const auto* subgraph = model_->subgraphs()->Get(0);
  const int32_t target = static_cast<int32_t>(index);
  const auto* ops = subgraph->operators();
  const int32_t num_ops = ops ? static_cast<int32_t>(ops->size()) : 0;
  auto touch = [first_op, last_op](int32_t op) {
    if (*first_op < 0 || op < *first_op) *first_op = op;
    if (op > *last_op) *last_op = op;
  };
  for (uint32_t i = 0; subgraph->inputs() && i < subgraph->inputs()->size(); ++i) {
    if (subgraph->inputs()->Get(i) == target) touch(0);
  }
  for (int32_t n = 0; n < num_ops; ++n) {
    const schema::Operator* op = ops->Get(static_cast<uint32_t>(n));
    for (uint32_t i = 0; op->inputs() && i < op->inputs()->size(); ++i) {
      if (op->inputs()->Get(i) == target) touch(n);
    }
    for (uint32_t i = 0; op->outputs() && i < op->outputs()->size(); ++i) {
      if (op->outputs()->Get(i) == target) touch(n);
    }
  }
  for (uint32_t i = 0; subgraph->outputs() && i < subgraph->outputs()->size(); ++i) {
    if (subgraph->outputs()->Get(i) == target) touch(num_ops > 0 ? num_ops - 1 : 0);
  }
}

size_t Interpreter::operators_size() const {
  if (model_ == nullptr) return 0;
  const auto* ops = model_->subgraphs()->Get(0)->operators();
  return ops ? ops->size() : 0;
}

const schema::Operator* Interpreter::operator_at(size_t index) const {
  if (index >= operators_size()) return nullptr;
  return model_->subgraphs()->Get(0)->operators()->Get(
      static_cast<uint32_t>(index));
}

int32_t Interpreter::operator_builtin_code(size_t index) const {
  const schema::Operator* op = operator_at(index);
  return op == nullptr ? -1 : OperatorCode(op);
}

const char* Interpreter::operator_name(size_t index) const {
  const schema::Operator* op = operator_at(index);
  return op == nullptr ? "" : OperatorName(op);
}

}  // namespace tfmicro
