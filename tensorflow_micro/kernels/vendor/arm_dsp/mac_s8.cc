#include "tensorflow_micro/kernels/vendor/arm_dsp/mac_s8.h"

#include "tensorflow_micro/kernels/vendor/arm_dsp/dsp_math.h"

namespace tfmicro {
namespace arm_dsp {

void widen_interleaved_s8(const int8_t* in, int n, int32_t offset,
                          int16_t* out) {
  // SXTB16 puts bytes 0 and 2 in one word and 1 and 3 (ROR #8) in the
  // next: exactly the interleaved order.
  const uint32_t offset2 = Pack16x2(offset);
  int i = 0;
  for (; i + 4 <= n; i += 4) {
    const uint32_t x = Load32(in + i);
    Store32(out, Sadd16(Sxtb16(x), offset2));
    Store32(out + 2, Sadd16(Sxtb16Ror8(x), offset2));
    out += 4;
  }
  for (; i < n; ++i) *out++ = static_cast<int16_t>(in[i] + offset);
}

int32_t dot_s8_s16(const int8_t* weights, const int16_t* act, int n) {
  int32_t acc0 = 0;
  int32_t acc1 = 0;
  int i = 0;
  for (; i + 4 <= n; i += 4) {
    const uint32_t w = Load32(weights + i);
    acc0 = Smlad(Sxtb16(w), Load32(act + i), acc0);
    acc1 = Smlad(Sxtb16Ror8(w), Load32(act + i + 2), acc1);
  }
  int32_t acc = acc0 + acc1;
  for (; i < n; ++i) acc += weights[i] * act[i];
  return acc;
}

void dot2_s8_s16(const int8_t* w0, const int8_t* w1, const int16_t* act, int n,
                 int32_t* sum0, int32_t* sum1) {
  int32_t a0 = 0;
  int32_t a1 = 0;
  int i = 0;
  for (; i + 4 <= n; i += 4) {
    const uint32_t x02 = Load32(act + i);
    const uint32_t x13 = Load32(act + i + 2);
    const uint32_t u = Load32(w0 + i);
    const uint32_t v = Load32(w1 + i);
    a0 = Smlad(Sxtb16(u), x02, a0);
    a0 = Smlad(Sxtb16Ror8(u), x13, a0);
    a1 = Smlad(Sxtb16(v), x02, a1);
    a1 = Smlad(Sxtb16Ror8(v), x13, a1);
  }
  for (; i < n; ++i) {
    a0 += w0[i] * act[i];
    a1 += w1[i] * act[i];
  }
  *sum0 = a0;
  *sum1 = a1;
}

void dot4_s8_s16(const int8_t* w, int stride, const int16_t* act, int n,
                 int32_t* sums) {
  const int8_t* w0 = w;
  const int8_t* w2 = w + 2 * stride;
  int32_t a0 = 0;
  int32_t a1 = 0;
  int32_t a2 = 0;
  int32_t a3 = 0;
  int groups = n >> 2;
#if defined(__ARM_FEATURE_DSP) && __ARM_FEATURE_DSP
  // Rows 1 and 3 are read at [w0 + stride] and [w2 + stride]: 23
  // instructions per 16 multiply-accumulates (GCC spills the C loop's
  // pointers at -Os).
  if (groups > 0) {
    uint32_t x02;
    uint32_t x13;
    uint32_t u;
    uint32_t t;
    __asm__(
        "1:\n"
        "ldr %[x02], [%[act]], #4\n"
        "ldr %[x13], [%[act]], #4\n"
        "ldr %[u], [%[w0], %[stride]]\n"
        "sxtb16 %[t], %[u]\n"
        "smlad %[a1], %[t], %[x02], %[a1]\n"
        "sxtb16 %[t], %[u], ror #8\n"
        "smlad %[a1], %[t], %[x13], %[a1]\n"
        "ldr %[u], [%[w0]], #4\n"
        "sxtb16 %[t], %[u]\n"
        "smlad %[a0], %[t], %[x02], %[a0]\n"
        "sxtb16 %[t], %[u], ror #8\n"
        "smlad %[a0], %[t], %[x13], %[a0]\n"
        "ldr %[u], [%[w2], %[stride]]\n"
        "sxtb16 %[t], %[u]\n"
        "smlad %[a3], %[t], %[x02], %[a3]\n"
        "sxtb16 %[t], %[u], ror #8\n"
        "smlad %[a3], %[t], %[x13], %[a3]\n"
        "ldr %[u], [%[w2]], #4\n"
        "sxtb16 %[t], %[u]\n"
        "smlad %[a2], %[t], %[x02], %[a2]\n"
        "sxtb16 %[t], %[u], ror #8\n"
        "smlad %[a2], %[t], %[x13], %[a2]\n"
        "subs %[groups], %[groups], #1\n"
        "bne 1b\n"
        : [a0] "+r"(a0), [a1] "+r"(a1), [a2] "+r"(a2), [a3] "+r"(a3),
          [w0] "+r"(w0), [w2] "+r"(w2), [act] "+r"(act),
          [groups] "+r"(groups), [x02] "=&r"(x02), [x13] "=&r"(x13),
          [u] "=&r"(u), [t] "=&r"(t)
        : [stride] "r"(stride)
        : "cc", "memory");
  }
#else
  const int8_t* w1 = w0 + stride;
  const int8_t* w3 = w2 + stride;
  for (; groups > 0; --groups) {
    const uint32_t x02 = Load32(act);
    const uint32_t x13 = Load32(act + 2);
    act += 4;
    uint32_t u = Load32(w0);
    a0 = Smlad(Sxtb16(u), x02, a0);
    a0 = Smlad(Sxtb16Ror8(u), x13, a0);
    u = Load32(w1);
    a1 = Smlad(Sxtb16(u), x02, a1);
    a1 = Smlad(Sxtb16Ror8(u), x13, a1);
    u = Load32(w2);
    a2 = Smlad(Sxtb16(u), x02, a2);
    a2 = Smlad(Sxtb16Ror8(u), x13, a2);
    u = Load32(w3);
    a3 = Smlad(Sxtb16(u), x02, a3);
    a3 = Smlad(Sxtb16Ror8(u), x13, a3);
    w0 += 4;
    w1 += 4;
    w2 += 4;
    w3 += 4;
  }
#endif
  for (int i = 0; i < (n & 3); ++i) {
    const int32_t x = act[i];
    a0 += w0[i] * x;
    a1 += w0[stride + i] * x;
    a2 += w2[i] * x;
    a3 += w2[stride + i] * x;
  }
  sums[0] = a0;
  sums[1] = a1;
  sums[2] = a2;
  sums[3] = a3;
}

void dot2x2_s8_s16(const int8_t* w, const int16_t* act, int n,
                   int32_t* sums) {
  int32_t a00 = 0;
  int32_t a01 = 0;
  int32_t a10 = 0;
  int32_t a11 = 0;
  int groups = n >> 2;
#if defined(__ARM_FEATURE_DSP) && __ARM_FEATURE_DSP
  // The second row and vector are read at [w + n] and [act + 2n bytes], so
  // four pointers fit in two registers: 20 instructions per 16
  // multiply-accumulates, no spill.
  if (groups > 0) {
    uint32_t u;
    uint32_t v;
    uint32_t x;
    uint32_t y;
    uint32_t t;
    __asm__(
        "1:\n"
        "ldr %[v], [%[w], %[n]]\n"
        "ldr %[u], [%[w]], #4\n"
        "ldr %[y], [%[act], %[n], lsl #1]\n"
        "ldr %[x], [%[act]], #4\n"
        "sxtb16 %[t], %[u]\n"
        "smlad %[a00], %[t], %[x], %[a00]\n"
        "smlad %[a01], %[t], %[y], %[a01]\n"
        "sxtb16 %[t], %[v]\n"
        "smlad %[a10], %[t], %[x], %[a10]\n"
        "smlad %[a11], %[t], %[y], %[a11]\n"
        "ldr %[y], [%[act], %[n], lsl #1]\n"
        "ldr %[x], [%[act]], #4\n"
        "sxtb16 %[t], %[u], ror #8\n"
        "smlad %[a00], %[t], %[x], %[a00]\n"
        "smlad %[a01], %[t], %[y], %[a01]\n"
        "sxtb16 %[t], %[v], ror #8\n"
        "smlad %[a10], %[t], %[x], %[a10]\n"
        "smlad %[a11], %[t], %[y], %[a11]\n"
        "subs %[groups], %[groups], #1\n"
        "bne 1b\n"
        : [a00] "+r"(a00), [a01] "+r"(a01), [a10] "+r"(a10),
          [a11] "+r"(a11), [w] "+r"(w), [act] "+r"(act),
          [groups] "+r"(groups), [u] "=&r"(u), [v] "=&r"(v), [x] "=&r"(x),
          [y] "=&r"(y), [t] "=&r"(t)
        : [n] "r"(n)
        : "cc", "memory");
  }
#else
  for (; groups > 0; --groups) {
    const uint32_t u = Load32(w);
    const uint32_t v = Load32(w + n);
    const uint32_t u02 = Sxtb16(u);
    const uint32_t u13 = Sxtb16Ror8(u);
    const uint32_t v02 = Sxtb16(v);
    const uint32_t v13 = Sxtb16Ror8(v);
    uint32_t x = Load32(act);
    a00 = Smlad(u02, x, a00);
    a10 = Smlad(v02, x, a10);
    x = Load32(act + 2);
    a00 = Smlad(u13, x, a00);
    a10 = Smlad(v13, x, a10);
    x = Load32(act + n);
    a01 = Smlad(u02, x, a01);
    a11 = Smlad(v02, x, a11);
    x = Load32(act + n + 2);
    a01 = Smlad(u13, x, a01);
    a11 = Smlad(v13, x, a11);
    w += 4;
    act += 4;
  }
#endif
  for (int i = 0; i < (n & 3); ++i) {
    const int32_t u = w[i];
    const int32_t v = w[n + i];
    a00 += u * act[i];
    a01 += u * act[n + i];
    a10 += v * act[i];
    a11 += v * act[n + i];
  }
  sums[0] = a00;
  sums[1] = a01;
  sums[2] = a10;
  sums[3] = a11;
}

}  // namespace arm_dsp
}  // namespace tfmicro
