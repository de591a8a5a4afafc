// Everything the runtime checks about a model before trusting it: the
// flatbuffer's structure (flatbuffers' verifier) and then its meaning
// (indices in range, buffers inside the model and large enough, shapes whose
// byte size cannot overflow, quantization arrays that match, options tables
// of the operator's own type, control-flow subgraphs that do not recurse).
//
// A model is untrusted input: after CheckModel accepts it, the interpreter
// and the kernels may index tensors, buffers, operator codes and subgraphs
// without further range checks.
#ifndef TENSORFLOW_MICRO_CORE_MODEL_CHECKS_H_
#define TENSORFLOW_MICRO_CORE_MODEL_CHECKS_H_

#include <cstddef>
#include <cstdint>

#include "tensorflow_micro/schema/schema_generated.h"

namespace tfmicro {

// Largest rank a tensor may have.
constexpr int kMaxTensorRank = 8;
// Largest tensor the runtime accepts (bytes).
constexpr uint64_t kMaxTensorBytes = 0x7fffffff;

// Limits that turn hostile sizes into clear errors instead of overflows or
// very long set-up times.
// Subgraphs in a model (the main graph plus control-flow bodies).
constexpr uint32_t kMaxSubgraphs = 128;
// Tensors and operators in one subgraph. 4 scratch buffers per operator
// must fit the interpreter's 16-bit scratch index.
constexpr uint32_t kMaxTensors = 10000;
constexpr uint32_t kMaxOperators = 10000;
// Nesting of control-flow bodies (IF inside WHILE inside ...); a subgraph
// that calls itself, directly or not, exceeds any depth.
constexpr int kMaxSubgraphDepth = 8;
// Largest arena the interpreter accepts: planned offsets are 32-bit.
constexpr uint64_t kMaxArenaBytes = uint64_t{1} << 31;

// True when the model is safe to run; otherwise writes the reason to error
// ("subgraph 0, operator 3 (CONV_2D): ..." or "subgraph 0, tensor 7
// ('conv/weights'): ...").
bool CheckModel(const uint8_t* bytes, size_t size, const schema::Model** model,
                char* error, size_t error_size);

// Bytes of a tensor's data (shape x element size); valid after CheckModel.
// 0 for types without a fixed element size (string, int4, ...).
uint64_t TensorBytes(const schema::Tensor* tensor);

// The tensor's constant data (inside the flatbuffer or after it, via the
// buffer's offset/size), or nullptr when it has none.
const uint8_t* BufferData(const schema::Model* model, const uint8_t* base,
                          const schema::Tensor* tensor, size_t* size);

// The operator code's builtin operator, from whichever of the deprecated
// 8-bit and the 32-bit fields holds it.
int32_t BuiltinCode(const schema::OperatorCode* code);

// The options table type TFLite's converter writes for a builtin operator
// (BuiltinOptions_NONE for operators without options, or not known here).
schema::BuiltinOptions ExpectedBuiltinOptions(int32_t builtin_code);

}  // namespace tfmicro

#endif  // TENSORFLOW_MICRO_CORE_MODEL_CHECKS_H_
