// REDUCE_PROD over constant axes (see reduce_common.h), with
// ReducerOptions.keep_dims: the product of each output's elements in input
// order (1 for an empty reduction), as TFLite's reference kernel: FLOAT32 in
// float, INT32 and INT64 in the element type, wrapping like two's complement
// hardware. TFLite's quantized (INT8/INT16) product is not supported.
#include <cstdint>
#include <type_traits>

#include "tensorflow_micro/kernels/internal/type_set.h"
#include "tensorflow_micro/kernels/reduce_common.h"
#include "tensorflow_micro/kernels/reference_kernels.h"

namespace tfmicro {
namespace {

constexpr int kInputTensor = 0;
constexpr int kOutputTensor = 0;

Status Prepare(OpContext& context) {
  ReduceOpData* data = nullptr;
  return PrepareReduce(context,
                       TypeBit(DataType::kFloat32) | TypeBit(DataType::kInt32) |
                           TypeBit(DataType::kInt64),
                       &data);
}

template <typename T>
T Multiply(T a, T b) {
  if constexpr (std::is_floating_point<T>::value) {
    return a * b;
  } else {
    using Unsigned = typename std::make_unsigned<T>::type;
    return static_cast<T>(static_cast<Unsigned>(a) * static_cast<Unsigned>(b));
  }
}

template <typename T>
void ReduceProd(const ReduceOpData& data, const Tensor* input,
                Tensor* output) {
  T* out = output->data_as<T>();
  ReduceEach(
      data, input->data_as<T>(), T{1}, Multiply<T>,
      [out](int64_t i, T product) { out[i] = product; });
}

Status Eval(OpContext& context) {
  const auto& data = *static_cast<const ReduceOpData*>(context.op_data());
  const Tensor* input = context.input(kInputTensor);
  Tensor* output = context.output(kOutputTensor);
  switch (input->type) {
    case DataType::kFloat32:
      ReduceProd<float>(data, input, output);
      break;
    case DataType::kInt32:
      ReduceProd<int32_t>(data, input, output);
      break;
    default:
      ReduceProd<int64_t>(data, input, output);
      break;
  }
  return Status::kOk;
}

}  // namespace

const KernelRegistration& Register_REDUCE_PROD() {
  static const KernelRegistration r = {nullptr, Prepare, Eval, nullptr};
  return r;
}

}  // namespace tfmicro
