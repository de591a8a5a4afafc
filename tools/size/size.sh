#!/usr/bin/env bash
# Code size on Cortex-M4F at -Os (the kernels at KERNEL_COPTS, -O2: see
# tools/toolchains/targets.bzl) with -ffunction-sections -fdata-sections
# -Wl,--gc-sections and newlib-nano (--config=cortex_m4) of
#   (a) the framework core: //tools/size:core_program (interpreter over the
#       sine model, a resolver with no kernels, AllocateTensors + Invoke);
#   (b) the keyword-spotting int8 program: //tools/size:kws_program (exactly
#       the model's five kernels).
# Prints .text/.data/.bss, their contributors and the model array's bytes.
#
# Usage: tools/size/size.sh [--top N]   (N largest symbols of each program)
set -euo pipefail

repo="$(cd "$(dirname "$(readlink -f "${BASH_SOURCE[0]}")")/../.." && pwd)"
cd "$repo"
top=0
if [[ "${1:-}" == "--top" ]]; then top="$2"; fi

# -c opt: a release build (-DNDEBUG), as the TFLM figures.
config=(--config=cortex_m4 -c opt)
bazel build "${config[@]}" --noshow_progress --ui_event_filters=-info \
  //tools/size:core_program //tools/size:kws_program
execroot="$(bazel info "${config[@]}" execution_root 2>/dev/null)"
bin="$(bazel info "${config[@]}" bazel-bin 2>/dev/null)"
bin_rel="bazel-out/${bin#*/bazel-out/}"
# SIZE_KEEP_DIR=dir keeps the relinked programs and their map files there.
if [[ -n "${SIZE_KEEP_DIR:-}" ]]; then
  work="$SIZE_KEEP_DIR"
  mkdir -p "$work"
else
  work="$(mktemp -d)"
  trap 'rm -rf "$work"' EXIT
fi

# Links a program again from Bazel's own link parameters, adding a map file
# (which says which object each kept section came from).
relink() {
  local program="$1"
  local params="$bin_rel/tools/size/$program-2.params"
  [[ -f "$execroot/$params" ]] || { echo "no link parameters $params" >&2; exit 1; }
  awk -v out="$work/$program.elf" 'prev == "-o" { print out; prev = ""; next }
    { print; prev = $0 }' "$execroot/$params" >"$work/$program.params"
  echo "-Wl,-Map=$work/$program.map" >>"$work/$program.params"
  (cd "$execroot" && arm-none-eabi-gcc "@$work/$program.params")
  cmp -s <(arm-none-eabi-objcopy -O binary "$work/$program.elf" /dev/stdout) \
    <(arm-none-eabi-objcopy -O binary "$bin/tools/size/$program" /dev/stdout) ||
    echo "warning: relinked $program differs from Bazel's" >&2
}

echo "Cortex-M4F (arm-none-eabi-gcc $(arm-none-eabi-gcc -dumpversion), -Os, kernels -O2, gc-sections, newlib-nano)"
relink core_program
python3 tools/size/size_report.py --name "(a) framework core" \
  --map "$work/core_program.map" --elf "$work/core_program.elf" \
  --model_object sine_int8_model. --model_symbol g_sine_int8_model --top "$top"
relink kws_program
python3 tools/size/size_report.py --name "(b) keyword spotting int8" \
  --map "$work/kws_program.map" --elf "$work/kws_program.elf" \
  --model_object kws_int8_model. --model_symbol g_kws_int8_model --top "$top"
echo "TFLM, same settings: (a) 13,844 B .text (9,436 its own objects, 2,528 the model);"
echo "                     (b) 97,820 B .text (43,968 the model)"
