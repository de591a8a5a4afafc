// Arm semihosting calls (`bkpt 0xab` on M-profile): the debugger or qemu
// (-semihosting-config enable=on) performs them for the program.
#ifndef TENSORFLOW_MICRO_PLATFORM_CORTEX_M_SEMIHOSTING_H_
#define TENSORFLOW_MICRO_PLATFORM_CORTEX_M_SEMIHOSTING_H_

#include <stddef.h>

namespace tfmicro {
namespace cortex_m {

// Writes `size` bytes to the host's standard output (semihosting SYS_WRITE
// on the ":tt" console).
void SemihostingWrite(const char* data, size_t size);

// Ends the program: qemu exits with `code` (SYS_EXIT_EXTENDED).
[[noreturn]] void SemihostingExit(int code);

}  // namespace cortex_m
}  // namespace tfmicro

#endif  // TENSORFLOW_MICRO_PLATFORM_CORTEX_M_SEMIHOSTING_H_
