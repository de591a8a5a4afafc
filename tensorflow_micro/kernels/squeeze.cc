// SQUEEZE: the input without the extent-1 dimensions in squeeze_dims
// (negative counting from the end), or without all of them when the option
// is empty. Any element type of 1, 2, 4 or 8 bytes; the bytes are
// unchanged.
#include <cstdint>

#include "tensorflow_micro/kernels/data_movement_common.h"
#include "tensorflow_micro/kernels/internal/in_place.h"
#include "tensorflow_micro/kernels/internal/tensor_util.h"
#include "tensorflow_micro/kernels/reference_kernels.h"
#include "tensorflow_micro/schema/schema_generated.h"

namespace tfmicro {
namespace {

constexpr int kInputTensor = 0;
constexpr int kOutputTensor = 0;

Status Prepare(OpContext& context) {
  TFM_RETURN_IF_ERROR(ExpectIoCount(context, 1, 1, 1));
  const Tensor* input = context.input(kInputTensor);
  const Tensor* output = context.output(kOutputTensor);
  TFM_RETURN_IF_ERROR(ExpectMovedElements(context, input, output));
  const int rank = input->rank;
  TFM_ENSURE(context, rank <= kMaxMoveRank,
             "input rank %d not supported (at most %d)", rank, kMaxMoveRank);
  const auto* opts = context.options<schema::SqueezeOptions>();
  const auto* squeeze_dims = opts != nullptr ? opts->squeeze_dims() : nullptr;
  bool squeezed[kMaxMoveRank] = {};
  if (squeeze_dims == nullptr || squeeze_dims->size() == 0) {
    for (int d = 0; d < rank; ++d) squeezed[d] = input->dims[d] == 1;
  } else {
    for (uint32_t i = 0; i < squeeze_dims->size(); ++i) {
      int axis = 0;
      TFM_RETURN_IF_ERROR(ResolveAxis(context, squeeze_dims->Get(i), rank,
                                      "squeeze_dims entry", &axis));
      TFM_ENSURE(context, input->dims[axis] == 1,
                 "cannot squeeze dimension %d of size %d", axis,
                 static_cast<int>(input->dims[axis]));
      squeezed[axis] = true;
    }
  }
  int32_t output_dims[kMaxMoveRank];
  int output_rank = 0;
  for (int d = 0; d < rank; ++d) {
    if (!squeezed[d]) output_dims[output_rank++] = input->dims[d];
  }
  return ExpectShape(context, output, "output", output_dims, output_rank);
}

}  // namespace

const KernelRegistration& Register_SQUEEZE() {
  static const KernelRegistration r = {nullptr, PrepareView<Prepare>,
                                       EvalCopyInput, nullptr};
  return r;
}

}  // namespace tfmicro
