"""``tfmicro profile``: where the time goes, operator by operator.

The model runs ``warmup`` times, then ``runs`` times with
``Interpreter.invoke_profiled`` (the C API's tfm_invoke_profiled); each
operator's duration is the median of its runs, in the platform timer's ticks
and in microseconds. On the host the timer is a monotonic clock, so times
vary from run to run; on an emulated board the ticks follow instruction
counts.
"""

from __future__ import annotations

import csv
import io
from typing import Any

import numpy as np

from tfmicro import op_info
from tfmicro.model_file import read_model_bytes, read_model_file
from tfmicro.progress import Progress
from tfmicro.report import format_table


def profile(path: str, runs: int = 10, warmup: int = 1, seed: int = 0,
            inputs: list[np.ndarray] | None = None,
            input_files: list[str] | None = None) -> dict[str, Any]:
    """Profiles the model at ``path``; the dict is what --json prints."""
    import tfmicro
    from tfmicro import _bindings
    from tfmicro.inputs import random_inputs
    from tfmicro.report import CommandError, load_input_files

    if runs < 1:
        raise CommandError(f"--runs must be at least 1, got {runs}")
    if warmup < 0:
        raise CommandError(f"--warmup must be >= 0, got {warmup}")
    data = read_model_file(path)
    model = read_model_bytes(data, path)
    interpreter = tfmicro.Interpreter.from_bytes(data)
    details = [interpreter.get_input_details(i)
               for i in range(interpreter.inputs_size())]
    if input_files:
        inputs = load_input_files(input_files, details)
        source = ", ".join(input_files)
    elif inputs is None:
        inputs = random_inputs(details, np.random.default_rng(seed))
        source = f"random (seed {seed})"
    else:
        source = "given arrays"
    for i, array in enumerate(inputs):
        interpreter.set_input(array, i)
    samples = []
    with Progress(warmup + runs, "profile") as bar:
        for _ in range(warmup):
            interpreter.invoke()
            bar.update()
        for _ in range(runs):
            samples.append([op["ticks"] for op in
                            interpreter.invoke_profiled()])
            bar.update()
    ticks = np.median(np.array(samples, dtype=np.float64), axis=0)
    per_second = int(_bindings.load().tfm_ticks_per_second())
    total_ticks = float(ticks.sum())
    rows = []
    for op, median in zip(model.operators, ticks, strict=True):
        rows.append({
            "index": op.index,
            "op": op_info.op_name(model, op),
            "dtype": op_info.op_dtype(model, op),
            "ticks": float(median),
            "microseconds": _microseconds(median, per_second),
            "share": float(median / total_ticks) if total_ticks else 0.0,
            "macs": op_info.macs(model, op),
        })
    total_macs = sum(r["macs"] or 0 for r in rows)
    return {
        "model": path,
        "inputs": source,
        "runs": runs,
        "warmup": warmup,
        "statistic": "median",
        "ticks_per_second": per_second,
        "operators": rows,
        "total": {
            "ticks": total_ticks,
            "microseconds": _microseconds(total_ticks, per_second),
            "macs": total_macs,
        },
    }


def _microseconds(ticks: float, per_second: int) -> float | None:
    return float(ticks) * 1e6 / per_second if per_second else None


def format_text(result: dict[str, Any]) -> str:
    rows = []
    for r in result["operators"]:
        rows.append([r["index"], r["op"], r["dtype"], _ticks(r["ticks"]),
                     _us(r["microseconds"]), f"{100 * r['share']:.1f}%",
                     "-" if r["macs"] is None else f"{r['macs']:,}"])
    total = result["total"]
    rows.append(["", "total", "", _ticks(total["ticks"]),
                 _us(total["microseconds"]), "100.0%",
                 f"{total['macs']:,}"])
    header = (f"model: {result['model']}, inputs {result['inputs']}; median "
              f"of {result['runs']} runs after {result['warmup']} warm-up, "
              f"{result['ticks_per_second']:,} ticks per second")
    table = format_table(
        ["#", "op", "dtype", "ticks", "time (us)", "share", "MACs"], rows,
        "rllrrrr")
    lines = [header, table]
    if total["microseconds"] and total["macs"]:
        rate = total["macs"] / total["microseconds"]
        lines.append(f"{total['macs']:,} MACs in {_us(total['microseconds'])}"
                     f" us: {rate:,.1f} MMAC/s")
    return "\n".join(lines)


def format_csv(result: dict[str, Any]) -> str:
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow(["index", "op", "dtype", "ticks", "microseconds",
                     "share", "macs"])
    for r in result["operators"]:
        writer.writerow([r["index"], r["op"], r["dtype"], f"{r['ticks']:g}",
                         _csv_float(r["microseconds"]), f"{r['share']:.6f}",
                         "" if r["macs"] is None else r["macs"]])
    total = result["total"]
    writer.writerow(["", "total", "", f"{total['ticks']:g}",
                     _csv_float(total["microseconds"]), "1.000000",
                     total["macs"]])
    return buffer.getvalue()


def _csv_float(value: float | None) -> str:
    return "" if value is None else f"{value:.3f}"


def _ticks(value: float) -> str:
    return f"{value:,.0f}"


def _us(value: float | None) -> str:
    return "-" if value is None else f"{value:,.1f}"
