#include "tensorflow_micro/kernels/vendor/arm_mve/mac_s8.h"

#include "tensorflow_micro/kernels/vendor/arm_mve/mve_math.h"

namespace tfmicro {
namespace arm_mve {

void fold_offset_into_bias(const int8_t* weights, int rows, int k,
                           const int32_t* bias, int32_t offset,
                           int32_t* folded) {
  for (int r = 0; r < rows; ++r) {
    const uint32_t sum = static_cast<uint32_t>(sum_s8(weights + r * k, k));
    const uint32_t b = bias != nullptr ? static_cast<uint32_t>(bias[r]) : 0u;
    folded[r] = static_cast<int32_t>(b + static_cast<uint32_t>(offset) * sum);
  }
}

void copy_s8(const int8_t* src, int n, int8_t* dst) {
  int i = 0;
  for (; i + 16 <= n; i += 16) Store8(dst + i, Load8(src + i));
  if (i < n) {
    const Pred p = Tail8(n - i);
    Store8P(dst + i, Load8Z(src + i, p), p);
  }
}

void fill_s8(int8_t value, int n, int8_t* dst) {
  const I8x16 v = Dup8(value);
  int i = 0;
  for (; i + 16 <= n; i += 16) Store8(dst + i, v);
  if (i < n) Store8P(dst + i, v, Tail8(n - i));
}

int32_t sum_s8(const int8_t* x, int n) {
  int32_t sum = 0;
  int i = 0;
  for (; i + 16 <= n; i += 16) sum = SumAcc8(sum, Load8(x + i));
  if (i < n) sum = SumAcc8(sum, Load8Z(x + i, Tail8(n - i)));
  return sum;
}

void pack_rows_s8(const int8_t* rows, int num_rows, int row_stride, int k,
                  int8_t* packed) {
  for (int j = 0; j < 4; ++j) {
    const int8_t* row = rows + (j < num_rows ? j : num_rows - 1) * row_stride;
    int8_t* dst = packed + 16 * j;
    int i = 0;
    for (; i + 16 <= k; i += 16, dst += 64) Store8(dst, Load8(row + i));
    if (i < k) Store8(dst, Load8Z(row + i, Tail8(k - i)));
  }
}

namespace {

// The segments of values [offset, offset + n) of packed row `row` that stay
// inside one 16-value chunk: write(dst, first value index, count).
template <typename Write>
inline void ForEachPackedSegment(int n, int offset, int row, int8_t* packed,
                                 Write write) {
  int done = 0;
  while (done < n) {
    const int in_chunk = (offset + done) & 15;
    const int count = n - done < 16 - in_chunk ? n - done : 16 - in_chunk;
    write(packed + ((offset + done) >> 4) * 64 + 16 * row + in_chunk, done,
          count);
    done += count;
  }
}

}  // namespace

void copy_to_packed_s8(const int8_t* src, int n, int offset, int row,
                       int8_t* packed) {
  ForEachPackedSegment(n, offset, row, packed,
                       [src](int8_t* dst, int first, int count) {
                         const Pred p = Tail8(count);
                         Store8P(dst, Load8Z(src + first, p), p);
                       });
}

void fill_packed_s8(int8_t value, int n, int offset, int row, int8_t* packed) {
  const I8x16 v = Dup8(value);
  ForEachPackedSegment(n, offset, row, packed,
                       [v](int8_t* dst, int, int count) {
                         Store8P(dst, v, Tail8(count));
                       });
}

namespace {

// One column pass of mat_mult_s8; kAllRows: four real rows (the stores
// need no predicate).
template <bool kAllRows>
void MatMultColumns(const int8_t* packed, int rows, int k, const int8_t* rhs,
                    int cols, const int32_t* bias, const ConvQuantParams& q,
                    int8_t* out) {
  const U32x4 row_offsets = Offsets(static_cast<uint32_t>(cols));
  const Pred store = Tail32(rows);
  const int chunks = k >> 4;
  const int tail = k & 15;
  const Pred tail_lanes = Tail8(tail);
  const int32_t output_offset = q.output_offset;
  const int32_t activation_min = q.activation_min;
  const int32_t activation_max = q.activation_max;
  const int8_t* w = rhs;  // row c of rhs
  for (int c = 0; c < cols; ++c) {
    // The bias starts every sum (one add instead of four).
    int32_t a0 = bias[c];
    int32_t a1 = a0;
    int32_t a2 = a0;
    int32_t a3 = a0;
    const int8_t* p = packed;
    for (int n = chunks; n > 0; --n) {
      const I8x16 wv = Load8(w);
      w += 16;
      a0 = DotAcc8(a0, Load8(p), wv);
      a1 = DotAcc8(a1, Load8(p + 16), wv);
      a2 = DotAcc8(a2, Load8(p + 32), wv);
      a3 = DotAcc8(a3, Load8(p + 48), wv);
      p += 64;
    }
    if (tail != 0) {
      // The packed rows hold zeros past k; only the weights need the
      // predicate (their row ends there).
      const I8x16 wv = Load8Z(w, tail_lanes);
      w += tail;
      a0 = DotAcc8(a0, Load8(p), wv);
      a1 = DotAcc8(a1, Load8(p + 16), wv);
      a2 = DotAcc8(a2, Load8(p + 32), wv);
      a3 = DotAcc8(a3, Load8(p + 48), wv);
    }
    const I32x4 v = OffsetClamp(
        MulByQuantN(Make32(a0, a1, a2, a3), q.multipliers[c], q.shifts[c]),
        output_offset, activation_min, activation_max);
    if (kAllRows) {
      Scatter32To8(out + c, row_offsets, v);
    } else {
      Scatter32To8P(out + c, row_offsets, v, store);
    }
  }
}

}  // namespace

void mat_mult_s8(const int8_t* packed, int rows, int k, const int8_t* rhs,
                 int cols, const int32_t* bias, const ConvQuantParams& q,
                 int8_t* out) {
  if (rows == 4) {
    MatMultColumns<true>(packed, rows, k, rhs, cols, bias, q, out);
  } else {
    MatMultColumns<false>(packed, rows, k, rhs, cols, bias, q, out);
  }
}

void dot_1x4_s8(const int8_t* x, const int8_t* w, int k, int32_t* sums) {
  const int8_t* w1 = w + k;
  const int8_t* w2 = w1 + k;
  const int8_t* w3 = w2 + k;
  int32_t a0 = 0;
  int32_t a1 = 0;
  int32_t a2 = 0;
  int32_t a3 = 0;
  int i = 0;
  for (; i + 16 <= k; i += 16) {
    const I8x16 xv = Load8(x + i);
    a0 = DotAcc8(a0, xv, Load8(w + i));
    a1 = DotAcc8(a1, xv, Load8(w1 + i));
    a2 = DotAcc8(a2, xv, Load8(w2 + i));
    a3 = DotAcc8(a3, xv, Load8(w3 + i));
  }
  if (i < k) {
    const Pred p = Tail8(k - i);
    const I8x16 xv = Load8Z(x + i, p);
    a0 = DotAcc8(a0, xv, Load8Z(w + i, p));
    a1 = DotAcc8(a1, xv, Load8Z(w1 + i, p));
    a2 = DotAcc8(a2, xv, Load8Z(w2 + i, p));
    a3 = DotAcc8(a3, xv, Load8Z(w3 + i, p));
  }
  sums[0] = a0;
  sums[1] = a1;
  sums[2] = a2;
  sums[3] = a3;
}

int32_t dot_s8(const int8_t* x, const int8_t* w, int k) {
  int32_t acc = 0;
  int i = 0;
  for (; i + 16 <= k; i += 16) acc = DotAcc8(acc, Load8(x + i), Load8(w + i));
  if (i < k) {
    const Pred p = Tail8(k - i);
    acc = DotAcc8(acc, Load8Z(x + i, p), Load8Z(w + i, p));
  }
  return acc;
}

}  // namespace arm_mve
}  // namespace tfmicro
