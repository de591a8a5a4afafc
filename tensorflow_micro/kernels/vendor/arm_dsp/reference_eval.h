// Falling back to the reference compute from a vendor kernel whose prepare
// ran the reference registration's prepare and then set its own op data:
// the node's op data is the reference's while its eval runs.
#ifndef TENSORFLOW_MICRO_KERNELS_VENDOR_ARM_DSP_REFERENCE_EVAL_H_
#define TENSORFLOW_MICRO_KERNELS_VENDOR_ARM_DSP_REFERENCE_EVAL_H_

#include "tensorflow_micro/core/kernel_api.h"

namespace tfmicro {
namespace arm_dsp {

inline Status EvalWithReferenceData(OpContext& context,
                                    const KernelRegistration& reference,
                                    void* reference_data) {
  void* vendor_data = context.op_data();
  context.set_op_data(reference_data);
  const Status status = reference.eval(context);
  context.set_op_data(vendor_data);
  return status;
}

}  // namespace arm_dsp
}  // namespace tfmicro

#endif  // TENSORFLOW_MICRO_KERNELS_VENDOR_ARM_DSP_REFERENCE_EVAL_H_
