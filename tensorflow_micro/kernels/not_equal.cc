// NOT_EQUAL: a != b, elementwise with broadcasting, to BOOL. FLOAT32,
// INT8, INT16, INT32, INT64 and BOOL.
#include "tensorflow_micro/kernels/comparison_common.h"
#include "tensorflow_micro/kernels/reference_kernels.h"

namespace tfmicro {
namespace {

Status Prepare(OpContext& context) {
  return ComparisonPrepare(context, kEqualityComparisonTypes,
                           /*rescale_int16=*/true);
}

Status Eval(OpContext& context) {
  return ComparisonEval(context, [](auto a, auto b) { return a != b; });
}

}  // namespace

const KernelRegistration& Register_NOT_EQUAL() {
  static const KernelRegistration r = {nullptr, Prepare, Eval, nullptr};
  return r;
}

}  // namespace tfmicro
