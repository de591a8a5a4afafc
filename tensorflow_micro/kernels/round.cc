// ROUND: x rounded to the nearest integer, ties to even (TFLite's
// RoundToNearest). FLOAT32, the one type TFLite's reference kernel takes.
#include <cmath>

#include "tensorflow_micro/kernels/elementwise_unary_common.h"
#include "tensorflow_micro/kernels/reference_kernels.h"

namespace tfmicro {
namespace {

float RoundHalfToEven(float x) {
  const float floor = std::floor(x);
  const float fraction = x - floor;
  if (fraction < 0.5f) return floor;
  if (fraction > 0.5f) return floor + 1.f;
  return std::fmod(floor, 2.f) == 0.f ? floor : floor + 1.f;
}

Status Eval(OpContext& context) {
  return UnaryEvalFloat(context, RoundHalfToEven);
}

}  // namespace

const KernelRegistration& Register_ROUND() {
  static const KernelRegistration r = {nullptr, UnaryPrepareFloat, Eval,
                                       nullptr};
  return r;
}

}  // namespace tfmicro
