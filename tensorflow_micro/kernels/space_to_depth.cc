// SPACE_TO_DEPTH: moves block_size x block_size spatial blocks of an NHWC
// input into channels: output [n, h, w, (i * bs + j) * C + c] is input
// [n, h * bs + i, w * bs + j, c]. Any element type of 1, 2, 4 or 8 bytes.
#include <cstdint>

#include "tensorflow_micro/kernels/data_movement_common.h"
#include "tensorflow_micro/kernels/internal/tensor_util.h"
#include "tensorflow_micro/kernels/reference_kernels.h"
#include "tensorflow_micro/schema/schema_generated.h"

namespace tfmicro {
namespace {

constexpr int kInputTensor = 0;
constexpr int kOutputTensor = 0;

Status Prepare(OpContext& context) {
  const auto* opts = context.options<schema::SpaceToDepthOptions>();
  const int32_t block = opts != nullptr ? opts->block_size() : 0;
  TFM_RETURN_IF_ERROR(PrepareBlockRearrangement(context, block));
  const Tensor* input = context.input(kInputTensor);
  const Tensor* output = context.output(kOutputTensor);
  TFM_ENSURE(context,
             input->dims[1] % block == 0 && input->dims[2] % block == 0,
             "input height and width (%d, %d) are not multiples of "
             "block_size %d",
             static_cast<int>(input->dims[1]),
             static_cast<int>(input->dims[2]), static_cast<int>(block));
  const int32_t depth = input->dims[3];
  // In 64 bits, as DEPTH_TO_SPACE: an empty input lets any block_size pass
  // the divisibility check, and depth * block^2 could overflow.
  const int64_t area = int64_t{block} * block;
  const int64_t output_depth = area <= INT32_MAX ? depth * area : -1;
  TFM_ENSURE(context, output_depth >= 0 && output_depth <= INT32_MAX,
             "block_size %d makes an output depth over 2^31",
             static_cast<int>(block));
  const int32_t output_dims[4] = {input->dims[0], input->dims[1] / block,
                                  input->dims[2] / block,
                                  static_cast<int32_t>(output_depth)};
  TFM_RETURN_IF_ERROR(ExpectShape(context, output, "output", output_dims, 4));

  int64_t s[4];
  RowMajorStrides(input->dims, 4, s);
  // The output as [n, h, w, i, j, c].
  const int32_t dims[6] = {output_dims[0], output_dims[1], output_dims[2],
                           block,          block,          depth};
  const int64_t strides[6] = {s[0], block * s[1], block * s[2], s[1], s[2], 1};
  return PrepareStridedView(context, input, 6, dims, strides);
}

}  // namespace

const KernelRegistration& Register_SPACE_TO_DEPTH() {
  static const KernelRegistration r = {nullptr, Prepare, EvalStridedView,
                                       nullptr};
  return r;
}

}  // namespace tfmicro
