// The int8 multiply-accumulate runs of the reference CONV_2D,
// DEPTHWISE_CONV_2D and FULLY_CONNECTED: sum(filter * (input + offset)) over
// contiguous values. Plain C++, written so that a compiler for a 32-bit
// core keeps everything in registers: one pass over the input feeds two or
// four filter rows. int32 sums wrap like TFLite's on
// hardware; the order of the additions does not change an int32 sum.
#ifndef TENSORFLOW_MICRO_KERNELS_INTERNAL_DOT_PRODUCT_H_
#define TENSORFLOW_MICRO_KERNELS_INTERNAL_DOT_PRODUCT_H_

#include <cstdint>

namespace tfmicro {

// acc + sum over i < n of f[i] * (x[i] + x_offset).
inline int32_t DotInt8(const int8_t* x, const int8_t* f, int32_t n,
                       int32_t x_offset, int32_t acc) {
  for (; n >= 4; n -= 4, x += 4, f += 4) {
    acc += f[0] * (x[0] + x_offset);
    acc += f[1] * (x[1] + x_offset);
    acc += f[2] * (x[2] + x_offset);
    acc += f[3] * (x[3] + x_offset);
  }
  for (; n > 0; --n) acc += *f++ * (*x++ + x_offset);
  return acc;
}

// DotInt8 of one input run with two filter rows, into *acc0 and *acc1.
inline void DotInt8x2(const int8_t* x, const int8_t* f0, const int8_t* f1,
                      int32_t n, int32_t x_offset, int32_t* acc0,
                      int32_t* acc1) {
  int32_t a0 = *acc0;
  int32_t a1 = *acc1;
  for (; n >= 4; n -= 4, x += 4, f0 += 4, f1 += 4) {
    const int32_t x0 = x[0] + x_offset;
    const int32_t x1 = x[1] + x_offset;
    a0 += f0[0] * x0;
    a1 += f1[0] * x0;
    a0 += f0[1] * x1;
    a1 += f1[1] * x1;
    const int32_t x2 = x[2] + x_offset;
    const int32_t x3 = x[3] + x_offset;
    a0 += f0[2] * x2;
    a1 += f1[2] * x2;
    a0 += f0[3] * x3;
    a1 += f1[3] * x3;
  }
  for (; n > 0; --n) {
    const int32_t v = *x++ + x_offset;
    a0 += *f0++ * v;
    a1 += *f1++ * v;
  }
  *acc0 = a0;
  *acc1 = a1;
}

// DotInt8 of one input run with four filter rows `stride` values apart
// (f, f + stride, f + 2 * stride, f + 3 * stride), into acc[0..3].
inline void DotInt8x4(const int8_t* x, const int8_t* f, int32_t stride,
                      int32_t n, int32_t x_offset, int32_t* acc) {
  int32_t a0 = acc[0];
  int32_t a1 = acc[1];
  int32_t a2 = acc[2];
  int32_t a3 = acc[3];
  const int8_t* f1 = f + stride;
  const int8_t* f2 = f1 + stride;
  const int8_t* f3 = f2 + stride;
  for (; n >= 2; n -= 2, x += 2, f += 2, f1 += 2, f2 += 2, f3 += 2) {
    const int32_t v0 = x[0] + x_offset;
    a0 += f[0] * v0;
    a1 += f1[0] * v0;
    a2 += f2[0] * v0;
    a3 += f3[0] * v0;
    const int32_t v1 = x[1] + x_offset;
    a0 += f[1] * v1;
    a1 += f1[1] * v1;
    a2 += f2[1] * v1;
    a3 += f3[1] * v1;
  }
  if (n > 0) {
    const int32_t v = x[0] + x_offset;
    a0 += f[0] * v;
    a1 += f1[0] * v;
    a2 += f2[0] * v;
    a3 += f3[0] * v;
  }
  acc[0] = a0;
  acc[1] = a1;
  acc[2] = a2;
  acc[3] = a3;
}

}  // namespace tfmicro

#endif  // TENSORFLOW_MICRO_KERNELS_INTERNAL_DOT_PRODUCT_H_
