// UNPACK: the `num` slices of the input along `axis` (negative counts from
// the end), each without that dimension. Any element type of 1, 2, 4 or 8
// bytes; the inverse of PACK.
#include <cstdint>

#include "tensorflow_micro/kernels/data_movement_common.h"
#include "tensorflow_micro/kernels/internal/tensor_util.h"
#include "tensorflow_micro/kernels/reference_kernels.h"
#include "tensorflow_micro/schema/schema_generated.h"

namespace tfmicro {
namespace {

constexpr int kInputTensor = 0;

Status Prepare(OpContext& context) {
  const auto* opts = context.options<schema::UnpackOptions>();
  const Tensor* input = context.input(kInputTensor);
  TFM_ENSURE(context, input != nullptr && input->rank >= 1,
             "input must have rank 1 or more");
  int axis = 0;
  TFM_RETURN_IF_ERROR(ResolveAxis(context, opts != nullptr ? opts->axis() : 0,
                                  input->rank, "axis", &axis));
  const int num = opts != nullptr ? opts->num() : 0;
  TFM_ENSURE(context, num == input->dims[axis],
             "num option %d differs from dimension %d of size %d", num, axis,
             static_cast<int>(input->dims[axis]));
  TFM_RETURN_IF_ERROR(ExpectIoCount(context, 1, 1, num));
  return PrepareSplit(context, kInputTensor, axis, /*drop_axis=*/true,
                      [](int) { return int64_t{1}; });
}

}  // namespace

const KernelRegistration& Register_UNPACK() {
  static const KernelRegistration r = {nullptr, Prepare, EvalSplit, nullptr};
  return r;
}

}  // namespace tfmicro
