// Which registration serves each builtin operator in this build: the
// selected vendor library's where it has one, the reference kernel
// otherwise. MicroOpResolver's Add methods go through here.
//
// The build may provide tensorflow_micro/kernels/vendor_kernels.inc: a copy
// of the selected vendor's list (kernels/vendor/<name>/vendor_kernels.inc,
// chosen by Bazel's --define tfmicro_vendor=<name> or `tfmicro export
// --vendor <name>`); Bazel's default is no_vendor_kernels.inc, and a build
// without the file (pip, a program compiled against the headers) has no
// vendor library. Each of its lines,
// TFM_VENDOR_KERNEL(OPERATOR), promises a tfmicro::vendor::Register_OPERATOR()
// in the vendor's folder. Overload resolution picks it: the Vendor
// overload exists only for listed operators, every other call converts to
// Reference. No reference kernel knows a vendor exists.
#ifndef TENSORFLOW_MICRO_KERNELS_KERNEL_SELECTION_H_
#define TENSORFLOW_MICRO_KERNELS_KERNEL_SELECTION_H_

#include "tensorflow_micro/kernels/reference_kernels.h"

#if __has_include("tensorflow_micro/kernels/vendor_kernels.inc")
#define TFM_VENDOR_KERNELS "tensorflow_micro/kernels/vendor_kernels.inc"
#else
#define TFM_VENDOR_KERNELS "tensorflow_micro/kernels/no_vendor_kernels.inc"
#endif

namespace tfmicro {
namespace vendor {

#define TFM_VENDOR_KERNEL(op) const KernelRegistration& Register_##op();
#include TFM_VENDOR_KERNELS
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
#include TFM_VENDOR_KERNELS
#undef TFM_VENDOR_KERNEL

// Operators the selected vendor library serves (0 without one).
constexpr int kNumVendorKernels = 0
#define TFM_VENDOR_KERNEL(op) +1
#include TFM_VENDOR_KERNELS
#undef TFM_VENDOR_KERNEL
    ;

}  // namespace kernel_selection
}  // namespace tfmicro

// The registration that serves builtin operator OP in this build.
#define TFM_SELECTED_KERNEL(op)                    \
  ::tfmicro::kernel_selection::Registration_##op( \
      ::tfmicro::kernel_selection::Vendor{})

#endif  // TENSORFLOW_MICRO_KERNELS_KERNEL_SELECTION_H_
