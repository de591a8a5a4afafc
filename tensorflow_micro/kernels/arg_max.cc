// ARG_MAX: the index of the largest element along an axis; see
// arg_min_max_common.h.
#include "tensorflow_micro/kernels/arg_min_max_common.h"
#include "tensorflow_micro/kernels/reference_kernels.h"
#include "tensorflow_micro/schema/schema_generated.h"

namespace tfmicro {
namespace {

Status Prepare(OpContext& context) {
  const auto* opts = context.options<schema::ArgMaxOptions>();
  return PrepareArgMinMax(
      context, opts != nullptr ? static_cast<int>(opts->output_type()) : 0);
}

}  // namespace

const KernelRegistration& Register_ARG_MAX() {
  static const KernelRegistration r = {nullptr, Prepare,
                                       EvalArgMax, nullptr};
  return r;
}

}  // namespace tfmicro
