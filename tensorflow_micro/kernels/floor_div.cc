// FLOOR_DIV: floor(input1 / input2) elementwise with broadcasting, the
// quotient taken in double as TFLite's reference kernel does. FLOAT32,
// INT8, INT16 and INT32 (plain integers); an integer zero divisor fails
// the invoke.
#include <cmath>
#include <cstdint>
#include <type_traits>

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

template <typename T>
Status EvalTyped(OpContext& context, const BroadcastParams& p) {
  if constexpr (std::is_integral<T>::value) {
    TFM_RETURN_IF_ERROR(ExpectNoZeroDivisor<T>(context, 0));
  }
  EvalBroadcastBinaryOp<T, T>(context, p, [](T a, T b) {
    return static_cast<T>(
        std::floor(static_cast<double>(a) / static_cast<double>(b)));
  });
  return Status::kOk;
}

Status Eval(OpContext& context) {
  const auto& p = *static_cast<const BroadcastParams*>(context.op_data());
  return DispatchNumericType(context.input(0)->type, [&](auto zero) {
    return EvalTyped<decltype(zero)>(context, p);
  });
}

}  // namespace

const KernelRegistration& Register_FLOOR_DIV() {
  static const KernelRegistration r = {nullptr, Prepare, Eval, nullptr};
  return r;
}

}  // namespace tfmicro
