#include "tensorflow_micro/kernels/internal/strided_copy.h"

#include <cstring>

namespace tfmicro {
namespace {

template <typename T>
void Walk(const StridedView& v, const T* in, T* out) {
  if (v.rank == 0) {
    *out = in[v.offset];
    return;
  }
  const int inner = v.rank - 1;
  const int32_t row = v.dims[inner];
  const int64_t step = v.strides[inner];
  for (int i = 0; i < v.rank; ++i) {
    if (v.dims[i] == 0) return;
  }
  int32_t index[kMaxStridedCopyRank] = {};
  int64_t base = v.offset;
  while (true) {
    const T* src = in + base;
    if (step == 1) {
      std::memcpy(out, src, static_cast<size_t>(row) * sizeof(T));
      out += row;
    } else {
      for (int32_t j = 0; j < row; ++j) *out++ = src[j * step];
    }
    int axis = inner - 1;
    for (; axis >= 0; --axis) {
      base += v.strides[axis];
      if (++index[axis] < v.dims[axis]) break;
      base -= v.strides[axis] * v.dims[axis];
      index[axis] = 0;
    }
    if (axis < 0) return;
  }
}

}  // namespace

void RowMajorStrides(const int32_t* dims, int rank, int64_t* strides) {
  int64_t stride = 1;
  for (int i = rank - 1; i >= 0; --i) {
    strides[i] = stride;
    stride *= dims[i];
  }
}

void SimplifyView(StridedView* view) {
  int rank = 0;
  for (int i = 0; i < view->rank; ++i) {
    const int32_t dim = view->dims[i];
    const int64_t stride = view->strides[i];
    if (dim == 1) continue;
    if (dim == 0) {  // empty output: one empty axis says it all
      view->rank = 1;
      view->dims[0] = 0;
      view->strides[0] = 1;
      return;
    }
    if (rank > 0 && view->strides[rank - 1] == stride * dim) {
      view->dims[rank - 1] *= dim;
      view->strides[rank - 1] = stride;
      continue;
    }
    view->dims[rank] = dim;
    view->strides[rank] = stride;
    ++rank;
  }
  if (rank == 0) {
    view->dims[0] = 1;
    view->strides[0] = 1;
    rank = 1;
  }
  view->rank = rank;
}

void StridedCopy(const StridedView& view, size_t element_size, const void* in,
                 void* out) {
  WithElementType(element_size, [&](auto tag) {
    using T = decltype(tag);
    Walk(view, static_cast<const T*>(in), static_cast<T*>(out));
  });
}

}  // namespace tfmicro
