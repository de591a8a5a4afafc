// COS: cosine. FLOAT32, the one type TFLite's reference kernel takes.
#include <cmath>

#include "tensorflow_micro/kernels/elementwise_unary_common.h"
#include "tensorflow_micro/kernels/reference_kernels.h"

namespace tfmicro {
namespace {

float Cos(float x) { return std::cos(x); }

Status Eval(OpContext& context) { return UnaryEvalFloat(context, Cos); }

}  // namespace

const KernelRegistration& Register_COS() {
  static const KernelRegistration r = {nullptr, UnaryPrepareFloat, Eval,
                                       nullptr};
  return r;
}

}  // namespace tfmicro
