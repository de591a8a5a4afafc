#include "tensorflow_micro/kernels/internal/tensor_util.h"

#include <limits>

#include "tensorflow_micro/kernels/internal/quantization_util.h"

namespace tfmicro {
namespace {

// Appends text to the buffer; false once it no longer fits.
bool Append(char* buffer, size_t size, size_t* length, const char* text) {
  for (; *text != '\0'; ++text) {
    if (*length + 1 >= size) return false;
    buffer[(*length)++] = *text;
  }
  buffer[*length] = '\0';
  return true;
}

void FormatInt(int32_t value, char* out) {
  char digits[12];
  int n = 0;
  int64_t v = value;
  const bool negative = v < 0;
  if (negative) v = -v;
  do {
    digits[n++] = static_cast<char>('0' + v % 10);
    v /= 10;
  } while (v != 0);
  int i = 0;
  if (negative) out[i++] = '-';
  while (n > 0) out[i++] = digits[--n];
  out[i] = '\0';
}

}  // namespace

ShapeString ShapeText(const int32_t* dims, int rank) {
  ShapeString s;
  constexpr size_t kEllipsisRoom = 5;  // "...]" and the NUL
  constexpr size_t kLimit = ShapeString::kSize - kEllipsisRoom;
  size_t length = 0;
  s.text[0] = '\0';
  Append(s.text, kLimit, &length, "[");
  for (int i = 0; i < rank; ++i) {
    char number[16];
    FormatInt(dims[i], number);
    if ((i > 0 && !Append(s.text, kLimit, &length, ", ")) ||
        !Append(s.text, kLimit, &length, number)) {
      Append(s.text, ShapeString::kSize, &length, "...]");
      return s;
    }
  }
  Append(s.text, ShapeString::kSize, &length, "]");
  return s;
}

Status ExpectPerTensorQuantized(OpContext& context, const Tensor* tensor,
                                const char* role) {
  if (tensor->quant.num_channels == 0 || tensor->quant.scales == nullptr) {
    return context.Error("%s (%s) must be quantized (scale and zero point)",
                         role, DataTypeName(tensor->type));
  }
  if (tensor->quant.num_channels != 1) {
    return context.Error(
        "%s must be per-tensor quantized (one scale), got %d scales", role,
        static_cast<int>(tensor->quant.num_channels));
  }
  if (!(tensor->quant.scales[0] > 0.f)) {
    return context.Error("%s scale must be positive, got %g", role,
                         static_cast<double>(tensor->quant.scales[0]));
  }
  return Status::kOk;
}

Status ExpectShape(OpContext& context, const Tensor* tensor, const char* role,
                   const int32_t* dims, int rank) {
  bool same = tensor->rank == rank;
  for (int i = 0; same && i < rank; ++i) same = tensor->dims[i] == dims[i];
  if (!same) {
    return context.Error("%s shape %s does not match the expected %s", role,
                         ShapeText(*tensor).text, ShapeText(dims, rank).text);
  }
  return Status::kOk;
}

Status CalculateActivationRangeInt32(OpContext& context, int activation,
                                     int32_t* min, int32_t* max) {
  switch (activation) {
    case kActivationNone:
      *min = std::numeric_limits<int32_t>::min();
      *max = std::numeric_limits<int32_t>::max();
      return Status::kOk;
    case kActivationRelu:
      *min = 0;
      *max = std::numeric_limits<int32_t>::max();
      return Status::kOk;
    case kActivationRelu6:
      *min = 0;
      *max = 6;
      return Status::kOk;
    case kActivationReluN1To1:
      *min = -1;
      *max = 1;
      return Status::kOk;
    default:
      return context.Error("fused activation %d is not supported for INT32",
                           activation);
  }
}

}  // namespace tfmicro
