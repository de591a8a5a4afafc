// Small helpers shared by kernels: shape text for error messages and the
// checks most Prepare functions repeat.
#ifndef TENSORFLOW_MICRO_KERNELS_INTERNAL_TENSOR_UTIL_H_
#define TENSORFLOW_MICRO_KERNELS_INTERNAL_TENSOR_UTIL_H_

#include <cstddef>
#include <cstdint>
#include <cstring>
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

// Checks the input is FLOAT32 or INT8 and the output has the same type.
Status ExpectFloat32OrInt8(OpContext& context, const Tensor* input,
                           const Tensor* output);

// Checks the input is FLOAT32, INT8 or INT16 and the output has the same
// type.
Status ExpectFloat32Int8OrInt16(OpContext& context, const Tensor* input,
                                const Tensor* output);

// Checks an elementwise one-input op: one input and one output of the same
// shape and type, FLOAT32 or INT8 (or INT16 with `allow_int16`).
Status ExpectUnaryOp(OpContext& context, bool allow_int16);

// Checks the tensor carries at least one scale.
Status ExpectHasQuantization(OpContext& context, const Tensor* tensor,
                             const char* role);

// Checks `input` and `output` each carry one scale and zero point, INT16
// ones with zero points 0 (16x8 quantization is symmetric).
Status ExpectPerTensorQuantizedInputOutput(OpContext& context,
                                           const Tensor* input,
                                           const Tensor* output);

// Checks the tensor carries exactly one scale and zero point.
Status ExpectPerTensorQuantized(OpContext& context, const Tensor* tensor,
                                const char* role);

// A tensor's per-tensor or per-channel quantization as a layout: its scales
// and zero points apply to blocks of `inner` elements, channel after
// channel, `outer` times.
struct ChannelBlocks {
  int32_t num_channels;
  int64_t outer;
  int64_t inner;
};

// Fills `blocks` for a tensor that carries quantization (see
// ExpectHasQuantization); a per-channel one must have as many scales as its
// quantized dimension has elements.
Status ComputeChannelBlocks(OpContext& context, const Tensor* tensor,
                            const char* role, ChannelBlocks* blocks);

// Calls fn(scale, zero_point, begin) for every block, in memory order;
// `begin` is the index of the block's first element.
template <typename Fn>
void ForEachChannelBlock(const ChannelBlocks& blocks, const Quantization& q,
                         Fn fn) {
  int64_t begin = 0;
  for (int64_t o = 0; o < blocks.outer; ++o) {
    for (int32_t c = 0; c < blocks.num_channels; ++c) {
      const int32_t zero_point =
          q.zero_points != nullptr ? static_cast<int32_t>(q.zero_points[c]) : 0;
      fn(q.scales[c], zero_point, begin);
      begin += blocks.inner;
    }
  }
}

// Checks the tensor has `rank` dimensions equal to `dims`; the message names
// the expected and the actual shape.
Status ExpectShape(OpContext& context, const Tensor* tensor, const char* role,
                   const int32_t* dims, int rank);

// A recurrent op's state (SVDF's, LSTM's output and cell states): input
// `index` is present, a variable tensor of `type` and shape [batches,
// size]; the messages name `role`.
Status ExpectStateTensor(OpContext& context, int index, const char* role,
                         int32_t batches, int32_t size, DataType type);

// Entry i of an INT32 or INT64 tensor (index, axis and shape inputs).
inline int64_t IndexAt(const Tensor* t, int64_t i) {
  return t->type == DataType::kInt32 ? t->data_as<int32_t>()[i]
                                     : t->data_as<int64_t>()[i];
}

// Checks the tensor is INT32 or INT64.
Status ExpectIndexType(OpContext& context, const Tensor* tensor,
                       const char* role);

// ExpectIndexType, and the tensor is constant: Prepare reads its values.
Status ExpectConstantIndices(OpContext& context, const Tensor* tensor,
                             const char* role);

// Maps an axis in [-rank, rank) to [0, rank); `role` names it in the error.
Status ResolveAxis(OpContext& context, int64_t axis, int rank,
                   const char* role, int* resolved);

// Reads an axis input: a constant INT32 or INT64 tensor of one element,
// in [-rank, rank); the result in [0, rank).
Status ReadConstantAxis(OpContext& context, const Tensor* axis_tensor,
                        int rank, int* axis);

// Checks the element type has a fixed size of 1, 2, 4 or 8 bytes: the ops
// that only move elements handle every such type alike.
Status ExpectMovableType(OpContext& context, const Tensor* tensor,
                         const char* role);

// Checks `b` carries the same scale and zero point as `a` when either is
// quantized: an op that only moves elements cannot requantize.
Status ExpectSameQuantization(OpContext& context, const Tensor* a,
                              const char* role_a, const Tensor* b,
                              const char* role_b);

// memcpy that accepts n == 0 with null pointers (an empty tensor has no
// memory; memcpy's arguments must not be null even then).
inline void CopyBytes(void* dst, const void* src, size_t n) {
  if (n != 0) std::memcpy(dst, src, n);
}

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
