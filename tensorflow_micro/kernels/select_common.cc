#include "tensorflow_micro/kernels/select_common.h"

#include <cstdint>

#include "tensorflow_micro/kernels/internal/broadcast.h"
#include "tensorflow_micro/kernels/internal/tensor_util.h"
#include "tensorflow_micro/kernels/internal/type_set.h"

namespace tfmicro {
namespace {

constexpr TypeSet kTypes =
    TypeBit(DataType::kFloat32) | TypeBit(DataType::kInt8) |
    TypeBit(DataType::kInt16) | TypeBit(DataType::kInt32) |
    TypeBit(DataType::kInt64) | TypeBit(DataType::kBool);

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

}  // namespace

Status PrepareSelect(OpContext& context, bool numpy_broadcast) {
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
  // SELECT's vector condition, seen as [n, 1, ..., 1] of x's rank so that
  // it broadcasts along x's first dimension.
  Tensor condition_view;
  int32_t condition_dims[kMaxBroadcastRank];
  if (!numpy_broadcast) {
    const Tensor* condition = inputs[0];
    const Tensor* x = inputs[1];
    TFM_RETURN_IF_ERROR(ExpectSameShape(context, inputs[2], "y", x, "x"));
    bool same_shape = condition->rank == x->rank;
    for (int i = 0; same_shape && i < x->rank; ++i) {
      same_shape = condition->dims[i] == x->dims[i];
    }
    const bool vector = condition->rank == 1 && x->rank >= 1 &&
                        condition->dims[0] == x->dims[0];
    TFM_ENSURE(context, same_shape || condition->rank == 0 || vector,
               "condition %s must have x's shape %s, be a scalar or a "
               "vector along x's first dimension",
               ShapeText(*condition).text, ShapeText(*x).text);
    if (vector && !same_shape && x->rank <= kMaxBroadcastRank) {
      condition_view = *condition;
      condition_view.rank = x->rank;
      condition_dims[0] = condition->dims[0];
      for (int i = 1; i < x->rank; ++i) condition_dims[i] = 1;
      condition_view.dims = condition_dims;
      inputs[0] = &condition_view;
    }
  }
  auto* params = AllocateOpData<TernaryBroadcastParams>(context);
  if (params == nullptr) return Status::kArenaTooSmall;
  return PrepareTernaryBroadcast(context, inputs, roles, output, params);
}

Status EvalSelect(OpContext& context) {
  const auto& p =
      *static_cast<const TernaryBroadcastParams*>(context.op_data());
  DispatchType(context.input(1)->type, [&](auto zero) {
    Select<decltype(zero)>(context, p);
  });
  return Status::kOk;
}

}  // namespace tfmicro
