// FLOOR: the largest integer not above x. FLOAT32, the one type TFLite's reference kernel takes.
#include <cmath>

#include "tensorflow_micro/kernels/elementwise_unary_common.h"
#include "tensorflow_micro/kernels/reference_kernels.h"

namespace tfmicro {
namespace {

float Floor(float x) { return std::floor(x); }

Status Eval(OpContext& context) { return UnaryEvalFloat(context, Floor); }

}  // namespace

const KernelRegistration& Register_FLOOR() {
  static const KernelRegistration r = {nullptr, UnaryPrepareFloat, Eval,
                                       nullptr};
  return r;
}

}  // namespace tfmicro
