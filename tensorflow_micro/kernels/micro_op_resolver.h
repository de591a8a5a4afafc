// Op resolvers over the kernels of this build: MicroOpResolver<N> holds the
// kernels a program adds (only those are linked); AllOpsResolver holds every
// kernel.
//
//   tfmicro::MicroOpResolver<2> resolver;
//   resolver.AddFullyConnected();
//   resolver.AddRelu();
#ifndef TENSORFLOW_MICRO_KERNELS_MICRO_OP_RESOLVER_H_
#define TENSORFLOW_MICRO_KERNELS_MICRO_OP_RESOLVER_H_

#include "tensorflow_micro/core/op_resolver.h"
#include "tensorflow_micro/kernels/reference_kernels.h"
#include "tensorflow_micro/schema/schema_generated.h"

namespace tfmicro {

// Number of builtin operators this build has kernels for.
constexpr unsigned kNumBuiltinKernels = 21;

template <unsigned kCapacity>
class MicroOpResolver : public MutableOpResolver<kCapacity> {
 public:
  Status AddAdd() {
    return this->AddBuiltin(schema::BuiltinOperator_ADD, Register_ADD());
  }
  Status AddAveragePool2D() {
    return this->AddBuiltin(schema::BuiltinOperator_AVERAGE_POOL_2D, Register_AVERAGE_POOL_2D());
  }
  Status AddConcatenation() {
    return this->AddBuiltin(schema::BuiltinOperator_CONCATENATION, Register_CONCATENATION());
  }
  Status AddConv2D() {
    return this->AddBuiltin(schema::BuiltinOperator_CONV_2D, Register_CONV_2D());
  }
  Status AddDepthwiseConv2D() {
    return this->AddBuiltin(schema::BuiltinOperator_DEPTHWISE_CONV_2D, Register_DEPTHWISE_CONV_2D());
  }
  Status AddDequantize() {
    return this->AddBuiltin(schema::BuiltinOperator_DEQUANTIZE, Register_DEQUANTIZE());
  }
  Status AddFullyConnected() {
    return this->AddBuiltin(schema::BuiltinOperator_FULLY_CONNECTED, Register_FULLY_CONNECTED());
  }
  Status AddLogistic() {
    return this->AddBuiltin(schema::BuiltinOperator_LOGISTIC, Register_LOGISTIC());
  }
  Status AddMaxPool2D() {
    return this->AddBuiltin(schema::BuiltinOperator_MAX_POOL_2D, Register_MAX_POOL_2D());
  }
  Status AddMean() {
    return this->AddBuiltin(schema::BuiltinOperator_MEAN, Register_MEAN());
  }
  Status AddMul() {
    return this->AddBuiltin(schema::BuiltinOperator_MUL, Register_MUL());
  }
  Status AddPack() {
    return this->AddBuiltin(schema::BuiltinOperator_PACK, Register_PACK());
  }
  Status AddPad() {
    return this->AddBuiltin(schema::BuiltinOperator_PAD, Register_PAD());
  }
  Status AddQuantize() {
    return this->AddBuiltin(schema::BuiltinOperator_QUANTIZE, Register_QUANTIZE());
  }
  Status AddRelu() {
    return this->AddBuiltin(schema::BuiltinOperator_RELU, Register_RELU());
  }
  Status AddRelu6() {
    return this->AddBuiltin(schema::BuiltinOperator_RELU6, Register_RELU6());
  }
  Status AddReshape() {
    return this->AddBuiltin(schema::BuiltinOperator_RESHAPE, Register_RESHAPE());
  }
  Status AddShape() {
    return this->AddBuiltin(schema::BuiltinOperator_SHAPE, Register_SHAPE());
  }
  Status AddSoftmax() {
    return this->AddBuiltin(schema::BuiltinOperator_SOFTMAX, Register_SOFTMAX());
  }
  Status AddStridedSlice() {
    return this->AddBuiltin(schema::BuiltinOperator_STRIDED_SLICE, Register_STRIDED_SLICE());
  }
  Status AddTanh() {
    return this->AddBuiltin(schema::BuiltinOperator_TANH, Register_TANH());
  }
};

class AllOpsResolver : public MicroOpResolver<kNumBuiltinKernels> {
 public:
  AllOpsResolver() {
    AddOrIgnore(this->AddAdd());
    AddOrIgnore(this->AddAveragePool2D());
    AddOrIgnore(this->AddConcatenation());
    AddOrIgnore(this->AddConv2D());
    AddOrIgnore(this->AddDepthwiseConv2D());
    AddOrIgnore(this->AddDequantize());
    AddOrIgnore(this->AddFullyConnected());
    AddOrIgnore(this->AddLogistic());
    AddOrIgnore(this->AddMaxPool2D());
    AddOrIgnore(this->AddMean());
    AddOrIgnore(this->AddMul());
    AddOrIgnore(this->AddPack());
    AddOrIgnore(this->AddPad());
    AddOrIgnore(this->AddQuantize());
    AddOrIgnore(this->AddRelu());
    AddOrIgnore(this->AddRelu6());
    AddOrIgnore(this->AddReshape());
    AddOrIgnore(this->AddShape());
    AddOrIgnore(this->AddSoftmax());
    AddOrIgnore(this->AddStridedSlice());
    AddOrIgnore(this->AddTanh());
  }

 private:
  static void AddOrIgnore(Status) {}
};

}  // namespace tfmicro

#endif  // TENSORFLOW_MICRO_KERNELS_MICRO_OP_RESOLVER_H_
