// PADV2: PAD with the pad value given by the third input, constant_values
// (a constant scalar of the input's type and quantization). See PAD.
#include "tensorflow_micro/kernels/pad_common.h"
#include "tensorflow_micro/kernels/reference_kernels.h"

namespace tfmicro {

const KernelRegistration& Register_PADV2() {
  static const KernelRegistration r = {nullptr, PrepareConstantPad,
                                       EvalConstantPad, nullptr};
  return r;
}

}  // namespace tfmicro
