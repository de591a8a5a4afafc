#!/usr/bin/env python3
"""The operator coverage table: runs the conformance suite, writes
docs/OPERATORS.md and prints the table.

    tools/coverage/op_coverage.py --from-bazel    # bazel test, write, print
    tools/coverage/op_coverage.py                 # pytest, write, print
    tools/coverage/op_coverage.py --log FILE      # table from an earlier log
    tools/coverage/op_coverage.py -- -k SUB       # extra pytest arguments

conformance_util records every model checked against TFLite's reference
kernels as (operator, dtype of its main input, passed) lines. With
--from-bazel it runs the //python:conformance_test_* targets with `bazel
test` (cached results are reused: seconds when nothing changed) and reads
the lines each test left in its outputs; otherwise it builds
//tensorflow_micro/c:libtfmicro_c.so and runs pytest over
python/tests/conformance (sequentially) with TFMICRO_COVERAGE_LOG set. It
aggregates the lines per operator x dtype:

  pass          every recorded model of that operator and dtype matched
  FAIL          at least one did not
  unsupported   TFLite's reference kernel does not take the dtype
                (TFLITE_DTYPES below, from the kernels' Prepare checks)
  not yet       TFLite takes it; no conformance test covers it yet
"""

from __future__ import annotations

import argparse
import collections
import json
import os
import subprocess
import sys
import tempfile
from pathlib import Path

REPO = Path(__file__).resolve().parents[2]
LIBRARY_TARGET = "//tensorflow_micro/c:libtfmicro_c.so"
LOG_ENV = "TFMICRO_COVERAGE_LOG"
DTYPES = ("float32", "int8", "int16", "int32", "bool", "int64")

_ALL = frozenset(DTYPES)
_Q = frozenset({"float32", "int8", "int16"})
_NUMERIC = frozenset({"float32", "int8", "int16", "int32", "int64"})

