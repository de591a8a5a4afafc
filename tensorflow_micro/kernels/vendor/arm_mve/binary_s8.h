// The loop of arm_mve's int8 ADD and MUL: four elements per vector, for
// inputs of the output's size or one of them a single value (the common
// broadcasts; others use the reference). Each element's inputs are read
// before it is written, so the reference's in-place allowance holds.
#ifndef TENSORFLOW_MICRO_KERNELS_VENDOR_ARM_MVE_BINARY_S8_H_
#define TENSORFLOW_MICRO_KERNELS_VENDOR_ARM_MVE_BINARY_S8_H_

#include <cstdint>

#include "tensorflow_micro/core/kernel_api.h"
#include "tensorflow_micro/kernels/vendor/arm_mve/mve_math.h"

namespace tfmicro {
namespace arm_mve {

enum class BinaryShape {
  kReference,  // another broadcast, or not INT8
  kSameSize,   // both inputs have the output's elements
  kScalar1,    // input 1 is one value
  kScalar2,    // input 2 is one value
};

// The fast path of an INT8 binary op's node.
inline BinaryShape ClassifyBinaryS8(OpContext& context) {
  const Tensor* input1 = context.input(0);
  const Tensor* input2 = context.input(1);
  const Tensor* output = context.output(0);
  if (output->type != DataType::kInt8) return BinaryShape::kReference;
  const int64_t n = output->num_elements();
  const int64_t n1 = input1->num_elements();
  const int64_t n2 = input2->num_elements();
  if (n1 == n && n2 == n) return BinaryShape::kSameSize;
  if (n1 == 1 && n2 == n) return BinaryShape::kScalar1;
  if (n2 == 1 && n1 == n) return BinaryShape::kScalar2;
  return BinaryShape::kReference;
}

// out[i] = op(in1 lanes, in2 lanes) over the node's tensors, where op
// takes and gives I32x4 (input values widened, no offsets added) and gives
// the clamped int8 results; a single-value input is read as that value in
// every lane.
template <typename Op>
void EvalBinaryS8(OpContext& context, BinaryShape shape, Op op) {
  const int8_t* in1 = context.input(0)->data_as<int8_t>();
  const int8_t* in2 = context.input(1)->data_as<int8_t>();
  Tensor* output = context.output(0);
  int8_t* out = output->data_as<int8_t>();
  const int n = static_cast<int>(output->num_elements());
  const I32x4 scalar1 = Dup32(in1[0]);
  const I32x4 scalar2 = Dup32(in2[0]);
  for (int i = 0; i < n; i += 4) {
    const Pred lanes = Tail32(n - i);
    const I32x4 a =
        shape == BinaryShape::kScalar1 ? scalar1 : Load8To32Z(in1 + i, lanes);
    const I32x4 b =
        shape == BinaryShape::kScalar2 ? scalar2 : Load8To32Z(in2 + i, lanes);
    Store32To8P(out + i, op(a, b), lanes);
  }
}

}  // namespace arm_mve
}  // namespace tfmicro

#endif  // TENSORFLOW_MICRO_KERNELS_VENDOR_ARM_MVE_BINARY_S8_H_
