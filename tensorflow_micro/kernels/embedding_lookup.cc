// EMBEDDING_LOOKUP: output row i is row ids[i] of `value` (ids a 1-D INT32
// tensor). The output has value's type (any element type of 1, 2, 4 or 8
// bytes), or is FLOAT32 for an INT8 or UINT8 value (TFLite's hybrid
// lookup: each element times the value's scale, per tensor or per row).
// An id outside [0, rows) fails the Invoke.
#include <cstdint>

#include "tensorflow_micro/kernels/data_movement_common.h"
#include "tensorflow_micro/kernels/internal/tensor_util.h"
#include "tensorflow_micro/kernels/reference_kernels.h"

namespace tfmicro {
namespace {

constexpr int kIdsTensor = 0;
constexpr int kValueTensor = 1;
constexpr int kOutputTensor = 0;

struct OpData {
  int32_t rows;
  int64_t row_size;  // elements per row
  bool hybrid;
};

Status Prepare(OpContext& context) {
  TFM_RETURN_IF_ERROR(ExpectIoCount(context, 2, 2, 1));
  const Tensor* ids = context.input(kIdsTensor);
  const Tensor* value = context.input(kValueTensor);
  const Tensor* output = context.output(kOutputTensor);
  TFM_RETURN_IF_ERROR(ExpectType(context, ids, "ids", DataType::kInt32));
  TFM_ENSURE(context, ids->rank == 1, "ids must be a vector, got shape %s",
             ShapeText(*ids).text);
  TFM_ENSURE(context, value->rank >= 1 && value->rank <= kMaxMoveRank,
             "value rank %d not supported (1 to %d)",
             static_cast<int>(value->rank), kMaxMoveRank);
  const bool hybrid = output->type == DataType::kFloat32 &&
                      (value->type == DataType::kInt8 ||
                       value->type == DataType::kUInt8);
  if (hybrid) {
    TFM_RETURN_IF_ERROR(ExpectHasQuantization(context, value, "value"));
    TFM_ENSURE(context,
               value->quant.num_channels == 1 ||
                   (value->quant.num_channels == value->dims[0] &&
                    value->quant.quantized_dimension == 0),
               "value must have one scale or one per row, got %d",
               static_cast<int>(value->quant.num_channels));
  } else {
    TFM_RETURN_IF_ERROR(ExpectMovedElements(context, value, output));
  }
  int32_t output_dims[kMaxMoveRank];
  output_dims[0] = ids->dims[0];
  for (int d = 1; d < value->rank; ++d) output_dims[d] = value->dims[d];
  TFM_RETURN_IF_ERROR(
      ExpectShape(context, output, "output", output_dims, value->rank));
  OpData* data = AllocateOpData<OpData>(context);
  if (data == nullptr) return Status::kArenaTooSmall;
  data->rows = value->dims[0];
  data->row_size = ProductOfDims(value->dims, 1, value->rank);
  data->hybrid = hybrid;
  return Status::kOk;
}

template <typename Q>
void Dequantize(const Q* row, float scale, int64_t count, float* out) {
  for (int64_t j = 0; j < count; ++j) out[j] = scale * row[j];
}

Status Eval(OpContext& context) {
  const auto& d = *static_cast<const OpData*>(context.op_data());
  const Tensor* ids = context.input(kIdsTensor);
  const Tensor* value = context.input(kValueTensor);
  Tensor* output = context.output(kOutputTensor);
  const size_t element_size = DataTypeSize(value->type);
  const size_t row_bytes = static_cast<size_t>(d.row_size) * element_size;
  const auto* in = static_cast<const uint8_t*>(value->data);
  for (int32_t i = 0; i < ids->dims[0]; ++i) {
    const int32_t id = ids->data_as<int32_t>()[i];
    if (id < 0 || id >= d.rows) {
      return context.Error("id %d at position %d out of range [0, %d)",
                           static_cast<int>(id), static_cast<int>(i),
                           static_cast<int>(d.rows));
    }
    const uint8_t* row = in + id * static_cast<int64_t>(row_bytes);
    if (!d.hybrid) {
      CopyBytes(static_cast<uint8_t*>(output->data) +
                      i * static_cast<int64_t>(row_bytes),
                  row, row_bytes);
      continue;
    }
    const float scale = value->quant.scales[value->quant.num_channels == 1
                                                 ? 0
                                                 : id];
    float* out = output->data_as<float>() + i * d.row_size;
    if (value->type == DataType::kInt8) {
      Dequantize(reinterpret_cast<const int8_t*>(row), scale, d.row_size, out);
    } else {
      Dequantize(row, scale, d.row_size, out);
    }
  }
  return Status::kOk;
}

}  // namespace

const KernelRegistration& Register_EMBEDDING_LOOKUP() {
  static const KernelRegistration r = {nullptr, Prepare, Eval, nullptr};
  return r;
}

}  // namespace tfmicro
