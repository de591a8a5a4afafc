#!/usr/bin/env python3
"""The kernel conformance suite on a target: every case the host suite
checks against TFLite, run on an emulated Cortex-M (or the host build),
optionally with a vendor kernel library; prints the operator x dtype table.

    tools/conformance/on_target.py --target cortex_m4 [--vendor arm_dsp]
    tools/conformance/on_target.py --run cortex_m3 --run cortex_m4:arm_dsp ...
        [--cases DIR ...] [--no-test-run] [--output FILE.md] [--json]

1. Cases: the host conformance tests (python/tests/conformance) record each
   model they compare with TFLite, with the inputs and TFLite's outputs
   (conformance_util.record_case). By default this script runs them with
   `bazel test` (results cached by Bazel, cases kept in each test's
   outputs.zip) and reads the cases from bazel-testlogs; `--cases DIR`
   reads directories filled by a direct pytest run with
   TFMICRO_CONFORMANCE_CASES=DIR instead.
2. Builds //tools/conformance:case_runner for the target
   (`bazel build --config=TARGET [--define tfmicro_vendor=VENDOR]`).
3. Runs it over the bundle of all cases: in qemu-system-arm with
   semihosting (the board of tools/toolchains/targets.bzl), or directly on
   the host.
4. Prints one row per operator and dtype and one column per run: pass when
   every case of the cell matched TFLite (integer outputs bit-exact,
   float32 within the host suite's tolerance), FAIL otherwise, with the
   first failing case's test and reason; writes the same markdown with
   --output (docs/CONFORMANCE_ON_TARGETS.md is made so, see ci/).

Exit status 0 when every case of every run passed, 1 when one failed, 2 on
a usage or build problem.
"""

from __future__ import annotations

import argparse
import collections
import json
import subprocess
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(REPO / "python"))

import bazel_outputs  # noqa: E402  (beside this script)
from tfmicro import target_cases, target_table  # noqa: E402

RUNNER = "//tools/conformance:case_runner"
BUNDLE_NAME = "conformance_cases.bin"  # the runner's default on a board
QEMU = "qemu-system-arm"
# The whole suite takes seconds of emulated time; a hung kernel stops here.
QEMU_TIMEOUT_SECONDS = 900


class Failure(Exception):
    """A problem that stops the run (exit status 2)."""


def log(message: str) -> None:
    print(f"[on_target] {message}", file=sys.stderr, flush=True)


def bazel(*args: str, capture: bool = False) -> str:
    try:
        return bazel_outputs.bazel(*args, capture=capture)
    except bazel_outputs.BazelError as e:
        raise Failure(str(e)) from e


def cases_from_bazel(run_tests: bool, workdir: Path) -> list[Path]:
    """The case directories the conformance tests recorded under Bazel."""
    try:
        outputs = bazel_outputs.conformance_outputs(run_tests, workdir)
    except bazel_outputs.BazelError as e:
        raise Failure(str(e)) from e
    return [directory / "conformance_cases" for directory in outputs]


def build_runner(target: str, vendor: str | None) -> Path:
    config = [] if target == "host" else [f"--config={target}"]
    define = [f"--define=tfmicro_vendor={vendor}"] if vendor else []
    log(f"building {RUNNER} for {target}"
        f"{' with vendor ' + vendor if vendor else ''}")
    bazel("build", *config, *define, RUNNER)
    bin_dir = Path(bazel("info", *config, *define, "bazel-bin",
                         capture=True).strip())
    program = bin_dir / "tools/conformance/case_runner"
    if not program.exists():
        raise Failure(f"{program} was not built")
    return program


