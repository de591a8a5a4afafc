// REDUCE_ANY over constant axes (see reduce_common.h), with
// ReducerOptions.keep_dims: the logical OR of each output's BOOL elements
// (false for an empty reduction), as TFLite's reference kernel.
#include "tensorflow_micro/kernels/reduce_common.h"
#include "tensorflow_micro/kernels/reference_kernels.h"

namespace tfmicro {
namespace {

Status Eval(OpContext& context) {
  return EvalReduceAnyAll(context, /*any=*/true);
}

}  // namespace

const KernelRegistration& Register_REDUCE_ANY() {
  static const KernelRegistration r = {nullptr, PrepareReduceAnyAll, Eval,
                                       nullptr};
  return r;
}

}  // namespace tfmicro
