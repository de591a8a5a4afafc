// REDUCE_ALL over constant axes (see reduce_common.h), with
// ReducerOptions.keep_dims: the logical AND of each output's BOOL elements
// (true for an empty reduction), as TFLite's reference kernel.
#include "tensorflow_micro/kernels/internal/type_set.h"
#include "tensorflow_micro/kernels/reduce_common.h"
#include "tensorflow_micro/kernels/reference_kernels.h"

namespace tfmicro {
namespace {

constexpr int kInputTensor = 0;
constexpr int kOutputTensor = 0;

Status Prepare(OpContext& context) {
  ReduceOpData* data = nullptr;
  return PrepareReduce(context, TypeBit(DataType::kBool), &data);
}

Status Eval(OpContext& context) {
  const auto& data = *static_cast<const ReduceOpData*>(context.op_data());
  bool* out = context.output(kOutputTensor)->data_as<bool>();
  ReduceEach(
      data, context.input(kInputTensor)->data_as<BoolByte>(), true,
      [](bool acc, BoolByte x) { return acc && x; },
      [&](int64_t i, bool all) { out[i] = all; });
  return Status::kOk;
}

}  // namespace

const KernelRegistration& Register_REDUCE_ALL() {
  static const KernelRegistration r = {nullptr, Prepare, Eval, nullptr};
  return r;
}

}  // namespace tfmicro
