// GATHER: slices of `params` along `axis` picked by `indices` (INT32 or
// INT64, any shape), with TensorFlow's batch_dims: the first batch_dims
// dimensions of params and indices are shared. Output shape:
// params[:axis] + indices[batch_dims:] + params[axis + 1:]. Negative axis
// and batch_dims count from the end. Params of any element type of 1, 2, 4
// or 8 bytes. An index outside [0, params.dims[axis]) fails the Invoke.
#include <cstdint>

#include "tensorflow_micro/kernels/data_movement_common.h"
#include "tensorflow_micro/kernels/internal/tensor_util.h"
#include "tensorflow_micro/kernels/reference_kernels.h"
#include "tensorflow_micro/schema/schema_generated.h"

namespace tfmicro {
namespace {

constexpr int kParamsTensor = 0;
constexpr int kIndicesTensor = 1;
constexpr int kOutputTensor = 0;

struct OpData {
  int64_t batches;       // product of the shared batch dimensions
  int64_t outer;         // params dims between the batch dims and the axis
  int64_t indices_per_batch;
  int32_t axis_size;
  size_t block_bytes;    // bytes of params dims after the axis
};

Status Prepare(OpContext& context) {
  TFM_RETURN_IF_ERROR(ExpectIoCount(context, 2, 2, 1));
  const Tensor* params = context.input(kParamsTensor);
  const Tensor* indices = context.input(kIndicesTensor);
  const Tensor* output = context.output(kOutputTensor);
  TFM_RETURN_IF_ERROR(ExpectMovedElements(context, params, output));
  TFM_RETURN_IF_ERROR(ExpectIndexType(context, indices, "indices"));
  const auto* opts = context.options<schema::GatherOptions>();
  int axis = 0;
  TFM_ENSURE(context, params->rank >= 1, "params must have rank 1 or more");
  TFM_RETURN_IF_ERROR(ResolveAxis(context, opts != nullptr ? opts->axis() : 0,
                                  params->rank, "axis", &axis));
  int batch_dims = opts != nullptr ? opts->batch_dims() : 0;
  if (batch_dims < 0) batch_dims += indices->rank;
  TFM_ENSURE(context, batch_dims >= 0 && batch_dims <= indices->rank,
             "batch_dims %d out of range for indices of rank %d",
             opts != nullptr ? static_cast<int>(opts->batch_dims()) : 0,
             static_cast<int>(indices->rank));
  TFM_ENSURE(context, batch_dims <= axis,
             "batch_dims %d exceeds axis %d", batch_dims, axis);
  for (int d = 0; d < batch_dims; ++d) {
    TFM_ENSURE(context, params->dims[d] == indices->dims[d],
               "batch dimension %d differs: params %s, indices %s", d,
               ShapeText(*params).text, ShapeText(*indices).text);
  }
  const int rank = params->rank - 1 + indices->rank - batch_dims;
  TFM_ENSURE(context, rank <= kMaxMoveRank,
             "output rank %d not supported (at most %d)", rank, kMaxMoveRank);
  int32_t output_dims[kMaxMoveRank];
  int n = 0;
  for (int d = 0; d < axis; ++d) output_dims[n++] = params->dims[d];
  for (int d = batch_dims; d < indices->rank; ++d) {
    output_dims[n++] = indices->dims[d];
  }
  for (int d = axis + 1; d < params->rank; ++d) {
    output_dims[n++] = params->dims[d];
  }
  TFM_RETURN_IF_ERROR(ExpectShape(context, output, "output", output_dims, n));

  OpData* data = AllocateOpData<OpData>(context);
  if (data == nullptr) return Status::kArenaTooSmall;
  data->batches = ProductOfDims(params->dims, 0, batch_dims);
  data->outer = ProductOfDims(params->dims, batch_dims, axis);
  data->indices_per_batch =
      ProductOfDims(indices->dims, batch_dims, indices->rank);
  data->axis_size = params->dims[axis];
  data->block_bytes = static_cast<size_t>(
      ProductOfDims(params->dims, axis + 1, params->rank) *
      static_cast<int64_t>(DataTypeSize(params->type)));
  return Status::kOk;
}

Status Eval(OpContext& context) {
  const auto& d = *static_cast<const OpData*>(context.op_data());
  const Tensor* params = context.input(kParamsTensor);
  const Tensor* indices = context.input(kIndicesTensor);
  const auto* in = static_cast<const uint8_t*>(params->data);
  auto* out = static_cast<uint8_t*>(context.output(kOutputTensor)->data);
  for (int64_t b = 0; b < d.batches; ++b) {
    for (int64_t o = 0; o < d.outer; ++o) {
      const uint8_t* slab =
          in + (b * d.outer + o) * d.axis_size * d.block_bytes;
      for (int64_t i = 0; i < d.indices_per_batch; ++i) {
        const int64_t index = IndexAt(indices, b * d.indices_per_batch + i);
        if (index < 0 || index >= d.axis_size) {
          return context.Error("index %lld out of range [0, %d)",
                               static_cast<long long>(index),
                               static_cast<int>(d.axis_size));
        }
        CopyBytes(out, slab + index * d.block_bytes, d.block_bytes);
        out += d.block_bytes;
      }
    }
  }
  return Status::kOk;
}

}  // namespace

const KernelRegistration& Register_GATHER() {
  static const KernelRegistration r = {nullptr, Prepare, Eval, nullptr};
  return r;
}

}  // namespace tfmicro
