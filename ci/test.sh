#!/usr/bin/env bash
# The README's test command: sets up the machine (ci/setup.sh), then runs
#   1. every test with Bazel and the host compiler (bazel test //...),
#   2. the toolchain and target matrix, quick mode: host clang, asan, ubsan
#      and five Cortex-M CPUs on qemu over //tensorflow_micro/... (host gcc's
#      row is cached from step 1; `ci/matrix.sh --full` runs everything),
#   3. the kernel conformance suite on the emulated Cortex-M CPUs, with the
#      reference kernels and the vendor libraries (ci/conformance_on_targets.sh:
#      the cases step 1's conformance tests recorded, run in qemu),
#   4. two minutes of fuzzing (ci/fuzz.sh).
# Every step runs even when an earlier one failed; the exit status is
# non-zero when any did. Extra arguments go to `bazel test` (e.g. --jobs=2).
set -euo pipefail

repo="$(cd "$(dirname "$(readlink -f "${BASH_SOURCE[0]}")")/.." && pwd)"
cd "$repo"
start=$SECONDS

"$repo/ci/setup.sh"

passed=0
failed=0
failures=()
step() {
  local name="$1"
  shift
  local step_start=$SECONDS status=0
  echo "[test] $name: $*"
  "$@" || status=$?
  if ((status == 0)); then
    passed=$((passed + 1))
    echo "[test] $name passed ($((SECONDS - step_start))s)"
  else
    failed=$((failed + 1))
    failures+=("$name (status $status)")
    echo "[test] $name FAILED with status $status ($((SECONDS - step_start))s)" >&2
  fi
}

step "host suite" bazel test "$@" -- //...
step "toolchain matrix" "$repo/ci/matrix.sh" "$@"
step "conformance on targets" "$repo/ci/conformance_on_targets.sh"
step "fuzzing" "$repo/ci/fuzz.sh"

elapsed=$((SECONDS - start))
if ((failed == 0)); then
  echo "[test] PASSED: host suite, toolchain matrix, conformance on targets and fuzzing (${elapsed}s)"
else
  echo "[test] FAILED: ${failures[*]} (${elapsed}s); see the log above" >&2
fi
echo "steps: $passed passed, $failed failed"
((failed == 0))
