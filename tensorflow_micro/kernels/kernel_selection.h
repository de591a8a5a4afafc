// Which registration serves each builtin operator in this build: the
// selected vendor library's where it has one, the reference kernel
// otherwise. MicroOpResolver's Add methods go through here.
//
// The build provides tensorflow_micro/kernels/vendor_kernels.inc: a copy of
// the selected vendor's list (kernels/vendor/<name>/vendor_kernels.inc,
// chosen by Bazel's --define tfmicro_vendor=<name> or Make/CMake's
// TFMICRO_VENDOR=<name>), or of no_vendor_kernels.inc. Each of its lines,
// TFM_VENDOR_KERNEL(OPERATOR), promises a tfmicro::vendor::Register_OPERATOR()
// in the vendor's folder. Overload resolution picks it: the Vendor
// overload exists only for listed operators, every other call converts to
// Reference. No reference kernel knows a vendor exists.
#ifndef TENSORFLOW_MICRO_KERNELS_KERNEL_SELECTION_H_
#define TENSORFLOW_MICRO_KERNELS_KERNEL_SELECTION_H_

#include "tensorflow_micro/kernels/reference_kernels.h"

namespace tfmicro {
namespace vendor {

#define TFM_VENDOR_KERNEL(op) const KernelRegistration& Register_##op();
#include "tensorflow_micro/kernels/vendor_kernels.inc"
#undef TFM_VENDOR_KERNEL

}  // namespace vendor

namespace kernel_selection {

struct Reference {};
struct Vendor : Reference {};

#define TFM_BUILTIN_KERNEL(op, method)                              \
  inline const KernelRegistration& Registration_##op(Reference) { \
    return Register_##op();                                         \
  }
#include "tensorflow_micro/kernels/builtin_kernels.inc"
#undef TFM_BUILTIN_KERNEL

#define TFM_VENDOR_KERNEL(op)                                    \
  inline const KernelRegistration& Registration_##op(Vendor) { \
    return vendor::Register_##op();                              \
  }
#include "tensorflow_micro/kernels/vendor_kernels.inc"
#undef TFM_VENDOR_KERNEL

// Operators the selected vendor library serves (0 without one).
constexpr int kNumVendorKernels = 0
#define TFM_VENDOR_KERNEL(op) +1
#include "tensorflow_micro/kernels/vendor_kernels.inc"
#undef TFM_VENDOR_KERNEL
    ;

}  // namespace kernel_selection
}  // namespace tfmicro

// The registration that serves builtin operator OP in this build.
#define TFM_SELECTED_KERNEL(op)                    \
  ::tfmicro::kernel_selection::Registration_##op( \
      ::tfmicro::kernel_selection::Vendor{})

#endif  // TENSORFLOW_MICRO_KERNELS_KERNEL_SELECTION_H_