# Issue #4's operators and the dtypes (of the main input, as
# conformance_util classes it) that TFLite's reference kernels accept for
# each. int8/int16 mean quantized tensors where the kernel quantizes.
# Checked cell by cell with a minimal hand-built model against
# ai-edge-litert 2.3's BUILTIN_REF resolver (outside the resolver: CEIL,
# ELU, ROUND, whose cells follow TFLite's builtin kernels).
TFLITE_DTYPES: dict[str, frozenset[str]] = {
    "ABS": frozenset({"float32", "int8", "int16", "int32"}),
    "ADD": _NUMERIC,
    "ADD_N": frozenset({"float32", "int32"}),
    "ARG_MAX": frozenset({"float32", "int8", "int32", "bool"}),
    "ARG_MIN": frozenset({"float32", "int8", "int32", "bool"}),
    "ASSIGN_VARIABLE": _ALL,
    "AVERAGE_POOL_2D": _Q,
    "BATCH_MATMUL": _Q,
    "BATCH_TO_SPACE_ND": _ALL,
    "BROADCAST_ARGS": frozenset({"int32", "int64"}),
    "BROADCAST_TO": _ALL,
    "CALL_ONCE": _ALL,
    "CAST": _ALL,
    "CEIL": frozenset({"float32"}),
    "CONCATENATION": _ALL,
    "CONV_2D": _Q,
    "COS": frozenset({"float32"}),
    "CUMSUM": frozenset({"float32", "int32", "int64"}),
    "DEPTHWISE_CONV_2D": _Q,
    "DEPTH_TO_SPACE": frozenset({"float32", "int8", "int32", "int64"}),
    "DEQUANTIZE": frozenset({"int8", "int16"}),
    "DIV": frozenset({"float32", "int8", "int16", "int32"}),
    "DYNAMIC_UPDATE_SLICE": _ALL,
    "ELU": frozenset({"float32", "int8"}),
    "EMBEDDING_LOOKUP": _ALL,
    "EQUAL": _ALL,
    "EXP": _Q,
    "EXPAND_DIMS": _ALL,
    "FILL": _ALL,
    "FLOOR": frozenset({"float32"}),
    "FLOOR_DIV": frozenset({"float32", "int8", "int16", "int32"}),
    "FLOOR_MOD": _NUMERIC,
    "FULLY_CONNECTED": _Q,
    "GATHER": _ALL,
    "GATHER_ND": _ALL,
    "GREATER": _NUMERIC,
    "GREATER_EQUAL": _NUMERIC,
    "HARD_SWISH": frozenset({"float32", "int8"}),
    "IF": _ALL,
    "L2_NORMALIZATION": frozenset({"float32", "int8"}),
    "L2_POOL_2D": frozenset({"float32"}),
    "LEAKY_RELU": _Q,
    "LESS": _NUMERIC,
    "LESS_EQUAL": _NUMERIC,
    "LOG": _Q,
    "LOGICAL_AND": frozenset({"bool"}),
    "LOGICAL_NOT": frozenset({"bool"}),
    "LOGICAL_OR": frozenset({"bool"}),
    "LOGISTIC": _Q,
    "LOG_SOFTMAX": frozenset({"float32", "int8"}),
    "MAXIMUM": _NUMERIC,
    "MAX_POOL_2D": _Q,
    "MEAN": _NUMERIC,
    "MINIMUM": _NUMERIC,
    "MIRROR_PAD": _ALL,
    "MUL": _NUMERIC,
    "NEG": _NUMERIC,
    "NOT_EQUAL": _ALL,
    "PACK": _NUMERIC,
    "PAD": _ALL,
    "PADV2": _ALL,
    "PRELU": _Q,
    "QUANTIZE": frozenset({"int8", "int16"}),
    "READ_VARIABLE": _ALL,
    "REDUCE_ALL": frozenset({"bool"}),
    "REDUCE_MAX": _ALL,
    "REDUCE_MIN": _ALL,
    "RELU": _Q,
    "RELU6": _Q,
    "RESHAPE": _ALL,
    "RESIZE_BILINEAR": _Q,
    "RESIZE_NEAREST_NEIGHBOR": _Q | {"int32", "bool"},
    "REVERSE_V2": _ALL,
    "ROUND": frozenset({"float32"}),
    "RSQRT": _Q,
    "SELECT_V2": _ALL,
    "SHAPE": _ALL,
    "SIN": frozenset({"float32"}),
    "SLICE": _ALL,
    "SOFTMAX": _Q,
    "SPACE_TO_BATCH_ND": _ALL,
    "SPACE_TO_DEPTH": frozenset({"float32", "int8", "int32", "int64"}),
    "SPLIT": _NUMERIC,
    "SPLIT_V": _NUMERIC,
    "SQRT": _Q,
    "SQUARE": frozenset({"float32"}),
    "SQUARED_DIFFERENCE": frozenset({"float32", "int8", "int32"}),
    "SQUEEZE": _ALL,
    "STRIDED_SLICE": _ALL,
    "SUB": _NUMERIC,
    "SUM": _ALL,
    "SVDF": frozenset({"float32", "int8"}),
    "TANH": _Q,
    "TILE": _ALL,
    "TRANSPOSE": _ALL,
    "TRANSPOSE_CONV": _Q,
    "UNIDIRECTIONAL_SEQUENCE_LSTM": _Q,
    "UNPACK": (_NUMERIC - {"int64"}) | {"bool"},
    "VAR_HANDLE": _ALL,
    "WHILE": _ALL,
    "ZEROS_LIKE": frozenset({"float32", "int32", "int64"}),
}

PASS, FAIL, UNSUPPORTED, NOT_YET = "pass", "FAIL", "unsupported", "not yet"


def build_library() -> Path:
    subprocess.run(["bazel", "build", LIBRARY_TARGET], cwd=REPO, check=True)
    bin_dir = subprocess.run(["bazel", "info", "bazel-bin"], cwd=REPO,
                             check=True, capture_output=True,
                             text=True).stdout.strip()
    return Path(bin_dir) / "tensorflow_micro/c/libtfmicro_c.so"


def run_suite(log: Path, library: Path, pytest_args: list[str]) -> int:
    """pytest over the conformance suite with the coverage log set; returns
    pytest's exit status (failures are in the table, not fatal here)."""
    python = REPO / ".venv/bin/python"
    env = dict(os.environ)
    env[LOG_ENV] = str(log)
    env["TFMICRO_LIBRARY"] = str(library)
    env["PYTHONPATH"] = os.pathsep.join(
        str(REPO / p) for p in ("python", "python/tests",
                                "python/tests/conformance"))
    command = [str(python if python.exists() else sys.executable), "-m",
               "pytest", "-q", "-p", "no:cacheprovider",
               "python/tests/conformance", *pytest_args]
    return subprocess.run(command, cwd=REPO, env=env).returncode


def read_log(log: Path) -> dict[tuple[str, str], list[bool]]:
    results: dict[tuple[str, str], list[bool]] = collections.defaultdict(list)
    for line in log.read_text(encoding="utf-8").splitlines():
        if line.strip():
            entry = json.loads(line)
            results[(entry["op"], entry["dtype"])].append(bool(entry["passed"]))
    return results


def cell(op: str, dtype: str,
         results: dict[tuple[str, str], list[bool]]) -> str:
    outcomes = results.get((op, dtype))
    if outcomes:
        return PASS if all(outcomes) else FAIL
    if dtype not in TFLITE_DTYPES.get(op, frozenset()):
        return UNSUPPORTED
    return NOT_YET


