// FLOOR_MOD: input1 mod input2 with the sign of input2 (Python's %),
// elementwise with broadcasting: the truncated remainder (std::fmod for
// FLOAT32) moved by input2 when the signs differ, as TFLite's reference
// kernel computes it. FLOAT32, INT8, INT16, INT32 and INT64; an integer
// zero divisor fails the invoke.
#include <cmath>
#include <cstdint>
#include <type_traits>

#include "tensorflow_micro/kernels/arithmetic_common.h"
#include "tensorflow_micro/kernels/reference_kernels.h"

namespace tfmicro {
namespace {

constexpr TypeSet kTypes = kMinMaxTypes;

Status Prepare(OpContext& context) {
  return PrepareBroadcastBinaryOpData(context, kTypes, false);
}

template <typename T>
T FloorMod(T a, T b) {
  T remainder;
  if constexpr (std::is_integral<T>::value) {
    // The minimum % -1 overflows in C++; its remainder is 0.
    remainder = b == -1 ? T{0} : static_cast<T>(a % b);
  } else {
    remainder = std::fmod(a, b);
  }
  return remainder != 0 && ((b < 0) != (remainder < 0))
             ? static_cast<T>(remainder + b)
             : remainder;
}

Status Eval(OpContext& context) {
  return DispatchNumericType(context.input(0)->type, [&](auto zero) {
    return EvalDivision<decltype(zero)>(context, FloorMod<decltype(zero)>);
  });
}

}  // namespace

const KernelRegistration& Register_FLOOR_MOD() {
  static const KernelRegistration r = {nullptr, Prepare, Eval, nullptr};
  return r;
}

}  // namespace tfmicro
