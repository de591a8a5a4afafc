// TILE: the input repeated multiples[i] times along dimension i; multiples
// is a constant INT32 or INT64 vector of one entry per dimension. Rank up
// to 6; any element type of 1, 2, 4 or 8 bytes.
//
// Output dimension i, of extent multiples[i] * dims[i], is walked as two
// axes: the copy (input stride 0) and the input dimension.
#include <cstdint>

#include "tensorflow_micro/kernels/data_movement_common.h"
#include "tensorflow_micro/kernels/internal/tensor_util.h"
#include "tensorflow_micro/kernels/reference_kernels.h"

namespace tfmicro {
namespace {

constexpr int kInputTensor = 0;
constexpr int kMultiplesTensor = 1;
constexpr int kOutputTensor = 0;
constexpr int kMaxTileRank = kMaxStridedCopyRank / 2;

Status Prepare(OpContext& context) {
  TFM_RETURN_IF_ERROR(ExpectIoCount(context, 2, 2, 1));
  const Tensor* input = context.input(kInputTensor);
  const Tensor* multiples = context.input(kMultiplesTensor);
  const Tensor* output = context.output(kOutputTensor);
  TFM_RETURN_IF_ERROR(ExpectMovedElements(context, input, output));
  const int rank = input->rank;
  TFM_ENSURE(context, rank <= kMaxTileRank,
             "input rank %d not supported (at most %d)", rank, kMaxTileRank);
  TFM_RETURN_IF_ERROR(ExpectConstantIndices(context, multiples, "multiples"));
  const int32_t multiples_shape[1] = {rank};
  TFM_RETURN_IF_ERROR(
      ExpectShape(context, multiples, "multiples", multiples_shape, 1));

  StridedViewOpData* data = AllocateStridedViewOpData(context, input);
  if (data == nullptr) return Status::kArenaTooSmall;
  int64_t input_strides[kMaxTileRank];
  RowMajorStrides(input->dims, rank, input_strides);
  int32_t output_dims[kMaxTileRank];
  StridedView& view = data->view;
  view.rank = 2 * rank;
  for (int i = 0; i < rank; ++i) {
    const int64_t copies = IndexAt(multiples, i);
    const int64_t extent = copies * input->dims[i];
    TFM_ENSURE(context, copies >= 0 && extent <= INT32_MAX,
               "multiples entry %d (%lld) is invalid for dimension %d", i,
               static_cast<long long>(copies),
               static_cast<int>(input->dims[i]));
    output_dims[i] = static_cast<int32_t>(extent);
    view.dims[2 * i] = static_cast<int32_t>(copies);
    view.strides[2 * i] = 0;
    view.dims[2 * i + 1] = input->dims[i];
    view.strides[2 * i + 1] = input_strides[i];
  }
  TFM_RETURN_IF_ERROR(
      ExpectShape(context, output, "output", output_dims, rank));
  SimplifyView(&view);
  return Status::kOk;
}

}  // namespace

const KernelRegistration& Register_TILE() {
  static const KernelRegistration r = {nullptr, Prepare, EvalStridedView,
                                       nullptr};
  return r;
}

}  // namespace tfmicro
