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

// Host files (SYS_OPEN, SYS_READ, SYS_WRITE, SYS_SEEK, SYS_FLEN,
// SYS_CLOSE), for test programs that read their data from the host: qemu
// resolves relative names against its working directory. `mode` is a
// semihosting open mode (0 "r" ... 11 "a+b"); returns a handle, or -1.
int SemihostingOpen(const char* path, size_t path_length, int mode);
// Bytes read, 0 at the end of the file, -1 on an error.
int SemihostingRead(int handle, void* data, size_t size);
// Bytes written, or -1.
int SemihostingWriteFile(int handle, const void* data, size_t size);
// Moves to absolute `position`; 0 on success.
int SemihostingSeek(int handle, size_t position);
// The file's length in bytes, or -1.
long SemihostingFileLength(int handle);
int SemihostingClose(int handle);

// Ends the program: qemu exits with `code` (SYS_EXIT_EXTENDED).
[[noreturn]] void SemihostingExit(int code);

}  // namespace cortex_m
}  // namespace tfmicro

#endif  // TENSORFLOW_MICRO_PLATFORM_CORTEX_M_SEMIHOSTING_H_
