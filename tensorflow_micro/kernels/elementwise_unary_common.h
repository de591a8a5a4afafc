// Shared by the one-input elementwise kernels (ABS, CEIL, COS, EXP, FLOOR,
// LOG, LOGICAL_NOT, NEG, ROUND, RSQRT, SIN, SQRT, SQUARE, ZEROS_LIKE): the
// type and shape checks, the quantization parameters of INT8/INT16 and the
// lookup tables TFLite's reference kernels build, and the loops of Eval.
#ifndef TENSORFLOW_MICRO_KERNELS_ELEMENTWISE_UNARY_COMMON_H_
#define TENSORFLOW_MICRO_KERNELS_ELEMENTWISE_UNARY_COMMON_H_

#include <cstdint>

#include "tensorflow_micro/core/kernel_api.h"
#include "tensorflow_micro/kernels/internal/lut.h"
#include "tensorflow_micro/kernels/internal/type_set.h"

namespace tfmicro {

struct UnaryOpData {
  // INT8/INT16 inputs with quantization.
  bool quantized;
  float input_scale;
  float output_scale;
  int32_t input_zero_point;
  int32_t output_zero_point;
  // Requantization of the input's scale to the output's, op-specific.
  int32_t multiplier;
  int shift;
  // Tables of UnaryPrepareLut: kInt8LutSize or kInt16LutSize entries.
  int8_t* lut8;
  int16_t* lut16;
};

// Checks one input and one output of the same type and shape, the type in
// `types`. INT8 (always) and INT16 (when `int16_quantized`, or when it
// carries quantization) must be per-tensor quantized, INT16 with zero
// points 0. Allocates the node's UnaryOpData and fills the quantization.
Status UnaryPrepare(OpContext& context, TypeSet types, bool int16_quantized,
                    UnaryOpData** data);

// For a quantized INT8/INT16 input after UnaryPrepare: builds the table of
// transform (a float(float) callable, the function TFLite tabulates).
template <typename Transform>
Status UnaryPrepareLut(OpContext& context, UnaryOpData* data,
                       Transform transform) {
  const DataType type = context.input(0)->type;
  if (type == DataType::kInt8) {
    data->lut8 = static_cast<int8_t*>(
        context.AllocatePersistent(kInt8LutSize * sizeof(int8_t)));
    if (data->lut8 == nullptr) return Status::kArenaTooSmall;
    PopulateInt8Lut(data->input_scale, data->input_zero_point,
                    data->output_scale, data->output_zero_point, transform,
                    data->lut8);
  } else {
    data->lut16 = static_cast<int16_t*>(
        context.AllocatePersistent(kInt16LutSize * sizeof(int16_t)));
    if (data->lut16 == nullptr) return Status::kArenaTooSmall;
    PopulateInt16Lut(data->input_scale, data->input_zero_point,
                     data->output_scale, data->output_zero_point, transform,
                     data->lut16);
  }
  return Status::kOk;
}

// Applies the table UnaryPrepareLut built (INT8 or INT16 input).
void UnaryEvalLut(OpContext& context);

// output[i] = fn(input[i]) for inputs of type T.
template <typename T, typename Fn>
void UnaryMap(OpContext& context, Fn fn) {
  const Tensor* input = context.input(0);
  const T* in = input->data_as<T>();
  T* out = context.output(0)->data_as<T>();
  const int64_t size = input->num_elements();
  for (int64_t i = 0; i < size; ++i) out[i] = fn(in[i]);
}

// Prepare and Eval of an op TFLite's reference kernels have for FLOAT32
// only: output[i] = fn(input[i]).
Status UnaryPrepareFloat(OpContext& context);
Status UnaryEvalFloat(OpContext& context, float (*fn)(float));

}  // namespace tfmicro

#endif  // TENSORFLOW_MICRO_KERNELS_ELEMENTWISE_UNARY_COMMON_H_
