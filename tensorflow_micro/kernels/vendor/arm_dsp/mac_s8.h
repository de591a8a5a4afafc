// The multiply-accumulate core of arm_dsp's CONV_2D and FULLY_CONNECTED:
// int8 weights against activations widened to int16 (with the input offset
// added) in the "interleaved" order SXTB16 produces, so one 32-bit load of
// four weights feeds two SMLADs.
#ifndef TENSORFLOW_MICRO_KERNELS_VENDOR_ARM_DSP_MAC_S8_H_
#define TENSORFLOW_MICRO_KERNELS_VENDOR_ARM_DSP_MAC_S8_H_

#include <cstdint>

namespace tfmicro {
namespace arm_dsp {

// Writes in[i] + offset for i < n into out as int16, each group of four
// (k, k+1, k+2, k+3) stored as k, k+2, k+1, k+3; the n % 4 tail in order.
void widen_interleaved_s8(const int8_t* in, int n, int32_t offset,
                          int16_t* out);

// sum(weights[i] * act[i]) over i < n, act laid out by
// widen_interleaved_s8. Exact: every product fits in int32.
int32_t dot_s8_s16(const int8_t* weights, const int16_t* act, int n);

// The same dot product for two weight rows at once (one activation load
// for two rows).
void dot2_s8_s16(const int8_t* w0, const int8_t* w1, const int16_t* act, int n,
                 int32_t* sum0, int32_t* sum1);

// Four consecutive weight rows (w, w + stride, w + 2 * stride,
// w + 3 * stride) against one activation vector: sums[r] = dot(w_r, act).
void dot4_s8_s16(const int8_t* w, int stride, const int16_t* act, int n,
                 int32_t* sums);

// Two consecutive weight rows (w, w + n) against two consecutive activation
// vectors (act, act + n): sums[2 * r + a] = dot(w_r, act_a) (each weight
// and activation load feeds two SMLADs).
void dot2x2_s8_s16(const int8_t* w, const int16_t* act, int n,
                   int32_t* sums);

}  // namespace arm_dsp
}  // namespace tfmicro

#endif  // TENSORFLOW_MICRO_KERNELS_VENDOR_ARM_DSP_MAC_S8_H_
