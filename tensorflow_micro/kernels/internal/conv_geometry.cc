#include "tensorflow_micro/kernels/internal/conv_geometry.h"

namespace tfmicro {

Status ComputeConvGeometry(OpContext& context, PaddingMode padding,
                           int32_t stride_h, int32_t stride_w,
                           int32_t dilation_h, int32_t dilation_w,
                           int32_t input_h, int32_t input_w, int32_t filter_h,
                           int32_t filter_w, ConvGeometry* geometry) {
  TFM_ENSURE(context, stride_h > 0 && stride_w > 0,
             "strides must be positive, got stride_h %d, stride_w %d",
             static_cast<int>(stride_h), static_cast<int>(stride_w));
  TFM_ENSURE(context, dilation_h > 0 && dilation_w > 0,
             "dilation factors must be positive, got dilation_h %d, "
             "dilation_w %d",
             static_cast<int>(dilation_h), static_cast<int>(dilation_w));
  TFM_ENSURE(context,
             WindowFitsInt32(input_h, filter_h, stride_h, dilation_h) &&
                 WindowFitsInt32(input_w, filter_w, stride_w, dilation_w),
             "window geometry overflows 32-bit indices (input %dx%d, filter "
             "%dx%d, stride %dx%d, dilation %dx%d)",
             static_cast<int>(input_h), static_cast<int>(input_w),
             static_cast<int>(filter_h), static_cast<int>(filter_w),
             static_cast<int>(stride_h), static_cast<int>(stride_w),
             static_cast<int>(dilation_h), static_cast<int>(dilation_w));
  const int32_t out_h =
      ComputeOutputSize(padding, input_h, filter_h, stride_h, dilation_h);
  const int32_t out_w =
      ComputeOutputSize(padding, input_w, filter_w, stride_w, dilation_w);
  TFM_ENSURE(context, out_h > 0 && out_w > 0,
             "VALID window %dx%d (dilated) does not fit the %dx%d input",
             static_cast<int>(EffectiveFilterSize(filter_h, dilation_h)),
             static_cast<int>(EffectiveFilterSize(filter_w, dilation_w)),
             static_cast<int>(input_h), static_cast<int>(input_w));
  const Padding2D pad =
      ComputePadding2D(stride_h, stride_w, dilation_h, dilation_w, input_h,
                       input_w, filter_h, filter_w, out_h, out_w);
  geometry->stride_h = stride_h;
  geometry->stride_w = stride_w;
  geometry->dilation_h = dilation_h;
  geometry->dilation_w = dilation_w;
  geometry->pad_h = pad.height;
  geometry->pad_w = pad.width;
  geometry->output_h = out_h;
  geometry->output_w = out_w;
  return Status::kOk;
}

}  // namespace tfmicro
