// Internals shared by the Cortex-M platform's files.
#ifndef TENSORFLOW_MICRO_PLATFORM_CORTEX_M_CORTEX_M_H_
#define TENSORFLOW_MICRO_PLATFORM_CORTEX_M_CORTEX_M_H_

namespace tfmicro {
namespace cortex_m {

// Starts SysTick from the processor clock with its wrap interrupt
// (tfm_platform_ticks counts from here).
void StartTimer();

}  // namespace cortex_m
}  // namespace tfmicro

#endif  // TENSORFLOW_MICRO_PLATFORM_CORTEX_M_CORTEX_M_H_
