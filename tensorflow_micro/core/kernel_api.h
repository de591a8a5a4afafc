// The kernel API: the only header of core/ that a kernel includes.
//
// A kernel is a KernelRegistration. The interpreter calls, per node:
//   init    (optional) once, after the model is read: allocate persistent
//           state with AllocatePersistent and keep it with set_op_data.
//   prepare once per AllocateTensors: validate every type, shape and
//           parameter, compute quantization parameters, request scratch.
//           Every failure returns context.Error(...) with a clear reason.
//   eval    every Invoke: compute only. Anything that could be checked in
//           prepare was checked there.
//   reset   (optional) on Interpreter::Reset, for kernels with state.
// Kernels never allocate from the heap, never abort and never print.
#ifndef TENSORFLOW_MICRO_CORE_KERNEL_API_H_
#define TENSORFLOW_MICRO_CORE_KERNEL_API_H_

#include <cstddef>
#include <cstdint>

#include "tensorflow_micro/core/status.h"
#include "tensorflow_micro/core/tensor.h"

#if defined(__GNUC__)
#define TFM_PRINTF_FORMAT(format_index, first_arg) \
  __attribute__((format(printf, format_index, first_arg)))
#else
#define TFM_PRINTF_FORMAT(format_index, first_arg)
#endif

namespace tfmicro {

namespace internal {
struct Graph;
}  // namespace internal

// The value of a resource variable (VAR_HANDLE, READ_VARIABLE,
// ASSIGN_VARIABLE), shared by all subgraphs; see
// OpContext::BindResourceVariable.
struct ResourceVariable {
  void* data = nullptr;  // persistent storage; nullptr until bound
  uint32_t bytes = 0;
  DataType type = DataType::kFloat32;
  // An ASSIGN_VARIABLE ran since AllocateTensors or Reset.
  bool assigned = false;
  const char* name = "";  // the shared_name, for messages
};

class OpContext {
 public:
  OpContext(internal::Graph* graph, int node_index)
      : graph_(graph), node_index_(node_index) {}

  int node_index() const { return node_index_; }
  // "CONV_2D", or the custom op's name.
  const char* op_name() const;

  int num_inputs() const;
  int num_outputs() const;
  // nullptr when i is out of range or the input is optional and absent.
  Tensor* input(int i) const;
  Tensor* output(int i) const;
  // The operator's intermediate tensors (the quantized LSTM reads their
  // quantization; they hold no data). nullptr when i or the tensor index the
  // model gives is out of range.
  int num_intermediates() const;
  Tensor* intermediate(int i) const;

  // The operator's builtin options table from the model (a schema type such
  // as schema::Conv2DOptions), or nullptr when the model leaves it out: then
  // the schema's defaults apply.
  const void* builtin_options() const;
  template <typename T>
  const T* options() const {
    return static_cast<const T*>(builtin_options());
  }
  const uint8_t* custom_options(size_t* size) const;

  // Per-node state kept for the life of the interpreter.
  void* op_data() const;
  void set_op_data(void* data);

  // Memory from the arena's persistent region, 16-byte aligned, zeroed. In
  // init and prepare only. nullptr when the arena is full: return an error
  // then; the interpreter reports the arena bytes needed.
  void* AllocatePersistent(size_t bytes);
  // Asks for a scratch buffer valid during this node's eval only.
  Status RequestScratch(size_t bytes, int* handle);
  // The buffer of a RequestScratch handle; in eval only.
  void* scratch(int handle) const;

  // In prepare: lets the planner place output `output` over input `input`
  // when that input is not needed after this node, provided the output
  // starts at least `min_gap_bytes` before the input (0: exactly in its
  // place). eval must then give the same result with the buffers
  // overlapping that way, i.e. it never writes an output byte over input
  // bytes it still has to read. See kernels/internal/in_place.h for the
  // gaps of elementwise, copying and convolution loops. View ops (RESHAPE,
  // SQUEEZE, EXPAND_DIMS) opt in with PrepareView<Prepare> in their
  // registration. A hint: the planner may ignore it.
  Status AllowInPlace(int input, int output, size_t min_gap_bytes = 0);

