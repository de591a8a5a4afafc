// REDUCE_ALL over constant axes (see reduce_common.h), with
// ReducerOptions.keep_dims: the logical AND of each output's BOOL elements
// (true for an empty reduction), as TFLite's reference kernel.
#include "tensorflow_micro/kernels/reduce_common.h"
#include "tensorflow_micro/kernels/reference_kernels.h"

namespace tfmicro {
namespace {

Status Eval(OpContext& context) {
  return EvalReduceAnyAll(context, /*any=*/false);
}

}  // namespace

const KernelRegistration& Register_REDUCE_ALL() {
  static const KernelRegistration r = {nullptr, PrepareReduceAnyAll, Eval,
                                       nullptr};
  return r;
}

}  // namespace tfmicro
