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
  constexpr int kChunkStride = 16 * kPackedRows;
  for (int j = 0; j < kPackedRows; ++j) {
    const int8_t* row = rows + (j < num_rows ? j : num_rows - 1) * row_stride;
    int8_t* dst = packed + 16 * j;
    int i = 0;
    for (; i + 16 <= k; i += 16, dst += kChunkStride) {
      Store8(dst, Load8(row + i));
    }
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
    write(packed + ((offset + done) >> 4) * (16 * kPackedRows) + 16 * row +
              in_chunk,
          done, count);
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

// The sums of one column: bias + dot(packed row r, w) over k values
// (chunks full 16-value chunks, then `tail` values whose weights load
// under tail_lanes), rows 0..3 in *low, 4..7 in *high.
TFM_MVE_INLINE void ColumnSums(const int8_t* packed, const int8_t* w,
                               int chunks, int tail, Pred tail_lanes,
                               int32_t bias, I32x4* low, I32x4* high) {
#if defined(TFM_ARM_MVE_INTRINSICS)
  // Eight accumulators must stay in (even) core registers for VMLADAVA,
  // which the compiler does not manage at -Os: the chunk loop is written
  // out (19 instructions per 128 products).
  int32_t a0 = bias, a1 = bias, a2 = bias, a3 = bias;
  int32_t a4 = bias, a5 = bias, a6 = bias, a7 = bias;
  const int8_t* p = packed;
  if (chunks > 0) {
    int n = chunks;
    asm volatile(
        "1:\n"
        "vldrb.u8 q0, [%[w]], #16\n"
        "vldrb.u8 q1, [%[p]], #16\n"
        "vmlava.s8 %[a0], q1, q0\n"
        "vldrb.u8 q1, [%[p]], #16\n"
        "vmlava.s8 %[a1], q1, q0\n"
        "vldrb.u8 q1, [%[p]], #16\n"
        "vmlava.s8 %[a2], q1, q0\n"
        "vldrb.u8 q1, [%[p]], #16\n"
        "vmlava.s8 %[a3], q1, q0\n"
        "vldrb.u8 q1, [%[p]], #16\n"
        "vmlava.s8 %[a4], q1, q0\n"
        "vldrb.u8 q1, [%[p]], #16\n"
        "vmlava.s8 %[a5], q1, q0\n"
        "vldrb.u8 q1, [%[p]], #16\n"
        "vmlava.s8 %[a6], q1, q0\n"
        "vldrb.u8 q1, [%[p]], #16\n"
        "vmlava.s8 %[a7], q1, q0\n"
        "subs %[n], %[n], #1\n"
        "bne 1b\n"
        : [a0] "+Te"(a0), [a1] "+Te"(a1), [a2] "+Te"(a2), [a3] "+Te"(a3),
          [a4] "+Te"(a4), [a5] "+Te"(a5), [a6] "+Te"(a6), [a7] "+Te"(a7),
          [w] "+r"(w), [p] "+r"(p), [n] "+r"(n)
        :
        : "q0", "q1", "memory", "cc");
  }
  if (tail != 0) {
    // The packed rows hold zeros past k; only the weights need the
    // predicate (their row ends there).
    const I8x16 wv = Load8Z(w, tail_lanes);
    asm volatile(
        "vldrb.u8 q1, [%[p]], #16\n"
        "vmlava.s8 %[a0], q1, %q[wv]\n"
        "vldrb.u8 q1, [%[p]], #16\n"
        "vmlava.s8 %[a1], q1, %q[wv]\n"
        "vldrb.u8 q1, [%[p]], #16\n"
        "vmlava.s8 %[a2], q1, %q[wv]\n"
        "vldrb.u8 q1, [%[p]], #16\n"
        "vmlava.s8 %[a3], q1, %q[wv]\n"
        "vldrb.u8 q1, [%[p]], #16\n"
        "vmlava.s8 %[a4], q1, %q[wv]\n"
        "vldrb.u8 q1, [%[p]], #16\n"
        "vmlava.s8 %[a5], q1, %q[wv]\n"
        "vldrb.u8 q1, [%[p]], #16\n"
        "vmlava.s8 %[a6], q1, %q[wv]\n"
        "vldrb.u8 q1, [%[p]], #16\n"
        "vmlava.s8 %[a7], q1, %q[wv]\n"
        : [a0] "+Te"(a0), [a1] "+Te"(a1), [a2] "+Te"(a2), [a3] "+Te"(a3),
          [a4] "+Te"(a4), [a5] "+Te"(a5), [a6] "+Te"(a6), [a7] "+Te"(a7),
          [p] "+r"(p)
        : [wv] "w"(wv)
        : "q1", "memory");
  }
  *low = Make32(a0, a1, a2, a3);
  *high = Make32(a4, a5, a6, a7);
#else
  int32_t acc[kPackedRows];
  for (int r = 0; r < kPackedRows; ++r) acc[r] = bias;
  const int8_t* p = packed;
  for (int n = 0; n < chunks; ++n, w += 16) {
    const I8x16 wv = Load8(w);
    for (int r = 0; r < kPackedRows; ++r, p += 16) {
      acc[r] = DotAcc8(acc[r], Load8(p), wv);
    }
  }
  if (tail != 0) {
    const I8x16 wv = Load8Z(w, tail_lanes);
    for (int r = 0; r < kPackedRows; ++r, p += 16) {
      acc[r] = DotAcc8(acc[r], Load8(p), wv);
    }
  }
  *low = Make32(acc[0], acc[1], acc[2], acc[3]);
  *high = Make32(acc[4], acc[5], acc[6], acc[7]);
#endif
}

}  // namespace

void mat_mult_s8(const int8_t* packed, int rows, int k, const int8_t* rhs,
                 int cols, const int32_t* bias, const ConvQuantParams& q,
                 int8_t* out) {
  const U32x4 row_offsets = Offsets(static_cast<uint32_t>(cols));
  const Pred store_low = Tail32(rows);
  const Pred store_high = Tail32(rows > 4 ? rows - 4 : 0);
  const int chunks = k >> 4;
  const int tail = k & 15;
  const Pred tail_lanes = Tail8(tail);
  const int32_t output_offset = q.output_offset;
  const int32_t activation_min = q.activation_min;
  const int32_t activation_max = q.activation_max;
  int8_t* out_high = out + 4 * cols;  // rows 4..7
  const int8_t* w = rhs;              // row c of rhs
  for (int c = 0; c < cols; ++c, w += k) {
    // The bias starts every sum.
    I32x4 sums_low;
    I32x4 sums_high;
    ColumnSums(packed, w, chunks, tail, tail_lanes, bias[c], &sums_low,
               &sums_high);
    const int32_t multiplier = q.multipliers[c];
    const int32_t shift = q.shifts[c];
    const I32x4 low = OffsetClamp(MulByQuantN(sums_low, multiplier, shift),
                                  output_offset, activation_min,
                                  activation_max);
    const I32x4 high = OffsetClamp(MulByQuantN(sums_high, multiplier, shift),
                                   output_offset, activation_min,
                                   activation_max);
    if (rows == kPackedRows) {
      Scatter32To8(out + c, row_offsets, low);
      Scatter32To8(out_high + c, row_offsets, high);
    } else {
      Scatter32To8P(out + c, row_offsets, low, store_low);
      Scatter32To8P(out_high + c, row_offsets, high, store_high);
    }
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
