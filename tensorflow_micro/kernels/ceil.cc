// CEIL: the smallest integer not below x. FLOAT32, the one type TFLite's reference kernel takes.
#include <cmath>

#include "tensorflow_micro/kernels/elementwise_unary_common.h"
#include "tensorflow_micro/kernels/reference_kernels.h"

namespace tfmicro {
namespace {

float Ceil(float x) { return std::ceil(x); }

Status Eval(OpContext& context) { return UnaryEvalFloat(context, Ceil); }

}  // namespace

const KernelRegistration& Register_CEIL() {
  static const KernelRegistration r = {nullptr, UnaryPrepareFloat, Eval,
                                       nullptr};
  return r;
}

}  // namespace tfmicro
