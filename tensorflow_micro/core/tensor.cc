#include "tensorflow_micro/core/tensor.h"

namespace tfmicro {

const char* DataTypeName(DataType type) {
  switch (type) {
    case DataType::kFloat32: return "FLOAT32";
    case DataType::kFloat16: return "FLOAT16";
    case DataType::kInt32: return "INT32";
    case DataType::kUInt8: return "UINT8";
    case DataType::kInt64: return "INT64";
    case DataType::kString: return "STRING";
    case DataType::kBool: return "BOOL";
    case DataType::kInt16: return "INT16";
    case DataType::kComplex64: return "COMPLEX64";
    case DataType::kInt8: return "INT8";
    case DataType::kFloat64: return "FLOAT64";
    case DataType::kComplex128: return "COMPLEX128";
    case DataType::kUInt64: return "UINT64";
    case DataType::kResource: return "RESOURCE";
    case DataType::kVariant: return "VARIANT";
    case DataType::kUInt32: return "UINT32";
    case DataType::kUInt16: return "UINT16";
    case DataType::kInt4: return "INT4";
    case DataType::kBFloat16: return "BFLOAT16";
  }
  return "UNKNOWN";
}

size_t DataTypeSize(DataType type) {
  switch (type) {
    case DataType::kBool:
    case DataType::kInt8:
    case DataType::kUInt8:
      return 1;
    case DataType::kInt16:
    case DataType::kUInt16:
    case DataType::kFloat16:
    case DataType::kBFloat16:
      return 2;
    case DataType::kFloat32:
    case DataType::kInt32:
    case DataType::kUInt32:
      return 4;
    case DataType::kInt64:
    case DataType::kUInt64:
    case DataType::kFloat64:
    case DataType::kComplex64:
      return 8;
    case DataType::kComplex128:
      return 16;
    default:
      return 0;
  }
}

bool SameShape(const Tensor& a, const Tensor& b) {
  if (a.rank != b.rank) return false;
  for (int i = 0; i < a.rank; ++i) {
    if (a.dims[i] != b.dims[i]) return false;
  }
  return true;
}

}  // namespace tfmicro
