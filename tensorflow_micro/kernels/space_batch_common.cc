#include "tensorflow_micro/kernels/space_batch_common.h"

#include <cstdint>
#include <cstring>

#include "tensorflow_micro/kernels/data_movement_common.h"
#include "tensorflow_micro/kernels/internal/tensor_util.h"

namespace tfmicro {
namespace {

constexpr int kInputTensor = 0;
constexpr int kBlockShapeTensor = 1;
constexpr int kPadsTensor = 2;
constexpr int kOutputTensor = 0;
constexpr int kMaxSpatial = kMaxMoveRank - 1;

struct OpData {
  int spatial;  // M
  int32_t batch;  // space-side batch B
  int32_t block[kMaxSpatial];
  int32_t before[kMaxSpatial];
  // Space-side extents (unpadded for SPACE_TO_BATCH, cropped for
  // BATCH_TO_SPACE) and batch-side extents.
  int32_t space_dims[kMaxSpatial];
  int32_t batch_dims[kMaxSpatial];
  size_t row_bytes;  // bytes of the dimensions after the spatial ones
  uint8_t pad_value[8];
  size_t element_size;
};

// The checks and geometry both ops share; input 2 is SPACE_TO_BATCH's
// paddings or BATCH_TO_SPACE's crops.
Status PrepareCommon(OpContext& context, bool to_batch, OpData** out) {
  TFM_RETURN_IF_ERROR(ExpectIoCount(context, 3, 3, 1));
  const Tensor* input = context.input(kInputTensor);
  const Tensor* block = context.input(kBlockShapeTensor);
  const Tensor* pads = context.input(kPadsTensor);
  const Tensor* output = context.output(kOutputTensor);
  const char* pads_role = to_batch ? "paddings" : "crops";
  TFM_RETURN_IF_ERROR(ExpectMovedElements(context, input, output));
  TFM_ENSURE(context, input->rank >= 2 && input->rank <= kMaxMoveRank,
             "input rank %d not supported (2 to %d)",
             static_cast<int>(input->rank), kMaxMoveRank);
  TFM_RETURN_IF_ERROR(ExpectConstantIndices(context, block, "block_shape"));
  TFM_RETURN_IF_ERROR(ExpectConstantIndices(context, pads, pads_role));
  TFM_ENSURE(context, block->rank == 1,
             "block_shape must be a vector, got shape %s",
             ShapeText(*block).text);
  const int spatial = block->dims[0];
  TFM_ENSURE(context, spatial >= 1 && spatial < input->rank,
             "block_shape has %d entries, input rank %d allows 1 to %d",
             spatial, static_cast<int>(input->rank),
             static_cast<int>(input->rank) - 1);
  const int32_t pads_shape[2] = {spatial, 2};
  TFM_RETURN_IF_ERROR(ExpectShape(context, pads, pads_role, pads_shape, 2));

  OpData* data = AllocateOpData<OpData>(context);
  if (data == nullptr) return Status::kArenaTooSmall;
  data->spatial = spatial;
  data->element_size = DataTypeSize(input->type);
  int64_t block_count = 1;
  for (int i = 0; i < spatial; ++i) {
    const int64_t b = IndexAt(block, i);
    const int64_t before = IndexAt(pads, 2 * i);
    const int64_t after = IndexAt(pads, 2 * i + 1);
    TFM_ENSURE(context, b >= 1 && b <= INT32_MAX,
               "block_shape entry %d must be at least 1, got %lld", i,
               static_cast<long long>(b));
    TFM_ENSURE(context, before >= 0 && after >= 0,
               "%s of spatial dimension %d must be non-negative, got [%lld, "
               "%lld]",
               pads_role, i, static_cast<long long>(before),
               static_cast<long long>(after));
    data->block[i] = static_cast<int32_t>(b);
    data->before[i] = static_cast<int32_t>(before);
    block_count *= b;
    const int64_t dim = input->dims[1 + i];
    if (to_batch) {
      const int64_t padded = dim + before + after;
      TFM_ENSURE(context, padded % b == 0,
                 "padded spatial dimension %d (%lld) is not a multiple of "
                 "block size %lld",
                 i, static_cast<long long>(padded), static_cast<long long>(b));
      data->space_dims[i] = static_cast<int32_t>(dim);
      data->batch_dims[i] = static_cast<int32_t>(padded / b);
    } else {
      const int64_t cropped = dim * b - before - after;
      TFM_ENSURE(context, cropped >= 0,
                 "crops [%lld, %lld] exceed spatial dimension %d (%lld)",
                 static_cast<long long>(before),
                 static_cast<long long>(after), i,
                 static_cast<long long>(dim * b));
      data->space_dims[i] = static_cast<int32_t>(cropped);
      data->batch_dims[i] = static_cast<int32_t>(dim);
    }
  }
  int32_t output_dims[kMaxMoveRank];
  if (to_batch) {
    data->batch = input->dims[0];
    output_dims[0] = static_cast<int32_t>(input->dims[0] * block_count);
  } else {
    TFM_ENSURE(context, input->dims[0] % block_count == 0,
               "input batch %d is not a multiple of the block size product "
               "%lld",
               static_cast<int>(input->dims[0]),
               static_cast<long long>(block_count));
    data->batch = static_cast<int32_t>(input->dims[0] / block_count);
    output_dims[0] = data->batch;
  }
  for (int i = 0; i < spatial; ++i) {
    output_dims[1 + i] = to_batch ? data->batch_dims[i] : data->space_dims[i];
  }
  for (int d = 1 + spatial; d < input->rank; ++d) {
    output_dims[d] = input->dims[d];
  }
  TFM_RETURN_IF_ERROR(
      ExpectShape(context, output, "output", output_dims, input->rank));
  data->row_bytes = static_cast<size_t>(
      ProductOfDims(input->dims, 1 + spatial, input->rank) *
      static_cast<int64_t>(data->element_size));
  std::memset(data->pad_value, 0, sizeof(data->pad_value));
  *out = data;
  return Status::kOk;
}

// Visits every batch-side row in order, calling copy(batch_row, space_row)
// with the space-side row it maps to, or -1 where that is padding (or
// cropped away).
template <typename Copy>
void WalkSpaceToBatch(const OpData& d, Copy copy) {
  int64_t block_count = 1;
  for (int i = 0; i < d.spatial; ++i) block_count *= d.block[i];
  int64_t batch_row = 0;
  int32_t q[kMaxSpatial];
  for (int64_t offset = 0; offset < block_count; ++offset) {
    int32_t o[kMaxSpatial];
    int64_t rest = offset;
    for (int i = d.spatial - 1; i >= 0; --i) {
      o[i] = static_cast<int32_t>(rest % d.block[i]);
      rest /= d.block[i];
    }
    for (int32_t n = 0; n < d.batch; ++n) {
      for (int i = 0; i < d.spatial; ++i) q[i] = 0;
      bool done = false;
      for (int i = 0; i < d.spatial; ++i) done = done || d.batch_dims[i] == 0;
      while (!done) {
        int64_t space_row = n;
        bool inside = true;
        for (int i = 0; i < d.spatial; ++i) {
          const int64_t s =
              int64_t{q[i]} * d.block[i] + o[i] - d.before[i];
          inside = inside && s >= 0 && s < d.space_dims[i];
          space_row = space_row * d.space_dims[i] + s;
        }
        copy(batch_row++, inside ? space_row : -1);
        int axis = d.spatial - 1;
        for (; axis >= 0; --axis) {
          if (++q[axis] < d.batch_dims[axis]) break;
          q[axis] = 0;
        }
        done = axis < 0;
      }
    }
  }
}

}  // namespace

Status PrepareSpaceToBatch(OpContext& context) {
  OpData* data = nullptr;
  TFM_RETURN_IF_ERROR(PrepareCommon(context, /*to_batch=*/true, &data));
  const Tensor* output = context.output(kOutputTensor);
  // TFLite pads quantized tensors with the output zero point.
  if (output->quant.num_channels > 0) {
    const int32_t zero_point = output->zero_point();
    if (output->type == DataType::kInt8) {
      const auto v = static_cast<int8_t>(zero_point);
      std::memcpy(data->pad_value, &v, 1);
    } else if (output->type == DataType::kUInt8) {
      const auto v = static_cast<uint8_t>(zero_point);
      std::memcpy(data->pad_value, &v, 1);
    } else if (output->type == DataType::kInt16) {
      const auto v = static_cast<int16_t>(zero_point);
      std::memcpy(data->pad_value, &v, 2);
    }
  }
  return Status::kOk;
}

Status PrepareBatchToSpace(OpContext& context) {
  OpData* data = nullptr;
  return PrepareCommon(context, /*to_batch=*/false, &data);
}

Status EvalSpaceToBatch(OpContext& context) {
  const auto& d = *static_cast<const OpData*>(context.op_data());
  const auto* in = static_cast<const uint8_t*>(context.input(0)->data);
  auto* out = static_cast<uint8_t*>(context.output(0)->data);
  const size_t row = d.row_bytes;
  WalkSpaceToBatch(d, [&](int64_t batch_row, int64_t space_row) {
    uint8_t* dst = out + batch_row * static_cast<int64_t>(row);
    if (space_row >= 0) {
      CopyBytes(dst, in + space_row * static_cast<int64_t>(row), row);
      return;
    }
    for (size_t b = 0; b < row; b += d.element_size) {
      std::memcpy(dst + b, d.pad_value, d.element_size);
    }
  });
  return Status::kOk;
}

Status EvalBatchToSpace(OpContext& context) {
  const auto& d = *static_cast<const OpData*>(context.op_data());
  const auto* in = static_cast<const uint8_t*>(context.input(0)->data);
  auto* out = static_cast<uint8_t*>(context.output(0)->data);
  const size_t row = d.row_bytes;
  // Every space-side row is one batch-side row; cropped ones are skipped.
  WalkSpaceToBatch(d, [&](int64_t batch_row, int64_t space_row) {
    if (space_row < 0) return;
    CopyBytes(out + space_row * static_cast<int64_t>(row),
                in + batch_row * static_cast<int64_t>(row), row);
  });
  return Status::kOk;
}

}  // namespace tfmicro
