// Host platform: log lines to stderr, time from the monotonic clock.
#include <stdio.h>
#include <time.h>

#include "tensorflow_micro/platform/platform.h"

extern "C" void tfm_platform_log(const char* message) {
  fputs(message, stderr);
  fputc('\n', stderr);
}

extern "C" uint64_t tfm_platform_ticks(void) {
  timespec now;
  clock_gettime(CLOCK_MONOTONIC, &now);
  return static_cast<uint64_t>(now.tv_sec) * 1000000000ULL +
         static_cast<uint64_t>(now.tv_nsec);
}

extern "C" uint64_t tfm_platform_ticks_per_second(void) {
  return 1000000000ULL;
}
