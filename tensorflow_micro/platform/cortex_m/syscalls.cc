// The few newlib system calls a bare-metal program reaches: console output
// through semihosting, a heap between the end of .bss and the stack (for
// test programs: the runtime itself never allocates), and exit.
#include <errno.h>
#include <stddef.h>
#include <stdint.h>
#include <sys/stat.h>

#include "tensorflow_micro/platform/cortex_m/semihosting.h"

extern "C" {
// Defined by the linker script (cortex_m_sections.ld).
extern char __heap_start;
extern char __heap_limit;

int _write(int file, const char* data, int size);
int _read(int file, char* data, int size);
void* _sbrk(ptrdiff_t increment);
int _close(int file);
int _fstat(int file, struct stat* status);
int _isatty(int file);
int _lseek(int file, int offset, int whence);
int _kill(int pid, int signal);
int _getpid(void);
[[noreturn]] void _exit(int code);
}

namespace {
char* g_heap_end = &__heap_start;
}  // namespace

extern "C" int _write(int file, const char* data, int size) {
  if (file != 1 && file != 2) {
    errno = EBADF;
    return -1;
  }
  tfmicro::cortex_m::SemihostingWrite(data, static_cast<size_t>(size));
  return size;
}

extern "C" int _read(int, char*, int) { return 0; }

extern "C" void* _sbrk(ptrdiff_t increment) {
  if (increment > &__heap_limit - g_heap_end) {
    errno = ENOMEM;
    return reinterpret_cast<void*>(-1);
  }
  char* previous = g_heap_end;
  g_heap_end += increment;
  return previous;
}

extern "C" int _close(int) { return -1; }

extern "C" int _fstat(int, struct stat* status) {
  status->st_mode = S_IFCHR;
  return 0;
}

extern "C" int _isatty(int file) { return file <= 2 ? 1 : 0; }

extern "C" int _lseek(int, int, int) { return 0; }

extern "C" int _kill(int, int) {
  errno = EINVAL;
  return -1;
}

extern "C" int _getpid(void) { return 1; }

extern "C" void _exit(int code) { tfmicro::cortex_m::SemihostingExit(code); }
