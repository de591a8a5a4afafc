// SQUARE: x * x. FLOAT32, the one type TFLite's reference kernel takes.
#include "tensorflow_micro/kernels/elementwise_unary_common.h"
#include "tensorflow_micro/kernels/reference_kernels.h"

namespace tfmicro {
namespace {

float Square(float x) { return x * x; }

Status Eval(OpContext& context) { return UnaryEvalFloat(context, Square); }

}  // namespace

const KernelRegistration& Register_SQUARE() {
  static const KernelRegistration r = {nullptr, UnaryPrepareFloat, Eval,
                                       nullptr};
  return r;
}

}  // namespace tfmicro
