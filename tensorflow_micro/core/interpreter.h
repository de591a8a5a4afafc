// The interpreter: runs a TFLite model in place, with all memory taken from
// one caller-provided arena.
//
//   tfmicro::MicroOpResolver<3> resolver;   // kernels/micro_op_resolver.h
//   resolver.AddFullyConnected(); ...
//   tfmicro::Interpreter interpreter(model, model_size, resolver, arena,
//                                    sizeof(arena));
//   if (interpreter.AllocateTensors() != tfmicro::Status::kOk) {
//     puts(interpreter.error_message());
//   }
//   interpreter.input(0)->data_as<int8_t>()[0] = ...;
//   interpreter.Invoke();
#ifndef TENSORFLOW_MICRO_CORE_INTERPRETER_H_
#define TENSORFLOW_MICRO_CORE_INTERPRETER_H_

#include <cstddef>
#include <cstdint>

#include "tensorflow_micro/core/arena_allocator.h"
#include "tensorflow_micro/core/graph.h"
#include "tensorflow_micro/core/memory_planner.h"
#include "tensorflow_micro/core/offline_plan.h"
#include "tensorflow_micro/core/op_resolver.h"
#include "tensorflow_micro/core/profiler.h"
#include "tensorflow_micro/core/resource_variables.h"
#include "tensorflow_micro/core/status.h"
#include "tensorflow_micro/core/tensor.h"

namespace tfmicro {

struct InterpreterOptions {
  // Give every tensor its own memory so intermediates stay readable.
  bool preserve_all_tensors = false;
  // Also send error messages to the platform log.
  bool log_errors = true;
  // nullptr: the model's offline plan when it has one that passes the
  // checks (offline_plan.h), else the greedy planner.
  const MemoryPlanner* planner = nullptr;
  // false: ignore the model's offline plan.
  bool use_offline_plan = true;
  // Keep the buffers, lifetimes and in-place permissions the plan was made
  // for (plan_record()), at a cost of persistent arena bytes: for tools.
  bool record_plan = false;
  // Bytes the caller keeps in front of the arena it passes (the C API puts
  // the interpreter object there): counted in "arena too small" messages,
  // so they state what the caller's whole buffer must hold.
  size_t arena_prefix_bytes = 0;
};

struct ArenaUsage {
  size_t total_bytes;       // arena_used_bytes()
  size_t planned_bytes;     // tensors and scratch laid out by the planner
  size_t scratch_bytes;     // requested scratch (part of planned_bytes)
  size_t persistent_bytes;  // runtime and kernel state
  // What planning needs beyond the planned tensors, for a moment (lifetime
  // tables, the planner's workspace); 0 for most models.
  size_t temporary_bytes;
};

class Interpreter {
 public:
  // Verifies the model; the result is status(). `model` and `arena` must
  // outlive the interpreter.
  Interpreter(const void* model, size_t model_size, const OpResolver& resolver,
              uint8_t* arena, size_t arena_size,
              const InterpreterOptions& options = InterpreterOptions());

  Interpreter(const Interpreter&) = delete;
  Interpreter& operator=(const Interpreter&) = delete;

  // kOk when the model passed verification.
  Status status() const { return status_; }

  // Resolves kernels, prepares every node and plans the arena.
  Status AllocateTensors();
  Status Invoke();
  // Clears variable tensors, resource variables and kernel state, keeping
  // the allocation: the next Invoke runs like the first (CALL_ONCE runs its
  // init subgraph again).
  Status Reset();

  size_t inputs_size() const;
  size_t outputs_size() const;
  // nullptr for an index out of range or before AllocateTensors.
  Tensor* input(size_t index);
  Tensor* output(size_t index);

  // Exact bytes the model needs from the arena (valid after a successful
  // AllocateTensors).
  size_t arena_used_bytes() const { return allocator_.used_bytes(); }
  ArenaUsage arena_usage() const;
  // Who made the memory plan (valid after AllocateTensors).
  PlanSource plan_source() const { return plan_source_; }
  // With InterpreterOptions::record_plan, after AllocateTensors.
  const PlanRecord& plan_record() const { return plan_record_; }

  // The last failure: "node 3 (CONV_2D): ...", or "" when none.
  const char* error_message() const { return error_.text; }

  void SetProfiler(Profiler* profiler) { profiler_ = profiler; }

