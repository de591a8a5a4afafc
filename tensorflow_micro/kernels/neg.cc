// NEG: -x. FLOAT32, INT32 and INT64 (wrapping at the type's minimum), the
// types TFLite's reference kernel takes.
#include <cstdint>

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

template <typename T, typename U>
void EvalInteger(OpContext& context) {
  UnaryMap<T>(context,
              [](T x) { return static_cast<T>(U{0} - static_cast<U>(x)); });
}

Status Eval(OpContext& context) {
  switch (context.input(0)->type) {
    case DataType::kFloat32:
      UnaryMap<float>(context, [](float x) { return -x; });
      break;
    case DataType::kInt32:
      EvalInteger<int32_t, uint32_t>(context);
      break;
    default:
      EvalInteger<int64_t, uint64_t>(context);
      break;
  }
  return Status::kOk;
}

}  // namespace

const KernelRegistration& Register_NEG() {
  static const KernelRegistration r = {nullptr, Prepare, Eval, nullptr};
  return r;
}

}  // namespace tfmicro
