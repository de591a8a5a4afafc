// ELU: out = x for x >= 0, exp(x) - 1 otherwise.
//
// As TFLite's reference kernel: FLOAT32 with expm1; INT8 through a table
// of the float function (exp(x) - 1.f, as TFLite tabulates it).
#include <cmath>

#include "tensorflow_micro/kernels/lut_activation_common.h"
#include "tensorflow_micro/kernels/reference_kernels.h"

namespace tfmicro {
namespace {

float EluForTable(float x) { return x < 0.f ? std::exp(x) - 1.f : x; }

float EluFloat(float x) { return x < 0.f ? std::expm1(x) : x; }

Status Prepare(OpContext& context) {
  return PrepareLutActivation(context, EluForTable);
}

Status Eval(OpContext& context) { return EvalLutActivation(context, EluFloat); }

}  // namespace

const KernelRegistration& Register_ELU() {
  static const KernelRegistration r = {nullptr, Prepare, Eval, nullptr};
  return r;
}

}  // namespace tfmicro
