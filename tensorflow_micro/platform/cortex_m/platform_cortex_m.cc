// Cortex-M platform: log lines through semihosting, time from SysTick.
//
// Under qemu with `-icount shift=0,align=off,sleep=off` virtual time
// advances one nanosecond per instruction, so the nanoseconds SysTick
// measures are instructions: tfm_platform_ticks() returns them at a
// nominal 1e9 per second. SysTick is a 24-bit down counter on the board's
// processor clock (TFM_SYSTICK_HZ); its wrap interrupt extends it to 64
// bits.
#include <stdint.h>
#include <string.h>

#include "tensorflow_micro/platform/cortex_m/cortex_m.h"
#include "tensorflow_micro/platform/cortex_m/semihosting.h"
#include "tensorflow_micro/platform/platform.h"

#ifndef TFM_SYSTICK_HZ
#error "TFM_SYSTICK_HZ (the board's processor clock) must be defined"
#endif

namespace {

struct SysTick {
  volatile uint32_t control;  // SYST_CSR
  volatile uint32_t reload;   // SYST_RVR
  volatile uint32_t current;  // SYST_CVR
};
SysTick& systick() { return *reinterpret_cast<SysTick*>(0xE000E010); }
// ICSR.PENDSTSET: a SysTick wrap whose interrupt has not run yet.
volatile uint32_t& icsr() { return *reinterpret_cast<uint32_t*>(0xE000ED04); }
constexpr uint32_t kPendSysTick = 1u << 26;

constexpr uint32_t kReload = 0xFFFFFF;  // 24 bits: a wrap every 2^24 ticks
// CSR: ENABLE | TICKINT | CLKSOURCE (processor clock).
constexpr uint32_t kEnableWithInterrupt = 7;

volatile uint32_t g_wraps = 0;

}  // namespace

extern "C" void tfm_systick_handler() { g_wraps = g_wraps + 1; }

namespace tfmicro {
namespace cortex_m {

void StartTimer() {
  systick().control = 0;
  systick().reload = kReload;
  systick().current = 0;
  systick().control = kEnableWithInterrupt;
}

}  // namespace cortex_m
}  // namespace tfmicro

extern "C" void tfm_platform_log(const char* message) {
  tfmicro::cortex_m::SemihostingWrite(message, strlen(message));
  tfmicro::cortex_m::SemihostingWrite("\n", 1);
}

extern "C" uint64_t tfm_platform_ticks(void) {
  uint32_t wraps;
  uint32_t current;
  do {
    wraps = g_wraps;
    current = systick().current;
    // qemu takes interrupts between translation blocks: a wrap can be
    // pending (its handler not yet run) while the counter already restarted.
    if ((icsr() & kPendSysTick) != 0) {
      current = systick().current;
      ++wraps;
      break;
    }
  } while (wraps != g_wraps);
  // The counter runs kReload ... 1, 0 and the wrap (and its interrupt) is
  // the step to 0, so 0 is the first tick of the next period.
  const uint32_t in_period = (kReload + 1 - current) & kReload;
  const uint64_t clock_ticks =
      (static_cast<uint64_t>(wraps) << 24) + in_period;
  return clock_ticks * 1000000000ull / TFM_SYSTICK_HZ;
}

extern "C" uint64_t tfm_platform_ticks_per_second(void) {
  return 1000000000ull;
}
