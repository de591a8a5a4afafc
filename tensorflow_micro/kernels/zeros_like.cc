// ZEROS_LIKE: a tensor of zeros of the input's type and shape. FLOAT32,
// INT32 and INT64, the types TFLite's reference kernel takes.
#include <cstring>

#include "tensorflow_micro/kernels/elementwise_unary_common.h"
#include "tensorflow_micro/kernels/reference_kernels.h"

namespace tfmicro {
namespace {

constexpr TypeSet kTypes = TypeBit(DataType::kFloat32) |
                           TypeBit(DataType::kInt32) | TypeBit(DataType::kInt64);

Status Prepare(OpContext& context) {
  UnaryOpData* data;
  return UnaryPrepare(context, kTypes, false, &data);
}

Status Eval(OpContext& context) {
  Tensor* output = context.output(0);
  // All-zero bytes are 0 and 0.0f in every accepted type.
  std::memset(output->data, 0, output->bytes);
  return Status::kOk;
}

}  // namespace

const KernelRegistration& Register_ZEROS_LIKE() {
  static const KernelRegistration r = {nullptr, Prepare, Eval, nullptr};
  return r;
}

}  // namespace tfmicro
