// The runtime's view of one tensor: data in the arena or in the model,
// shape and quantization read in place from the flatbuffer.
#ifndef TENSORFLOW_MICRO_CORE_TENSOR_H_
#define TENSORFLOW_MICRO_CORE_TENSOR_H_

#include <cstddef>
#include <cstdint>

namespace tfmicro {

// Same numbering as TFLite's TensorType, so model values map directly.
enum class DataType : uint8_t {
  kFloat32 = 0,
  kFloat16 = 1,
  kInt32 = 2,
  kUInt8 = 3,
  kInt64 = 4,
  kString = 5,
  kBool = 6,
  kInt16 = 7,
  kComplex64 = 8,
  kInt8 = 9,
  kFloat64 = 10,
  kComplex128 = 11,
  kUInt64 = 12,
  kResource = 13,
  kVariant = 14,
  kUInt32 = 15,
  kUInt16 = 16,
  kInt4 = 17,
  kBFloat16 = 18,
};

// "FLOAT32", "INT8", ...; "UNKNOWN" for values outside the enum.
const char* DataTypeName(DataType type);
// Bytes of one element; 0 for types without a fixed size (string, int4).
size_t DataTypeSize(DataType type);

// Affine quantization: real = scale * (q - zero_point). Arrays point into
// the model. num_channels is 1 for per-tensor, the size of dimension
// quantized_dimension for per-channel, 0 when the tensor is not quantized.
struct Quantization {
  const float* scales = nullptr;
  const int64_t* zero_points = nullptr;
  int32_t num_channels = 0;
  int32_t quantized_dimension = 0;
};

struct Tensor {
  void* data = nullptr;
  const int32_t* dims = nullptr;  // rank entries, in the model
  int32_t rank = 0;
  uint32_t bytes = 0;
  DataType type = DataType::kFloat32;
  bool is_constant = false;  // data lives in the model (read only)
  bool is_variable = false;  // persists across Invoke calls
  Quantization quant;

  int32_t dim(int i) const { return dims[i]; }
  int64_t num_elements() const {
    int64_t n = 1;
    for (int i = 0; i < rank; ++i) n *= dims[i];
    return n;
  }
  float scale() const { return quant.num_channels > 0 ? quant.scales[0] : 0.f; }
  int32_t zero_point() const {
    return quant.num_channels > 0 && quant.zero_points != nullptr
               ? static_cast<int32_t>(quant.zero_points[0])
               : 0;
  }
  template <typename T>
  T* data_as() {
    return static_cast<T*>(data);
  }
  template <typename T>
  const T* data_as() const {
    return static_cast<const T*>(data);
  }
};

// True when both tensors have the same rank and dimensions.
bool SameShape(const Tensor& a, const Tensor& b);

}  // namespace tfmicro

#endif  // TENSORFLOW_MICRO_CORE_TENSOR_H_
