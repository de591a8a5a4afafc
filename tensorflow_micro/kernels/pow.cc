// POW: input1 ^ input2 elementwise with NumPy broadcasting (rank <= 6), as
// TFLite's reference kernel: FLOAT32 through std::pow; INT32 as TFLite's
// x86 build computes it (std::pow in double, converted): exact where the
// power fits int32, the int32 minimum where it does not. A negative INT32
// exponent fails the invoke.
#include <cmath>
#include <cstdint>
#include <limits>

#include "tensorflow_micro/kernels/arithmetic_common.h"
#include "tensorflow_micro/kernels/reference_kernels.h"

namespace tfmicro {
namespace {

Status Prepare(OpContext& context) {
  return PrepareBroadcastBinaryOpData(
      context, TypeBit(DataType::kFloat32) | TypeBit(DataType::kInt32),
      /*bool_output=*/false);
}

// base ^ exponent for exponent >= 0, in integers on every target.
int32_t IntegerPow(int32_t base, int32_t exponent) {
  constexpr int32_t kOutOfRange = std::numeric_limits<int32_t>::min();
  if (exponent == 0) return 1;
  if (base == 0 || base == 1) return base;
  if (base == -1) return (exponent & 1) != 0 ? -1 : 1;
  // |base| >= 2: out of range within 31 factors.
  int64_t result = 1;
  for (int32_t i = 0; i < exponent; ++i) {
    result *= base;
    if (result > std::numeric_limits<int32_t>::max() || result < kOutOfRange) {
      return kOutOfRange;
    }
  }
  return static_cast<int32_t>(result);
}

Status Eval(OpContext& context) {
  const auto& p = *static_cast<const BroadcastParams*>(context.op_data());
  if (context.input(0)->type == DataType::kFloat32) {
    EvalBroadcastBinaryOp<float, float>(
        context, p, [](float a, float b) { return std::pow(a, b); });
    return Status::kOk;
  }
  const Tensor* exponents = context.input(1);
  const int32_t* e = exponents->data_as<int32_t>();
  for (int64_t i = 0; i < exponents->num_elements(); ++i) {
    TFM_ENSURE(context, e[i] >= 0,
               "input2 element %lld is a negative exponent (%d); INT32 POW "
               "takes exponents of at least 0",
               static_cast<long long>(i), static_cast<int>(e[i]));
  }
  EvalBroadcastBinaryOp<int32_t, int32_t>(context, p, IntegerPow);
  return Status::kOk;
}

}  // namespace

const KernelRegistration& Register_POW() {
  static const KernelRegistration r = {nullptr, Prepare, Eval, nullptr};
  return r;
}

}  // namespace tfmicro
