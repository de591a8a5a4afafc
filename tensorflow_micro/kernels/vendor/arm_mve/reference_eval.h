// Falling back to a reference kernel whose op data is private to it.
#ifndef TENSORFLOW_MICRO_KERNELS_VENDOR_ARM_MVE_REFERENCE_EVAL_H_
#define TENSORFLOW_MICRO_KERNELS_VENDOR_ARM_MVE_REFERENCE_EVAL_H_

#include "tensorflow_micro/core/kernel_api.h"

namespace tfmicro {
namespace arm_mve {

// Runs `reference`'s eval with the op data its prepare stored (kept by the
// vendor kernel), then gives the node back the vendor's op data.
inline Status EvalWithReferenceData(OpContext& context,
                                    const KernelRegistration& reference,
                                    void* reference_data) {
  void* vendor_data = context.op_data();
  context.set_op_data(reference_data);
  const Status status = reference.eval(context);
  context.set_op_data(vendor_data);
  return status;
}

}  // namespace arm_mve
}  // namespace tfmicro

#endif  // TENSORFLOW_MICRO_KERNELS_VENDOR_ARM_MVE_REFERENCE_EVAL_H_
