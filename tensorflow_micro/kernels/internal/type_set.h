// Sets of tensor types for the checks of kernels that take several types.
#ifndef TENSORFLOW_MICRO_KERNELS_INTERNAL_TYPE_SET_H_
#define TENSORFLOW_MICRO_KERNELS_INTERNAL_TYPE_SET_H_

#include <cstdint>

#include "tensorflow_micro/core/kernel_api.h"

namespace tfmicro {

// One bit per DataType value.
using TypeSet = uint32_t;
constexpr TypeSet TypeBit(DataType type) {
  return TypeSet{1} << static_cast<int>(type);
}
constexpr TypeSet kFloat32Only = TypeBit(DataType::kFloat32);

// Checks tensor->type is in `types`; the message names `role` and lists
// the accepted types.
Status ExpectTypeIn(OpContext& context, const Tensor* tensor, const char* role,
                    TypeSet types);

// A BOOL tensor element, read as its byte: a model's buffer may hold any
// byte, and loading one other than 0 or 1 as a C++ bool is undefined
// behaviour. Nonzero reads as true; a BoolByte made from a bool holds 0 or
// 1. Copying one copies its byte.
struct BoolByte {
  uint8_t byte;

  BoolByte() = default;
  constexpr BoolByte(bool value) : byte(value ? 1 : 0) {}  // NOLINT: implicit
  constexpr operator bool() const { return byte != 0; }    // NOLINT: implicit
  friend constexpr bool operator==(BoolByte a, BoolByte b) {
    return static_cast<bool>(a) == static_cast<bool>(b);
  }
  friend constexpr bool operator!=(BoolByte a, BoolByte b) {
    return !(a == b);
  }
};
static_assert(sizeof(BoolByte) == 1, "a BOOL element is one byte");

// Calls fn(T{}) with T the C++ type of `type` and returns its result:
// float, int8_t, int16_t, int32_t, and int64_t for any other type (callers
// have checked the type in prepare).
template <typename Fn>
auto DispatchNumericType(DataType type, Fn fn) {
  switch (type) {
    case DataType::kFloat32:
      return fn(float{});
    case DataType::kInt8:
      return fn(int8_t{});
    case DataType::kInt16:
      return fn(int16_t{});
    case DataType::kInt32:
      return fn(int32_t{});
    default:
      return fn(int64_t{});
  }
}

// DispatchNumericType also for UINT8 (uint8_t) and BOOL (BoolByte).
template <typename Fn>
auto DispatchType(DataType type, Fn fn) {
  if (type == DataType::kUInt8) return fn(uint8_t{});
  if (type == DataType::kBool) return fn(BoolByte{});
  return DispatchNumericType(type, fn);
}

}  // namespace tfmicro

#endif  // TENSORFLOW_MICRO_KERNELS_INTERNAL_TYPE_SET_H_
