// N-d broadcasting (NumPy rules) for elementwise binary kernels such as
// ADD, MUL, SUB, DIV, comparisons, and three-input ones (SELECT_V2):
// shapes up to rank 6, computed once in
// Prepare, walked in Eval without any per-element index arithmetic beyond
// additions.
#ifndef TENSORFLOW_MICRO_KERNELS_INTERNAL_BROADCAST_H_
#define TENSORFLOW_MICRO_KERNELS_INTERNAL_BROADCAST_H_

#include <cstdint>

#include "tensorflow_micro/core/kernel_api.h"

namespace tfmicro {

constexpr int kMaxBroadcastRank = 6;

// How to walk two inputs over the output's index space. Dimensions are
// right-aligned in kMaxBroadcastRank slots (leading extents are 1) and
// adjacent dimensions that walk alike are merged, so a plain elementwise op
// is one loop and a per-channel broadcast is two.
struct BroadcastParams {
  int32_t dims[kMaxBroadcastRank];
  // Element strides of each input along each output dimension; 0 where the
  // input is broadcast.
  int32_t strides1[kMaxBroadcastRank];
  int32_t strides2[kMaxBroadcastRank];
  int64_t flat_size;
};

// Computes the broadcast shape of a and b into out_dims/out_rank. false when
// the shapes are incompatible or a rank exceeds kMaxBroadcastRank.
bool BroadcastShape(const Tensor& a, const Tensor& b,
                    int32_t out_dims[kMaxBroadcastRank], int* out_rank);

// Checks a, b and output for a broadcasting binary op (ranks, compatibility,
// output shape equal to the broadcast shape) and fills params. The errors
// name the shapes involved; role_a/role_b name the inputs ("input1").
Status PrepareBroadcast(OpContext& context, const Tensor* a, const char* role_a,
                        const Tensor* b, const char* role_b,
                        const Tensor* output, BroadcastParams* params);

// out[i] = op(a[ia], b[ib]) over the output's index space.
template <typename A, typename B, typename Out, typename Op>
inline void BroadcastBinary(const BroadcastParams& p, const A* a, const B* b,
                            Out* out, Op op) {
  const int32_t* d = p.dims;
  const int32_t* sa = p.strides1;
  const int32_t* sb = p.strides2;
  for (int32_t i0 = 0, a0 = 0, b0 = 0; i0 < d[0];
       ++i0, a0 += sa[0], b0 += sb[0]) {
    for (int32_t i1 = 0, a1 = a0, b1 = b0; i1 < d[1];
         ++i1, a1 += sa[1], b1 += sb[1]) {
      for (int32_t i2 = 0, a2 = a1, b2 = b1; i2 < d[2];
           ++i2, a2 += sa[2], b2 += sb[2]) {
        for (int32_t i3 = 0, a3 = a2, b3 = b2; i3 < d[3];
             ++i3, a3 += sa[3], b3 += sb[3]) {
          for (int32_t i4 = 0, a4 = a3, b4 = b3; i4 < d[4];
               ++i4, a4 += sa[4], b4 += sb[4]) {
            const A* pa = a + a4;
            const B* pb = b + b4;
            const int32_t n = d[5];
            const int32_t step_a = sa[5];
            const int32_t step_b = sb[5];
            for (int32_t i5 = 0; i5 < n; ++i5) {
              *out++ = op(*pa, *pb);
              pa += step_a;
              pb += step_b;
            }
          }
        }
      }
    }
  }
}

// How to walk three inputs (SELECT_V2's condition and values) over the
// output's index space: right-aligned dimensions and per-input strides, 0
// where an input is broadcast. No dimensions are merged.
struct TernaryBroadcastParams {
  int32_t dims[kMaxBroadcastRank];
  int32_t strides[3][kMaxBroadcastRank];
};

// Checks a, b, c and output for a broadcasting three-input op (ranks,
// compatibility, output shape equal to the broadcast shape) and fills
// params; roles name the inputs in the errors.
Status PrepareTernaryBroadcast(OpContext& context, const Tensor* const* inputs,
                               const char* const* roles, const Tensor* output,
                               TernaryBroadcastParams* params);

// out[i] = op(a[ia], b[ib], c[ic]) over the output's index space.
template <typename A, typename B, typename C, typename Out, typename Op>
inline void BroadcastTernary(const TernaryBroadcastParams& p, const A* a,
                             const B* b, const C* c, Out* out, Op op) {
  int32_t index[kMaxBroadcastRank] = {0, 0, 0, 0, 0, 0};
  int64_t size = 1;
  for (int i = 0; i < kMaxBroadcastRank; ++i) size *= p.dims[i];
  int64_t ia = 0;
  int64_t ib = 0;
  int64_t ic = 0;
  for (int64_t n = 0; n < size; ++n) {
    *out++ = op(a[ia], b[ib], c[ic]);
    // Odometer step over the output index, innermost dimension first.
    for (int d = kMaxBroadcastRank - 1; d >= 0; --d) {
      ia += p.strides[0][d];
      ib += p.strides[1][d];
      ic += p.strides[2][d];
      if (++index[d] < p.dims[d]) break;
      ia -= static_cast<int64_t>(p.strides[0][d]) * p.dims[d];
      ib -= static_cast<int64_t>(p.strides[1][d]) * p.dims[d];
      ic -= static_cast<int64_t>(p.strides[2][d]) * p.dims[d];
      index[d] = 0;
    }
  }
}

}  // namespace tfmicro

#endif  // TENSORFLOW_MICRO_KERNELS_INTERNAL_BROADCAST_H_
