// SIN: sine. FLOAT32, the one type TFLite's reference kernel takes.
#include <cmath>

#include "tensorflow_micro/kernels/elementwise_unary_common.h"
#include "tensorflow_micro/kernels/reference_kernels.h"

namespace tfmicro {
namespace {

float Sin(float x) { return std::sin(x); }

Status Eval(OpContext& context) { return UnaryEvalFloat(context, Sin); }

}  // namespace

const KernelRegistration& Register_SIN() {
  static const KernelRegistration r = {nullptr, UnaryPrepareFloat, Eval,
                                       nullptr};
  return r;
}

}  // namespace tfmicro
