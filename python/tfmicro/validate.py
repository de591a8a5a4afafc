"""``tfmicro validate``: does tfmicro compute what TFLite computes?

Runs input sets (seeded random ones, or given arrays) through tfmicro and
through TFLite's reference kernels (``tfmicro.oracle``, ai-edge-litert with
``BUILTIN_REF``) and compares every output: integer outputs must be
bit-exact, float outputs within ``|ours - ref| <= atol + rtol * |ref|``
(default rtol 1e-5, atol 1e-6 x max(1, max |ref|) per output).

On a mismatch, both run the first failing input set again with every
tensor preserved (tfmicro's ``preserve_all_tensors``, TFLite's
``experimental_preserve_all_tensors``), and each operator's outputs are
compared in execution order: the first operator whose output differs is
where the two diverge.

``reference`` runs TFLite on another file than tfmicro (same inputs and
tensor numbering, e.g. the model before its weights were edited).
"""

from __future__ import annotations

import dataclasses
from collections.abc import Sequence
from typing import Any

import numpy as np

from tfmicro import op_info
from tfmicro.model_file import read_model_bytes, read_model_file
from tfmicro.progress import Progress
from tfmicro.report import CommandError, format_table, plural

DEFAULT_RTOL = 1e-5
DEFAULT_ATOL_SCALE = 1e-6
# The oracle runs input sets in child processes of at least this many sets
# (each child costs about half a second), at most ~10 per validation so
# that the progress bar moves.
_ORACLE_MIN_CHUNK = 32
_ORACLE_MAX_CHUNKS = 10
_NAME_WIDTH = 32


@dataclasses.dataclass(frozen=True)
class Comparison:
    """One array of tfmicro against TFLite's."""

    rule: str
    size: int
    differing: int
    max_abs_diff: float
    note: str | None = None

    @property
    def ok(self) -> bool:
        return self.differing == 0 and self.note is None


def compare(ours: np.ndarray, reference: np.ndarray, rtol: float,
            atol: float | None) -> Comparison:
    """Bit-exact for integers, the float tolerance for floats."""
    ours = np.asarray(ours)
    reference = np.asarray(reference)
    if ours.shape != reference.shape or ours.dtype != reference.dtype:
        return Comparison(
            "same type and shape", int(reference.size), int(reference.size),
            float("nan"),
            note=f"tfmicro has {ours.dtype}{list(ours.shape)}, TFLite "
                 f"{reference.dtype}{list(reference.shape)}")
    if np.issubdtype(reference.dtype, np.floating):
        ref64 = reference.astype(np.float64)
        ours64 = ours.astype(np.float64)
        finite = np.abs(ref64[np.isfinite(ref64)])
        peak = float(finite.max()) if finite.size else 0.0
        tolerance = (DEFAULT_ATOL_SCALE * max(1.0, peak) if atol is None
                     else atol)
        with np.errstate(invalid="ignore"):
            diff = np.abs(ours64 - ref64)
            bad = ~(diff <= tolerance + rtol * np.abs(ref64))
        same_nonfinite = (~np.isfinite(ref64)) & (
            (ours64 == ref64) | (np.isnan(ours64) & np.isnan(ref64)))
        bad &= ~same_nonfinite
        finite_diff = diff[np.isfinite(diff)]
        max_diff = float(finite_diff.max()) if finite_diff.size else 0.0
        rule = f"|diff| <= {tolerance:.3g} + {rtol:g} * |ref|"
    else:
        diff = np.abs(ours.astype(np.int64) - reference.astype(np.int64))
        bad = diff != 0
        max_diff = float(diff.max()) if diff.size else 0.0
        rule = "bit-exact"
    return Comparison(rule, int(bad.size), int(bad.sum()), max_diff)


def _require_litert() -> None:
    try:
        import ai_edge_litert  # noqa: F401
    except ImportError as e:
        raise CommandError(
            "validate compares against TFLite and needs ai-edge-litert: "
            "pip install ai-edge-litert") from e


