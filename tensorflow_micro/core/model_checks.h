// Everything the runtime checks about a model before trusting it: the
// flatbuffer's structure (flatbuffers' verifier) and then its meaning
// (indices in range, buffers large enough, shapes sane).
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

// True when the model is safe to run; otherwise writes the reason to error.
bool CheckModel(const uint8_t* bytes, size_t size, const schema::Model** model,
                char* error, size_t error_size);

// Bytes of a tensor's data (shape x element size); valid after CheckModel.
uint64_t TensorBytes(const schema::Tensor* tensor);

// The tensor's constant data (inside the flatbuffer or after it, via the
// buffer's offset/size), or nullptr when it has none.
const uint8_t* BufferData(const schema::Model* model, const uint8_t* base,
                          const schema::Tensor* tensor, size_t* size);

// The operator code's builtin operator, from whichever of the deprecated
// 8-bit and the 32-bit fields holds it.
int32_t BuiltinCode(const schema::OperatorCode* code);

}  // namespace tfmicro

#endif  // TENSORFLOW_MICRO_CORE_MODEL_CHECKS_H_
