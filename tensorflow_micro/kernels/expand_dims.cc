// EXPAND_DIMS: the input with a dimension of extent 1 inserted at the axis
// of input 1 (a constant INT32 or INT64 scalar in [-rank - 1, rank]). Any
// element type of 1, 2, 4 or 8 bytes; the bytes are unchanged.
#include <cstdint>

#include "tensorflow_micro/kernels/data_movement_common.h"
#include "tensorflow_micro/kernels/internal/in_place.h"
#include "tensorflow_micro/kernels/internal/tensor_util.h"
#include "tensorflow_micro/kernels/reference_kernels.h"

namespace tfmicro {
namespace {

constexpr int kInputTensor = 0;
constexpr int kAxisTensor = 1;
constexpr int kOutputTensor = 0;

Status Prepare(OpContext& context) {
  TFM_RETURN_IF_ERROR(ExpectIoCount(context, 2, 2, 1));
  const Tensor* input = context.input(kInputTensor);
  const Tensor* axis_tensor = context.input(kAxisTensor);
  const Tensor* output = context.output(kOutputTensor);
  TFM_RETURN_IF_ERROR(ExpectMovedElements(context, input, output));
  const int rank = input->rank + 1;
  TFM_ENSURE(context, rank <= kMaxMoveRank,
             "output rank %d not supported (at most %d)", rank, kMaxMoveRank);
  int axis = 0;
  TFM_RETURN_IF_ERROR(ReadConstantAxis(context, axis_tensor, rank, &axis));
  int32_t output_dims[kMaxMoveRank];
  for (int d = 0, j = 0; d < rank; ++d) {
    output_dims[d] = d == axis ? 1 : input->dims[j++];
  }
  return ExpectShape(context, output, "output", output_dims, rank);
}

}  // namespace

const KernelRegistration& Register_EXPAND_DIMS() {
  static const KernelRegistration r = {nullptr, PrepareView<Prepare>,
                                       EvalCopyInput, nullptr};
  return r;
}

}  // namespace tfmicro
