#include "tensorflow_micro/platform/cortex_m/semihosting.h"

#include <stdint.h>

namespace tfmicro {
namespace cortex_m {
namespace {

// Operation numbers of the Arm semihosting specification.
constexpr uintptr_t kSysOpen = 0x01;
constexpr uintptr_t kSysWrite = 0x05;
constexpr uintptr_t kSysExitExtended = 0x20;
// SYS_OPEN mode 4 ("w") on ":tt" is the host's standard output.
constexpr uintptr_t kOpenModeWrite = 4;
// ADP_Stopped_ApplicationExit: a normal exit with a status code.
constexpr uintptr_t kApplicationExit = 0x20026;

uintptr_t Call(uintptr_t operation, const void* argument) {
  register uintptr_t r0 __asm__("r0") = operation;
  register const void* r1 __asm__("r1") = argument;
  __asm__ volatile("bkpt 0xab" : "+r"(r0) : "r"(r1) : "memory");
  return r0;
}

int g_stdout = -1;

}  // namespace

void SemihostingWrite(const char* data, size_t size) {
  if (g_stdout < 0) {
    static const char kConsole[] = ":tt";
    const uintptr_t open_block[3] = {reinterpret_cast<uintptr_t>(kConsole),
                                     kOpenModeWrite, sizeof(kConsole) - 1};
    g_stdout = static_cast<int>(Call(kSysOpen, open_block));
    if (g_stdout < 0) return;
  }
  const uintptr_t write_block[3] = {static_cast<uintptr_t>(g_stdout),
                                    reinterpret_cast<uintptr_t>(data), size};
  Call(kSysWrite, write_block);
}

void SemihostingExit(int code) {
  const uintptr_t exit_block[2] = {kApplicationExit,
                                   static_cast<uintptr_t>(code)};
  for (;;) Call(kSysExitExtended, exit_block);
}

}  // namespace cortex_m
}  // namespace tfmicro
