// SPLIT_V: cuts input 0 along the axis of input 2 (a constant INT32 scalar)
// into parts of the sizes in input 1 (a constant INT32 or INT64 vector; one
// entry may be -1, the rest of the dimension). Any element type of 1, 2, 4
// or 8 bytes.
#include <cstdint>

#include "tensorflow_micro/kernels/data_movement_common.h"
#include "tensorflow_micro/kernels/internal/tensor_util.h"
#include "tensorflow_micro/kernels/reference_kernels.h"
#include "tensorflow_micro/schema/schema_generated.h"

namespace tfmicro {
namespace {

constexpr int kInputTensor = 0;
constexpr int kSizeSplitsTensor = 1;
constexpr int kAxisTensor = 2;

Status Prepare(OpContext& context) {
  const auto* opts = context.options<schema::SplitVOptions>();
  const int num_splits = opts != nullptr ? opts->num_splits() : 0;
  TFM_ENSURE(context, num_splits >= 1,
             "num_splits option must be at least 1, got %d", num_splits);
  TFM_RETURN_IF_ERROR(ExpectIoCount(context, 3, 3, num_splits));
  const Tensor* input = context.input(kInputTensor);
  const Tensor* sizes = context.input(kSizeSplitsTensor);
  const Tensor* axis_tensor = context.input(kAxisTensor);
  int axis = 0;
  TFM_RETURN_IF_ERROR(
      ReadConstantAxis(context, axis_tensor, input->rank, &axis));
  TFM_RETURN_IF_ERROR(ExpectConstantIndices(context, sizes, "size_splits"));
  const int32_t sizes_shape[1] = {num_splits};
  TFM_RETURN_IF_ERROR(
      ExpectShape(context, sizes, "size_splits", sizes_shape, 1));
  int inferred = -1;
  int64_t known = 0;
  for (int i = 0; i < num_splits; ++i) {
    const int64_t size = IndexAt(sizes, i);
    if (size == -1) {
      TFM_ENSURE(context, inferred == -1,
                 "size_splits has more than one -1 entry");
      inferred = i;
      continue;
    }
    TFM_ENSURE(context, size >= 0, "size_splits entry %d is negative (%lld)",
               i, static_cast<long long>(size));
    known += size;
  }
  const int64_t dim = input->dims[axis];
  TFM_ENSURE(context, inferred >= 0 ? known <= dim : known == dim,
             "size_splits add up to %lld, dimension %d has size %lld",
             static_cast<long long>(known), axis,
             static_cast<long long>(dim));
  const int64_t rest = dim - known;
  return PrepareSplit(context, kInputTensor, axis, /*drop_axis=*/false,
                      [sizes, inferred, rest](int i) {
                        return i == inferred ? rest : IndexAt(sizes, i);
                      });
}

}  // namespace

const KernelRegistration& Register_SPLIT_V() {
  static const KernelRegistration r = {nullptr, Prepare, EvalSplit, nullptr};
  return r;
}

}  // namespace tfmicro
