// SHAPE: the input's dimensions as a 1-D INT32 or INT64 tensor.
#include <cstdint>

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
  if (output->type != DataType::kInt32 && output->type != DataType::kInt64) {
    return context.Error(
        "output type %s not supported (expected INT32 or "
        "INT64)",
        DataTypeName(output->type));
  }
  const auto* opts = context.options<schema::ShapeOptions>();
  // out_type FLOAT32 (0) is the converter's "left out", read as the
  // output's own type.
  if (opts != nullptr && opts->out_type() != schema::TensorType_FLOAT32) {
    const auto out_type = static_cast<DataType>(opts->out_type());
    TFM_ENSURE(context, out_type == output->type,
               "out_type option %s does not match the output type %s",
               DataTypeName(out_type), DataTypeName(output->type));
  }
  const int32_t expected[1] = {input->rank};
  return ExpectShape(context, output, "output", expected, 1);
}

Status Eval(OpContext& context) {
  const Tensor* input = context.input(kInputTensor);
  Tensor* output = context.output(kOutputTensor);
  if (output->type == DataType::kInt32) {
    int32_t* out = output->data_as<int32_t>();
    for (int i = 0; i < input->rank; ++i) out[i] = input->dims[i];
  } else {
    int64_t* out = output->data_as<int64_t>();
    for (int i = 0; i < input->rank; ++i) out[i] = input->dims[i];
  }
  return Status::kOk;
}

}  // namespace

const KernelRegistration& Register_SHAPE() {
  static const KernelRegistration r = {nullptr, Prepare, Eval, nullptr};
  return r;
}

}  // namespace tfmicro
