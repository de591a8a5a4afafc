"""The Cortex-M targets: one entry per CPU, read by the Bazel toolchains and
by `tfmicro export` (python/tfmicro/target_table.py parses this dict, so
keep it a plain literal).

  cpu:           the -mcpu value
  flags:         machine flags for every compile and link
  board:         the qemu-system-arm machine that runs it
  linker_script: in tensorflow_micro/platform/cortex_m/
"""

CORTEX_M_TARGETS = {
    "cortex_m3": {
        "cpu": "cortex-m3",
        "flags": ["-mcpu=cortex-m3", "-mthumb", "-mfloat-abi=soft"],
        "board": "mps2-an385",
        "linker_script": "mps2_an385.ld",
    },
    "cortex_m4": {
        "cpu": "cortex-m4",
        "flags": ["-mcpu=cortex-m4", "-mthumb", "-mfloat-abi=hard", "-mfpu=fpv4-sp-d16"],
        "board": "mps2-an386",
        "linker_script": "mps2_an386.ld",
    },
    "cortex_m7": {
        "cpu": "cortex-m7",
        "flags": ["-mcpu=cortex-m7", "-mthumb", "-mfloat-abi=hard", "-mfpu=fpv5-d16"],
        "board": "mps2-an500",
        "linker_script": "mps2_an500.ld",
    },
    "cortex_m33": {
        "cpu": "cortex-m33",
        "flags": ["-mcpu=cortex-m33", "-mthumb", "-mfloat-abi=hard", "-mfpu=fpv5-sp-d16"],
        "board": "mps2-an505",
        "linker_script": "mps2_an505.ld",
    },
    "cortex_m55": {
        "cpu": "cortex-m55",
        "flags": ["-mcpu=cortex-m55", "-mthumb", "-mfloat-abi=hard", "-mfpu=auto"],
        "board": "mps3-an547",
        "linker_script": "mps3_an547.ld",
    },
}