def run_runner(program: Path, target: str, bundle_dir: Path) -> str:
    if target == "host":
        command = [str(program), BUNDLE_NAME]
    else:
        board = target_table.load()[target]["board"]
        # Same flags as tools/toolchains/qemu_runner.sh.
        command = [QEMU, "-M", board, "-display", "none", "-serial", "none",
                   "-monitor", "none", "-nodefaults",
                   "-semihosting-config", "enable=on,target=native",
                   "-icount", "shift=0,align=off,sleep=off",
                   "-kernel", str(program)]
    log("running: " + " ".join(command))
    try:
        child = subprocess.run(command, cwd=bundle_dir, capture_output=True,
                               text=True, errors="replace",
                               timeout=QEMU_TIMEOUT_SECONDS,
                               stdin=subprocess.DEVNULL, check=False)
    except subprocess.TimeoutExpired as e:
        raise Failure(f"the runner did not finish in {QEMU_TIMEOUT_SECONDS} "
                      "s") from e
    if child.returncode not in (0, 1):
        raise Failure(f"the runner stopped with exit {child.returncode}:\n"
                      + (child.stdout + child.stderr)[-3000:])
    return child.stdout


def tabulate(cases: list[target_cases.Case],
             results: dict[int, target_cases.Result]) -> dict:
    """{(op, dtype): cell} for one run: its state ("pass", "FAIL" or
    "skipped"), case count and first failure."""
    cells: dict[tuple[str, str], list[int]] = collections.defaultdict(list)
    for index, case in enumerate(cases):
        for op, dtype in case.meta.get("ops") or [("UNKNOWN", "none")]:
            cells[(op, dtype)].append(index)
    table = {}
    for key, indices in sorted(cells.items()):
        outcomes = [results[i].outcome if i in results else "missing"
                    for i in indices]
        bad = [i for i, o in zip(indices, outcomes, strict=True)
               if o not in ("pass", "skipped")]
        state = "pass" if not bad else "FAIL"
        if all(o == "skipped" for o in outcomes):
            state = "skipped"
        first = None
        if bad:
            i = bad[0]
            result = results.get(i)
            first = (f"{cases[i].meta.get('test', cases[i].path.name)}: "
                     + (f"{result.outcome}: {result.detail}" if result else
                        "no result (the runner stopped before this case)"))
        table[key] = {"state": state, "cases": len(indices),
                      "failed": len(bad), "first_failure": first}
    return table


def run_name(target: str, vendor: str | None) -> str:
    return f"{target}:{vendor}" if vendor else target


def render(runs: list[dict], command: str) -> str:
    """One markdown page: a column per run, a row per operator x dtype."""
    names = [run_name(r["target"], r["vendor"]) for r in runs]
    lines = [
        "# Conformance on targets",
        "",
        f"Generated by `{command}`: every case of the host conformance suite",
        "(python/tests/conformance: a model, its inputs and TFLite's",
        "reference outputs) run by //tools/conformance:case_runner on each",
        "target (qemu-system-arm for Cortex-M) with the reference kernels, or",
        "a vendor library (TARGET:VENDOR), and compared with TFLite: integer",
        "outputs bit-exact, float32 within the suite's tolerance. A row is an",
        "operator with the dtype of its main input; `pass (n)`: all n cases",
        "that exercise it matched. Do not edit by hand; run the command.",
        "",
        "| operator | dtype | " + " | ".join(names) + " |",
        "|---|---|" + "---|" * len(names),
    ]
    keys = sorted({key for r in runs for key in r["table"]})
    for op, dtype in keys:
        cells = []
        for r in runs:
            cell = r["table"].get((op, dtype))
            if cell is None:
                cells.append("-")
            elif cell["state"] == "FAIL":
                cells.append(f"FAIL {cell['failed']}/{cell['cases']}")
            else:
                cells.append(f"{cell['state']} ({cell['cases']})")
        lines.append(f"| {op} | {dtype} | " + " | ".join(cells) + " |")
    lines += ["", "| run | cases passed | failed | errors | skipped | "
              "without a result |", "|---|---:|---:|---:|---:|---:|"]
    for name, r in zip(names, runs, strict=True):
        t = r["totals"]
        lines.append(f"| {name} | {t['pass']} | {t['fail']} | {t['error']} "
                     f"| {t['skipped']} | {t['missing']} |")
    failures = [(name, key, cell["first_failure"])
                for name, r in zip(names, runs, strict=True)
                for key, cell in sorted(r["table"].items())
                if cell["first_failure"]]
    if failures:
        lines += ["", "First failure per cell:", ""]
        lines += [f"- {name} {op} {dtype}: {first}"
                  for name, (op, dtype), first in failures]
    return "\n".join(lines) + "\n"


