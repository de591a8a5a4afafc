// MEAN over the axes listed in a constant int32 tensor (negative axes count
// from the end, duplicates are ignored), with ReducerOptions.keep_dims.
//
// As TFLite's reference kernel: FLOAT32 sums in float in input order and
// divides by the element count; INT8 and INT16 (zero points 0) sum in int32
// and requantize with input_scale / output_scale folded together with
// 1 / count (the same path for every axis set, including Keras'
// GlobalAveragePooling over H and W); INT32 and INT64 sum in int64 and
// divide with truncation.
#include <cstdint>

#include "tensorflow_micro/kernels/reduce_common.h"
#include "tensorflow_micro/kernels/reference_kernels.h"

namespace tfmicro {
namespace {

constexpr int kInputTensor = 0;
constexpr int kOutputTensor = 0;

Status Prepare(OpContext& context) {
  return PrepareSumOrMean(context, /*mean=*/true, kReduceNumericTypes);
}

Status Eval(OpContext& context) {
  const auto& data = *static_cast<const ReduceOpData*>(context.op_data());
  const Tensor* input = context.input(kInputTensor);
  Tensor* output = context.output(kOutputTensor);
  switch (input->type) {
    case DataType::kFloat32: {
      float* out = output->data_as<float>();
      const float count = static_cast<float>(data.reduced_count);
      // An empty reduction gives 0 / 0 = NaN, as in TFLite.
      ReduceEach(
          data, input->data_as<float>(), 0.f,
          [](float acc, float x) { return acc + x; },
          [&](int64_t i, float sum) { out[i] = sum / count; });
      break;
    }
    case DataType::kInt8:
      ReduceRequantizedSum(data, input->data_as<int8_t>(),
                           output->data_as<int8_t>());
      break;
    default:
      EvalWideSumOrMean(data, input, /*mean=*/true, output);
      break;
  }
  return Status::kOk;
}

}  // namespace

const KernelRegistration& Register_MEAN() {
  static const KernelRegistration r = {nullptr, Prepare, Eval, nullptr};
  return r;
}

}  // namespace tfmicro
