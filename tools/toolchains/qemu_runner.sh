#!/usr/bin/env bash
# Runs a Cortex-M program on a qemu-system-arm board and exits with the
# program's exit code (semihosting SYS_EXIT_EXTENDED), so a cc_test built
# for the target passes or fails like a host test. The Cortex-M
# configurations in .bazelrc use it for `bazel test` and `bazel run`:
#   --run_under="//tools/toolchains:qemu_runner mps2-an386"
#
# Usage: qemu_runner.sh BOARD PROGRAM
#
# -icount shift=0,align=off,sleep=off: virtual time advances one nanosecond
# per instruction, so tfm_platform_ticks() counts instructions and runs are
# deterministic.
set -euo pipefail

if (($# < 2)); then
  echo "usage: $0 BOARD PROGRAM (e.g. mps2-an386 bazel-bin/...)" >&2
  exit 2
fi
board="$1"
program="$2"
shift 2
if (($#)); then
  echo "qemu_runner: the program gets no arguments on the board; ignoring: $*" >&2
fi
if ! command -v qemu-system-arm >/dev/null; then
  echo "qemu_runner: qemu-system-arm not found (ci/setup.sh installs it)" >&2
  exit 127
fi

exec qemu-system-arm \
  -M "$board" \
  -display none -serial none -monitor none -nodefaults \
  -semihosting-config enable=on,target=native \
  -icount shift=0,align=off,sleep=off \
  -kernel "$program"
