"""The Cortex-M targets, one entry per CPU: the single list that the Bazel
toolchains (tools/toolchains/BUILD), the boards of the Cortex-M platform
(tensorflow_micro/platform/boards.bzl) and `tfmicro export` /
`tfmicro bench` (python/tfmicro/target_table.py parses this literal with
Python's ast: keep it plain data) all read.

  cpu_flags:     -mcpu/-mfloat-abi/-mfpu for every compile and link
  board:         the qemu-system-arm machine that runs it
  linker_script: in tensorflow_micro/platform/cortex_m/ (it includes
                 cortex_m_sections.ld)
  systick_hz:    the board's processor clock in qemu (SysTick's clock):
                 25 MHz on the MPS2 FPGA images, 20 MHz on AN505, 32 MHz
                 on AN547

KERNEL_COPTS (below) is read the same way.
"""

CORTEX_M_TARGETS = {
    "cortex_m3": {
        "cpu_flags": ["-mcpu=cortex-m3", "-mfloat-abi=soft"],
        "board": "mps2-an385",
        "linker_script": "mps2_an385.ld",
        "systick_hz": 25000000,
    },
    "cortex_m4": {
        "cpu_flags": ["-mcpu=cortex-m4", "-mfloat-abi=hard", "-mfpu=fpv4-sp-d16"],
        "board": "mps2-an386",
        "linker_script": "mps2_an386.ld",
        "systick_hz": 25000000,
    },
    "cortex_m7": {
        "cpu_flags": ["-mcpu=cortex-m7", "-mfloat-abi=hard", "-mfpu=fpv5-d16"],
        "board": "mps2-an500",
        "linker_script": "mps2_an500.ld",
        "systick_hz": 25000000,
    },
    "cortex_m33": {
        "cpu_flags": ["-mcpu=cortex-m33", "-mfloat-abi=hard", "-mfpu=fpv5-sp-d16"],
        "board": "mps2-an505",
        "linker_script": "mps2_an505.ld",
        "systick_hz": 20000000,
    },
    "cortex_m55": {
        "cpu_flags": ["-mcpu=cortex-m55", "-mfloat-abi=hard", "-mfpu=auto"],
        "board": "mps3-an547",
        "linker_script": "mps3_an547.ld",
        "systick_hz": 32000000,
    },
}

# The optimization of the kernels (tensorflow_micro/kernels/: the reference
# kernels, their internal math and the vendor libraries) on every Cortex-M
# target: for speed, as TFLM builds its kernels (KERNEL_OPTIMIZATION_LEVEL
# -O2); the rest of the runtime stays built for size (-Os). Read by the
# kernels' Bazel targets and by `tfmicro export` (make and cmake trees).
KERNEL_COPTS = ["-O2"]
