// Internal state of one prepared subgraph, shared by the interpreter and
// OpContext. Lives in the arena's persistent region.
#ifndef TENSORFLOW_MICRO_CORE_GRAPH_H_
#define TENSORFLOW_MICRO_CORE_GRAPH_H_

#include <cstddef>
#include <cstdint>

#include "tensorflow_micro/core/arena_allocator.h"
#include "tensorflow_micro/core/kernel_api.h"
#include "tensorflow_micro/schema/schema_generated.h"

namespace tfmicro {

class Interpreter;

namespace internal {

// Scratch buffers one node may request.
constexpr int kMaxScratchPerNode = 4;
// In-place permissions one node may declare (OpContext::AllowInPlace).
constexpr int kMaxInPlacePerNode = 2;

struct InPlaceRequest {
  int32_t input_tensor;
  int32_t output_tensor;
  uint32_t min_gap;
};

enum class Phase : uint8_t { kInit, kPrepare, kEval };

// How far AllocateTensors got with a subgraph. Only subgraph 0 and the
// subgraphs control-flow nodes prepare (transitively) are used.
enum class GraphState : uint8_t { kUnused, kInitialized, kPreparing, kPrepared };

// "Node `node` of subgraph `caller` runs subgraph `callee`": recorded while
// preparing, used by the memory plan to place the callee's tensors above
// what the caller keeps alive at that node.
struct CallEdge {
  CallEdge* next;
  int32_t caller;
  int32_t node;
  int32_t callee;
  // Lowest offset the callee may use; set when the caller is planned.
  uint32_t callee_base;
};

struct NodeState {
  const KernelRegistration* registration;
  void* op_data;
  const char* op_name;
  uint16_t first_scratch;  // index into Graph::scratch
  uint8_t num_scratch;
  uint8_t num_in_place;  // entries in Graph::in_place_requests
};

struct ErrorBuffer {
  char text[256];
  bool log_errors;  // also send messages to the platform log
};

// Fields are ordered so that the struct has no padding (it is allocated
// once per subgraph).
struct Graph {
  const schema::SubGraph* subgraph;
  Tensor* tensors;
  int32_t num_tensors;
  int32_t index;  // in the model's subgraphs
  NodeState* nodes;
  int32_t num_nodes;
  int32_t num_scratch;
  ArenaAllocator* allocator;
  ErrorBuffer* error;
  // Prepares and runs other subgraphs for control-flow kernels, and holds
  // the resource variables.
  Interpreter* interpreter;
  // Prepare: requested sizes, kMaxScratchPerNode per node (temporary).
  uint32_t* scratch_requests;
  // Prepare: in-place permissions, kMaxInPlacePerNode per node (temporary).
  InPlaceRequest* in_place_requests;
  // Eval: the buffers, indexed by NodeState::first_scratch + handle.
  void** scratch;
  Phase phase;
  GraphState state;
  bool planned;  // PlanMemory placed its tensors

  const schema::Operator* op(int node_index) const {
    return subgraph->operators()->Get(static_cast<uint32_t>(node_index));
  }
};

}  // namespace internal
}  // namespace tfmicro

#endif  // TENSORFLOW_MICRO_CORE_GRAPH_H_
