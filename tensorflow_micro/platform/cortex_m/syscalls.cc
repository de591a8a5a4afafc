// The few newlib system calls a bare-metal program reaches: console output
// and host files through semihosting (fopen/fread in test programs and
// tools such as the conformance case runner), a heap between the end of
// .bss and the stack (for test programs: the runtime itself never
// allocates), and exit.
#include <errno.h>
#include <fcntl.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "tensorflow_micro/platform/cortex_m/semihosting.h"

extern "C" {
// Defined by the linker script (cortex_m_sections.ld).
extern char __heap_start;
extern char __heap_limit;

int _open(const char* path, int flags, ...);
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

// Open host files: newlib descriptor kFirstFile + i is g_files[i]. Tracking
// the position here turns SEEK_CUR/SEEK_END into SYS_SEEK's absolute one.
constexpr int kFirstFile = 3;
struct HostFile {
  int handle = -1;  // semihosting handle, -1 when the slot is free
  long position = 0;
};
HostFile g_files[8];

HostFile* FileOf(int file) {
  const int slot = file - kFirstFile;
  if (slot < 0 || slot >= static_cast<int>(sizeof(g_files) / sizeof(g_files[0])) ||
      g_files[slot].handle < 0) {
    errno = EBADF;
    return nullptr;
  }
  return &g_files[slot];
}

// The semihosting open mode of open(2) flags (binary: no newline mapping).
int SemihostingMode(int flags) {
  switch (flags & O_ACCMODE) {
    case O_RDONLY:
      return 1;  // "rb"
    case O_WRONLY:
      return (flags & O_APPEND) ? 9 : 5;  // "ab", "wb"
    default:
      return (flags & O_APPEND) ? 11 : ((flags & O_TRUNC) ? 7 : 3);
  }
}
}  // namespace

extern "C" int _open(const char* path, int flags, ...) {
  for (HostFile& file : g_files) {
    if (file.handle >= 0) continue;
    file.handle = tfmicro::cortex_m::SemihostingOpen(path, strlen(path),
                                                     SemihostingMode(flags));
    if (file.handle < 0) {
      file.handle = -1;
      errno = ENOENT;
      return -1;
    }
    file.position = 0;
    return kFirstFile + static_cast<int>(&file - g_files);
  }
  errno = EMFILE;
  return -1;
}

extern "C" int _write(int file, const char* data, int size) {
  if (file == 1 || file == 2) {
    tfmicro::cortex_m::SemihostingWrite(data, static_cast<size_t>(size));
    return size;
  }
  HostFile* host = FileOf(file);
  if (host == nullptr) return -1;
  const int written = tfmicro::cortex_m::SemihostingWriteFile(
      host->handle, data, static_cast<size_t>(size));
  if (written < 0) {
    errno = EIO;
    return -1;
  }
  host->position += written;
  return written;
}

extern "C" int _read(int file, char* data, int size) {
  if (file == 0) return 0;  // no console input
  HostFile* host = FileOf(file);
  if (host == nullptr) return -1;
  const int got = tfmicro::cortex_m::SemihostingRead(host->handle, data,
                                                     static_cast<size_t>(size));
  if (got < 0) {
    errno = EIO;
    return -1;
  }
  host->position += got;
  return got;
}

extern "C" void* _sbrk(ptrdiff_t increment) {
  if (increment > &__heap_limit - g_heap_end) {
    errno = ENOMEM;
    return reinterpret_cast<void*>(-1);
  }
  char* previous = g_heap_end;
  g_heap_end += increment;
  return previous;
}

extern "C" int _close(int file) {
  HostFile* host = FileOf(file);
  if (host == nullptr) return -1;
  tfmicro::cortex_m::SemihostingClose(host->handle);
  host->handle = -1;
  return 0;
}

extern "C" int _fstat(int file, struct stat* status) {
  memset(status, 0, sizeof(*status));
  if (file <= 2) {
    status->st_mode = S_IFCHR;
    return 0;
  }
  HostFile* host = FileOf(file);
  if (host == nullptr) return -1;
  status->st_mode = S_IFREG;
  status->st_size = tfmicro::cortex_m::SemihostingFileLength(host->handle);
  return 0;
}

extern "C" int _isatty(int file) { return file <= 2 ? 1 : 0; }

extern "C" int _lseek(int file, int offset, int whence) {
  if (file <= 2) return 0;
  HostFile* host = FileOf(file);
  if (host == nullptr) return -1;
  long base = 0;
  if (whence == SEEK_CUR) {
    base = host->position;
  } else if (whence == SEEK_END) {
    base = tfmicro::cortex_m::SemihostingFileLength(host->handle);
    if (base < 0) {
      errno = EIO;
      return -1;
    }
  } else if (whence != SEEK_SET) {
    errno = EINVAL;
    return -1;
  }
  const long target = base + offset;
  if (target < 0 ||
      tfmicro::cortex_m::SemihostingSeek(host->handle,
                                         static_cast<size_t>(target)) != 0) {
    errno = EINVAL;
    return -1;
  }
  host->position = target;
  return static_cast<int>(target);
}

extern "C" int _kill(int, int) {
  errno = EINVAL;
  return -1;
}

extern "C" int _getpid(void) { return 1; }

extern "C" void _exit(int code) { tfmicro::cortex_m::SemihostingExit(code); }