def parse_run(text: str) -> tuple[str, str | None]:
    target, _, vendor = text.partition(":")
    targets = ["host", *target_table.load()]
    if target not in targets:
        raise argparse.ArgumentTypeError(
            f"unknown target {target!r}: one of {', '.join(targets)}")
    return target, vendor or None


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--target", type=lambda t: parse_run(t)[0],
                        help="where the cases run: host or a Cortex-M CPU")
    parser.add_argument("--vendor", help="with --target: a vendor kernel "
                        "library (tensorflow_micro/kernels/vendor/NAME)")
    parser.add_argument("--run", type=parse_run, action="append", default=[],
                        metavar="TARGET[:VENDOR]",
                        help="a run, repeatable (one table column each)")
    parser.add_argument("--cases", type=Path, action="append",
                        help="case directory (TFMICRO_CONFORMANCE_CASES of a "
                             "pytest run); default: from bazel test")
    parser.add_argument("--no-test-run", action="store_true",
                        help="read the cases the last `bazel test` left in "
                             "bazel-testlogs without running it")
    parser.add_argument("--output", type=Path, help="write the table here "
                        "(markdown)")
    parser.add_argument("--json", action="store_true",
                        help="print the results as JSON instead of the table")
    args = parser.parse_args(argv)
    runs = list(args.run)
    if args.target:
        runs.insert(0, (args.target, args.vendor))
    elif args.vendor:
        parser.error("--vendor needs --target")
    if not runs:
        parser.error("give --target TARGET [--vendor NAME] or --run "
                     "TARGET[:VENDOR] ...")

    results_by_run = []
    try:
        with tempfile.TemporaryDirectory(prefix="tfmicro_on_target_") as tmp:
            workdir = Path(tmp)
            directories = args.cases or cases_from_bazel(
                not args.no_test_run, workdir)
            cases = target_cases.read_cases(directories)
            if not cases:
                raise Failure("no cases found in "
                              + ", ".join(map(str, directories)))
            bundle = workdir / BUNDLE_NAME
            bundle.write_bytes(target_cases.pack_bundle(cases))
            log(f"{len(cases)} cases, {bundle.stat().st_size:,} bytes")
            for target, vendor in runs:
                start = time.monotonic()
                program = build_runner(target, vendor)
                report = run_runner(program, target, workdir)
                results, complete = target_cases.parse_report(report)
                totals = collections.Counter(
                    r.outcome for r in results.values())
                for outcome in ("pass", "fail", "error", "skipped"):
                    totals.setdefault(outcome, 0)
                totals["missing"] = len(cases) - len(results)
                log(f"{run_name(target, vendor)}: {totals['pass']} passed, "
                    f"{totals['fail']} failed, {totals['error']} errors, "
                    f"{totals['skipped']} skipped, {totals['missing']} "
                    f"without a result"
                    + ("" if complete else " (the runner stopped early)")
                    + f" ({time.monotonic() - start:.0f} s)")
                results_by_run.append({
                    "target": target, "vendor": vendor, "complete": complete,
                    "totals": totals, "table": tabulate(cases, results)})
    except Failure as e:
        print(f"on_target: {e}", file=sys.stderr)
        return 2
    command = "tools/conformance/on_target.py " + " ".join(
        f"--run {run_name(t, v)}" for t, v in runs)
    page = render(results_by_run, command)
    if args.output:
        args.output.parent.mkdir(parents=True, exist_ok=True)
        args.output.write_text(page, encoding="utf-8")
        log(f"wrote {args.output}")
    if args.json:
        print(json.dumps([{
            "target": r["target"], "vendor": r["vendor"] or "reference",
            "complete": r["complete"], "totals": dict(r["totals"]),
            "cells": [{"op": op, "dtype": dtype, **cell}
                      for (op, dtype), cell in r["table"].items()]}
            for r in results_by_run], indent=1))
    else:
        print(page)
    ok = all(r["complete"] and r["totals"]["fail"] == r["totals"]["error"]
             == r["totals"]["missing"] == 0 for r in results_by_run)
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
