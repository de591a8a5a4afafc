// DEPTH_TO_SPACE: moves blocks of block_size x block_size channel groups of
// an NHWC input into space: output [n, h * bs + i, w * bs + j, c] is input
// [n, h, w, (i * bs + j) * C + c], C the output depth. Any element type of
// 1, 2, 4 or 8 bytes.
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
  const auto* opts = context.options<schema::DepthToSpaceOptions>();
  const int32_t block = opts != nullptr ? opts->block_size() : 0;
  TFM_RETURN_IF_ERROR(PrepareBlockRearrangement(context, block));
  const Tensor* input = context.input(kInputTensor);
  const Tensor* output = context.output(kOutputTensor);
  const int32_t depth = input->dims[3];
  // In 64 bits: the fuzzer found block_size 2^30, whose square overflowed.
  const int64_t area = int64_t{block} * block;
  TFM_ENSURE(context,
             depth % area == 0 &&
                 int64_t{input->dims[1]} * block <= INT32_MAX &&
                 int64_t{input->dims[2]} * block <= INT32_MAX,
             "input depth %d is not a multiple of block_size^2 (block_size "
             "%d), or the output is too large",
             static_cast<int>(depth), static_cast<int>(block));
  const int32_t out_depth = static_cast<int32_t>(depth / area);
  const int32_t output_dims[4] = {input->dims[0], input->dims[1] * block,
                                  input->dims[2] * block, out_depth};
  TFM_RETURN_IF_ERROR(ExpectShape(context, output, "output", output_dims, 4));

  int64_t s[4];
  RowMajorStrides(input->dims, 4, s);
  // The output as [n, h, i, w, j, c].
  const int32_t dims[6] = {input->dims[0], input->dims[1], block,
                           input->dims[2], block,          out_depth};
  const int64_t strides[6] = {s[0], s[1], int64_t{block} * out_depth,
                              s[2], out_depth, 1};
  return PrepareStridedView(context, input, 6, dims, strides);
}

}  // namespace

const KernelRegistration& Register_DEPTH_TO_SPACE() {
  static const KernelRegistration r = {nullptr, Prepare, EvalStridedView,
                                       nullptr};
  return r;
}

}  // namespace tfmicro
