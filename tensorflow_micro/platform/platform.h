// The small hook through which the core reaches a board: a log sink and a
// timer. Each platform/<name>/ folder provides these functions; exactly one
// is linked into a program.
#ifndef TENSORFLOW_MICRO_PLATFORM_PLATFORM_H_
#define TENSORFLOW_MICRO_PLATFORM_PLATFORM_H_

#include <stdint.h>

#ifdef __cplusplus
extern "C" {
#endif

// Writes one line of text (no trailing newline needed).
void tfm_platform_log(const char* message);
// A monotonic counter and its rate (instructions under qemu -icount on the
// Cortex-M platform, nanoseconds on the host).
uint64_t tfm_platform_ticks(void);
uint64_t tfm_platform_ticks_per_second(void);

#ifdef __cplusplus
}  // extern "C"
#endif

#endif  // TENSORFLOW_MICRO_PLATFORM_PLATFORM_H_
