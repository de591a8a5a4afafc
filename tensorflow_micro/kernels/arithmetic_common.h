// Shared by the elementwise ops on two broadcast inputs of one type: ADD,
// SUB, MUL (FLOAT32, INT32, INT64, INT8 or INT16 with a fused activation),
// DIV (FLOAT32, INT32, INT8),
// and through PrepareBroadcastBinaryOp the comparisons, logical ops,
// MAXIMUM, MINIMUM, FLOOR_DIV, FLOOR_MOD and SQUARED_DIFFERENCE.
#ifndef TENSORFLOW_MICRO_KERNELS_ARITHMETIC_COMMON_H_
#define TENSORFLOW_MICRO_KERNELS_ARITHMETIC_COMMON_H_

#include <cstdint>
#include <type_traits>

#include "tensorflow_micro/core/kernel_api.h"
#include "tensorflow_micro/kernels/internal/broadcast.h"
#include "tensorflow_micro/kernels/internal/quantization_util.h"
#include "tensorflow_micro/kernels/internal/tensor_util.h"
#include "tensorflow_micro/kernels/internal/type_set.h"

namespace tfmicro {

// Checks two inputs of one type in `types` and one output of that type (of
// BOOL when bool_output), and fills the broadcast of the inputs.
Status PrepareBroadcastBinaryOp(OpContext& context, TypeSet types,
                                bool bool_output, BroadcastParams* params);

// PrepareBroadcastBinaryOp into a BroadcastParams allocated as the node's
// op data: the whole Prepare of an op without parameters.
Status PrepareBroadcastBinaryOpData(OpContext& context, TypeSet types,
                                    bool bool_output);

// Lets ADD, SUB and MUL write their output over an unbroadcast input: the
// broadcast loop reads both operands of an output element before writing
// it.
Status AllowBinaryInPlace(OpContext& context);

// Splits a multiplier below one into a Q31 value and a shift <= 0; an
// error naming `what` when it is not below one (or the scales overflow,
// see QuantizeModelMultiplier).
Status QuantizeMultiplierBelowOne(OpContext& context, double real,
                                  const char* what, int32_t* multiplier,
                                  int* shift);

// out[i] = op(a, b) over the broadcast, inputs of type In, output Out.
template <typename In, typename Out, typename Op>
void EvalBroadcastBinaryOp(OpContext& context, const BroadcastParams& p,
                           Op op) {
  BroadcastBinary(p, context.input(0)->data_as<In>(),
                  context.input(1)->data_as<In>(),
                  context.output(0)->data_as<Out>(), op);
}

// The types MAXIMUM and MINIMUM take.
constexpr TypeSet kMinMaxTypes =
    TypeBit(DataType::kFloat32) | TypeBit(DataType::kInt8) |
    TypeBit(DataType::kInt16) | TypeBit(DataType::kInt32) |
    TypeBit(DataType::kInt64);

// EvalBroadcastBinaryOp for the output's type (FLOAT32, INT8, INT16,
// INT32 or INT64) with the node's BroadcastParams op data; op is a generic
// callable (a lambda taking auto).
template <typename Op>
void EvalBroadcastBinarySameType(OpContext& context, Op op) {
  const auto& p = *static_cast<const BroadcastParams*>(context.op_data());
  DispatchNumericType(context.output(0)->type, [&](auto zero) {
    using T = decltype(zero);
    EvalBroadcastBinaryOp<T, T>(context, p, op);
  });
}

// Fails the invoke when input2 holds `zero` (a divisor of 0 for DIV,
// FLOOR_DIV and FLOOR_MOD; the zero point of a quantized one), as TFLite's
// reference kernels do.
template <typename T>
Status ExpectNoZeroDivisor(OpContext& context, int64_t zero) {
  const Tensor* input2 = context.input(1);
  const T* divisor = input2->data_as<T>();
  const int64_t size = input2->num_elements();
  for (int64_t i = 0; i < size; ++i) {
    if (static_cast<int64_t>(divisor[i]) == zero) {
      return context.Error("input2 element %lld is a zero divisor",
                           static_cast<long long>(i));
    }
  }
  return Status::kOk;
}

// FLOOR_DIV and FLOOR_MOD: for integer T, ExpectNoZeroDivisor; then
// EvalBroadcastBinaryOp<T, T> with the node's BroadcastParams op data.
template <typename T, typename Op>
Status EvalDivision(OpContext& context, Op op) {
  if constexpr (std::is_integral<T>::value) {
    TFM_RETURN_IF_ERROR(ExpectNoZeroDivisor<T>(context, 0));
  }
  const auto& p = *static_cast<const BroadcastParams*>(context.op_data());
  EvalBroadcastBinaryOp<T, T>(context, p, op);
  return Status::kOk;
}

struct ArithmeticParams {
  BroadcastParams broadcast;
  // INT8/INT16: -zero point of each input, the output's zero point.
  int32_t input1_offset;
  int32_t input2_offset;
  int32_t output_offset;
  // Activation clamp: quantized or INT32 outputs use the integers.
  int32_t activation_min;
  int32_t activation_max;
  float activation_min_f;
  float activation_max_f;
  int64_t activation_min64;
  int64_t activation_max64;
};

// a + b, a - b and a * b for INT32/INT64, wrapping on overflow as two's
// complement hardware (and TFLite built for it) does.
template <typename T>
T WrappingAdd(T a, T b) {
  using U = std::make_unsigned_t<T>;
  return static_cast<T>(static_cast<U>(a) + static_cast<U>(b));
}
template <typename T>
T WrappingSub(T a, T b) {
  using U = std::make_unsigned_t<T>;
  return static_cast<T>(static_cast<U>(a) - static_cast<U>(b));
}
template <typename T>
T WrappingMul(T a, T b) {
  using U = std::make_unsigned_t<T>;
  return static_cast<T>(static_cast<U>(a) * static_cast<U>(b));
}

// Checks two inputs and one output, all FLOAT32, INT8, INT16, INT32 or
// INT64 and of one type.
Status ExpectArithmeticTypes(OpContext& context);

// Prepares what both ops need: the broadcast, the activation range of
// FLOAT32, INT32 and INT64 outputs, and for INT8/INT16 per-tensor quantization
// (zero points 0 for INT16) and the offsets. A quantized op then computes
// its multipliers and calls CalculateActivationRangeQuantized.
Status PrepareArithmetic(OpContext& context, int activation,
                         ArithmeticParams* params);

// ExpectArithmeticTypes, then allocates the op's OpData (which holds the
// ArithmeticParams as `params`) and runs PrepareArithmetic. *quantized
// tells an INT8/INT16 op, which goes on to its multipliers and
// CalculateActivationRangeQuantized.
template <typename OpData>
Status PrepareArithmeticOpData(OpContext& context, int activation,
                               OpData** data, bool* quantized) {
  TFM_RETURN_IF_ERROR(ExpectArithmeticTypes(context));
  *data = AllocateOpData<OpData>(context);
  if (*data == nullptr) return Status::kArenaTooSmall;
  const DataType type = context.input(0)->type;
  *quantized = type == DataType::kInt8 || type == DataType::kInt16;
  return PrepareArithmetic(context, activation, &(*data)->params);
}

// ADD and SUB on quantized inputs, as TFLite's reference kernels compute
// them: both inputs (offsets added) are shifted left by 20 bits (15 for
// INT16), scaled by their scale over twice the larger input scale, summed
// or subtracted, and the result rescaled to the output.
struct AddSubQuantization {
  int32_t input1_multiplier;
  int32_t input2_multiplier;
  int32_t output_multiplier;
  int input1_shift;
  int input2_shift;
  int output_shift;
  int left_shift;
};

// Runs after PrepareArithmetic: the multipliers and the activation range
// of an INT8/INT16 ADD or SUB. pot_scale_int16 is the options' flag; with
// it and power-of-two scales TFLite takes another INT16 path, not
// supported here (a clear error).
Status PrepareAddSubQuantized(OpContext& context, int activation,
                              bool pot_scale_int16, AddSubQuantization* q,
                              ArithmeticParams* params);

// An input with its offset added, on the common scale.
inline int32_t AddSubScaleInput1(const AddSubQuantization& q, int32_t x) {
  return MultiplyByQuantizedMultiplierSmallerThanOneExp(
      x * (1 << q.left_shift), q.input1_multiplier, q.input1_shift);
}
inline int32_t AddSubScaleInput2(const AddSubQuantization& q, int32_t x) {
  return MultiplyByQuantizedMultiplierSmallerThanOneExp(
      x * (1 << q.left_shift), q.input2_multiplier, q.input2_shift);
}
// A sum or difference on the common scale, on the output's scale.
inline int32_t AddSubScaleOutput(const AddSubQuantization& q, int32_t x) {
  return MultiplyByQuantizedMultiplierSmallerThanOneExp(x, q.output_multiplier,
                                                        q.output_shift);
}

struct AddSubOpData {
  ArithmeticParams params;
  AddSubQuantization quantization;
};

// The Prepare of ADD (Options = schema::AddOptions) and SUB.
template <typename Options>
Status PrepareAddSub(OpContext& context) {
  const auto* opts = context.options<Options>();
  const int activation = FusedActivationOf(opts);
  AddSubOpData* data;
  bool quantized;
  TFM_RETURN_IF_ERROR(
      PrepareArithmeticOpData(context, activation, &data, &quantized));
  if (!quantized) return Status::kOk;
  const bool pot_scale_int16 = opts != nullptr && opts->pot_scale_int16();
  return PrepareAddSubQuantized(context, activation, pot_scale_int16,
                                &data->quantization, &data->params);
}

// The INT8/INT16 part of EvalArithmetic.
// The parameters are copied into the loop's closure: stores through the
// int8 output pointer may alias anything the loop reads through a
// reference, which would reload every parameter for every element.
template <typename T, typename QuantizedOp>
void EvalArithmeticQuantized(const ArithmeticParams& p, const Tensor* input1,
                             const Tensor* input2, Tensor* output,
                             QuantizedOp quantized_op) {
  const int32_t input1_offset = p.input1_offset;
  const int32_t input2_offset = p.input2_offset;
  const int32_t output_offset = p.output_offset;
  const int32_t activation_min = p.activation_min;
  const int32_t activation_max = p.activation_max;
  BroadcastBinary(
      p.broadcast, input1->data_as<T>(), input2->data_as<T>(),
      output->data_as<T>(),
      [=](T a, T b) {
        const int32_t result =
            quantized_op(input1_offset + static_cast<int32_t>(a),
                         input2_offset + static_cast<int32_t>(b)) +
            output_offset;
        return static_cast<T>(Clamp(result, activation_min, activation_max));
      });
}

// Evaluates the op on the node's inputs for the output's type.
// float_op(a, b) and integer_op(a, b) (a generic callable, for INT32 and
// INT64) give the result before the activation clamp; quantized_op(a, b)
// takes the inputs with their offsets added and gives the result on the
// output's scale before its offset and the clamp.
template <typename FloatOp, typename IntegerOp, typename QuantizedOp>
void EvalArithmetic(OpContext& context, const ArithmeticParams& p,
                    FloatOp float_op, IntegerOp integer_op,
                    QuantizedOp quantized_op) {
  const Tensor* input1 = context.input(0);
  const Tensor* input2 = context.input(1);
  Tensor* output = context.output(0);
  switch (output->type) {
    case DataType::kFloat32:
      BroadcastBinary(
          p.broadcast, input1->data_as<float>(), input2->data_as<float>(),
          output->data_as<float>(), [&p, &float_op](float a, float b) {
            return ActivationClamp(float_op(a, b), p.activation_min_f,
                                   p.activation_max_f);
          });
      break;
    case DataType::kInt32:
      BroadcastBinary(
          p.broadcast, input1->data_as<int32_t>(), input2->data_as<int32_t>(),
          output->data_as<int32_t>(), [&p, &integer_op](int32_t a, int32_t b) {
            return Clamp<int32_t>(integer_op(a, b), p.activation_min,
                                  p.activation_max);
          });
      break;
    case DataType::kInt64:
      BroadcastBinary(
          p.broadcast, input1->data_as<int64_t>(), input2->data_as<int64_t>(),
          output->data_as<int64_t>(), [&p, &integer_op](int64_t a, int64_t b) {
            return Clamp<int64_t>(integer_op(a, b), p.activation_min64,
                                  p.activation_max64);
          });
      break;
    case DataType::kInt8:
      EvalArithmeticQuantized<int8_t>(p, input1, input2, output, quantized_op);
      break;
    default:
      EvalArithmeticQuantized<int16_t>(p, input1, input2, output, quantized_op);
      break;
  }
}

}  // namespace tfmicro

#endif  // TENSORFLOW_MICRO_KERNELS_ARITHMETIC_COMMON_H_