  // Control flow (IF, WHILE, CALL_ONCE): running the model's other
  // subgraphs. The verifier checked every subgraph index in a control-flow
  // op's options and that no subgraph calls itself, directly or not.
  int num_subgraphs() const;
  // Makes a subgraph's tensors available (subgraph_input/subgraph_output)
  // without preparing its nodes; in prepare only. The caller can then copy
  // resource handles into the inputs before PrepareSubgraph.
  Status InitSubgraph(int subgraph);
  // Initializes (if needed), resolves and prepares every node of a subgraph
  // this node runs; in prepare only. A subgraph already prepared (for this
  // or another node) is only recorded as called from this node, so the
  // memory plan keeps its tensors apart from this node's.
  Status PrepareSubgraph(int subgraph);
  // -1 / nullptr when the subgraph is out of range or not initialized.
  int subgraph_num_inputs(int subgraph) const;
  int subgraph_num_outputs(int subgraph) const;
  Tensor* subgraph_input(int subgraph, int i) const;
  Tensor* subgraph_output(int subgraph, int i) const;
  // Runs every node of a prepared subgraph; in eval only. Copying values
  // into its inputs and out of its outputs is the caller's job.
  Status InvokeSubgraph(int subgraph);

  // Resource variables. In prepare only: the id (> 0) of the variable named
  // (container, shared_name), created when new. Names must point into the
  // model (they are kept).
  Status FindResourceVariable(const char* container, const char* shared_name,
                              int32_t* id);
  // In prepare only: gives variable `id` storage for `bytes` bytes of
  // `type`. The first bind allocates it (zeroed) from the persistent arena;
  // later binds must ask for the same type and size.
  Status BindResourceVariable(int32_t id, DataType type, uint32_t bytes);
  // The variable with this id (nullptr for an unknown id); in any phase.
  ResourceVariable* resource_variable(int32_t id) const;

  // Records "node N (OP): <message>" as the interpreter's error and returns
  // Status::kKernelError. printf-style: %d %i %u %ld %lu %lld %llu %zu %x
  // %s %c %f %g.
  Status Error(const char* format, ...) TFM_PRINTF_FORMAT(2, 3);

 private:
  internal::Graph* graph_;
  int node_index_;
};

struct KernelRegistration {
  void (*init)(OpContext& context);  // may be nullptr
  Status (*prepare)(OpContext& context);
  Status (*eval)(OpContext& context);
  void (*reset)(OpContext& context);  // may be nullptr
};

// Checks the node has between min_inputs and max_inputs inputs, that the
// first min_inputs are present, and that it has exactly `outputs` outputs.
Status ExpectIoCount(OpContext& context, int min_inputs, int max_inputs,
                     int outputs);
// Checks tensor->type == type; `role` names the tensor in the message
// ("input", "filter", ...).
Status ExpectType(OpContext& context, const Tensor* tensor, const char* role,
                  DataType type);
// Checks a and b have the same type.
Status ExpectSameType(OpContext& context, const Tensor* a, const char* role_a,
                      const Tensor* b, const char* role_b);
// Checks a and b have the same shape.
Status ExpectSameShape(OpContext& context, const Tensor* a,
                       const char* role_a, const Tensor* b,
                       const char* role_b);
// Checks the tensor's rank.
Status ExpectRank(OpContext& context, const Tensor* tensor, const char* role,
                  int rank);
// Checks the tensor carries per-tensor (or per-channel) quantization.
Status ExpectQuantized(OpContext& context, const Tensor* tensor,
                       const char* role);

}  // namespace tfmicro

// Fails the node with a message unless cond holds.
#define TFM_ENSURE(context, cond, ...)            \
  do {                                            \
    if (!(cond)) return (context).Error(__VA_ARGS__); \
  } while (0)

#endif  // TENSORFLOW_MICRO_CORE_KERNEL_API_H_
