// Start-up for the Cortex-M qemu boards: the vector table, the reset
// handler (copy .data, zero .bss, enable the FPU, run static constructors,
// start the timer, call main, exit through semihosting) and fault handlers
// that end the program with a message instead of locking up.
#include <stdint.h>
#include <stdlib.h>

#include "tensorflow_micro/platform/cortex_m/cortex_m.h"
#include "tensorflow_micro/platform/cortex_m/semihosting.h"

// Defined by the linker script (cortex_m_sections.ld).
extern "C" {
// Declared as a function so its address is a constant Handler: the table
// is then constant-initialized (a cast would make it a dynamic initializer).
void __stack_top();
extern uint32_t __data_load_start;
extern uint32_t __data_start;
extern uint32_t __data_end;
extern uint32_t __bss_start;
extern uint32_t __bss_end;
extern void (*__preinit_array_start[])();
extern void (*__preinit_array_end[])();
extern void (*__init_array_start[])();
extern void (*__init_array_end[])();

// Programs define main() or main(int, char**): both get argc 1 and
// argv {"program", nullptr} (a board has no command line).
int main(int argc, char** argv);
// The handle of "this module" for __cxa_atexit (crtbegin.o defines it; the
// program is linked with -nostartfiles).
void* __dso_handle = &__dso_handle;
[[noreturn]] void tfm_reset_handler();
[[noreturn]] void tfm_fault_handler();
void tfm_systick_handler();
}

namespace {

using Handler = void (*)();

// The architecture's system exceptions; no device interrupt is used.
constexpr int kNumVectors = 16;

}  // namespace

// Entry 0 is the initial stack pointer, entry 1 the reset handler.
__attribute__((section(".vectors"), used))
const Handler g_tfm_vectors[kNumVectors] = {
    __stack_top,
    tfm_reset_handler,
    tfm_fault_handler,  // NMI
    tfm_fault_handler,  // HardFault
    tfm_fault_handler,  // MemManage
    tfm_fault_handler,  // BusFault
    tfm_fault_handler,  // UsageFault
    tfm_fault_handler,  // SecureFault (Armv8-M)
    nullptr,
    nullptr,
    nullptr,
    tfm_fault_handler,  // SVCall
    tfm_fault_handler,  // DebugMonitor
    nullptr,
    tfm_fault_handler,  // PendSV
    tfm_systick_handler,
};

extern "C" void tfm_reset_handler() {
  const uint32_t* from = &__data_load_start;
  for (uint32_t* to = &__data_start; to < &__data_end;) *to++ = *from++;
  for (uint32_t* to = &__bss_start; to < &__bss_end;) *to++ = 0;
#if defined(__ARM_FP)
  // CPACR: full access to coprocessors 10 and 11 (the FPU).
  volatile uint32_t* const cpacr = reinterpret_cast<uint32_t*>(0xE000ED88);
  *cpacr |= 0xFu << 20;
  __asm__ volatile("dsb\n\tisb" ::: "memory");
#endif
  tfmicro::cortex_m::StartTimer();
  for (auto* init = __preinit_array_start; init < __preinit_array_end; ++init) {
    (*init)();
  }
  for (auto* init = __init_array_start; init < __init_array_end; ++init) {
    (*init)();
  }
  // exit() flushes stdio (when a program uses it) and calls _exit.
  static char program_name[] = "program";
  static char* argv[] = {program_name, nullptr};
  exit(main(1, argv));
}

extern "C" void tfm_fault_handler() {
  static const char kMessage[] =
      "cortex_m: fault or unexpected exception; stopping\n";
  tfmicro::cortex_m::SemihostingWrite(kMessage, sizeof(kMessage) - 1);
  tfmicro::cortex_m::SemihostingExit(134);
}
