// FILL: a tensor of the shape in input 0 (a constant INT32 or INT64
// vector) with every element equal to input 1 (a scalar of the output's
// type and quantization). Any element type of 1, 2, 4 or 8 bytes. The
// output tensor must have that shape.
#include <cstdint>
#include <cstring>

#include "tensorflow_micro/kernels/data_movement_common.h"
#include "tensorflow_micro/kernels/internal/tensor_util.h"
#include "tensorflow_micro/kernels/reference_kernels.h"

namespace tfmicro {
namespace {

constexpr int kDimsTensor = 0;
constexpr int kValueTensor = 1;
constexpr int kOutputTensor = 0;

Status Prepare(OpContext& context) {
  TFM_RETURN_IF_ERROR(ExpectIoCount(context, 2, 2, 1));
  const Tensor* dims = context.input(kDimsTensor);
  const Tensor* value = context.input(kValueTensor);
  const Tensor* output = context.output(kOutputTensor);
  TFM_RETURN_IF_ERROR(ExpectMovedElements(context, value, output));
  TFM_ENSURE(context, value->num_elements() == 1 && value->rank == 0,
             "value must be a scalar, got shape %s", ShapeText(*value).text);
  TFM_RETURN_IF_ERROR(ExpectConstantIndices(context, dims, "dims"));
  TFM_ENSURE(context, dims->rank == 1, "dims must be a vector, got shape %s",
             ShapeText(*dims).text);
  const int rank = dims->dims[0];
  TFM_ENSURE(context, rank <= kMaxMoveRank,
             "dims has %d entries, at most %d supported", rank, kMaxMoveRank);
  int32_t target[kMaxMoveRank];
  for (int i = 0; i < rank; ++i) {
    const int64_t dim = IndexAt(dims, i);
    TFM_ENSURE(context, dim >= 0 && dim <= INT32_MAX,
               "dims entry %d (%lld) is not a dimension", i,
               static_cast<long long>(dim));
    target[i] = static_cast<int32_t>(dim);
  }
  return ExpectShape(context, output, "output", target, rank);
}

Status Eval(OpContext& context) {
  const Tensor* value = context.input(kValueTensor);
  Tensor* output = context.output(kOutputTensor);
  const size_t size = DataTypeSize(value->type);
  auto* out = static_cast<uint8_t*>(output->data);
  const int64_t count = output->num_elements();
  for (int64_t i = 0; i < count; ++i) {
    std::memcpy(out + i * static_cast<int64_t>(size), value->data, size);
  }
  return Status::kOk;
}

}  // namespace

const KernelRegistration& Register_FILL() {
  static const KernelRegistration r = {nullptr, Prepare, Eval, nullptr};
  return r;
}

}  // namespace tfmicro
