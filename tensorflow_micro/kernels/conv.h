// CONV_2D: prepare and reference compute, shared with vendor kernels.
//
// Tensors: input [N, H, W, C_in], filter [C_out, KH, KW, C_in / groups],
// optional bias [C_out], output [N, OH, OW, C_out]; NHWC, filter OHWI.
// A filter with fewer input channels than the input makes a grouped
// convolution (groups = C_in / filter channels), as TFLite's reference does.
// Types: FLOAT32; INT8 (int32 bias); 16x8 (INT16 activations, INT8 filter,
// INT64 bias and a 64-bit accumulator, or, with quantized_bias_type INT32,
// INT32 bias and a 32-bit accumulator, as TFLite).
//
// A vendor CONV_2D calls PrepareConv from its own prepare (then reads the
// ConvOpData it set as the node's op_data) and may fall back to
// EvalConvFloat / EvalConvInt8 / EvalConvInt16 for shapes it does not
// optimize.
#ifndef TENSORFLOW_MICRO_KERNELS_CONV_H_
#define TENSORFLOW_MICRO_KERNELS_CONV_H_

#include "tensorflow_micro/core/kernel_api.h"
#include "tensorflow_micro/kernels/conv_common.h"
#include "tensorflow_micro/kernels/internal/conv_geometry.h"
#include "tensorflow_micro/kernels/internal/conv_quantization.h"

namespace tfmicro {

struct ConvOpData {
  ConvGeometry geometry;
  // FLOAT32: the fused activation's clamp range.
  float float_activation_min = 0.f;
  float float_activation_max = 0.f;
  // INT8 and INT16: offsets, per-channel multipliers, clamp range.
  ConvQuantParams quant;
};

// Validates a CONV_2D node and stores its ConvOpData with set_op_data.
Status PrepareConv(OpContext& context);

// Reference compute. `bias` may be nullptr.
void EvalConvFloat(const ConvOpData& data, const Tensor& input,
                   const Tensor& filter, const Tensor* bias, Tensor& output);
void EvalConvInt8(const ConvOpData& data, const Tensor& input,
                  const Tensor& filter, const Tensor* bias, Tensor& output);
void EvalConvInt16(const ConvOpData& data, const Tensor& input,
                   const Tensor& filter, const Tensor* bias, Tensor& output);

}  // namespace tfmicro

#endif  // TENSORFLOW_MICRO_KERNELS_CONV_H_
