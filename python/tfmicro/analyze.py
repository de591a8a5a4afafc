"""``tfmicro analyze``: will this model run, and how much memory does it need?

Reports the operators and whether tfmicro has a kernel for each (and from
which kernel library), the weights, the exact arena bytes split into planned
tensors, scratch, persistent data, planning temporaries and the interpreter
object, and the memory plan as a timeline over the operators. The arena
numbers come from a real run: the model is allocated in an arena of exactly
the size it needs and invoked once on seeded random inputs.
"""

from __future__ import annotations

import dataclasses
from collections import OrderedDict
from typing import Any

from tfmicro import op_info
from tfmicro.model_file import ModelFile, read_model_bytes, read_model_file
from tfmicro.report import CommandError, format_table, plural

_NAME_WIDTH = 40
_PLAN_SOURCES = {
    "device": "the device's greedy planner (`tfmicro plan` can store an "
              "offline plan; --plan shows its size)",
    "offline": "the model's offline plan (tfmicro plan), accepted by the "
               "runtime's checks",
    "offline_rejected": "the device's greedy planner: the model's offline "
                        "plan failed the runtime's checks",
}
_BAR_WIDTH = 30


@dataclasses.dataclass
class Analysis:
    """Everything ``tfmicro analyze`` reports (``to_json`` for --json)."""

    path: str
    model: ModelFile
    operators: list[dict]
    op_counts: list[dict]
    unsupported: list[str]
    arena: dict[str, int] | None = None
    arena_tensors: list[dict] = dataclasses.field(default_factory=list)
    timeline: list[dict] = dataclasses.field(default_factory=list)
    error: str | None = None
    # With analyze(..., plan=True): the arena after `tfmicro plan`.
    with_offline_plan: dict[str, Any] | None = None

    @property
    def peak(self) -> dict | None:
        if not self.timeline:
            return None
        return max(self.timeline, key=lambda step: step["live_bytes"])

    def to_json(self) -> dict[str, Any]:
        return {
            "model": self.path,
            "model_bytes": self.model.size,
            "subgraphs": self.model.num_subgraphs,
            "tensors": len(self.model.tensors),
            "operators": self.operators,
            "op_counts": self.op_counts,
            "all_supported": not self.unsupported,
            "unsupported_ops": self.unsupported,
            "weights": {"bytes": self.model.weights_bytes,
                        "tensors": self.model.num_constant_tensors},
            "arena": self.arena,
            "arena_tensors": self.arena_tensors,
            "timeline": self.timeline,
            "peak": self.peak,
            "with_offline_plan": self.with_offline_plan,
            "error": self.error,
        }


def analyze(path: str, seed: int = 0, plan: bool = False) -> Analysis:
    """Analyzes the model at ``path``; see the module docstring.

    ``plan``: also run the offline planner (``tfmicro plan``) on the model
    and report the arena the planned model needs.
    """
    data = read_model_file(path)
    model = read_model_bytes(data, path)
    operators = []
    counts: OrderedDict[str, dict] = OrderedDict()
    for op in model.operators:
        name = op_info.op_name(model, op)
        supported = op_info.is_supported(model, op)
        library = op_info.kernel_library(model, op)
        operators.append({
            "index": op.index, "op": name,
            "builtin_code": model.opcode(op).builtin_code,
            "dtype": op_info.op_dtype(model, op),
            "supported": supported, "kernel_library": library,
            "inputs": list(op.inputs), "outputs": list(op.outputs),
            "macs": op_info.macs(model, op),
        })
        entry = counts.setdefault(name, {"op": name, "count": 0,
                                         "supported": supported,
                                         "kernel_library": library})
        entry["count"] += 1
    unsupported = [c["op"] for c in counts.values() if not c["supported"]]
    analysis = Analysis(path, model, operators, list(counts.values()),
                        unsupported)
    if unsupported:
        analysis.error = (
            f"the model uses {plural(len(unsupported), 'operator')} tfmicro "
            f"has no kernel for: {', '.join(unsupported)}")
        return analysis
    import tfmicro

    try:
        _measure_arena(analysis, data, seed)
        if plan:
            _measure_offline_plan(analysis, data, seed)
    except tfmicro.TfmicroError as e:
        analysis.error = f"tfmicro cannot run the model: {e}"
    return analysis


def _measure_offline_plan(analysis: Analysis, data: bytes, seed: int) -> None:
    import tfmicro
    from tfmicro import plan

    result = plan.plan_model(data, seed=seed)
    interpreter = tfmicro.Interpreter.from_bytes(result.model_bytes)
    usage = interpreter.arena_usage()
    analysis.with_offline_plan = {
        "total_bytes": interpreter.arena_used_bytes(),
        "planned_bytes": usage["planned_bytes"],
        "method": result.method, "optimal": result.optimal,
        "reordered": result.reordered,
    }


