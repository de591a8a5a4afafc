#!/usr/bin/env bash
# The toolchain and target matrix: builds and tests with host gcc, host
# clang, clang + AddressSanitizer, clang + UndefinedBehaviorSanitizer, and
# arm-none-eabi-gcc for five Cortex-M CPUs run on qemu-system-arm boards
# (the --config=... in .bazelrc, tools/toolchains), then prints a table
# target x (built, tests passed/failed). Exits non-zero when any target
# fails to build or any test fails.
#
#   ci/matrix.sh            quick: //tensorflow_micro/... (core, kernels,
#                           whole-model tests, examples) on host gcc, one
#                           clang build with asan and ubsan together, and
#                           the five Cortex-M CPUs (CI's time budget)
#   ci/matrix.sh --full     every row, clang, asan and ubsan apart, on //...
#                           (targets tagged host_only,
#                           Python and the library it loads, are skipped
#                           on Cortex-M and under the sanitizers)
#   ci/matrix.sh --only cortex_m4,asan   a subset of the rows
#
# Other arguments go to every `bazel test`. Host gcc's results are usually
# cached from ci/test.sh (same command line), so that row costs nothing
# there. Logs: $MATRIX_LOG_DIR (default /tmp/tfmicro-matrix-<hash of the
# checkout's path>, so checkouts on one machine do not share log files).
set -uo pipefail

repo="$(cd "$(dirname "$(readlink -f "${BASH_SOURCE[0]}")")/.." && pwd)"
cd "$repo"

targets=(gcc sanitize cortex_m3 cortex_m4 cortex_m7 cortex_m33 cortex_m55)
patterns=(//tensorflow_micro/...)
mode=quick
bazel_args=()
while (($#)); do
  case "$1" in
    --full)
      mode=full
      patterns=(//...)
      targets=(gcc clang asan ubsan cortex_m3 cortex_m4 cortex_m7 cortex_m33 cortex_m55)
      ;;
    --only) IFS=, read -r -a targets <<<"$2"; shift ;;
    -h|--help) sed -n '2,20p' "$0"; exit 0 ;;
    *) bazel_args+=("$1") ;;
  esac
  shift
done

log_dir="${MATRIX_LOG_DIR:-/tmp/tfmicro-matrix-$(printf %s "$repo" | md5sum | cut -c1-8)}"
mkdir -p "$log_dir"

describe() {
  case "$1" in
    gcc) echo "host gcc 12" ;;
    clang) echo "host clang 14" ;;
    asan) echo "clang + asan" ;;
    ubsan) echo "clang + ubsan" ;;
    sanitize) echo "clang + asan + ubsan" ;;
    cortex_m3) echo "Cortex-M3 (mps2-an385)" ;;
    cortex_m4) echo "Cortex-M4F (mps2-an386)" ;;
    cortex_m7) echo "Cortex-M7 (mps2-an500)" ;;
    cortex_m33) echo "Cortex-M33 (mps2-an505)" ;;
    cortex_m55) echo "Cortex-M55 (mps3-an547)" ;;
    *) echo "$1" ;;
  esac
}

rows=()
overall=0
start_all=$SECONDS
for target in "${targets[@]}"; do
  config=()
  [[ "$target" != gcc ]] && config=(--config="$target")
  log="$log_dir/$target.log"
  echo "[matrix] $target: bazel test ${config[*]} ${patterns[*]} (log: $log)"
  start=$SECONDS
  status=0
  bazel test "${config[@]}" --keep_going "${bazel_args[@]}" -- \
    "${patterns[@]}" >"$log" 2>&1 || status=$?
  seconds=$((SECONDS - start))
  # One summary line per test: "//pkg:test   PASSED in 0.3s" (or cached).
  passed=$(grep -cE '^//[^ ]+ +(\(cached\) )?PASSED' "$log")
  failed=$(grep -cE '^//[^ ]+ +(\(cached\) )?(FAILED|TIMEOUT|FLAKY|INCOMPLETE|REMOTE FAILURE|FAILED TO BUILD|NO STATUS)' "$log")
  case $status in
    0) built=yes ;;
    3) built=yes ;;   # built; some tests failed
    4) built=yes ;;   # built; no test matched
    *) built=no ;;
  esac
  if ((status != 0)); then
    overall=1
    echo "[matrix] $target FAILED (bazel exit $status); last lines of $log:" >&2
    grep -E 'ERROR|FAILED|error:' "$log" | head -20 >&2
  fi
  rows+=("$(printf '| %-24s | %-5s | %6s | %6s | %5ss |' \
    "$(describe "$target")" "$built" "$passed" "$failed" "$seconds")")
done

echo
echo "Toolchain and target matrix ($mode: ${patterns[*]}), $((SECONDS - start_all))s"
printf '| %-24s | %-5s | %6s | %6s | %6s |\n' target built passed failed time
printf '|%s|%s|%s|%s|%s|\n' "--------------------------" "-------" "--------" "--------" "--------"
for row in "${rows[@]}"; do echo "$row"; done
if ((overall == 0)); then
  echo "[matrix] PASSED: every target built and every test passed"
else
  echo "[matrix] FAILED: see the rows above and the logs in $log_dir" >&2
fi
exit "$overall"
