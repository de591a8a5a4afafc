#include "tensorflow_micro/kernels/resize_common.h"

#include "tensorflow_micro/kernels/internal/tensor_util.h"

namespace tfmicro {
namespace {

constexpr int kInputTensor = 0;
constexpr int kSizeTensor = 1;
constexpr int kOutputTensor = 0;

}  // namespace

Status PrepareResize(OpContext& context, bool align_corners,
                     bool half_pixel_centers, TypeSet types,
                     ResizeOpData** data) {
  TFM_RETURN_IF_ERROR(ExpectIoCount(context, 2, 2, 1));
  const Tensor* input = context.input(kInputTensor);
  const Tensor* size = context.input(kSizeTensor);
  const Tensor* output = context.output(kOutputTensor);
  TFM_RETURN_IF_ERROR(ExpectTypeIn(context, input, "input", types));
  TFM_RETURN_IF_ERROR(
      ExpectSameType(context, output, "output", input, "input"));
  TFM_RETURN_IF_ERROR(ExpectRank(context, input, "input", 4));
  TFM_RETURN_IF_ERROR(ExpectRank(context, output, "output", 4));
  TFM_RETURN_IF_ERROR(ExpectType(context, size, "size", DataType::kInt32));
  TFM_ENSURE(context, size->rank == 1 && size->dim(0) == 2,
             "size must hold 2 values (height, width), got shape %s",
             ShapeText(*size).text);
  TFM_ENSURE(context, size->is_constant,
             "size must be a constant tensor (dynamic sizes are not "
             "supported)");
  TFM_ENSURE(context, !(align_corners && half_pixel_centers),
             "align_corners and half_pixel_centers cannot both be true");
  const int32_t* new_size = size->data_as<int32_t>();
  TFM_ENSURE(context, new_size[0] > 0 && new_size[1] > 0,
             "size must be positive, got %dx%d", static_cast<int>(new_size[0]),
             static_cast<int>(new_size[1]));
  const int32_t expected[4] = {input->dim(0), new_size[0], new_size[1],
                               input->dim(3)};
  TFM_RETURN_IF_ERROR(ExpectShape(context, output, "output", expected, 4));
  if (input->type == DataType::kInt8 || input->type == DataType::kInt16) {
    TFM_RETURN_IF_ERROR(ExpectPerTensorQuantized(context, input, "input"));
    TFM_RETURN_IF_ERROR(ExpectPerTensorQuantized(context, output, "output"));
    // Values are interpolated or copied, never rescaled.
    TFM_RETURN_IF_ERROR(
        ExpectSameQuantization(context, input, "input", output, "output"));
  }
  *data = AllocateOpData<ResizeOpData>(context);
  if (*data == nullptr) return Status::kArenaTooSmall;
  ResizeOpData& d = **data;
  d.batches = input->dim(0);
  d.input_height = input->dim(1);
  d.input_width = input->dim(2);
  d.channels = input->dim(3);
  d.output_height = new_size[0];
  d.output_width = new_size[1];
  d.align_corners = align_corners;
  d.half_pixel_centers = half_pixel_centers;
  return Status::kOk;
}

}  // namespace tfmicro
