// SPLIT: cuts input 1 into num_splits equal parts along the axis given by
// input 0 (a constant INT32 scalar, negative counting from the end). Any
// element type of 1, 2, 4 or 8 bytes.
#include <cstdint>

#include "tensorflow_micro/kernels/data_movement_common.h"
#include "tensorflow_micro/kernels/internal/tensor_util.h"
#include "tensorflow_micro/kernels/reference_kernels.h"
#include "tensorflow_micro/schema/schema_generated.h"

namespace tfmicro {
namespace {

constexpr int kAxisTensor = 0;
constexpr int kInputTensor = 1;

Status Prepare(OpContext& context) {
  const auto* opts = context.options<schema::SplitOptions>();
  const int num_splits = opts != nullptr ? opts->num_splits() : 0;
  TFM_ENSURE(context, num_splits >= 1,
             "num_splits option must be at least 1, got %d", num_splits);
  TFM_RETURN_IF_ERROR(ExpectIoCount(context, 2, 2, num_splits));
  const Tensor* axis_tensor = context.input(kAxisTensor);
  const Tensor* input = context.input(kInputTensor);
  int axis = 0;
  TFM_RETURN_IF_ERROR(
      ReadConstantAxis(context, axis_tensor, input->rank, &axis));
  const int32_t dim = input->dims[axis];
  TFM_ENSURE(context, dim % num_splits == 0,
             "dimension %d (size %d) does not split into %d equal parts",
             axis, static_cast<int>(dim), num_splits);
  const int64_t part = dim / num_splits;
  return PrepareSplit(context, kInputTensor, axis, /*drop_axis=*/false,
                      [part](int) { return part; });
}

}  // namespace

const KernelRegistration& Register_SPLIT() {
  static const KernelRegistration r = {nullptr, Prepare, EvalSplit, nullptr};
  return r;
}

}  // namespace tfmicro
