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
  allocator_.Init(arena_, arena_size_);
  graph_ = static_cast<internal::Graph*>(
      allocator_.AllocatePersistent(sizeof(internal::Graph)));
  if (graph_ == nullptr) return ArenaFull("the graph");
  graph_->subgraph = model_->subgraphs()->Get(0);
  graph_->allocator = &allocator_;
  graph_->error = &error_;
  TFM_RETURN_IF_ERROR(InitTensors());
  TFM_RETURN_IF_ERROR(ResolveKernels());
  TFM_RETURN_IF_ERROR(PrepareNodes());
  TFM_RETURN_IF_ERROR(PlanMemory());
  graph_->phase = internal::Phase::kEval;
  allocated_ = true;
  error_.text[0] = '\0';
  return Status::kOk;
}

Status Interpreter::InitTensors() {
  const auto* tensors = graph_->subgraph->tensors();
  const int32_t count = tensors ? static_cast<int32_t>(tensors->size()) : 0;
  graph_->num_tensors = count;
  graph_->tensors = static_cast<Tensor*>(
      allocator_.AllocatePersistent(sizeof(Tensor) * (count > 0 ? count : 1)));
  if (graph_->tensors == nullptr) return ArenaFull("tensor metadata");
  for (int32_t i = 0; i < count; ++i) {
    const schema::Tensor* source = tensors->Get(static_cast<uint32_t>(i));
    Tensor& t = graph_->tensors[i];
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
    if (t.is_variable) {
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

Status Interpreter::ResolveKernels() {
  const auto* ops = graph_->subgraph->operators();
  const int32_t count = ops ? static_cast<int32_t>(ops->size()) : 0;
  graph_->num_nodes = count;
  graph_->nodes = static_cast<internal::NodeState*>(allocator_.AllocatePersistent(
      sizeof(internal::NodeState) * (count > 0 ? count : 1)));
  if (graph_->nodes == nullptr) return ArenaFull("node state");
  // Name every missing kernel at once: a user fixes them in one go.
  char missing[160];
  size_t missing_length = 0;
  missing[0] = '\0';
  int first_missing = -1;
  int num_missing = 0;
  for (int32_t i = 0; i < count; ++i) {
    const int32_t code = operator_builtin_code(static_cast<size_t>(i));
    internal::NodeState& node = graph_->nodes[i];
    node.op_name = operator_name(static_cast<size_t>(i));
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
  const int32_t code = operator_builtin_code(static_cast<size_t>(first_missing));
  char add_call[48];
  AddMethodName(graph_->nodes[first_missing].op_name, add_call,
                sizeof(add_call));
  if (code == kCustomOperatorCode) {
    return Fail(Status::kUnsupportedOp,
                "node %d (%s): custom operator '%s' is not registered; add it "
                "with resolver.AddCustom(\"%s\", registration). Ops without a "
                "kernel: %s",
                first_missing, graph_->nodes[first_missing].op_name,
                graph_->nodes[first_missing].op_name,
                graph_->nodes[first_missing].op_name, missing);
  }
  return Fail(Status::kUnsupportedOp,
              "node %d (%s): no kernel registered for builtin operator %s "
              "(code %d); register it with resolver.%s() or use "
              "AllOpsResolver. Ops without a kernel (%d): %s",
              first_missing, graph_->nodes[first_missing].op_name,
              graph_->nodes[first_missing].op_name, static_cast<int>(code),
              add_call, num_missing, missing);
}

Status Interpreter::PrepareNodes() {
  const int32_t count = graph_->num_nodes;
  graph_->phase = internal::Phase::kInit;
  for (int32_t i = 0; i < count; ++i) {
    internal::NodeState& node = graph_->nodes[i];
    node.op_data = nullptr;
    if (node.registration->init == nullptr) continue;
    OpContext context(graph_, i);
    node.registration->init(context);
    if (allocator_.needed_bytes_at_failure() > 0) {
      char what[48];
      Format(what, sizeof(what), "state for node %d (%s)",
             static_cast<int>(i), node.op_name);
      return ArenaFull(what);
    }
    if (error_.text[0] != '\0') return Status::kKernelError;
  }
  graph_->phase = internal::Phase::kPrepare;
  graph_->scratch_requests = static_cast<uint32_t*>(allocator_.AllocateTemp(
      sizeof(uint32_t) * internal::kMaxScratchPerNode *
      static_cast<size_t>(count > 0 ? count : 1)));
  if (graph_->scratch_requests == nullptr) {
    return ArenaFull("scratch bookkeeping");
  }
  graph_->num_scratch = 0;
  for (int32_t i = 0; i < count; ++i) {
    internal::NodeState& node = graph_->nodes[i];
    node.first_scratch = static_cast<uint16_t>(graph_->num_scratch);
    node.num_scratch = 0;
    OpContext context(graph_, i);
    const Status status = node.registration->prepare(context);
    if (allocator_.needed_bytes_at_failure() > 0) {
      char what[48];
      Format(what, sizeof(what), "state for node %d (%s)",
             static_cast<int>(i), node.op_name);
      return ArenaFull(what);
    }
    if (status != Status::kOk) {
      if (error_.text[0] == '\0') {
        Fail(status, "node %d (%s): prepare failed (%s)", static_cast<int>(i),
             node.op_name,
             StatusName(status));
      }
      return status;
    }
    graph_->num_scratch += node.num_scratch;
  }
  return Status::kOk;
}

bool Interpreter::IsPlanned(const Tensor& tensor) const {
  return !tensor.is_constant && !tensor.is_variable && tensor.bytes > 0;
}

void Interpreter::ComputeLifetimes(int32_t* first, int32_t* last) const {
  const int32_t num_tensors = graph_->num_tensors;
  const int32_t num_nodes = graph_->num_nodes;
  for (int32_t t = 0; t < num_tensors; ++t) {
    first[t] = -1;
    last[t] = -1;
  }
  auto touch = [first, last](int32_t t, int32_t op) {
    if (first[t] < 0 || op < first[t]) first[t] = op;
    if (op > last[t]) last[t] = op;
  };
  const auto* inputs = graph_->subgraph->inputs();
  for (uint32_t i = 0; inputs && i < inputs->size(); ++i) touch(inputs->Get(i), 0);
  for (int32_t n = 0; n < num_nodes; ++n) {
    const schema::Operator* op = graph_->op(n);
    for (uint32_t i = 0; op->inputs() && i < op->inputs()->size(); ++i) {
      if (op->inputs()->Get(i) >= 0) touch(op->inputs()->Get(i), n);
    }
    for (uint32_t i = 0; op->outputs() && i < op->outputs()->size(); ++i) {
      if (op->outputs()->Get(i) >= 0) touch(op->outputs()->Get(i), n);
    }
  }
  const int32_t end = num_nodes > 0 ? num_nodes - 1 : 0;
  const auto* outputs = graph_->subgraph->outputs();
  for (uint32_t i = 0; outputs && i < outputs->size(); ++i) {
    touch(outputs->Get(i), end);
  }
}

Status Interpreter::PlanMemory() {
  const int32_t num_tensors = graph_->num_tensors;
  // Scratch pointers persist: eval finds its buffers through them.
  graph_->scratch = static_cast<void**>(allocator_.AllocatePersistent(
      sizeof(void*) * static_cast<size_t>(graph_->num_scratch + 1)));
  if (graph_->scratch == nullptr) return ArenaFull("scratch pointers");
  int32_t* first = static_cast<int32_t*>(
      allocator_.AllocateTemp(sizeof(int32_t) * 2 * (num_tensors + 1)));
  if (first == nullptr) return ArenaFull("tensor lifetimes");
  int32_t* last = first + num_tensors;
  ComputeLifetimes(first, last);
  int32_t count = graph_->num_scratch;
  for (int32_t t = 0; t < num_tensors; ++t) {
    if (IsPlanned(graph_->tensors[t]) && first[t] >= 0) ++count;
  }
  const MemoryPlanner& planner =
      options_.planner != nullptr
          ? *options_.planner
          : (options_.preserve_all_tensors
                 ? static_cast<const MemoryPlanner&>(kPreservingPlanner)
                 : static_cast<const MemoryPlanner&>(kDefaultPlanner));
  auto* buffers = static_cast<PlannedBuffer*>(
      allocator_.AllocateTemp(sizeof(PlannedBuffer) * (count + 1)));
  void* workspace = allocator_.AllocateTemp(planner.WorkspaceBytes(count));
  if (buffers == nullptr || workspace == nullptr) {
    return ArenaFull("the memory plan");
  }
  int32_t k = 0;
  for (int32_t t = 0; t < num_tensors; ++t) {
    if (!IsPlanned(graph_->tensors[t]) || first[t] < 0) continue;
    buffers[k++] = {graph_->tensors[t].bytes, first[t], last[t], 0};
  }
  scratch_bytes_ = 0;
  for (int32_t n = 0; n < graph_->num_nodes; ++n) {
    const internal::NodeState& node = graph_->nodes[n];
    for (int s = 0; s < node.num_scratch; ++s) {
      const uint32_t bytes =
          graph_->scratch_requests[n * internal::kMaxScratchPerNode + s];
      scratch_bytes_ += bytes;
      buffers[k++] = {bytes, n, n, 0};
    }
  }
  size_t planned_bytes = 0;
  TFM_RETURN_IF_ERROR(planner.Plan(buffers, count, workspace, &planned_bytes));
  if (!allocator_.ReservePlanned(planned_bytes)) {
    return ArenaFull("the planned tensors");
  }
  uint8_t* base = allocator_.head_start();
  k = 0;
  for (int32_t t = 0; t < num_tensors; ++t) {
    Tensor& tensor = graph_->tensors[t];
    if (!IsPlanned(tensor)) continue;
    tensor.data = first[t] >= 0 ? base + buffers[k++].offset : nullptr;
  }
  for (int32_t s = 0; s < graph_->num_scratch; ++s) {
    graph_->scratch[s] = base + buffers[k++].offset;
  }
  allocator_.ResetTemp();
  graph_->scratch_requests = nullptr;
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
  for (int32_t i = 0; i < graph_->num_nodes; ++i) {
    internal::NodeState& node = graph_->nodes[i];
    OpContext context(graph_, i);
    if (profiler_ != nullptr) profiler_->BeginOp(i, node.op_name);
    const Status status = node.registration->eval(context);
    if (profiler_ != nullptr) profiler_->EndOp(i);
    if (status != Status::kOk) {
      if (error_.text[0] == '\0') {
        Fail(status, "node %d (%s): eval failed (%s)", static_cast<int>(i),
             node.op_name,
             StatusName(status));
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
  for (int32_t t = 0; t < graph_->num_tensors; ++t) {
    Tensor& tensor = graph_->tensors[t];
    if (!tensor.is_variable) continue;
    size_t size = 0;
    const uint8_t* initial = BufferData(
        model_, model_bytes_,
        graph_->subgraph->tensors()->Get(static_cast<uint32_t>(t)), &size);
    ResetVariable(tensor, initial);
  }
  for (int32_t i = 0; i < graph_->num_nodes; ++i) {
    const KernelRegistration* registration = graph_->nodes[i].registration;
    if (registration->reset == nullptr) continue;
    OpContext context(graph_, i);
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
  if (op == nullptr) return -1;
  return BuiltinCode(model_->operator_codes()->Get(op->opcode_index()));
}

const char* Interpreter::operator_name(size_t index) const {
  const schema::Operator* op = operator_at(index);
  if (op == nullptr) return "";
  const schema::OperatorCode* code =
      model_->operator_codes()->Get(op->opcode_index());
  const int32_t builtin = BuiltinCode(code);
  if (builtin == kCustomOperatorCode) {
    return code->custom_code() ? code->custom_code()->c_str() : "CUSTOM";
  }
  return BuiltinOperatorName(builtin);
}

}  // namespace tfmicro
