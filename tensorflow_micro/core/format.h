// printf-style formatting without stdio, for error messages in the core and
// kernels. Supports %d %i %u %x %c %s %f %g %% with the l, ll and z length
// modifiers; floats print with up to 6 significant digits.
#ifndef TENSORFLOW_MICRO_CORE_FORMAT_H_
#define TENSORFLOW_MICRO_CORE_FORMAT_H_

#include <cstdarg>
#include <cstddef>

namespace tfmicro {

// Writes at most size-1 characters and a terminating NUL; returns the
// number of characters written (not counting the NUL).
size_t FormatV(char* buffer, size_t size, const char* format, va_list args);
size_t Format(char* buffer, size_t size, const char* format, ...)
#if defined(__GNUC__)
    __attribute__((format(printf, 3, 4)))
#endif
    ;

}  // namespace tfmicro

#endif  // TENSORFLOW_MICRO_CORE_FORMAT_H_
