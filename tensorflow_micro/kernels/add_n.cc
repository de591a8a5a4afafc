// ADD_N: the elementwise sum of two or more inputs of one shape (no
// broadcasting), summed in input order from zero as TFLite's reference
// kernel does. FLOAT32 and INT32 (wrapping).
#include <cstdint>

#include "tensorflow_micro/kernels/internal/tensor_util.h"
#include "tensorflow_micro/kernels/internal/type_set.h"
#include "tensorflow_micro/kernels/reference_kernels.h"

namespace tfmicro {
namespace {

constexpr TypeSet kTypes =
    TypeBit(DataType::kFloat32) | TypeBit(DataType::kInt32);
// Enough for any model; only bounds the loop of checks.
constexpr int kMaxInputs = 1 << 16;

Status Prepare(OpContext& context) {
  TFM_RETURN_IF_ERROR(ExpectIoCount(context, 2, kMaxInputs, 1));
  const Tensor* first = context.input(0);
  const Tensor* output = context.output(0);
  TFM_RETURN_IF_ERROR(ExpectTypeIn(context, first, "input0", kTypes));
  for (int i = 1; i < context.num_inputs(); ++i) {
    const Tensor* input = context.input(i);
    TFM_ENSURE(context, input != nullptr, "input%d is missing", i);
    TFM_ENSURE(context, input->type == first->type,
               "input%d type %s differs from input0's %s", i,
               DataTypeName(input->type), DataTypeName(first->type));
    TFM_ENSURE(context, SameShape(*input, *first),
               "input%d shape %s differs from input0's %s", i,
               ShapeText(*input).text, ShapeText(*first).text);
  }
  TFM_RETURN_IF_ERROR(
      ExpectSameType(context, output, "output", first, "input0"));
  return ExpectSameShape(context, output, "output", first, "input0");
}

template <typename T, typename Accumulator>
void Sum(OpContext& context) {
  T* out = context.output(0)->data_as<T>();
  const int64_t size = context.input(0)->num_elements();
  const int n = context.num_inputs();
  for (int64_t e = 0; e < size; ++e) {
    Accumulator sum = 0;
    for (int i = 0; i < n; ++i) {
      sum += static_cast<Accumulator>(context.input(i)->data_as<T>()[e]);
    }
    out[e] = static_cast<T>(sum);
  }
}

Status Eval(OpContext& context) {
  if (context.input(0)->type == DataType::kFloat32) {
    Sum<float, float>(context);
  } else {
    // Unsigned, so that overflow wraps as on two's complement hardware.
    Sum<int32_t, uint32_t>(context);
  }
  return Status::kOk;
}

}  // namespace

const KernelRegistration& Register_ADD_N() {
  static const KernelRegistration r = {nullptr, Prepare, Eval, nullptr};
  return r;
}

}  // namespace tfmicro
