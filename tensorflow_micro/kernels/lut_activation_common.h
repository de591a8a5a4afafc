// Shared Prepare/Eval of one-input activations that TFLite's reference
// kernels compute in float for FLOAT32 and through a 256-entry table for
// INT8 (LOGISTIC, TANH, ELU); LOGISTIC and TANH also in INT16, in TFLite's
// 16-bit fixed point over a table of sigmoid(i / 24) (tanh(x) =
// 2 sigmoid(2x) - 1). Vendor kernels can reuse the Prepare.
#ifndef TENSORFLOW_MICRO_KERNELS_LUT_ACTIVATION_COMMON_H_
#define TENSORFLOW_MICRO_KERNELS_LUT_ACTIVATION_COMMON_H_

#include <cstdint>

#include "tensorflow_micro/core/kernel_api.h"
#include "tensorflow_micro/kernels/internal/lut.h"

namespace tfmicro {

struct LutActivationOpData {
  int8_t lut[kInt8LutSize];  // int8 only
};

// Which INT16 path an activation has.
enum class Int16Sigmoid { kNone, kLogistic, kTanh };

// INT16 state: x is moved onto the table's input scale (1 / (3 * 4096),
// so +-2^17 stands for +-10.7) by input_multiplier / 2^input_left_shift.
struct Int16SigmoidOpData {
  Int16Sigmoid kind;
  int32_t input_multiplier;
  int input_left_shift;
  uint16_t table[kSigmoidTableSize];
};

// Checks one FLOAT32 or INT8 input (or INT16 unless `int16` is kNone), one
// output of the same type and shape (quantized for INT8/INT16), and for
// INT8 builds the table of `transform`, which must be the float function
// TFLite tabulates. INT16 takes zero points 0 and an output scale of
// 2^-15, as TFLite.
Status PrepareLutActivation(OpContext& context, float (*transform)(float),
                            Int16Sigmoid int16 = Int16Sigmoid::kNone);

// FLOAT32: output[i] = float_function(input[i]); INT8: table lookup; INT16:
// the fixed-point sigmoid or tanh.
Status EvalLutActivation(OpContext& context, float (*float_function)(float));

}  // namespace tfmicro

#endif  // TENSORFLOW_MICRO_KERNELS_LUT_ACTIVATION_COMMON_H_
