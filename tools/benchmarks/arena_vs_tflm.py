"""Arena bytes per model: tfmicro's plans next to TFLM, measured in one run.

    python tools/benchmarks/arena_vs_tflm.py MODEL.tflite [MODEL.tflite ...]
    python tools/benchmarks/arena_vs_tflm.py --models-dir DIR [--json]

For every model, the arena a device program needs with tfmicro:

* greedy: the model as converted, planned on the device by the greedy
  planner;
* offline: `tfmicro plan --no-reorder` without in-place permissions, i.e.
  the best offsets for the converter's operator order with every pair of
  live tensors disjoint;
* offline+: `tfmicro plan` (operator reordering where it lowers the peak,
  and outputs written over dying inputs where the kernels allow it).

Each figure is the exact `arena_used_bytes()` less the interpreter object
the Python bindings keep at the start of their arena (on a device it lives
outside the arena, as TFLM's MicroInterpreter does). TFLM's is the "Arena
allocation total" line of `print_allocations()` from the `tflite-micro` pip
package (its RecordingMicroAllocator), read in a subprocess because TFLM
writes it to the process's stderr from C++. Ratios are tfmicro / TFLM.
"""

from __future__ import annotations

import argparse
import json
import re
import subprocess
import sys
from pathlib import Path

import tfmicro
from tfmicro import plan

_TFLM_PROBE = r"""
import sys
from tflite_micro.python.tflite_micro import runtime
data = open(sys.argv[1], "rb").read()
interpreter = runtime.Interpreter.from_bytes(data, arena_size=int(sys.argv[2]))
interpreter.print_allocations()
"""
_TOTAL = re.compile(r"Arena allocation total (\d+) bytes")
MLPERF_TINY = ("kws_int8", "vww_int8", "ic_int8", "ad_int8")


def tflm_arena_bytes(model: Path, arena_size: int = 8 * 1024 * 1024) -> int | None:
    """TFLM's arena total for `model`, or None if TFLM cannot load it."""
    result = subprocess.run(
        [sys.executable, "-c", _TFLM_PROBE, str(model), str(arena_size)],
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )
    match = _TOTAL.search(result.stderr + result.stdout)
    return int(match.group(1)) if match else None


def device_bytes(model_bytes: bytes) -> tuple[int, dict[str, int], str]:
    """Arena bytes a device needs, the usage split and the plan's source."""
    interpreter = tfmicro.Interpreter.from_bytes(model_bytes)
    usage = dict(interpreter.arena_usage())
    return (interpreter.arena_used_bytes() - usage["interpreter_bytes"], usage,
            interpreter.plan_source())


def measure(model: Path, time_budget: float) -> dict:
    data = model.read_bytes()
    greedy, usage, _ = device_bytes(data)
    offline = plan.plan_model(data, reorder=False, in_place=False,
                              time_budget=time_budget)
    offline_bytes, _, source = device_bytes(offline.model_bytes)
    assert source == "offline", source
    full = plan.plan_model(data, time_budget=time_budget)
    full_bytes, full_usage, source = device_bytes(full.model_bytes)
    assert source == "offline", source
    tflm = tflm_arena_bytes(model)

    def ratio(ours: int) -> float | None:
        return round(ours / tflm, 3) if tflm else None

    return {
        "model": model.stem,
        "greedy_bytes": greedy,
        "offline_bytes": offline_bytes,
        "offline_plus_bytes": full_bytes,
        "planned_bytes": {"greedy": usage["planned_bytes"],
                          "offline": offline.planned_bytes,
                          "offline_plus": full.planned_bytes},
        "persistent_bytes": full_usage["persistent_bytes"],
        "reordered": full.reordered,
        "method": full.method,
        "tflm_bytes": tflm,
        "ratio_greedy": ratio(greedy),
        "ratio_offline": ratio(offline_bytes),
        "ratio_offline_plus": ratio(full_bytes),
    }


def _totals(rows: list[dict], names) -> dict | None:
    chosen = [r for r in rows if r["model"] in names and r["tflm_bytes"]]
    if len(chosen) != len(names):
        return None
    tflm = sum(r["tflm_bytes"] for r in chosen)
    total = {"model": "MLPerf Tiny total", "tflm_bytes": tflm}
    for key in ("greedy", "offline", "offline_plus"):
        ours = sum(r[f"{key}_bytes"] for r in chosen)
        total[f"{key}_bytes"] = ours
        total[f"ratio_{key}"] = round(ours / tflm, 3)
    return total


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("models", nargs="*", type=Path, help=".tflite files")
    parser.add_argument("--models-dir", type=Path, help="measure every .tflite in DIR")
    parser.add_argument("--time-budget", type=float, default=2.0,
                        help="seconds per planner search (default 2)")
    parser.add_argument("--json", action="store_true", help="print JSON rows")
    args = parser.parse_args(argv)
    models = list(args.models)
    if args.models_dir:
        models += sorted(args.models_dir.glob("*.tflite"))
    if not models:
        parser.error("give .tflite files or --models-dir")
    # The MLPerf Tiny models first, in their usual order.
    models.sort(key=lambda m: (MLPERF_TINY.index(m.stem)
                               if m.stem in MLPERF_TINY else len(MLPERF_TINY),
                               m.stem))

    rows = []
    for model in models:
        print(f"measuring {model.name} ...", file=sys.stderr, flush=True)
        rows.append(measure(model, args.time_budget))
    total = _totals(rows, MLPERF_TINY)
    if args.json:
        print(json.dumps({"models": rows, "mlperf_tiny_total": total}, indent=2))
        return 0
    header = (f"{'model':<20} {'greedy':>8} {'offline':>8} {'offline+':>9} "
              f"{'TFLM':>8} {'greedy/T':>9} {'offl/T':>7} {'offl+/T':>8}")
    print(header)
    for row in rows + ([total] if total else []):
        tflm = row["tflm_bytes"]

        def cell(value, width):
            return f"{value if value is not None else 'n/a':>{width}}"

        print(f"{row['model']:<20} {row['greedy_bytes']:>8} "
              f"{row['offline_bytes']:>8} {row['offline_plus_bytes']:>9} "
              f"{cell(tflm, 8)} {cell(row['ratio_greedy'], 9)} "
              f"{cell(row['ratio_offline'], 7)} "
              f"{cell(row['ratio_offline_plus'], 8)}")
    print("greedy: on device; offline: tfmicro plan --no-reorder without "
          "in-place; offline+: tfmicro plan (reordering + in-place). "
          "Ratios: tfmicro / TFLM arena bytes (lower is better).")
    return 0


if __name__ == "__main__":
    sys.exit(main())
