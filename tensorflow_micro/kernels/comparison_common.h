// Shared by EQUAL, NOT_EQUAL, GREATER, GREATER_EQUAL, LESS and LESS_EQUAL:
// two broadcast inputs of one type, a BOOL output.
//
// INT8 inputs are compared on a common scale as TFLite's reference kernels
// do: each (q - zp) shifted left by 8 bits and multiplied by its own scale
// as a Q31 multiplier (scales must be below one). So are quantized INT16
// inputs of EQUAL and NOT_EQUAL (TFLite rescales them alike); LESS, GREATER
// and their _EQUAL forms compare INT16 raw, as TFLite. Other types compare
// raw values.
#ifndef TENSORFLOW_MICRO_KERNELS_COMPARISON_COMMON_H_
#define TENSORFLOW_MICRO_KERNELS_COMPARISON_COMMON_H_

#include <cstdint>

#include "tensorflow_micro/core/kernel_api.h"
#include "tensorflow_micro/kernels/arithmetic_common.h"
#include "tensorflow_micro/kernels/internal/quantization_util.h"
#include "tensorflow_micro/kernels/internal/type_set.h"

namespace tfmicro {

constexpr TypeSet kOrderedComparisonTypes =
    TypeBit(DataType::kFloat32) | TypeBit(DataType::kInt8) |
    TypeBit(DataType::kInt16) | TypeBit(DataType::kInt32) |
    TypeBit(DataType::kInt64);
constexpr TypeSet kEqualityComparisonTypes =
    kOrderedComparisonTypes | TypeBit(DataType::kBool);

struct ComparisonOpData {
  BroadcastParams broadcast;
  bool rescaled;  // INT8, or quantized INT16 with rescale_int16
  // When rescaled.
  int32_t input1_offset;
  int32_t input2_offset;
  int32_t input1_multiplier;
  int32_t input2_multiplier;
  int input1_shift;
  int input2_shift;
};

constexpr int kComparisonLeftShift = 8;

Status ComparisonPrepare(OpContext& context, TypeSet types,
                         bool rescale_int16 = false);

// compare(a, b) is a generic callable (a lambda taking auto) returning bool.
template <typename Compare>
Status ComparisonEval(OpContext& context, Compare compare) {
  const auto& d = *static_cast<const ComparisonOpData*>(context.op_data());
  const BroadcastParams& p = d.broadcast;
  if (!d.rescaled) {
    DispatchType(context.input(0)->type, [&](auto zero) {
      EvalBroadcastBinaryOp<decltype(zero), bool>(context, p, compare);
    });
    return Status::kOk;
  }
  // |q - zp| < 2^16, so the shifted value fits int32.
  const auto rescaled = [&d, &compare](int32_t a, int32_t b) {
    const int32_t scaled1 = MultiplyByQuantizedMultiplierSmallerThanOneExp(
        (d.input1_offset + a) * (1 << kComparisonLeftShift),
        d.input1_multiplier, d.input1_shift);
    const int32_t scaled2 = MultiplyByQuantizedMultiplierSmallerThanOneExp(
        (d.input2_offset + b) * (1 << kComparisonLeftShift),
        d.input2_multiplier, d.input2_shift);
    return compare(scaled1, scaled2);
  };
  if (context.input(0)->type == DataType::kInt8) {
    EvalBroadcastBinaryOp<int8_t, bool>(context, p, rescaled);
  } else {
    EvalBroadcastBinaryOp<int16_t, bool>(context, p, rescaled);
  }
  return Status::kOk;
}

}  // namespace tfmicro

#endif  // TENSORFLOW_MICRO_KERNELS_COMPARISON_COMMON_H_
