// BATCH_TO_SPACE_ND: moves block_shape blocks of the batch into M spatial
// dimensions and crops them; see space_batch_common.h. Any element type of
// 1, 2, 4 or 8 bytes.
#include "tensorflow_micro/kernels/reference_kernels.h"
#include "tensorflow_micro/kernels/space_batch_common.h"

namespace tfmicro {

const KernelRegistration& Register_BATCH_TO_SPACE_ND() {
  static const KernelRegistration r = {nullptr, PrepareBatchToSpace,
                                       EvalBatchToSpace, nullptr};
  return r;
}

}  // namespace tfmicro
