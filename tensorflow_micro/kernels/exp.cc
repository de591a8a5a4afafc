// EXP: e^x. FLOAT32, and INT8/INT16 through the lookup table TFLite's
// reference kernel builds (INT16: zero points 0).
#include <cmath>

#include "tensorflow_micro/kernels/elementwise_unary_common.h"
#include "tensorflow_micro/kernels/reference_kernels.h"

namespace tfmicro {
namespace {

constexpr TypeSet kTypes = TypeBit(DataType::kFloat32) |
                           TypeBit(DataType::kInt8) | TypeBit(DataType::kInt16);

float Exp(float x) { return std::exp(x); }

Status Prepare(OpContext& context) {
  UnaryOpData* data;
  TFM_RETURN_IF_ERROR(UnaryPrepare(context, kTypes, true, &data));
  if (!data->quantized) return Status::kOk;
  return UnaryPrepareLut(context, data, Exp);
}

Status Eval(OpContext& context) {
  if (context.input(0)->type == DataType::kFloat32) {
    return UnaryEvalFloat(context, Exp);
  }
  UnaryEvalLut(context);
  return Status::kOk;
}

}  // namespace

const KernelRegistration& Register_EXP() {
  static const KernelRegistration r = {nullptr, Prepare, Eval, nullptr};
  return r;
}

}  // namespace tfmicro
