// FLOOR_DIV: floor(input1 / input2) elementwise with broadcasting, the
// quotient taken in double as TFLite's reference kernel does. FLOAT32,
// INT8, INT16 and INT32 (plain integers); an integer zero divisor fails
// the invoke.
#include <cmath>
#include <cstdint>

#include "tensorflow_micro/kernels/arithmetic_common.h"
#include "tensorflow_micro/kernels/reference_kernels.h"

namespace tfmicro {
namespace {

constexpr TypeSet kTypes =
    TypeBit(DataType::kFloat32) | TypeBit(DataType::kInt8) |
    TypeBit(DataType::kInt16) | TypeBit(DataType::kInt32);

Status Prepare(OpContext& context) {
  return PrepareBroadcastBinaryOpData(context, kTypes, false);
}

Status Eval(OpContext& context) {
  return DispatchNumericType(context.input(0)->type, [&](auto zero) {
    using T = decltype(zero);
    return EvalDivision<T>(context, [](T a, T b) {
      return static_cast<T>(
          std::floor(static_cast<double>(a) / static_cast<double>(b)));
    });
  });
}

}  // namespace

const KernelRegistration& Register_FLOOR_DIV() {
  static const KernelRegistration r = {nullptr, Prepare, Eval, nullptr};
  return r;
}

}  // namespace tfmicro
