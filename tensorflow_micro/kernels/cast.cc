// CAST: each element converted to the output's type, as static_cast in
// TFLite's reference kernel: FLOAT32, INT8, UINT8, INT16, INT32, INT64 and
// BOOL in and out (quantization is ignored). To BOOL: x != 0; from BOOL:
// 0 or 1 (any nonzero byte of a BOOL tensor is true).
//
// Float to integer truncates toward zero. Where C++ leaves the conversion
// undefined (NaN, out of range) the result is what TFLite's x86 build
// gives, on every target: the integer minimum for INT32/INT64, and for
// narrower types the low bits of the INT32 conversion.
#include <cstdint>
#include <limits>
#include <type_traits>

#include "tensorflow_micro/kernels/internal/tensor_util.h"
#include "tensorflow_micro/kernels/internal/type_set.h"
#include "tensorflow_micro/kernels/reference_kernels.h"

namespace tfmicro {
namespace {

constexpr TypeSet kTypes =
    TypeBit(DataType::kFloat32) | TypeBit(DataType::kInt8) |
    TypeBit(DataType::kUInt8) | TypeBit(DataType::kInt16) |
    TypeBit(DataType::kInt32) | TypeBit(DataType::kInt64) |
    TypeBit(DataType::kBool);

Status Prepare(OpContext& context) {
  TFM_RETURN_IF_ERROR(ExpectIoCount(context, 1, 1, 1));
  const Tensor* input = context.input(0);
  const Tensor* output = context.output(0);
  TFM_RETURN_IF_ERROR(ExpectTypeIn(context, input, "input", kTypes));
  TFM_RETURN_IF_ERROR(ExpectTypeIn(context, output, "output", kTypes));
  return ExpectSameShape(context, output, "output", input, "input");
}

// float -> integer with x86's conversion where C++'s is undefined.
template <typename To>
To FloatToInteger(float x) {
  using Wide = typename std::conditional<sizeof(To) == 8, int64_t,
                                         int32_t>::type;
  // Wide's range is [-limit, limit), limit a power of two float holds.
  constexpr float limit = -static_cast<float>(std::numeric_limits<Wide>::min());
  const Wide wide = (x >= -limit && x < limit)
                        ? static_cast<Wide>(x)
                        : std::numeric_limits<Wide>::min();
  return static_cast<To>(wide);
}

template <typename From, typename To>
To Convert(From x) {
  if constexpr (std::is_same<From, BoolByte>::value) {
    return Convert<bool, To>(static_cast<bool>(x));
  } else if constexpr (std::is_same<To, BoolByte>::value) {
    return BoolByte(x != From{0});
  } else if constexpr (std::is_floating_point<From>::value &&
                       std::is_integral<To>::value) {
    return FloatToInteger<To>(x);
  } else {
    return static_cast<To>(x);
  }
}

template <typename From, typename To>
void CastTo(const Tensor* input, Tensor* output) {
  const From* in = input->data_as<From>();
  To* out = output->data_as<To>();
  const int64_t size = input->num_elements();
  for (int64_t i = 0; i < size; ++i) out[i] = Convert<From, To>(in[i]);
}

Status Eval(OpContext& context) {
  const Tensor* input = context.input(0);
  Tensor* output = context.output(0);
  DispatchType(input->type, [&](auto from) {
    DispatchType(output->type, [&](auto to) {
      CastTo<decltype(from), decltype(to)>(input, output);
    });
  });
  return Status::kOk;
}

}  // namespace

const KernelRegistration& Register_CAST() {
  static const KernelRegistration r = {nullptr, Prepare, Eval, nullptr};
  return r;
}

}  // namespace tfmicro
