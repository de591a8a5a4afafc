// SELECT: condition ? x : y elementwise, TFLite's first version: x and y of
// one shape, the condition of that shape, a scalar, or a vector choosing
// whole slices along x's first dimension; see select_common.h.
#include "tensorflow_micro/kernels/reference_kernels.h"
#include "tensorflow_micro/kernels/select_common.h"

namespace tfmicro {
namespace {

Status Prepare(OpContext& context) {
  return PrepareSelect(context, /*numpy_broadcast=*/false);
}

}  // namespace

const KernelRegistration& Register_SELECT() {
  static const KernelRegistration r = {nullptr, Prepare, EvalSelect, nullptr};
  return r;
}

}  // namespace tfmicro
