#!/usr/bin/env bash
# The kernel conformance suite on the emulated Cortex-M CPUs: every case
# the host conformance tests recorded (models, inputs and TFLite's outputs,
# kept by Bazel with the tests' results) run by
# //tools/conformance:case_runner in qemu-system-arm, with the reference
# kernels on each CPU and with each vendor library on the CPUs it is
# written for (tools/conformance/on_target.py does the work).
#
#   ci/conformance_on_targets.sh          the runs below; the table goes to
#                                         $CONFORMANCE_LOG_DIR (default
#                                         /tmp/tfmicro-conformance-<hash>)
#   ci/conformance_on_targets.sh --docs   also writes
#                                         docs/CONFORMANCE_ON_TARGETS.md
#
# Needs the conformance tests to have run (ci/test.sh's host suite does;
# otherwise: bazel test //python:all). Exits non-zero when a case fails on
# any run.
set -uo pipefail

repo="$(cd "$(dirname "$(readlink -f "${BASH_SOURCE[0]}")")/.." && pwd)"
cd "$repo"

# TARGET[:VENDOR]; a vendor runs on the CPUs its instructions exist on.
runs=(cortex_m3 cortex_m4 cortex_m7 cortex_m33 cortex_m55
      cortex_m4:arm_dsp cortex_m7:arm_dsp cortex_m33:arm_dsp)

log_dir="${CONFORMANCE_LOG_DIR:-/tmp/tfmicro-conformance-$(printf %s "$repo" | md5sum | cut -c1-8)}"
mkdir -p "$log_dir"
output="$log_dir/CONFORMANCE_ON_TARGETS.md"
if [[ "${1:-}" == "--docs" ]]; then output="$repo/docs/CONFORMANCE_ON_TARGETS.md"; fi

python="$repo/.venv/bin/python"
[[ -x "$python" ]] || python=python3

args=(--no-test-run --output "$output")
for run in "${runs[@]}"; do args+=(--run "$run"); done
status=0
"$python" tools/conformance/on_target.py "${args[@]}" >"$log_dir/on_target.log" 2>&1 || status=$?
# Per-run totals, then any failing cell with its first failure.
grep -E '^\[on_target\] [a-z0-9_:]+: [0-9]+ passed' "$log_dir/on_target.log"
grep -E '^- |^on_target:' "$log_dir/on_target.log" | head -40
if ((status != 0)); then
  echo "[conformance] FAILED (status $status); the log: $log_dir/on_target.log" >&2
  tail -20 "$log_dir/on_target.log" >&2
fi
echo "[conformance] table: $output"
exit "$status"
