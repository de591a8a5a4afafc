// Small helpers shared by kernels: shape text for error messages and the
// checks most Prepare functions repeat.
#ifndef TENSORFLOW_MICRO_KERNELS_INTERNAL_TENSOR_UTIL_H_
#define TENSORFLOW_MICRO_KERNELS_INTERNAL_TENSOR_UTIL_H_

#include <cstddef>
#include <cstdint>
#include <new>

#include "tensorflow_micro/core/kernel_api.h"

namespace tfmicro {

// A shape as text, "[1, 4, 4, 3]", for error messages. Long shapes end in
// "...]". Use the temporary inside one expression:
//   context.Error("output shape %s ...", ShapeText(output).text);
struct ShapeString {
  static constexpr size_t kSize = 64;
  char text[kSize];
};
ShapeString ShapeText(const int32_t* dims, int rank);
inline ShapeString ShapeText(const Tensor& tensor) {
  return ShapeText(tensor.dims, tensor.rank);
}

// Product of dims[begin..end); 1 for an empty range.
inline int64_t ProductOfDims(const int32_t* dims, int begin, int end) {
  int64_t product = 1;
  for (int i = begin; i < end; ++i) product *= dims[i];
  return product;
}

// Checks the tensor carries exactly one scale and zero point.
Status ExpectPerTensorQuantized(OpContext& context, const Tensor* tensor,
                                const char* role);

// Checks the tensor has `rank` dimensions equal to `dims`; the message names
// the expected and the actual shape.
Status ExpectShape(OpContext& context, const Tensor* tensor, const char* role,
                   const int32_t* dims, int rank);

// The clamp range of a fused activation on an INT32 output (TFLite's
// CalculateActivationRange<int32_t>).
Status CalculateActivationRangeInt32(OpContext& context, int activation,
                                     int32_t* min, int32_t* max);

// Allocates the node's OpData from the persistent arena and attaches it to
// the node. nullptr (the error already recorded) when the arena is full.
template <typename T>
T* AllocateOpData(OpContext& context) {
  void* memory = context.AllocatePersistent(sizeof(T));
  if (memory == nullptr) return nullptr;
  T* data = new (memory) T();
  context.set_op_data(data);
  return data;
}

}  // namespace tfmicro

#endif  // TENSORFLOW_MICRO_KERNELS_INTERNAL_TENSOR_UTIL_H_
