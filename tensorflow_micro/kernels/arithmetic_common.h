// Shared by the elementwise ops on two broadcast inputs of one type: ADD,
// SUB, MUL, DIV (FLOAT32, INT32, INT8 or INT16 with a fused activation),
// and through PrepareBroadcastBinaryOp the comparisons, logical ops,
// MAXIMUM, MINIMUM, FLOOR_DIV, FLOOR_MOD and SQUARED_DIFFERENCE.
#ifndef TENSORFLOW_MICRO_KERNELS_ARITHMETIC_COMMON_H_
#define TENSORFLOW_MICRO_KERNELS_ARITHMETIC_COMMON_H_

#include <cstdint>

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

// out[i] = op(a, b) over the broadcast, inputs of type In, output Out.
template <typename In, typename Out, typename Op>
void EvalBroadcastBinaryOp(OpContext& context, const BroadcastParams& p,
                           Op op) {
  BroadcastBinary(p, context.input(0)->data_as<In>(),
                  context.input(1)->data_as<In>(),
                  context.output(0)->data_as<Out>(), op);
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
};

// Checks two inputs and one output, all FLOAT32, INT8, INT16 or INT32 and of
// one type.
Status ExpectArithmeticTypes(OpContext& context);

// Prepares what both ops need: the broadcast, the activation range of
// FLOAT32 and INT32 outputs, and for INT8/INT16 per-tensor quantization
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
  *quantized = type != DataType::kFloat32 && type != DataType::kInt32;
  return PrepareArithmetic(context, activation, &(*data)->params);
}

// The INT8/INT16 part of EvalArithmetic.
template <typename T, typename QuantizedOp>
void EvalArithmeticQuantized(const ArithmeticParams& p, const Tensor* input1,
                             const Tensor* input2, Tensor* output,
                             QuantizedOp quantized_op) {
  BroadcastBinary(p.broadcast, input1->data_as<T>(), input2->data_as<T>(),
                  output->data_as<T>(), [&p, &quantized_op](T a, T b) {
                    const int32_t result =
                        quantized_op(
                            p.input1_offset + static_cast<int32_t>(a),
                            p.input2_offset + static_cast<int32_t>(b)) +
                        p.output_offset;
                    return static_cast<T>(
                        Clamp(result, p.activation_min, p.activation_max));
                  });
}

// Evaluates the op on the node's inputs for the output's type.
// float_op(a, b) and int32_op(a, b) give the result before the activation
// clamp; quantized_op(a, b) takes the inputs with their offsets added and
// gives the result on the output's scale before its offset and the clamp.
template <typename FloatOp, typename Int32Op, typename QuantizedOp>
void EvalArithmetic(OpContext& context, const ArithmeticParams& p,
                    FloatOp float_op, Int32Op int32_op,
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
          output->data_as<int32_t>(), [&p, &int32_op](int32_t a, int32_t b) {
            return Clamp(int32_op(a, b), p.activation_min, p.activation_max);
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
