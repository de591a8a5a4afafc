// CUMSUM: running sums along the axis of input 1 (a constant INT32 or
// INT64 scalar, negative counting from the end); `exclusive` leaves each
// element out of its own sum, `reverse` sums from the end. FLOAT32, INT32
// and INT64, summed in the element type in order along the axis (as
// TFLite's kernel).
#include <cstdint>
#include <type_traits>

#include "tensorflow_micro/kernels/internal/tensor_util.h"
#include "tensorflow_micro/kernels/internal/type_set.h"
#include "tensorflow_micro/kernels/reference_kernels.h"
#include "tensorflow_micro/schema/schema_generated.h"

namespace tfmicro {
namespace {

constexpr int kInputTensor = 0;
constexpr int kAxisTensor = 1;
constexpr int kOutputTensor = 0;

struct OpData {
  int64_t outer;
  int32_t axis_size;
  int64_t inner;
  bool exclusive;
  bool reverse;
};

Status Prepare(OpContext& context) {
  TFM_RETURN_IF_ERROR(ExpectIoCount(context, 2, 2, 1));
  const Tensor* input = context.input(kInputTensor);
  const Tensor* axis_tensor = context.input(kAxisTensor);
  const Tensor* output = context.output(kOutputTensor);
  TFM_RETURN_IF_ERROR(ExpectTypeIn(context, input, "input",
                                   TypeBit(DataType::kFloat32) |
                                       TypeBit(DataType::kInt32) |
                                       TypeBit(DataType::kInt64)));
  TFM_RETURN_IF_ERROR(
      ExpectSameType(context, output, "output", input, "input"));
  TFM_RETURN_IF_ERROR(
      ExpectSameShape(context, output, "output", input, "input"));
  TFM_ENSURE(context, input->rank >= 1, "input must have rank 1 or more");
  int axis = 0;
  TFM_RETURN_IF_ERROR(
      ReadConstantAxis(context, axis_tensor, input->rank, &axis));
  OpData* data = AllocateOpData<OpData>(context);
  if (data == nullptr) return Status::kArenaTooSmall;
  const auto* opts = context.options<schema::CumsumOptions>();
  data->exclusive = opts != nullptr && opts->exclusive();
  data->reverse = opts != nullptr && opts->reverse();
  data->outer = ProductOfDims(input->dims, 0, axis);
  data->axis_size = input->dims[axis];
  data->inner = ProductOfDims(input->dims, axis + 1, input->rank);
  return Status::kOk;
}

// a + b; integers wrap around (as TFLite's sum does on every target) rather
// than overflow.
template <typename T>
T Add(T a, T b) {
  if constexpr (std::is_integral_v<T>) {
    using U = std::make_unsigned_t<T>;
    return static_cast<T>(static_cast<U>(a) + static_cast<U>(b));
  } else {
    return a + b;
  }
}

template <typename T>
void CumSum(const OpData& d, const T* in, T* out) {
  for (int64_t o = 0; o < d.outer; ++o) {
    const int64_t base = o * d.axis_size * d.inner;
    for (int64_t i = 0; i < d.inner; ++i) {
      T sum = 0;
      for (int32_t step = 0; step < d.axis_size; ++step) {
        const int32_t a = d.reverse ? d.axis_size - 1 - step : step;
        const int64_t at = base + a * d.inner + i;
        if (d.exclusive) {
          out[at] = sum;
          sum = Add(sum, in[at]);
        } else {
          sum = Add(sum, in[at]);
          out[at] = sum;
        }
      }
    }
  }
}

Status Eval(OpContext& context) {
  const auto& d = *static_cast<const OpData*>(context.op_data());
  const Tensor* input = context.input(kInputTensor);
  Tensor* output = context.output(kOutputTensor);
  switch (input->type) {
    case DataType::kFloat32:
      CumSum(d, input->data_as<float>(), output->data_as<float>());
      break;
    case DataType::kInt32:
      CumSum(d, input->data_as<int32_t>(), output->data_as<int32_t>());
      break;
    default:
      CumSum(d, input->data_as<int64_t>(), output->data_as<int64_t>());
      break;
  }
  return Status::kOk;
}

}  // namespace

const KernelRegistration& Register_CUMSUM() {
  static const KernelRegistration r = {nullptr, Prepare, Eval, nullptr};
  return r;
}

}  // namespace tfmicro
