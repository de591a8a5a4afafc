// PAD: surrounds the input with a constant, per dimension `before` and
// `after` elements from a constant [rank, 2] INT32 or INT64 paddings input.
// Ranks up to 6; FLOAT32, INT8, UINT8, INT16, INT32, INT64, BOOL.
//
// The pad value is 0, or the output zero point for quantized tensors (the
// quantized zero), or the optional third input (as PADV2's constant_values).
#include "tensorflow_micro/kernels/pad_common.h"
#include "tensorflow_micro/kernels/reference_kernels.h"

namespace tfmicro {

const KernelRegistration& Register_PAD() {
  static const KernelRegistration r = {nullptr, PrepareConstantPad,
                                       EvalConstantPad, nullptr};
  return r;
}

}  // namespace tfmicro