  // Introspection for tools and debugging, of subgraph 0 (the one Invoke
  // runs; control-flow subgraphs run inside its nodes).
  size_t tensors_size() const;
  Tensor* tensor(size_t index);
  const char* tensor_name(size_t index) const;
  // Offset in the planned region, or -1 for tensors that are not planned.
  int64_t tensor_arena_offset(size_t index) const;
  // First and last operator using a tensor (inputs: 0, outputs: last op).
  void tensor_lifetime(size_t index, int32_t* first_op, int32_t* last_op) const;
  size_t operators_size() const;
  int32_t operator_builtin_code(size_t index) const;
  const char* operator_name(size_t index) const;
  const schema::Operator* operator_at(size_t index) const;

 private:
  // Control-flow and resource-variable kernels reach other subgraphs and
  // the variables through their OpContext.
  friend class OpContext;

  Status Fail(Status status, const char* format, ...)
#if defined(__GNUC__)
      __attribute__((format(printf, 3, 4)))
#endif
      ;
  Status VerifyModel(size_t model_size);
  // Per subgraph: tensors (InitGraph), then kernels, init and prepare of
  // every node (PrepareGraph; control-flow kernels call it for the
  // subgraphs they run, so only reachable subgraphs are prepared).
  Status InitGraph(int32_t index);
  Status PrepareGraph(internal::Graph& caller, int caller_node, int32_t index);
  Status InitTensors(internal::Graph& graph);
  Status ResolveKernels(internal::Graph& graph);
  Status PrepareNodes(internal::Graph& graph);
  Status InvokeGraph(internal::Graph& graph);
  Status ResetGraph(internal::Graph& graph);
  // Plans every prepared subgraph: subgraph 0 from offset 0, a called
  // subgraph above everything its callers keep alive at the calling nodes
  // (it runs only inside those nodes).
  Status PlanMemory();
  // Temporary arrays PlanGraph works in, sized for the largest subgraph.
  struct PlanWorkspace {
    int32_t* first;  // per tensor: first and last operator using it
    int32_t* last;
    PlannedBuffer* buffers;
    int32_t* buffer_tensor;  // per buffer: its tensor, -1 for scratch
    InPlaceAllowance* allowances;
    void* planner_workspace;
  };
  Status PlanGraph(internal::Graph& graph, size_t base,
                   const PlanWorkspace& work, size_t* end);
  const MemoryPlanner& planner() const;
  int32_t CountPlannedBuffers(const internal::Graph& graph,
                              const int32_t* first) const;
  // Subgraph 0 takes a valid offline plan from the model's metadata; else
  // (and for called subgraphs) the greedy planner with in-place sharing.
  void ChooseOffsets(const internal::Graph& graph, PlannedBuffer* buffers,
                     int32_t count,
                     const int32_t* buffer_tensor,
                     const InPlaceAllowance* allowances,
                     int32_t num_allowances, void* workspace,
                     size_t* planned_bytes);
  Status RecordPlan(const PlannedBuffer* buffers, int32_t count,
                    const int32_t* buffer_tensor,
                    const InPlaceAllowance* allowances,
                    int32_t num_allowances);
  Status ArenaFull(const char* what);
  void ComputeLifetimes(const internal::Graph& graph, int32_t* first,
                        int32_t* last) const;
  bool IsPlanned(const Tensor& tensor) const;
  int32_t OperatorCode(const schema::Operator* op) const;
  const char* OperatorName(const schema::Operator* op) const;
  // "node 3 (ADD)" in subgraph 0, "subgraph 2, node 3 (ADD)" elsewhere.
  void NodeWhere(const internal::Graph& graph, int node, char* text,
                 size_t size) const;

  const uint8_t* model_bytes_;
  const schema::Model* model_ = nullptr;
  const OpResolver& resolver_;
  uint8_t* arena_;
  size_t arena_size_;
  InterpreterOptions options_;
  ArenaAllocator allocator_;
  // One per model subgraph; graph_ is subgraph 0 (what Invoke runs).
  internal::Graph* graphs_ = nullptr;
  internal::Graph* graph_ = nullptr;
  int32_t num_graphs_ = 0;
  internal::CallEdge* calls_ = nullptr;
  internal::ResourceVariables resources_;
  internal::ErrorBuffer error_;
  Profiler* profiler_ = nullptr;
  Status status_ = Status::kOk;
  bool allocated_ = false;
  size_t scratch_bytes_ = 0;
  PlanSource plan_source_ = PlanSource::kNone;
  PlanRecord plan_record_;
};

}  // namespace tfmicro

#endif  // TENSORFLOW_MICRO_CORE_INTERPRETER_H_
