#include "tensorflow_micro/core/op_names.h"

#include "tensorflow_micro/schema/schema_generated.h"

namespace tfmicro {

const char* BuiltinOperatorName(int32_t builtin_code) {
  if (builtin_code < schema::BuiltinOperator_MIN ||
      builtin_code > schema::BuiltinOperator_MAX) {
    return "UNKNOWN";
  }
  const char* name = schema::EnumNameBuiltinOperator(
      static_cast<schema::BuiltinOperator>(builtin_code));
  return (name != nullptr && name[0] != '\0') ? name : "UNKNOWN";
}

void AddMethodName(const char* op_name, char* buffer, size_t size) {
  if (size == 0) return;
  size_t n = 0;
  const char prefix[] = "Add";
  for (const char* p = prefix; *p && n + 1 < size; ++p) buffer[n++] = *p;
  // Words keep their first letter; a letter after a digit stays upper case
  // ("2D"), as in TFLM's resolver methods.
  bool keep_case = true;
  for (const char* p = op_name; *p && n + 1 < size; ++p) {
    if (*p == '_') {
      keep_case = true;
      continue;
    }
    char c = *p;
    if (!keep_case && c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
    buffer[n++] = c;
    keep_case = c >= '0' && c <= '9';
  }
  buffer[n] = '\0';
}

}  // namespace tfmicro
