// SPACE_TO_BATCH_ND: pads M spatial dimensions and moves block_shape blocks
// of them into the batch; see space_batch_common.h. The pad value is 0, or
// the output zero point for quantized tensors. Any element type of 1, 2, 4
// or 8 bytes.
#include "tensorflow_micro/kernels/reference_kernels.h"
#include "tensorflow_micro/kernels/space_batch_common.h"

namespace tfmicro {

const KernelRegistration& Register_SPACE_TO_BATCH_ND() {
  static const KernelRegistration r = {nullptr, PrepareSpaceToBatch,
                                       EvalSpaceToBatch, nullptr};
  return r;
}

}  // namespace tfmicro
