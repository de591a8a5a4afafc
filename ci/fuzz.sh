#!/usr/bin/env bash
# CI's fuzzing step: builds the model fuzzer (clang, -fsanitize=fuzzer,
# address,undefined) and runs it for a bounded time, by default 120 s
# (first argument or TFMICRO_FUZZ_SECONDS). Every saved regression input is
# replayed first, as part of the seed corpus. Zero crashes allowed: exits
# non-zero on any crash, leak, undefined behaviour or timeout, and on a
# build failure. A long run for figures: tools/fuzz/run_fuzzer.sh
# --keep-going --seconds N.
set -euo pipefail

repo="$(cd "$(dirname "$(readlink -f "${BASH_SOURCE[0]}")")/.." && pwd)"
seconds="${1:-${TFMICRO_FUZZ_SECONDS:-120}}"
start=$SECONDS

status=0
"$repo/tools/fuzz/run_fuzzer.sh" --seconds "$seconds" --out "$repo/build/fuzz-ci" ||
  status=$?
elapsed=$((SECONDS - start))
if ((status == 0)); then
  echo "[fuzz] PASSED: no crash in ${seconds}s of fuzzing (${elapsed}s in all)"
else
  echo "[fuzz] FAILED: the fuzzer found a crash or did not build (status" \
       "$status, ${elapsed}s); the log is build/fuzz-ci/fuzz.log, the input" \
       "in build/fuzz-ci/artifacts/" >&2
fi
exit "$status"
