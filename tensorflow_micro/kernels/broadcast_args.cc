// BROADCAST_ARGS: the broadcast of two shapes (INT32 or INT64 vectors of
// one type), with NumPy's rules: right-aligned, a 1 takes the other
// extent. The output, of the inputs' type, has as many entries as the
// longer shape. Incompatible shapes fail the Invoke.
#include <cstdint>

#include "tensorflow_micro/kernels/internal/tensor_util.h"
#include "tensorflow_micro/kernels/reference_kernels.h"

namespace tfmicro {
namespace {

constexpr int kShape0Tensor = 0;
constexpr int kShape1Tensor = 1;
constexpr int kOutputTensor = 0;

Status Prepare(OpContext& context) {
  TFM_RETURN_IF_ERROR(ExpectIoCount(context, 2, 2, 1));
  const Tensor* s0 = context.input(kShape0Tensor);
  const Tensor* s1 = context.input(kShape1Tensor);
  const Tensor* output = context.output(kOutputTensor);
  TFM_RETURN_IF_ERROR(ExpectIndexType(context, s0, "shape 0"));
  TFM_RETURN_IF_ERROR(ExpectSameType(context, s1, "shape 1", s0, "shape 0"));
  TFM_RETURN_IF_ERROR(ExpectSameType(context, output, "output", s0, "shape 0"));
  TFM_ENSURE(context, s0->rank == 1 && s1->rank == 1,
             "shapes must be vectors, got %s and %s", ShapeText(*s0).text,
             ShapeText(*s1).text);
  const int32_t length = s0->dims[0] > s1->dims[0] ? s0->dims[0] : s1->dims[0];
  const int32_t expected[1] = {length};
  return ExpectShape(context, output, "output", expected, 1);
}

Status Eval(OpContext& context) {
  const Tensor* s0 = context.input(kShape0Tensor);
  const Tensor* s1 = context.input(kShape1Tensor);
  Tensor* output = context.output(kOutputTensor);
  const int32_t n0 = s0->dims[0];
  const int32_t n1 = s1->dims[0];
  const int32_t length = output->dims[0];
  for (int32_t i = 0; i < length; ++i) {
    // Entry i of the output aligns with entry i - (length - n) of a shape.
    const int32_t i0 = i - (length - n0);
    const int32_t i1 = i - (length - n1);
    const int64_t a = i0 >= 0 ? IndexAt(s0, i0) : 1;
    const int64_t b = i1 >= 0 ? IndexAt(s1, i1) : 1;
    if (a != b && a != 1 && b != 1) {
      return context.Error(
          "shapes are not broadcastable: entry %d is %lld and %lld",
          static_cast<int>(i), static_cast<long long>(a),
          static_cast<long long>(b));
    }
    const int64_t value = a == 1 ? b : a;
    if (output->type == DataType::kInt32) {
      output->data_as<int32_t>()[i] = static_cast<int32_t>(value);
    } else {
      output->data_as<int64_t>()[i] = value;
    }
  }
  return Status::kOk;
}

}  // namespace

const KernelRegistration& Register_BROADCAST_ARGS() {
  static const KernelRegistration r = {nullptr, Prepare, Eval, nullptr};
  return r;
}

}  // namespace tfmicro
