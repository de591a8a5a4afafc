// Structure-aware mutation of TFLite models for the fuzzer: parses a valid
// model with the generated reader, collects the fields that steer the
// runtime (tensor shapes and types, operator input/output indices, opcode
// indices, builtin codes, quantization scales, zero points and dimensions,
// buffer indices, offsets, sizes and bytes, subgraph inputs/outputs and
// every present field of each operator's options table, which holds the
// control-flow subgraph indices) and rewrites a few of them in place.
// The model keeps its size and its flatbuffer structure, so most mutants
// pass the structural verifier and reach the semantic checks, the kernels'
// prepare and their eval.
#ifndef TENSORFLOW_MICRO_FUZZ_MODEL_MUTATOR_H_
#define TENSORFLOW_MICRO_FUZZ_MODEL_MUTATOR_H_

#include <cstddef>
#include <cstdint>

namespace tfmicro {
namespace fuzz {

// Rewrites 1 to 4 fields of the model in data[0, size) in place, chosen and
// valued from `seed`. False (data untouched) when the bytes are not a model
// that passes the flatbuffer verifier, or it has no field to edit.
bool MutateModelFields(uint8_t* data, size_t size, uint32_t seed);

}  // namespace fuzz
}  // namespace tfmicro

#endif  // TENSORFLOW_MICRO_FUZZ_MODEL_MUTATOR_H_
