"""Conformance cases for running on a target.

The host conformance suite (python/tests/conformance) records every model
it checks against TFLite, with the inputs and TFLite's outputs, as a case
(``write_case``). ``tools/conformance/on_target.py`` packs the cases into
one bundle (``pack_bundle``), runs ``//tools/conformance:case_runner`` on an
emulated Cortex-M (or the host) over it and reads the runner's report
(``parse_report``). The binary layout is documented in
tools/conformance/case_runner.cc, its only reader.

A case on disk is two files named by the hash of its content:
``<hash>.case`` (the binary case) and ``<hash>.json`` (what the runner does
not need: the pytest test, the (operator, dtype) pairs the model is about,
the oracle's resolver).
"""

from __future__ import annotations

import hashlib
import json
import re
import struct
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path

import numpy as np

MAGIC = b"TFMC"
VERSION = 1

# numpy dtype -> TFLite TensorType number (tfmicro::DataType).
_TENSOR_TYPES = {
    np.dtype(np.float32): 0,
    np.dtype(np.int32): 2,
    np.dtype(np.uint8): 3,
    np.dtype(np.int64): 4,
    np.dtype(np.bool_): 6,
    np.dtype(np.int16): 7,
    np.dtype(np.int8): 9,
}


def _padded(data: bytes, align: int) -> bytes:
    return data + b"\0" * (-len(data) % align)


def _tensor(array: np.ndarray) -> tuple[bytes, bytes]:
    """(type and size header, data padded to 4) of one tensor."""
    array = np.ascontiguousarray(array)
    tensor_type = _TENSOR_TYPES.get(array.dtype)
    if tensor_type is None:
        raise ValueError(f"no case encoding for dtype {array.dtype}")
    data = array.astype(array.dtype.newbyteorder("<"), copy=False).tobytes()
    return struct.pack("<II", tensor_type, len(data)), _padded(data, 4)


def encode_case(model: bytes,
                input_sets: Sequence[Sequence[np.ndarray]],
                expected_sets: Sequence[Sequence[np.ndarray]],
                tolerances: Sequence[Sequence[tuple[float, float]]]) -> bytes:
    """One case: the model, then per invocation its inputs and the expected
    outputs with their (rtol, atol) (ignored for integer outputs)."""
    if not (len(input_sets) == len(expected_sets) == len(tolerances)):
        raise ValueError("one expected output set and one tolerance set per "
                         "input set")
    body = [_padded(bytes(model), 16), struct.pack("<I", len(input_sets))]
    for inputs, expected, tolerance in zip(input_sets, expected_sets,
                                           tolerances, strict=True):
        body.append(struct.pack("<II", len(inputs), len(expected)))
        for array in inputs:
            body.extend(_tensor(np.asarray(array)))
        for array, (rtol, atol) in zip(expected, tolerance, strict=True):
            head, data = _tensor(np.asarray(array))
            body += [head, struct.pack("<ff", rtol, atol), data]
    body_bytes = b"".join(body)
    return (MAGIC + struct.pack("<III", VERSION, len(body_bytes), len(model))
            + body_bytes)


def write_case(directory: Path, case: bytes, meta: dict) -> Path:
    """Writes ``case`` and its metadata under ``directory`` (created);
    identical cases share one file. Returns the .case path."""
    directory.mkdir(parents=True, exist_ok=True)
    name = hashlib.sha1(case).hexdigest()[:20]
    path = directory / f"{name}.case"
    if not path.exists():
        # Written under a temporary name, then renamed: a reader never sees
        # half a case.
        partial = directory / f".{name}.partial"
        partial.write_bytes(case)
        partial.replace(path)
    (directory / f"{name}.json").write_text(json.dumps(meta), encoding="utf-8")
    return path


@dataclass
class Case:
    path: Path
    meta: dict


def read_cases(directories: Iterable[Path]) -> list[Case]:
    """Every case under the directories, sorted by name (a stable order)."""
    cases = {}
    for directory in directories:
        for path in Path(directory).glob("*.case"):
            meta_path = path.with_suffix(".json")
            meta = (json.loads(meta_path.read_text(encoding="utf-8"))
                    if meta_path.exists() else {})
            cases.setdefault(path.name, Case(path, meta))
    return [cases[name] for name in sorted(cases)]


def pack_bundle(cases: Sequence[Case]) -> bytes:
    """The runner's input: the cases concatenated."""
    return b"".join(case.path.read_bytes() for case in cases)


@dataclass
class Result:
    index: int
    outcome: str  # "pass", "fail", "error" or "skipped"
    detail: str


_CASE_LINE = re.compile(r"^case (\d+): (pass|fail|error|skipped)(?:: (.*))?$")
_SUMMARY = re.compile(r"^cases: (\d+) passed, (\d+) failed, (\d+) errors, "
                      r"(\d+) skipped$")


def parse_report(text: str) -> tuple[dict[int, Result], bool]:
    """The runner's per-case lines, and whether its summary line came (a
    run that crashed or hung has none)."""
    results: dict[int, Result] = {}
    complete = False
    for line in text.splitlines():
        line = line.strip()
        match = _CASE_LINE.match(line)
        if match:
            index = int(match.group(1))
            results[index] = Result(index, match.group(2),
                                    match.group(3) or "")
        elif _SUMMARY.match(line):
            complete = True
    return results, complete
