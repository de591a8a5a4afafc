// The gaps kernels pass to OpContext::AllowInPlace: how far before its
// input an output must start so that a loop writing the output front to
// back never overwrites input bytes it still has to read.
#ifndef TENSORFLOW_MICRO_KERNELS_INTERNAL_IN_PLACE_H_
#define TENSORFLOW_MICRO_KERNELS_INTERNAL_IN_PLACE_H_

#include <cstddef>

#include "tensorflow_micro/core/kernel_api.h"
#include "tensorflow_micro/kernels/internal/conv_geometry.h"
#include "tensorflow_micro/kernels/internal/pooling.h"

namespace tfmicro {

// A loop over i = 0..n-1 that reads input element i and then writes output
// element i (elementwise ops, copies, unbroadcast binary operands): 0 when
// an output element is no larger than an input element, else the growth
// (output bytes - input bytes). Needs as many input as output elements.
size_t ElementwiseInPlaceGap(const Tensor& input, const Tensor& output);

// ForEachConvWindow (kernels/conv_common.h): output pixels of the NHWC
// output in order, each read from the input window at and after input pixel
// (max(0, out_y * stride_h - pad_h), max(0, out_x * stride_w - pad_w)).
// The gap keeps every finished output pixel below the lowest input byte it
// or any later pixel still reads.
size_t ConvInPlaceGap(const ConvGeometry& geometry, const Tensor& input,
                      const Tensor& output);

// AllowInPlace(0, 0, ConvInPlaceGap(...)): for kernels whose eval is
// ForEachConvWindow over input 0 into output 0.
Status AllowConvInPlace(OpContext& context, const ConvGeometry& geometry);

// The same for the pooling loop (internal/pooling.cc), which walks output
// pixels in order over windows exactly like ForEachConvWindow.
Status AllowPoolInPlace(OpContext& context, const PoolGeometry& geometry);

// AllowInPlace(input, output, ElementwiseInPlaceGap(...)) when the input
// has as many elements as the output.
Status AllowElementwiseInPlace(OpContext& context, int input, int output);

// Prepare of a view op (RESHAPE, SQUEEZE, EXPAND_DIMS: same bytes, new
// shape) whose eval copies front to back or not at all when the buffers
// coincide (EvalCopyInput): runs `Check`, then lets the output take the
// input's place. Opting in is one line, the registration's
//   {nullptr, PrepareView<Prepare>, EvalCopyInput, nullptr}
template <Status (*Check)(OpContext&)>
Status PrepareView(OpContext& context) {
  TFM_RETURN_IF_ERROR(Check(context));
  return context.AllowInPlace(0, 0);
}

}  // namespace tfmicro

#endif  // TENSORFLOW_MICRO_KERNELS_INTERNAL_IN_PLACE_H_
