// arm_mve's int8 pooling over NHWC, computed as the reference
// (kernels/internal/pooling.h): windows clipped to the input, no rescaling.
// Output pixels go in order and each reads its window before writing, so
// the reference's in-place gap holds.
//   avg_pool_s8: four channels per vector of int32 sums, then the
//                reference's division (halves away from zero) per value.
//   max_pool_s8: sixteen channels per VMAX.S8.
#ifndef TENSORFLOW_MICRO_KERNELS_VENDOR_ARM_MVE_POOLING_S8_H_
#define TENSORFLOW_MICRO_KERNELS_VENDOR_ARM_MVE_POOLING_S8_H_

#include <cstdint>

#include "tensorflow_micro/kernels/internal/pooling.h"

namespace tfmicro {
namespace arm_mve {

void avg_pool_s8(const PoolGeometry& geometry, int32_t activation_min,
                 int32_t activation_max, const int8_t* input, int8_t* output);
void max_pool_s8(const PoolGeometry& geometry, int32_t activation_min,
                 int32_t activation_max, const int8_t* input, int8_t* output);

}  // namespace arm_mve
}  // namespace tfmicro

#endif  // TENSORFLOW_MICRO_KERNELS_VENDOR_ARM_MVE_POOLING_S8_H_
