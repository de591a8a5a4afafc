// Registrations of the reference kernels, one per builtin operator.
// Each is defined in the kernel's own file (conv.cc defines Register_CONV_2D);
// the list is builtin_kernels.inc.
#ifndef TENSORFLOW_MICRO_KERNELS_REFERENCE_KERNELS_H_
#define TENSORFLOW_MICRO_KERNELS_REFERENCE_KERNELS_H_

#include "tensorflow_micro/core/kernel_api.h"

namespace tfmicro {

#define TFM_BUILTIN_KERNEL(op, method) const KernelRegistration& Register_##op();
#include "tensorflow_micro/kernels/builtin_kernels.inc"
#undef TFM_BUILTIN_KERNEL

}  // namespace tfmicro

#endif  // TENSORFLOW_MICRO_KERNELS_REFERENCE_KERNELS_H_
