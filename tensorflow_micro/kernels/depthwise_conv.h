// DEPTHWISE_CONV_2D: prepare and reference compute, shared with vendor
// kernels.
//
// Tensors: input [N, H, W, C_in], filter [1, KH, KW, C_out], optional bias
// [C_out], output [N, OH, OW, C_out], with C_out = C_in * depth_multiplier;
// output channel ic * depth_multiplier + m reads input channel ic. As in
// TFLite, the multiplier comes from the shapes (the depth_multiplier option
// is redundant and not trusted). Types: FLOAT32; INT8 (int32 bias); 16x8
// (INT16 activations, INT8 filter, INT64 bias).
#ifndef TENSORFLOW_MICRO_KERNELS_DEPTHWISE_CONV_H_
#define TENSORFLOW_MICRO_KERNELS_DEPTHWISE_CONV_H_

#include "tensorflow_micro/core/kernel_api.h"
#include "tensorflow_micro/kernels/internal/conv_geometry.h"
#include "tensorflow_micro/kernels/internal/conv_quantization.h"

namespace tfmicro {

struct DepthwiseConvOpData {
  ConvGeometry geometry;
  int32_t depth_multiplier = 1;
  // FLOAT32: the fused activation's clamp range.
  float float_activation_min = 0.f;
  float float_activation_max = 0.f;
  // INT8 and INT16: offsets, per-channel multipliers, clamp range.
  ConvQuantParams quant;
};

// Validates a DEPTHWISE_CONV_2D node and stores its DepthwiseConvOpData with
// set_op_data.
Status PrepareDepthwiseConv(OpContext& context);

// Reference compute. `bias` may be nullptr.
void EvalDepthwiseConvFloat(const DepthwiseConvOpData& data,
                            const Tensor& input, const Tensor& filter,
                            const Tensor* bias, Tensor& output);
void EvalDepthwiseConvInt8(const DepthwiseConvOpData& data,
                           const Tensor& input, const Tensor& filter,
                           const Tensor* bias, Tensor& output);
void EvalDepthwiseConvInt16(const DepthwiseConvOpData& data,
                            const Tensor& input, const Tensor& filter,
                            const Tensor* bias, Tensor& output);

}  // namespace tfmicro

#endif  // TENSORFLOW_MICRO_KERNELS_DEPTHWISE_CONV_H_
