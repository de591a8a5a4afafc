// Shared Prepare/Eval of one-input activations that TFLite's reference
// kernels compute in float for FLOAT32 and through a 256-entry table for
// INT8 (LOGISTIC, TANH). Vendor kernels can reuse the Prepare.
#ifndef TENSORFLOW_MICRO_KERNELS_LUT_ACTIVATION_COMMON_H_
#define TENSORFLOW_MICRO_KERNELS_LUT_ACTIVATION_COMMON_H_

#include <cstdint>

#include "tensorflow_micro/core/kernel_api.h"
#include "tensorflow_micro/kernels/internal/lut.h"

namespace tfmicro {

struct LutActivationOpData {
  int8_t lut[kInt8LutSize];  // int8 only
};

// Checks one FLOAT32 or INT8 input, one output of the same type and shape
// (quantized for INT8), and for INT8 builds the table of `transform`, which
// must be the float function TFLite tabulates.
Status PrepareLutActivation(OpContext& context, float (*transform)(float));

// FLOAT32: output[i] = float_function(input[i]); INT8: table lookup.
Status EvalLutActivation(OpContext& context, float (*float_function)(float));

}  // namespace tfmicro

#endif  // TENSORFLOW_MICRO_KERNELS_LUT_ACTIVATION_COMMON_H_
