#!/usr/bin/env bash
# The README's test command: sets up the machine (ci/setup.sh), then builds
# and runs every test with Bazel and the host compiler. Exits non-zero when
# anything fails. Extra arguments go to `bazel test` (e.g. --jobs=2).
set -euo pipefail

repo="$(cd "$(dirname "$(readlink -f "${BASH_SOURCE[0]}")")/.." && pwd)"
cd "$repo"
start=$SECONDS

"$repo/ci/setup.sh"

echo "[test] bazel test //... $*"
status=0
bazel test "$@" -- //... || status=$?

# The toolchain and target matrix, quick mode: host clang, asan, ubsan and
# five Cortex-M CPUs on qemu over //tensorflow_micro/... (host gcc's row is
# cached from the line above). `ci/matrix.sh --full` runs everything.
matrix_status=0
"$repo/ci/matrix.sh" "$@" || matrix_status=$?

elapsed=$((SECONDS - start))
if ((status == 0 && matrix_status != 0)); then
  echo "[test] FAILED: the toolchain matrix failed (${elapsed}s); see its table above" >&2
  exit 1
fi
if ((status == 0)); then
  echo "[test] PASSED: every test passed, host suite and toolchain matrix (${elapsed}s)"
else
  case $status in
    1) what="the build failed" ;;
    3) what="some tests failed" ;;
    4) what="no tests were found" ;;
    *) what="bazel exited with status $status" ;;
  esac
  echo "[test] FAILED: $what (${elapsed}s); see the log above" >&2
fi
"$repo/ci/fuzz.sh" || status=$((status ? status : 1))  # libFuzzer, 120 s
exit "$status"
