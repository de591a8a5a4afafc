// What IF, WHILE and CALL_ONCE share: checking that values can be copied
// between a node's tensors and a subgraph's, and copying them. Shapes are
// static on device: a value moves only into a tensor of the same type and
// byte size.
#ifndef TENSORFLOW_MICRO_KERNELS_CONTROL_FLOW_COMMON_H_
#define TENSORFLOW_MICRO_KERNELS_CONTROL_FLOW_COMMON_H_

#include "tensorflow_micro/core/kernel_api.h"

namespace tfmicro {

// Where a list of tensors comes from, for copies and messages.
enum class TensorListKind { kNodeInputs, kNodeOutputs, kSubgraphInputs,
                            kSubgraphOutputs };

struct TensorList {
  TensorListKind kind;
  int subgraph;  // for kSubgraphInputs / kSubgraphOutputs
  int first;     // index of the list's first tensor (IF skips its condition)

  Tensor* Get(OpContext& context, int i) const;
  int size(OpContext& context) const;
};

inline TensorList NodeInputs(int first = 0) {
  return {TensorListKind::kNodeInputs, -1, first};
}
inline TensorList NodeOutputs() { return {TensorListKind::kNodeOutputs, -1, 0}; }
inline TensorList SubgraphInputs(int subgraph) {
  return {TensorListKind::kSubgraphInputs, subgraph, 0};
}
inline TensorList SubgraphOutputs(int subgraph) {
  return {TensorListKind::kSubgraphOutputs, subgraph, 0};
}

// Checks both lists have `count` present tensors that pair up by type and
// byte size; the message names the lists and the first mismatch.
Status ExpectCopyable(OpContext& context, const TensorList& from,
                      const TensorList& to, int count);

// Copies every value of `from` into `to` (ExpectCopyable held).
void CopyTensors(OpContext& context, const TensorList& from,
                 const TensorList& to, int count);

// Copies only the resource handles: they are needed while preparing (the
// variables' kernels look them up), other values only while running.
void CopyResourceHandles(OpContext& context, const TensorList& from,
                         const TensorList& to, int count);

// InitSubgraph, checks it has `num_inputs` inputs and `num_outputs` outputs
// (`role` names it: "then", "body", ...), copies the resource handles among
// `inputs` into its inputs and prepares it.
Status PrepareCalledSubgraph(OpContext& context, const char* role,
                             int subgraph, const TensorList& inputs,
                             int num_inputs, int num_outputs);

}  // namespace tfmicro

#endif  // TENSORFLOW_MICRO_KERNELS_CONTROL_FLOW_COMMON_H_