def _measure_arena(analysis: Analysis, data: bytes, seed: int) -> None:
    import tfmicro
    from tfmicro.inputs import feed_random_inputs

    interpreter = tfmicro.Interpreter.from_bytes(data)
    feed_random_inputs([interpreter], seed)
    interpreter.invoke()
    usage = interpreter.arena_usage()
    used = interpreter.arena_used_bytes()
    if usage["total_bytes"] != used:
        raise CommandError(f"arena accounting disagrees: arena_usage total "
                           f"{usage['total_bytes']}, arena_used_bytes {used}")
    analysis.arena = {
        "total_bytes": used,
        "planned_bytes": usage["planned_bytes"],
        "tensor_bytes": usage["planned_bytes"] - usage["scratch_bytes"],
        "scratch_bytes": usage["scratch_bytes"],
        "persistent_bytes": usage["persistent_bytes"],
        "temporary_bytes": usage["temporary_bytes"],
        "interpreter_bytes": usage["interpreter_bytes"],
        "plan_source": interpreter.plan_source(),
    }
    names = {op["index"]: op["op"] for op in analysis.operators}
    planned = []
    for t in interpreter.tensor_details():
        if t["arena_offset"] < 0:
            continue
        planned.append({
            "index": t["index"], "name": t["name"],
            "dtype": t["type_name"].lower(),
            "shape": [int(d) for d in t["shape"]],
            "bytes": t["bytes"], "offset": t["arena_offset"],
            "first_op": t["first_op"], "last_op": t["last_op"],
        })
    analysis.arena_tensors = planned
    analysis.timeline = []
    for k in range(len(analysis.operators)):
        live = [t for t in planned if t["first_op"] <= k <= t["last_op"]]
        analysis.timeline.append({
            "op_index": k, "op": names[k],
            "live_bytes": sum(t["bytes"] for t in live),
            "high_water_bytes": max((t["offset"] + t["bytes"] for t in live),
                                    default=0),
            "live_tensors": [t["index"] for t in live],
        })


def short_name(name: str, width: int = _NAME_WIDTH) -> str:
    return name if len(name) <= width else name[:width - 3] + "..."


def format_text(analysis: Analysis, show_tensors: int = 10) -> str:
    """The human-readable report."""
    model = analysis.model
    lines = [
        (f"model: {analysis.path} ({model.size:,} bytes, "
         f"{plural(len(model.operators), 'operator')}, "
         f"{plural(len(model.tensors), 'tensor')}"
         + (f", {model.num_subgraphs} subgraphs: only the first is analyzed"
            if model.num_subgraphs > 1 else "") + ")"),
        "",
    ]
    kinds = plural(len(analysis.op_counts), "kind")
    status = ("all supported" if not analysis.unsupported else
              f"{len(analysis.unsupported)} unsupported")
    lines.append(f"operators ({kinds}, {status}):")
    rows = [[c["op"], c["count"], c["supported"], c["kernel_library"] or "-"]
            for c in analysis.op_counts]
    lines.append(_indent(format_table(
        ["op", "count", "supported", "kernel library"], rows, "lrll")))
    lines.append("")
    lines.append(f"weights: {model.weights_bytes:,} bytes in "
                 f"{plural(model.num_constant_tensors, 'constant tensor')}")
    if analysis.arena is None:
        lines.append(f"arena: unknown ({analysis.error})")
        return "\n".join(lines)
    arena = analysis.arena
    lines.append(f"arena: {arena['total_bytes']:,} bytes (exact: "
                 "arena_used_bytes after one invoke)")
    source = arena["plan_source"]
    lines.append(f"memory plan: {_PLAN_SOURCES.get(source, source)}")
    split = [
        ["planned tensors", arena["tensor_bytes"]],
        ["scratch buffers", arena["scratch_bytes"]],
        ["persistent (runtime and kernel state)", arena["persistent_bytes"]],
        ["planning temporaries", arena["temporary_bytes"]],
        ["interpreter object (C API)", arena["interpreter_bytes"]],
    ]
    rows = [[name, value, _percent(value, arena["total_bytes"])]
            for name, value in split]
    lines.append(_indent(format_table(["part", "bytes", "share"], rows,
                                      "lrr")))
    planned = analysis.with_offline_plan
    if planned is not None:
        lines.append(
            f"with `tfmicro plan`: {planned['total_bytes']:,} bytes (planned "
            f"tensors {planned['planned_bytes']:,}; {planned['method']}"
            + (", operators reordered" if planned["reordered"] else "")
            + ")")
    lines.append("")
    lines.extend(_timeline_lines(analysis))
    if analysis.arena_tensors and show_tensors:
        largest = sorted(analysis.arena_tensors,
                         key=lambda t: (-t["bytes"], t["index"]))
        shown = largest[:show_tensors]
        lines.append("")
        lines.append(f"largest planned tensors ({len(shown)} of "
                     f"{len(largest)}):")
        rows = [[t["index"], short_name(t["name"]),
                 f"{t['dtype']}{t['shape']}", t["bytes"], t["offset"],
                 f"{t['first_op']}..{t['last_op']}"] for t in shown]
        lines.append(_indent(format_table(
            ["tensor", "name", "type", "bytes", "offset", "live ops"], rows,
            "rllrrl")))
    return "\n".join(lines)


def _timeline_lines(analysis: Analysis) -> list[str]:
    peak = analysis.peak
    if peak is None:
        return ["memory timeline: no planned tensors"]
    region = analysis.arena["planned_bytes"]
    scale = max(region, 1)
    lines = [(f"memory timeline (planned region {region:,} bytes; peak "
              f"{peak['live_bytes']:,} bytes live at operator "
              f"{peak['op_index']} {peak['op']}):")]
    rows = []
    for step in analysis.timeline:
        # In-place outputs share bytes with their inputs: live bytes may
        # exceed the planned region.
        filled = min(_BAR_WIDTH,
                     round(_BAR_WIDTH * step["live_bytes"] / scale))
        bar = "#" * filled + "." * (_BAR_WIDTH - filled)
        mark = " <- peak" if step is peak else ""
        rows.append([step["op_index"], step["op"], step["live_bytes"],
                     step["high_water_bytes"], bar + mark])
    lines.append(_indent(format_table(
        ["op", "name", "live bytes", "high water", "live / planned region"],
        rows, "rlrrl")))
    return lines


def _percent(part: int, whole: int) -> str:
    return f"{100.0 * part / whole:.1f}%" if whole else "-"


def _indent(text: str) -> str:
    return "\n".join("  " + line for line in text.splitlines())
