// Operator names for messages and reports.
#ifndef TENSORFLOW_MICRO_CORE_OP_NAMES_H_
#define TENSORFLOW_MICRO_CORE_OP_NAMES_H_

#include <cstddef>
#include <cstdint>

namespace tfmicro {

constexpr int32_t kCustomOperatorCode = 32;  // BuiltinOperator CUSTOM

// "CONV_2D" for 3; "UNKNOWN" for codes the schema does not define.
const char* BuiltinOperatorName(int32_t builtin_code);
// The resolver method that registers an op: "CONV_2D" -> "AddConv2D".
void AddMethodName(const char* op_name, char* buffer, size_t size);

}  // namespace tfmicro

#endif  // TENSORFLOW_MICRO_CORE_OP_NAMES_H_
