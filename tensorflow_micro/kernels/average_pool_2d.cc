// AVERAGE_POOL_2D over NHWC, as TFLite's reference kernel: windows clipped
// to the input, the average divided by the covered element count; int8
// rounds half away from zero.
#include "tensorflow_micro/kernels/internal/pooling.h"
#include "tensorflow_micro/kernels/pooling_common.h"
#include "tensorflow_micro/kernels/reference_kernels.h"

namespace tfmicro {
namespace {

constexpr int kInputTensor = 0;
constexpr int kOutputTensor = 0;

Status Eval(OpContext& context) {
  const auto& data = *static_cast<const PoolOpData*>(context.op_data());
  const Tensor* input = context.input(kInputTensor);
  Tensor* output = context.output(kOutputTensor);
  if (input->type == DataType::kFloat32) {
    AveragePoolFloat(data.geometry, data.float_activation_min,
                     data.float_activation_max, input->data_as<float>(),
                     output->data_as<float>());
  } else {
    AveragePoolInt8(data.geometry, data.quantized_activation_min,
                    data.quantized_activation_max, input->data_as<int8_t>(),
                    output->data_as<int8_t>());
  }
  return Status::kOk;
}

}  // namespace

const KernelRegistration& Register_AVERAGE_POOL_2D() {
  static const KernelRegistration r = {nullptr, PreparePool, Eval,
                                        nullptr};
  return r;
}

}  // namespace tfmicro
