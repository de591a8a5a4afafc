// Data movement as a strided walk: the output is written in order, each
// output axis stepping through the input by its own stride (negative to
// reverse, 0 to broadcast). TRANSPOSE, REVERSE_V2, BROADCAST_TO, SLICE,
// DEPTH_TO_SPACE and SPACE_TO_DEPTH are all one such view of their input.
#ifndef TENSORFLOW_MICRO_KERNELS_INTERNAL_STRIDED_COPY_H_
#define TENSORFLOW_MICRO_KERNELS_INTERNAL_STRIDED_COPY_H_

#include <cstddef>
#include <cstdint>

namespace tfmicro {

// TILE views an input of rank 6 as rank 12 (a copy axis per dimension).
constexpr int kMaxStridedCopyRank = 12;
// The rank limit of the ops built on StridedCopy (as TFLite's BROADCAST_TO).
constexpr int kMaxMoveRank = 8;

struct StridedView {
  int rank = 0;
  // Output extents, outermost first.
  int32_t dims[kMaxStridedCopyRank] = {};
  // Input elements to step per unit of each output axis.
  int64_t strides[kMaxStridedCopyRank] = {};
  // Input element read for output element 0.
  int64_t offset = 0;
};

// Row-major element strides of a shape.
void RowMajorStrides(const int32_t* dims, int rank, int64_t* strides);

// Drops extent-1 axes and merges neighbours that are contiguous in the
// input, so the walk has as few, as long, rows as possible.
void SimplifyView(StridedView* view);

// Writes the view of `in` to `out`, elements of `element_size` bytes
// (1, 2, 4 or 8).
void StridedCopy(const StridedView& view, size_t element_size, const void* in,
                 void* out);

// Calls fn(T{}) with T the unsigned integer type of `element_size` bytes
// (1, 2, 4 or 8): kernels that only move elements are written once.
template <typename Fn>
void WithElementType(size_t element_size, Fn&& fn) {
  switch (element_size) {
    case 1:
      fn(uint8_t{});
      break;
    case 2:
      fn(uint16_t{});
      break;
    case 4:
      fn(uint32_t{});
      break;
    default:
      fn(uint64_t{});
      break;
  }
}

}  // namespace tfmicro

#endif  // TENSORFLOW_MICRO_KERNELS_INTERNAL_STRIDED_COPY_H_
