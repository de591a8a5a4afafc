// SELECT_V2: condition ? x : y elementwise, with NumPy broadcasting of all
// three inputs (rank <= 6); see select_common.h.
#include "tensorflow_micro/kernels/reference_kernels.h"
#include "tensorflow_micro/kernels/select_common.h"

namespace tfmicro {
namespace {

Status Prepare(OpContext& context) {
  return PrepareSelect(context, /*numpy_broadcast=*/true);
}

}  // namespace

const KernelRegistration& Register_SELECT_V2() {
  static const KernelRegistration r = {nullptr, Prepare, EvalSelect, nullptr};
  return r;
}

}  // namespace tfmicro
