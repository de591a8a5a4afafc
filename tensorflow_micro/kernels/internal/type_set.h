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

}  // namespace tfmicro

#endif  // TENSORFLOW_MICRO_KERNELS_INTERNAL_TYPE_SET_H_
