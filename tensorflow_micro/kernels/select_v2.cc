// SELECT_V2: condition ? x : y elementwise, with NumPy broadcasting of all
// three inputs (rank <= 6). condition is BOOL; x, y and the output share
// one type: FLOAT32, INT8, INT16, INT32, INT64 or BOOL. Values are copied
// as stored (quantized ones keep x's and y's raw values, as in TFLite).
#include <cstdint>

#include "tensorflow_micro/kernels/internal/broadcast.h"
#include "tensorflow_micro/kernels/internal/tensor_util.h"
#include "tensorflow_micro/kernels/internal/type_set.h"
#include "tensorflow_micro/kernels/reference_kernels.h"

namespace tfmicro {
namespace {

constexpr TypeSet kTypes =
    TypeBit(DataType::kFloat32) | TypeBit(DataType::kInt8) |
    TypeBit(DataType::kInt16) | TypeBit(DataType::kInt32) |
    TypeBit(DataType::kInt64) | TypeBit(DataType::kBool);

Status Prepare(OpContext& context) {
  TFM_RETURN_IF_ERROR(ExpectIoCount(context, 3, 3, 1));
  const Tensor* inputs[3] = {context.input(0), context.input(1),
                             context.input(2)};
  const char* const roles[3] = {"condition", "x", "y"};
  const Tensor* output = context.output(0);
  TFM_RETURN_IF_ERROR(
      ExpectType(context, inputs[0], "condition", DataType::kBool));
  TFM_RETURN_IF_ERROR(ExpectTypeIn(context, inputs[1], "x", kTypes));
  TFM_RETURN_IF_ERROR(ExpectSameType(context, inputs[2], "y", inputs[1], "x"));
  TFM_RETURN_IF_ERROR(
      ExpectSameType(context, output, "output", inputs[1], "x"));
  auto* params = AllocateOpData<TernaryBroadcastParams>(context);
  if (params == nullptr) return Status::kArenaTooSmall;
  return PrepareTernaryBroadcast(context, inputs, roles, output, params);
}

template <typename T>
void Select(OpContext& context, const TernaryBroadcastParams& p) {
  // The condition's bytes are read as integers: any nonzero byte is true
  // (a model's BOOL buffer may hold other values than 0 and 1).
  BroadcastTernary(p, context.input(0)->data_as<uint8_t>(),
                   context.input(1)->data_as<T>(),
                   context.input(2)->data_as<T>(),
                   context.output(0)->data_as<T>(),
                   [](uint8_t condition, T x, T y) {
                     return condition != 0 ? x : y;
                   });
}

Status Eval(OpContext& context) {
  const auto& p =
      *static_cast<const TernaryBroadcastParams*>(context.op_data());
  DispatchType(context.input(1)->type, [&](auto zero) {
    Select<decltype(zero)>(context, p);
  });
  return Status::kOk;
}

}  // namespace

const KernelRegistration& Register_SELECT_V2() {
  static const KernelRegistration r = {nullptr, Prepare, Eval, nullptr};
  return r;
}

}  // namespace tfmicro
