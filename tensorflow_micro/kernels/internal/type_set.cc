#include "tensorflow_micro/kernels/internal/type_set.h"

namespace tfmicro {
namespace {

// The names of the types in `types`, comma separated ("FLOAT32, INT8").
void TypeSetText(TypeSet types, char* buffer, int size) {
  int used = 0;
  buffer[0] = '\0';
  for (int t = 0; t < 32 && used < size - 1; ++t) {
    if ((types & (TypeSet{1} << t)) == 0) continue;
    const char* name = DataTypeName(static_cast<DataType>(t));
    if (used > 0 && used < size - 2) {
      buffer[used++] = ',';
      buffer[used++] = ' ';
    }
    for (; *name != '\0' && used < size - 1; ++name) buffer[used++] = *name;
    buffer[used] = '\0';
  }
}

}  // namespace

Status ExpectTypeIn(OpContext& context, const Tensor* tensor, const char* role,
                    TypeSet types) {
  if ((types & TypeBit(tensor->type)) != 0) return Status::kOk;
  char expected[96];
  TypeSetText(types, expected, sizeof(expected));
  return context.Error("%s type %s not supported (expected %s)", role,
                       DataTypeName(tensor->type), expected);
}

}  // namespace tfmicro
