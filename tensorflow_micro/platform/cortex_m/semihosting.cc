#include "tensorflow_micro/platform/cortex_m/semihosting.h"

#include <stdint.h>

namespace tfmicro {
namespace cortex_m {
namespace {

// Operation numbers of the Arm semihosting specification.
constexpr uintptr_t kSysOpen = 0x01;
constexpr uintptr_t kSysClose = 0x02;
constexpr uintptr_t kSysWrite = 0x05;
constexpr uintptr_t kSysRead = 0x06;
constexpr uintptr_t kSysSeek = 0x0A;
constexpr uintptr_t kSysFileLength = 0x0C;
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

int SemihostingOpen(const char* path, size_t path_length, int mode) {
  const uintptr_t block[3] = {reinterpret_cast<uintptr_t>(path),
                              static_cast<uintptr_t>(mode), path_length};
  return static_cast<int>(Call(kSysOpen, block));
}

int SemihostingRead(int handle, void* data, size_t size) {
  const uintptr_t block[3] = {static_cast<uintptr_t>(handle),
                              reinterpret_cast<uintptr_t>(data), size};
  // SYS_READ returns the number of bytes it did NOT read.
  const uintptr_t not_read = Call(kSysRead, block);
  if (not_read > size) return -1;
  return static_cast<int>(size - not_read);
}

int SemihostingWriteFile(int handle, const void* data, size_t size) {
  const uintptr_t block[3] = {static_cast<uintptr_t>(handle),
                              reinterpret_cast<uintptr_t>(data), size};
  // SYS_WRITE returns the number of bytes it did NOT write.
  const uintptr_t not_written = Call(kSysWrite, block);
  if (not_written > size) return -1;
  return static_cast<int>(size - not_written);
}

int SemihostingSeek(int handle, size_t position) {
  const uintptr_t block[2] = {static_cast<uintptr_t>(handle), position};
  return static_cast<int>(Call(kSysSeek, block));
}

long SemihostingFileLength(int handle) {
  const uintptr_t block[1] = {static_cast<uintptr_t>(handle)};
  return static_cast<long>(static_cast<intptr_t>(Call(kSysFileLength, block)));
}

int SemihostingClose(int handle) {
  const uintptr_t block[1] = {static_cast<uintptr_t>(handle)};
  return static_cast<int>(Call(kSysClose, block));
}

void SemihostingExit(int code) {
  const uintptr_t exit_block[2] = {kApplicationExit,
                                   static_cast<uintptr_t>(code)};
  for (;;) Call(kSysExitExtended, exit_block);
}

}  // namespace cortex_m
}  // namespace tfmicro
