#include "tensorflow_micro/kernels/internal/broadcast.h"

#include "tensorflow_micro/kernels/internal/tensor_util.h"

namespace tfmicro {
namespace {

// The tensor's extents right-aligned in kMaxBroadcastRank slots.
void ExtendedDims(const Tensor& t, int32_t dims[kMaxBroadcastRank]) {
  const int pad = kMaxBroadcastRank - t.rank;
  for (int i = 0; i < kMaxBroadcastRank; ++i) {
    dims[i] = i < pad ? 1 : t.dims[i - pad];
  }
}

// Strides of a dense tensor with extents `dims`, 0 where the extent is 1
// (the input repeats along that output dimension).
void BroadcastStrides(const int32_t dims[kMaxBroadcastRank],
                      int32_t strides[kMaxBroadcastRank]) {
  int32_t stride = 1;
  for (int i = kMaxBroadcastRank - 1; i >= 0; --i) {
    strides[i] = dims[i] == 1 ? 0 : stride;
    stride *= dims[i];
  }
}

}  // namespace

bool BroadcastShape(const Tensor& a, const Tensor& b,
                    int32_t out_dims[kMaxBroadcastRank], int* out_rank) {
  if (a.rank > kMaxBroadcastRank || b.rank > kMaxBroadcastRank) return false;
  const int rank = a.rank > b.rank ? a.rank : b.rank;
  for (int i = 0; i < rank; ++i) {
    const int ia = a.rank - rank + i;
    const int ib = b.rank - rank + i;
    const int32_t da = ia >= 0 ? a.dims[ia] : 1;
    const int32_t db = ib >= 0 ? b.dims[ib] : 1;
    if (da != db && da != 1 && db != 1) return false;
    out_dims[i] = da == 1 ? db : da;
  }
  *out_rank = rank;
  return true;
}

Status PrepareBroadcast(OpContext& context, const Tensor* a, const char* role_a,
                        const Tensor* b, const char* role_b,
                        const Tensor* output, BroadcastParams* params) {
  if (a->rank > kMaxBroadcastRank || b->rank > kMaxBroadcastRank) {
    return context.Error("%s rank %d and %s rank %d: at most %d supported",
                         role_a, static_cast<int>(a->rank), role_b,
                         static_cast<int>(b->rank), kMaxBroadcastRank);
  }
  int32_t out_dims[kMaxBroadcastRank];
  int out_rank = 0;
  if (!BroadcastShape(*a, *b, out_dims, &out_rank)) {
    return context.Error("%s shape %s and %s shape %s do not broadcast", role_a,
                         ShapeText(*a).text, role_b, ShapeText(*b).text);
  }
  bool same = output->rank == out_rank;
  for (int i = 0; same && i < out_rank; ++i) {
    same = output->dims[i] == out_dims[i];
  }
  if (!same) {
    return context.Error(
        "output shape %s does not match the broadcast shape %s of %s %s and "
        "%s %s",
        ShapeText(*output).text, ShapeText(out_dims, out_rank).text, role_a,
        ShapeText(*a).text, role_b, ShapeText(*b).text);
  }

  int32_t dims_a[kMaxBroadcastRank];
  int32_t dims_b[kMaxBroadcastRank];
  int32_t strides_a[kMaxBroadcastRank];
  int32_t strides_b[kMaxBroadcastRank];
  ExtendedDims(*a, dims_a);
  ExtendedDims(*b, dims_b);
  BroadcastStrides(dims_a, strides_a);
  BroadcastStrides(dims_b, strides_b);

  // Collect output dimensions from the innermost out, dropping extents of 1
  // and merging a dimension into the one inside it when both inputs walk
  // the pair as one contiguous (or one repeated) run.
  int32_t dims[kMaxBroadcastRank];
  int32_t sa[kMaxBroadcastRank];
  int32_t sb[kMaxBroadcastRank];
  int count = 0;
  params->flat_size = 1;
  for (int i = kMaxBroadcastRank - 1; i >= 0; --i) {
    const int32_t extent = dims_a[i] == 1 ? dims_b[i] : dims_a[i];
    params->flat_size *= extent;
    if (extent == 1) continue;
    if (count > 0) {
      const int inner = count - 1;
      if (strides_a[i] == sa[inner] * dims[inner] &&
          strides_b[i] == sb[inner] * dims[inner]) {
        dims[inner] *= extent;
        continue;
      }
    }
    dims[count] = extent;
    sa[count] = strides_a[i];
    sb[count] = strides_b[i];
    ++count;
  }
  // Right-align the collected dimensions (stored innermost first).
  for (int slot = kMaxBroadcastRank - 1, k = 0; slot >= 0; --slot, ++k) {
    params->dims[slot] = k < count ? dims[k] : 1;
    params->strides1[slot] = k < count ? sa[k] : 0;
    params->strides2[slot] = k < count ? sb[k] : 0;
  }
  return Status::kOk;
}

Status PrepareTernaryBroadcast(OpContext& context, const Tensor* const* inputs,
                               const char* const* roles, const Tensor* output,
                               TernaryBroadcastParams* params) {
  int32_t dims[3][kMaxBroadcastRank];
  int32_t out_dims[kMaxBroadcastRank];
  for (int i = 0; i < kMaxBroadcastRank; ++i) out_dims[i] = 1;
  int out_rank = 0;
  for (int k = 0; k < 3; ++k) {
    const Tensor* t = inputs[k];
    if (t->rank > kMaxBroadcastRank) {
      return context.Error("%s rank %d: at most %d supported", roles[k],
                           static_cast<int>(t->rank), kMaxBroadcastRank);
    }
    if (t->rank > out_rank) out_rank = t->rank;
    ExtendedDims(*t, dims[k]);
    for (int i = 0; i < kMaxBroadcastRank; ++i) {
      const int32_t d = dims[k][i];
      if (d != out_dims[i] && d != 1 && out_dims[i] != 1) {
        return context.Error(
            "%s shape %s, %s shape %s and %s shape %s do not broadcast",
            roles[0], ShapeText(*inputs[0]).text, roles[1],
            ShapeText(*inputs[1]).text, roles[2], ShapeText(*inputs[2]).text);
      }
      if (d != 1) out_dims[i] = d;
    }
  }
  const int32_t* expected = out_dims + (kMaxBroadcastRank - out_rank);
  bool same = output->rank == out_rank;
  for (int i = 0; same && i < out_rank; ++i) {
    same = output->dims[i] == expected[i];
  }
  if (!same) {
    return context.Error(
        "output shape %s does not match the broadcast shape %s of the inputs",
        ShapeText(*output).text, ShapeText(expected, out_rank).text);
  }
  for (int i = 0; i < kMaxBroadcastRank; ++i) params->dims[i] = out_dims[i];
  for (int k = 0; k < 3; ++k) BroadcastStrides(dims[k], params->strides[k]);
  return Status::kOk;
}

}  // namespace tfmicro