def validate(path: str, num_inputs: int = 10, seed: int = 0,
             input_files: Sequence[str] | None = None,
             reference: str | None = None, rtol: float = DEFAULT_RTOL,
             atol: float | None = None) -> dict[str, Any]:
    """Validates the model at ``path``; the dict is what --json prints."""
    import tfmicro
    from tfmicro import oracle
    from tfmicro.inputs import random_inputs
    from tfmicro.report import load_input_files

    if num_inputs < 1:
        raise CommandError(f"--inputs must be at least 1, got {num_inputs}")
    data = read_model_file(path)
    model = read_model_bytes(data, path)
    reference_data = data
    if reference is not None:
        reference_data = read_model_file(reference)
        read_model_bytes(reference_data, reference)
    _require_litert()
    interpreter = tfmicro.Interpreter.from_bytes(data)
    details = [interpreter.get_input_details(i)
               for i in range(interpreter.inputs_size())]
    if input_files:
        input_sets = [load_input_files(input_files, details)]
        source = ", ".join(input_files)
    else:
        rng = np.random.default_rng(seed)
        input_sets = [random_inputs(details, rng) for _ in range(num_inputs)]
        source = f"{plural(num_inputs, 'random set')} (seed {seed})"
    if reference is not None:
        specs = oracle.model_inputs(reference_data)
        ours_specs = [(np.dtype(d["dtype"]), tuple(int(s) for s in d["shape"]))
                      for d in details]
        if [(s.dtype, s.shape) for s in specs] != ours_specs:
            raise CommandError(
                f"{reference} has other inputs than {path}: "
                f"{[(str(s.dtype), list(s.shape)) for s in specs]} vs "
                f"{[(str(d), list(s)) for d, s in ours_specs]}")

    ours_outputs = []
    references = []
    with Progress(2 * len(input_sets), "validate: tfmicro") as bar:
        for inputs in input_sets:
            for i, array in enumerate(inputs):
                interpreter.set_input(array, i)
            interpreter.invoke()
            ours_outputs.append([interpreter.get_output(o)
                                 for o in range(interpreter.outputs_size())])
            bar.update()
        bar.set_label("validate: TFLite")
        chunk_size = max(_ORACLE_MIN_CHUNK,
                         -(-len(input_sets) // _ORACLE_MAX_CHUNKS))
        for start in range(0, len(input_sets), chunk_size):
            chunk = input_sets[start:start + chunk_size]
            try:
                references += oracle.run_reference_many(reference_data, chunk)
            except oracle.OracleError as e:
                raise CommandError(str(e)) from e
            bar.update(len(chunk))

    outputs = []
    first_failing_set = None
    for o in range(interpreter.outputs_size()):
        detail = interpreter.get_output_details(o)
        checks = [compare(ours[o], ref[o], rtol, atol)
                  for ours, ref in zip(ours_outputs, references, strict=True)]
        failing = [s for s, c in enumerate(checks) if not c.ok]
        if failing and (first_failing_set is None or
                        failing[0] < first_failing_set):
            first_failing_set = failing[0]
        outputs.append({
            "index": o, "name": detail["name"],
            "dtype": np.dtype(detail["dtype"]).name,
            "shape": [int(d) for d in detail["shape"]],
            "rule": checks[0].rule,
            "sets": len(checks), "sets_differing": len(failing),
            "max_abs_diff": max(c.max_abs_diff for c in checks),
            "note": next((c.note for c in checks if c.note), None),
        })
    result: dict[str, Any] = {
        "model": path,
        "reference_model": reference or path,
        "resolver": references[0].resolver,
        "fallback_reason": references[0].fallback_reason,
        "inputs": source,
        "rtol": rtol, "atol": atol,
        "passed": first_failing_set is None,
        "outputs": outputs,
        "layers": None, "first_divergence": None,
        "failing_input_set": first_failing_set,
    }
    if first_failing_set is not None:
        layers, first, note = locate_divergence(
            data, reference_data, model, input_sets[first_failing_set],
            rtol, atol)
        result.update(layers=layers, first_divergence=first,
                      divergence_note=note)
    return result


def locate_divergence(data: bytes, reference_data: bytes, model,
                      inputs: Sequence[np.ndarray], rtol: float,
                      atol: float | None
                      ) -> tuple[list[dict], dict | None, str | None]:
    """Compares every operator's outputs with every tensor preserved.

    Returns (one row per compared output tensor, the first divergent row or
    None, a note when nothing diverges).
    """
    import tfmicro
    from tfmicro import oracle

    ours = tfmicro.Interpreter.from_bytes(data, preserve_all_tensors=True)
    for i, array in enumerate(inputs):
        ours.set_input(array, i)
    ours.invoke()
    try:
        theirs = oracle.run_reference(reference_data, list(inputs),
                                      preserve_all_tensors=True)
    except oracle.OracleError as e:
        raise CommandError(str(e)) from e
    tensors = theirs.tensors or {}
    rows = []
    first = None
    for op in model.operators:
        for t in op.outputs:
            if t < 0:
                continue
            tensor = model.tensors[t]
            row = {"op_index": op.index, "op": op_info.op_name(model, op),
                   "tensor": t, "name": tensor.name, "dtype": tensor.dtype,
                   "shape": list(tensor.shape)}
            if t not in tensors:
                row.update(compared=False, ok=None, max_abs_diff=None,
                           differing=None, size=None,
                           note="TFLite kept no value for this tensor")
            else:
                c = compare(ours.get_tensor(t), tensors[t], rtol, atol)
                row.update(compared=True, ok=c.ok,
                           max_abs_diff=c.max_abs_diff, differing=c.differing,
                           size=c.size, rule=c.rule, note=c.note)
                if not c.ok and first is None:
                    first = row
            rows.append(row)
    note = None
    if first is None:
        note = ("every operator's outputs match TFLite when all tensors are "
                "preserved; only the run with the memory plan differs "
                "(suspect the memory plan, or a kernel that reads a tensor "
                "after its memory was reused)")
    return rows, first, note


def format_text(result: dict[str, Any]) -> str:
    lines = [f"model: {result['model']}"]
    reference = ("the same model" if result["reference_model"] ==
                 result["model"] else result["reference_model"])
    how = result["resolver"]
    if result["fallback_reason"]:
        how += f" (fell back: {result['fallback_reason']})"
    lines.append(f"reference: TFLite {how} kernels on {reference}")
    lines.append(f"inputs: {result['inputs']}")
    for o in result["outputs"]:
        what = (f"output {o['index']} ({o['dtype']}{o['shape']}, "
                f"{o['rule']})")
        if o["sets_differing"] == 0:
            lines.append(f"{what}: matches on {o['sets']} of {o['sets']} "
                         f"sets (max abs diff {o['max_abs_diff']:g})")
        else:
            lines.append(f"{what}: DIFFERS on {o['sets_differing']} of "
                         f"{o['sets']} sets (max abs diff "
                         f"{o['max_abs_diff']:g})"
                         + (f"; {o['note']}" if o["note"] else ""))
    if result["layers"] is not None:
        lines.append("")
        lines.append(f"layer by layer (input set {result['failing_input_set']}"
                     ", every tensor preserved):")
        rows = []
        first = result["first_divergence"]
        for r in result["layers"]:
            if not r["compared"]:
                status, diff, count = "not compared", "-", "-"
            else:
                status = "ok" if r["ok"] else "DIFFERS"
                if r is first:
                    status += "  <- first divergence"
                diff = f"{r['max_abs_diff']:g}"
                count = f"{r['differing']}/{r['size']}"
            name = r["name"]
            if len(name) > _NAME_WIDTH:
                name = name[:_NAME_WIDTH - 3] + "..."
            rows.append([r["op_index"], r["op"], r["tensor"], name,
                         f"{r['dtype']}{r['shape']}", diff, count, status])
        table = format_table(["op", "name", "tensor", "tensor name", "type",
                              "max abs diff", "differing", ""], rows,
                             "rlrllrrl")
        lines.extend("  " + line for line in table.splitlines())
        if first is not None:
            lines.append(f"first divergence: {describe_divergence(first)}")
        else:
            lines.append(result["divergence_note"])
    lines.append("PASS" if result["passed"] else "FAIL")
    return "\n".join(lines)


def describe_divergence(row: dict) -> str:
    text = (f"operator {row['op_index']} {row['op']}, output tensor "
            f"{row['tensor']} {row['name']!r} ({row['dtype']}{row['shape']}): "
            f"max abs diff {row['max_abs_diff']:g}, {row['differing']} of "
            f"{row['size']} elements differ")
    return text + (f" ({row['note']})" if row.get("note") else "")


def failure_message(result: dict[str, Any]) -> str:
    """The one-line error of a failed validation."""
    outputs = [o for o in result["outputs"] if o["sets_differing"]]
    parts = [f"output {o['index']} differs on {o['sets_differing']} of "
             f"{o['sets']} sets (max abs diff {o['max_abs_diff']:g})"
             for o in outputs]
    message = "validation failed: " + "; ".join(parts)
    first = result.get("first_divergence")
    if first is not None:
        message += (f"; first divergence at operator {first['op_index']} "
                    f"{first['op']} (tensor {first['tensor']} "
                    f"{first['name']!r}, max abs diff "
                    f"{first['max_abs_diff']:g})")
    elif result.get("divergence_note"):
        message += "; no operator diverges with all tensors preserved"
    return message
