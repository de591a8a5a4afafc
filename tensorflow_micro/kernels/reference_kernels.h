// Registrations of the reference kernels, one per builtin operator.
// Each is defined in the kernel's own file (conv.cc defines Register_CONV_2D).
#ifndef TENSORFLOW_MICRO_KERNELS_REFERENCE_KERNELS_H_
#define TENSORFLOW_MICRO_KERNELS_REFERENCE_KERNELS_H_

#include "tensorflow_micro/core/kernel_api.h"

namespace tfmicro {

const KernelRegistration& Register_ADD();
const KernelRegistration& Register_AVERAGE_POOL_2D();
const KernelRegistration& Register_CONCATENATION();
const KernelRegistration& Register_CONV_2D();
const KernelRegistration& Register_DEPTHWISE_CONV_2D();
const KernelRegistration& Register_DEQUANTIZE();
const KernelRegistration& Register_FULLY_CONNECTED();
const KernelRegistration& Register_LOGISTIC();
const KernelRegistration& Register_MAX_POOL_2D();
const KernelRegistration& Register_MEAN();
const KernelRegistration& Register_MUL();
const KernelRegistration& Register_PACK();
const KernelRegistration& Register_PAD();
const KernelRegistration& Register_QUANTIZE();
const KernelRegistration& Register_RELU();
const KernelRegistration& Register_RELU6();
const KernelRegistration& Register_RESHAPE();
const KernelRegistration& Register_SHAPE();
const KernelRegistration& Register_SOFTMAX();
const KernelRegistration& Register_STRIDED_SLICE();
const KernelRegistration& Register_TANH();

}  // namespace tfmicro

#endif  // TENSORFLOW_MICRO_KERNELS_REFERENCE_KERNELS_H_
