// FULLY_CONNECTED: prepare and reference compute, shared with vendor kernels.
//
// Tensors: input [..., D] (any rank; flattened into batches rows of
// D = filter columns), filter [units, D], optional bias [units], output
// [batches, units], or the input's shape with the last dimension replaced
// by units when keep_num_dims is set. Only the DEFAULT weights format.
//
// INT8: activations per tensor; the filter per tensor (its zero point is
// applied, as TFLite does) or per channel along dimension 0 (symmetric).
// TFLite's reference FULLY_CONNECTED requantizes in double precision, not
// with a Q31 multiplier: output = round(acc * scale of unit c) + zero
// point, which the reference compute reproduces bit for bit.
//
// INT16 (16x8): symmetric int16 activations, the int8 filters above, an INT64
// bias (INT32 with quantized_bias_type INT32), a 64-bit accumulator and the
// same double-precision requantization.
#ifndef TENSORFLOW_MICRO_KERNELS_FULLY_CONNECTED_H_
#define TENSORFLOW_MICRO_KERNELS_FULLY_CONNECTED_H_

#include <cstdint>

#include "tensorflow_micro/core/kernel_api.h"

namespace tfmicro {

struct FullyConnectedOpData {
  int32_t batches = 0;
  int32_t accum_depth = 0;  // D, the filter's columns
  int32_t units = 0;        // the filter's rows
  // FLOAT32: the fused activation's clamp range.
  float float_activation_min = 0.f;
  float float_activation_max = 0.f;
  // INT8 and INT16.
  int32_t input_offset = 0;   // -input zero point
  int32_t filter_offset = 0;  // -filter zero point (per-tensor filters)
  int32_t output_offset = 0;  // output zero point
  int32_t activation_min = 0;
  int32_t activation_max = 0;
  // EffectiveOutputScale: of every unit for a per-tensor filter; of unit 0
  // for a per-channel one (eval computes the others from the scales).
  double output_scale = 0.0;
  bool per_channel = false;
};

// Validates a FULLY_CONNECTED node and stores its FullyConnectedOpData with
// set_op_data.
Status PrepareFullyConnected(OpContext& context);

// Reference compute. `bias` may be nullptr.
void EvalFullyConnectedFloat(const FullyConnectedOpData& data,
                             const Tensor& input, const Tensor& filter,
                             const Tensor* bias, Tensor& output);
void EvalFullyConnectedInt8(const FullyConnectedOpData& data,
                            const Tensor& input, const Tensor& filter,
                            const Tensor* bias, Tensor& output);
void EvalFullyConnectedInt16(const FullyConnectedOpData& data,
                             const Tensor& input, const Tensor& filter,
                             const Tensor* bias, Tensor& output);

}  // namespace tfmicro

#endif  // TENSORFLOW_MICRO_KERNELS_FULLY_CONNECTED_H_
