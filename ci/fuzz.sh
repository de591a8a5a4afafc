#!/usr/bin/env bash
# CI's fuzzing step: builds the model fuzzer (clang, -fsanitize=fuzzer,
# address,undefined) and runs it for a bounded time, by default 120 s
# (first argument or TFMICRO_FUZZ_SECONDS) and at most 400,000 executions
# (TFMICRO_FUZZ_RUNS). Every saved regression input is
# replayed first, as part of the seed corpus. Zero crashes allowed: exits
# non-zero on any crash, leak, undefined behaviour or timeout, and on a
# build failure. A long run for figures: tools/fuzz/run_fuzzer.sh
# --keep-going --seconds N.
set -euo pipefail

repo="$(cd "$(dirname "$(readlink -f "${BASH_SOURCE[0]}")")/.." && pwd)"
seconds="${1:-${TFMICRO_FUZZ_SECONDS:-120}}"
# A fixed seed, a fixed number of executions and a fresh corpus: CI's run
# is the same sequence on every machine (a slower one stops earlier, at
# the time limit, on a prefix of it), so a red run is reproducible and a
# green one is not luck. Random, open-ended runs: tools/fuzz/run_fuzzer.sh.
runs="${TFMICRO_FUZZ_RUNS:-400000}"
start=$SECONDS

status=0
rm -rf "$repo/build/fuzz-ci/corpus"
"$repo/tools/fuzz/run_fuzzer.sh" --seconds "$seconds" --runs "$runs" \
  --out "$repo/build/fuzz-ci" -- -seed=1 || status=$?
elapsed=$((SECONDS - start))
if ((status == 0)); then
  echo "[fuzz] PASSED: no crash in at most $runs executions or ${seconds}s (${elapsed}s in all)"
else
  echo "[fuzz] FAILED: the fuzzer found a crash or did not build (status" \
       "$status, ${elapsed}s); the log is build/fuzz-ci/fuzz.log, the input" \
       "in build/fuzz-ci/artifacts/" >&2
fi
exit "$status"