def render(results: dict[tuple[str, str], list[bool]]) -> str:
    """The markdown page: the table, the totals, the ops outside the list."""
    lines = [
        "# Operator coverage",
        "",
        "Generated by `tools/coverage/op_coverage.py --from-bazel` from the",
        "conformance suite (python/tests/conformance): each cell is an",
        "operator with the dtype of its main input, checked against TFLite's",
        "reference kernels (bit-exact for integer outputs, conformance_util's",
        "tolerance for float32). `pass`: every model of the cell matched",
        "(models checked in parentheses); `FAIL`: one did not; `unsupported`:",
        "TFLite's reference kernel does not take the dtype; `not yet`: no",
        "conformance test yet.",
        "Do not edit by hand; run the command.",
        "",
        "| operator | " + " | ".join(DTYPES) + " |",
        "|---|" + "---|" * len(DTYPES),
    ]
    totals = collections.Counter()
    for op in sorted(TFLITE_DTYPES):
        cells = []
        for dtype in DTYPES:
            state = cell(op, dtype, results)
            totals[state] += 1
            count = len(results.get((op, dtype), ()))
            cells.append(f"{state} ({count})" if count else state)
        lines.append(f"| {op} | " + " | ".join(cells) + " |")
    supported = sum(len(d & _ALL) for d in TFLITE_DTYPES.values())
    lines += [
        "",
        f"Totals over {len(TFLITE_DTYPES)} operators x {len(DTYPES)} dtypes: "
        f"{totals[PASS]} pass, {totals[FAIL]} fail, {totals[NOT_YET]} not yet, "
        f"{totals[UNSUPPORTED]} unsupported by TFLite "
        f"({supported} operator x dtype pairs TFLite supports).",
    ]
    extra = sorted({key for key in results
                    if key[0] not in TFLITE_DTYPES or key[1] not in DTYPES})
    if extra:
        lines += ["", "Also checked (outside the table):", ""]
        for op, dtype in extra:
            outcomes = results[(op, dtype)]
            state = PASS if all(outcomes) else FAIL
            lines.append(f"- {op} {dtype}: {state} ({len(outcomes)})")
    return "\n".join(lines) + "\n"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--from-bazel", action="store_true",
                        help="run the conformance tests with bazel test and "
                             "read their recorded lines")
    parser.add_argument("--log", type=Path,
                        help="aggregate this coverage log instead of running "
                             "the suite")
    parser.add_argument("--keep-log", type=Path,
                        help="write the run's coverage log here")
    parser.add_argument("--library", type=Path,
                        help="libtfmicro_c.so to test (default: build it)")
    parser.add_argument("--output", type=Path,
                        default=REPO / "docs/OPERATORS.md")
    parser.add_argument("pytest_args", nargs="*",
                        help="extra pytest arguments (after --)")
    args = parser.parse_args(argv)

    status = 0
    if args.from_bazel:
        return write_page(read_bazel_logs(), args.output)
    if args.log is not None:
        log = args.log
    else:
        library = args.library or build_library()
        if args.keep_log is not None:
            log = args.keep_log
            log.write_text("", encoding="utf-8")
        else:
            handle, name = tempfile.mkstemp(prefix="op_coverage_",
                                            suffix=".jsonl")
            os.close(handle)
            log = Path(name)
        status = run_suite(log, library, args.pytest_args)
    write_page(read_log(log), args.output)
    if args.log is None and args.keep_log is None:
        log.unlink()
    # pytest's status 1 (some tests failed) is reported in the table.
    return 0 if status in (0, 1) else status


def write_page(results: dict[tuple[str, str], list[bool]],
               output: Path) -> int:
    page = render(results)
    output.parent.mkdir(parents=True, exist_ok=True)
    output.write_text(page, encoding="utf-8")
    print(page)
    print(f"wrote {output}")
    return 0


def read_bazel_logs() -> dict[tuple[str, str], list[bool]]:
    """The coverage lines of every conformance test's Bazel outputs."""
    sys.path.insert(0, str(REPO / "tools/conformance"))
    import bazel_outputs

    results: dict[tuple[str, str], list[bool]] = collections.defaultdict(list)
    with tempfile.TemporaryDirectory(prefix="op_coverage_") as tmp:
        for directory in bazel_outputs.conformance_outputs(True, Path(tmp)):
            log = directory / "coverage.jsonl"
            if log.exists():
                for key, outcomes in read_log(log).items():
                    results[key].extend(outcomes)
    return results


if __name__ == "__main__":
    sys.exit(main())
