// The int8 multiply-accumulate cores of arm_mve's CONV_2D,
// DEPTHWISE_CONV_2D and FULLY_CONNECTED: 16 products per VMLADAVA.S8, with
// the input offset folded into the bias once in prepare
// (sum w * (x + offset) = sum w * x + offset * sum w), so the loops multiply
// raw int8 values. Padding taps then read the input zero point (x + offset
// = 0), exactly the reference's skipped taps.
#ifndef TENSORFLOW_MICRO_KERNELS_VENDOR_ARM_MVE_MAC_S8_H_
#define TENSORFLOW_MICRO_KERNELS_VENDOR_ARM_MVE_MAC_S8_H_

#include <cstdint>

#include "tensorflow_micro/kernels/internal/conv_quantization.h"

namespace tfmicro {
namespace arm_mve {

// folded[r] = bias[r] (0 without a bias) + offset * sum of weight row r
// (`rows` rows of k values), wrapping like the int32 accumulators.
void fold_offset_into_bias(const int8_t* weights, int rows, int k,
                           const int32_t* bias, int32_t offset,
                           int32_t* folded);

// n int8 values from src to dst; n copies of value to dst.
void copy_s8(const int8_t* src, int n, int8_t* dst);
void fill_s8(int8_t value, int n, int8_t* dst);

// The sum of n int8 values.
int32_t sum_s8(const int8_t* x, int n);

// mat_mult_s8's left operand: kPackedRows rows of k values interleaved by
// 16-value chunks (chunk i of every row, then chunk i + 1 ...), zeros past
// k, so one pointer walks all the rows.
constexpr int kPackedRows = 8;
inline int packed_rows_s8_size(int k) {
  return 16 * kPackedRows * ((k + 15) / 16);
}

// Packs `num_rows` (1..kPackedRows) rows of k values, `row_stride` values
// apart, into `packed`; a pass of fewer rows repeats the last one.
void pack_rows_s8(const int8_t* rows, int num_rows, int row_stride, int k,
                  int8_t* packed);

// Writes n values (a copy of src; n copies of value) into packed row
// `row` from its value `offset` on.
void copy_to_packed_s8(const int8_t* src, int n, int offset, int row,
                       int8_t* packed);
void fill_packed_s8(int8_t value, int n, int offset, int row, int8_t* packed);

// out[r * cols + c] = Int8ConvOutput of dot(row r, rhs row c) with bias[c]
// (the folded bias) for the `rows` (1..kPackedRows) packed rows against
// `cols` rows of k values: each weight load feeds eight VMLADAVAs and each
// column's requantization parameters serve eight sums (two vectors).
void mat_mult_s8(const int8_t* packed, int rows, int k, const int8_t* rhs,
                 int cols, const int32_t* bias, const ConvQuantParams& q,
                 int8_t* out);

// sums[j] = dot(x, w + j * k) for j < 4 (one activation load for four
// weight rows), and the one-row dot product.
void dot_1x4_s8(const int8_t* x, const int8_t* w, int k, int32_t* sums);
int32_t dot_s8(const int8_t* x, const int8_t* w, int k);

}  // namespace arm_mve
}  // namespace tfmicro

#endif  // TENSORFLOW_MICRO_KERNELS_VENDOR_ARM_MVE_MAC_S8_H_
