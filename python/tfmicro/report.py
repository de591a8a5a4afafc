"""Shared pieces of the command line: errors, tables, JSON, input files."""

from __future__ import annotations

import json
import os
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import Any, TextIO

import numpy as np


class CommandError(Exception):
    """A failure the command line reports as one line, exit status 1."""


def plural(count: int, word: str, words: str | None = None) -> str:
    return f"{count} {word if count == 1 else (words or word + 's')}"


def format_table(header: Sequence[str], rows: Sequence[Sequence[Any]],
                 align: str | None = None) -> str:
    """Columns padded to their widest cell; ``align`` is one of 'l'/'r' per
    column (default: numbers right, text left)."""
    cells = [[str(c) for c in header]] + [[_cell(c) for c in row]
                                          for row in rows]
    widths = [max(len(row[k]) for row in cells) for k in range(len(header))]
    if align is None:
        align = "".join(
            "r" if rows and all(isinstance(row[k], (int, float)) or
                                row[k] in ("", "-") for row in rows) else "l"
            for k in range(len(header)))
    lines = []
    for row in cells:
        parts = [cell.rjust(w) if a == "r" else cell.ljust(w)
                 for cell, w, a in zip(row, widths, align, strict=True)]
        lines.append("  ".join(parts).rstrip())
    return "\n".join(lines)


def _cell(value: Any) -> str:
    if isinstance(value, bool):
        return "yes" if value else "no"
    if isinstance(value, int):
        return f"{value:,}"
    if isinstance(value, float):
        return f"{value:,.3f}"
    return str(value)


def write_json(data: Any, stream: TextIO | None = None) -> None:
    json.dump(data, stream or sys.stdout, indent=2, default=_json_default)
    (stream or sys.stdout).write("\n")


def _json_default(value: Any) -> Any:
    if isinstance(value, np.ndarray):
        return value.tolist()
    if isinstance(value, np.generic):
        return value.item()
    if isinstance(value, os.PathLike):
        return os.fspath(value)
    raise TypeError(f"cannot write {type(value).__name__} as JSON")


def load_input_files(paths: Sequence[str], details: Sequence[dict],
                     notes: list[str] | None = None) -> list[np.ndarray]:
    """One array per model input from .npy files (or one .npz).

    A single .npz holds every input: arrays named like the inputs, or taken
    in file order. Float data converts to a float input's type and is
    quantized (scale and zero point of the input) for a per-tensor
    quantized integer input; any other mismatch of dtype or shape is an
    error naming the input. Conversions are described in ``notes``.
    """
    if len(paths) == 1 and str(paths[0]).endswith(".npz"):
        arrays = _load_npz(paths[0], details)
        sources = [f"{paths[0]}[{k}]" for k in range(len(arrays))]
    else:
        if len(paths) != len(details):
            raise CommandError(
                f"the model has {plural(len(details), 'input')}, got "
                f"{plural(len(paths), 'input file')} (give one .npy per "
                "input, in order, or one .npz)")
        arrays = [_load_npy(p) for p in paths]
        sources = [str(p) for p in paths]
    notes = [] if notes is None else notes
    return [_match(array, detail, k, source, notes)
            for k, (array, detail, source)
            in enumerate(zip(arrays, details, sources, strict=True))]


def _load_npy(path: str) -> np.ndarray:
    if not Path(path).is_file():
        raise CommandError(f"input file not found: {path}")
    try:
        return np.load(path, allow_pickle=False)
    except (OSError, ValueError) as e:
        raise CommandError(f"cannot read {path} as a .npy array: {e}") from e


def _load_npz(path: str, details: Sequence[dict]) -> list[np.ndarray]:
    if not Path(path).is_file():
        raise CommandError(f"input file not found: {path}")
    try:
        with np.load(path, allow_pickle=False) as data:
            names = list(data.files)
            by_name = [d["name"] for d in details]
            if set(by_name) <= set(names):
                return [data[n] for n in by_name]
            if len(names) != len(details):
                raise CommandError(
                    f"{path} holds {plural(len(names), 'array')}, the model "
                    f"has {plural(len(details), 'input')}")
            return [data[n] for n in names]
    except (OSError, ValueError) as e:
        raise CommandError(f"cannot read {path} as a .npz file: {e}") from e


def _match(array: np.ndarray, detail: dict, index: int, source: str,
           notes: list[str]) -> np.ndarray:
    dtype = np.dtype(detail["dtype"])
    shape = tuple(int(d) for d in detail["shape"])
    if array.dtype != dtype:
        scales = detail["quantization_parameters"]["scales"]
        zero_points = detail["quantization_parameters"]["zero_points"]
        floating = np.issubdtype(array.dtype, np.floating)
        if floating and np.issubdtype(dtype, np.floating):
            array = array.astype(dtype)
        elif (floating and np.issubdtype(dtype, np.integer) and
              len(scales) == 1 and array.shape == shape):
            # Real-valued data for a quantized input: quantize it the way
            # the converter's Quantize op would.
            info = np.iinfo(dtype)
            quantized = np.round(array.astype(np.float64) / float(scales[0]))
            quantized += int(zero_points[0])
            array = np.clip(quantized, info.min, info.max).astype(dtype)
            notes.append(f"input {index}: quantized {source} to {dtype.name} "
                         f"with scale {float(scales[0]):g}, zero point "
                         f"{int(zero_points[0])}")
        else:
            raise CommandError(
                f"input {index} ({detail['name']!r}) expects {dtype.name} "
                f"{list(shape)}, {source} holds {array.dtype.name} "
                f"{list(array.shape)}")
    if array.shape != shape:
        raise CommandError(
            f"input {index} ({detail['name']!r}) expects shape {list(shape)}, "
            f"{source} has shape {list(array.shape)}")
    return array


def array_summary(array: np.ndarray) -> str:
    with np.printoptions(threshold=16, edgeitems=4, precision=6):
        return f"{array.dtype.name}{list(array.shape)} {array.flatten()}"
