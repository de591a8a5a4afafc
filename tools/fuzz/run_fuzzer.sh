#!/usr/bin/env bash
# Builds the model fuzzer (tools/fuzz/build_fuzzer.py: clang,
# -fsanitize=fuzzer,address,undefined) and runs it on a seed corpus made of
# the repo's models, then prints executions, coverage and crashes.
#
#   tools/fuzz/run_fuzzer.sh [--seconds N] [--runs N] [--keep-going]
#                            [--max-len BYTES] [--out DIR] [-- LIBFUZZER_ARGS...]
#
# Seeds: bazel-bin/tools/models/*.tflite (after `bazel build //tools/models`),
# tensorflow_micro/examples/models/sine_int8.tflite, the small models of
# tensorflow_micro/fuzz/seeds/ (one or more per kernel, see
# tools/fuzz/make_seeds.py) and every saved input in
# tensorflow_micro/fuzz/regressions/. New inputs go to DIR/corpus (kept
# between runs), crashes to DIR/artifacts/. Inputs are at most --max-len
# bytes (default 65536; libFuzzer cuts longer seeds): the larger benchmark
# models take seconds per run under the sanitizers, and their prefixes still
# exercise the verifier. --keep-going runs in libFuzzer's fork mode and
# carries on after a crash, leak or timeout (long runs).
# Exits 0 when the run found no crash, 1 when it did, 2 on a usage or build
# error.
set -uo pipefail

repo="$(cd "$(dirname "$(readlink -f "${BASH_SOURCE[0]}")")/../.." && pwd)"

# All in a function: bash has read the whole of it before it runs, so the
# file can be edited during a long run.
main() {
  local seconds=""
  local runs=""
  keep_going=0
  max_len=65536
  out="$repo/build/fuzz"
  extra=()
  while (($#)); do
    case "$1" in
      --seconds) seconds="${2:?--seconds needs a value}"; shift 2 ;;
      --runs) runs="${2:?--runs needs a value}"; shift 2 ;;
      --keep-going) keep_going=1; shift ;;
      --max-len) max_len="${2:?--max-len needs a value}"; shift 2 ;;
      --out) out="${2:?--out needs a value}"; shift 2 ;;
      --) shift; extra=("$@"); break ;;
      -h|--help) sed -n '2,19p' "${BASH_SOURCE[0]}" | sed 's/^# \{0,1\}//'; exit 0 ;;
      *) echo "run_fuzzer.sh: unknown argument '$1' (see --help)" >&2; exit 2 ;;
    esac
  done
  if [[ -z "$seconds" && -z "$runs" ]]; then seconds=60; fi
  mkdir -p "$out" && out="$(cd "$out" && pwd)"

  python3 "$repo/tools/fuzz/build_fuzzer.py" --out "$out" || exit 2
  fuzzer="$out/model_fuzzer"

  seeds="$out/seeds"
  rm -rf "$seeds"
  mkdir -p "$seeds" "$out/corpus" "$out/artifacts"
  shopt -s nullglob
  models=("$repo"/bazel-bin/tools/models/*.tflite)
  if ((${#models[@]} == 0)); then
    echo "[fuzz] note: no bazel-bin/tools/models/*.tflite; run" \
         "'bazel build //tools/models' for more seeds"
  fi
  ((${#models[@]})) && cp "${models[@]}" "$seeds/"
  cp "$repo/tensorflow_micro/examples/models/sine_int8.tflite" \
     "$seeds/example_sine_int8.tflite"
  cp "$repo"/tensorflow_micro/fuzz/seeds/*.tflite "$seeds/"

  args=(-max_len="$max_len" -timeout=10 -rss_limit_mb=2048 -print_final_stats=1
        -artifact_prefix="$out/artifacts/")
  [[ -n "$seconds" ]] && args+=(-max_total_time="$seconds")
  [[ -n "$runs" ]] && args+=(-runs="$runs")
  ((keep_going)) && args+=(-fork=1 -ignore_crashes=1 -ignore_timeouts=1
                           -ignore_ooms=1)

  before=$(find "$out/artifacts" -type f | wc -l)
  log="$out/fuzz.log"
  [[ -f "$log" ]] && mv "$log" "$log.previous"
  echo "[fuzz] $fuzzer ${args[*]} ${extra[*]} (log: $log)"
  "$fuzzer" "${args[@]}" "${extra[@]}" "$out/corpus" "$seeds" \
    "$repo/tensorflow_micro/fuzz/regressions" >"$log" 2>&1
  status=$?
  after=$(find "$out/artifacts" -type f | wc -l)

  # Figures from libFuzzer's last status line ("#N ... cov: C ft: F"; in
  # fork mode N counts every job's executions).
  execs=$(grep -oE '^#[0-9]+' "$log" | tail -1 | tr -d '#')
  cov=$(grep -o 'cov: [0-9]*' "$log" | tail -1 | cut -d' ' -f2)
  ft=$(grep -o 'ft: [0-9]*' "$log" | tail -1 | cut -d' ' -f2)
  crashes=$((after - before))
  ((status != 0 && crashes == 0 && keep_going == 0)) && crashes=1
  echo "[fuzz] executions: ${execs:-0}  cov: ${cov:-0}  ft: ${ft:-0}" \
       " corpus: $(find "$out/corpus" -type f | wc -l) files" \
       " crashes: $crashes (libFuzzer exit $status)"
  if ((crashes > 0)); then
    grep -E '^(==[0-9]+==ERROR|SUMMARY:|.*runtime error:)' "$log" | sort | uniq -c | head -20
    find "$out/artifacts" -type f -newer "$seeds" | head -20 | sed 's/^/[fuzz] input: /'
    exit 1
  fi
  exit 0
}

main "$@"
