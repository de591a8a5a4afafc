// REDUCE_MAX over constant axes (see reduce_common.h), with
// ReducerOptions.keep_dims: the max of each output's elements, as TFLite's
// reference kernel (FLOAT32, INT32, INT64, and INT8 / INT16 with the
// output quantized like the input).
#include "tensorflow_micro/kernels/reduce_common.h"
#include "tensorflow_micro/kernels/reference_kernels.h"

namespace tfmicro {
namespace {

Status Eval(OpContext& context) {
  return EvalReduceMaxMin(context, /*max=*/true);
}

}  // namespace

const KernelRegistration& Register_REDUCE_MAX() {
  static const KernelRegistration r = {nullptr, PrepareReduceMaxMin, Eval,
                                       nullptr};
  return r;
}

}  // namespace tfmicro
