// Op resolvers over the kernels of this build: MicroOpResolver<N> holds the
// kernels a program adds (only those are linked); AllOpsResolver holds every
// kernel. Both are generated from builtin_kernels.inc; each operator gets
// the selected vendor library's kernel where it has one (kernel_selection.h).
//
//   tfmicro::MicroOpResolver<2> resolver;
//   resolver.AddFullyConnected();
//   resolver.AddRelu();
#ifndef TENSORFLOW_MICRO_KERNELS_MICRO_OP_RESOLVER_H_
#define TENSORFLOW_MICRO_KERNELS_MICRO_OP_RESOLVER_H_

#include "tensorflow_micro/core/op_resolver.h"
#include "tensorflow_micro/kernels/kernel_selection.h"
#include "tensorflow_micro/schema/schema_generated.h"

namespace tfmicro {

// Number of builtin operators this build has kernels for.
constexpr unsigned kNumBuiltinKernels = 0
#define TFM_BUILTIN_KERNEL(op, method) +1
#include "tensorflow_micro/kernels/builtin_kernels.inc"
#undef TFM_BUILTIN_KERNEL
    ;

template <unsigned kCapacity>
class MicroOpResolver : public MutableOpResolver<kCapacity> {
 public:
  // AddConv2D(), AddFullyConnected(), ...: kInvalidArgument when the
  // resolver is full or already holds the operator.
#define TFM_BUILTIN_KERNEL(op, method)                       \
  Status Add##method() {                                     \
    return this->AddBuiltin(schema::BuiltinOperator_##op,    \
                            TFM_SELECTED_KERNEL(op));        \
  }
#include "tensorflow_micro/kernels/builtin_kernels.inc"
#undef TFM_BUILTIN_KERNEL
};

class AllOpsResolver : public MicroOpResolver<kNumBuiltinKernels> {
 public:
  AllOpsResolver() {
#define TFM_BUILTIN_KERNEL(op, method) AddOrIgnore(this->Add##method());
#include "tensorflow_micro/kernels/builtin_kernels.inc"
#undef TFM_BUILTIN_KERNEL
  }

 private:
  static void AddOrIgnore(Status) {}
};

}  // namespace tfmicro

#endif  // TENSORFLOW_MICRO_KERNELS_MICRO_OP_RESOLVER_H_
