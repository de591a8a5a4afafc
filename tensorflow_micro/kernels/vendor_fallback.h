// Falling back to the reference compute from a vendor kernel that keeps its
// own op data (tensorflow_micro/kernels/vendor/): the node's op data is
// swapped for the reference's (stored by the reference prepare the vendor
// prepare called) while the reference eval runs, then given back.
#ifndef TENSORFLOW_MICRO_KERNELS_VENDOR_FALLBACK_H_
#define TENSORFLOW_MICRO_KERNELS_VENDOR_FALLBACK_H_

#include "tensorflow_micro/core/kernel_api.h"

namespace tfmicro {
namespace vendor {

// Runs eval(context) with `reference_data` as the node's op data.
template <typename Eval>
Status EvalWithOpData(OpContext& context, void* reference_data, Eval eval) {
  void* vendor_data = context.op_data();
  context.set_op_data(reference_data);
  const Status status = eval(context);
  context.set_op_data(vendor_data);
  return status;
}

// The same for a reference registration's eval.
inline Status EvalWithReferenceData(OpContext& context,
                                    const KernelRegistration& reference,
                                    void* reference_data) {
  return EvalWithOpData(context, reference_data, reference.eval);
}

}  // namespace vendor
}  // namespace tfmicro

#endif  // TENSORFLOW_MICRO_KERNELS_VENDOR_FALLBACK_H_
