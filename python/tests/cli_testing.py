"""Helpers of the command-line tests: running it and making bad models."""

from __future__ import annotations

import dataclasses
import json
from pathlib import Path

import numpy as np
from tfmicro import cli
from tfmicro.model_file import read_model_bytes


@dataclasses.dataclass
class Result:
    code: int
    out: str
    err: str

    def json(self):
        return json.loads(self.out)


def run_cli(capsys, *args) -> Result:
    """Runs ``tfmicro ARGS`` in this process."""
    capsys.readouterr()
    code = cli.main([str(a) for a in args])
    captured = capsys.readouterr()
    return Result(code, captured.out, captured.err)


def assert_one_line_error(result: Result, *fragments: str) -> None:
    """Exit status 1 and a single `tfmicro: error:` line naming fragments."""
    assert result.code == 1, (result.code, result.out, result.err)
    lines = result.err.strip().splitlines()
    assert len(lines) == 1, result.err
    assert lines[0].startswith("tfmicro: error: "), lines[0]
    for fragment in fragments:
        assert fragment in lines[0], (fragment, lines[0])


def alter_weights(model_bytes: bytes, op_index: int, delta: int = 37,
                  input_position: int = 1) -> bytes:
    """The model with one operator's weights changed in place.

    Adds ``delta`` to every byte of an integer weight tensor (wrapping), or
    scales a float32 one by (1 + delta / 100): the model stays valid and
    only that operator computes something else.
    """
    model = read_model_bytes(model_bytes)
    op = model.operators[op_index]
    tensor = model.tensors[op.inputs[input_position]]
    buffer = model.constant_buffer(tensor)
    assert buffer is not None, f"operator {op_index} input is not constant"
    data = bytearray(model_bytes)
    window = slice(buffer.file_offset, buffer.file_offset + buffer.size)
    if tensor.dtype == "float32":
        values = np.frombuffer(bytes(data[window]), dtype=np.float32)
        data[window] = (values * np.float32(1 + delta / 100)).tobytes()
    else:
        values = np.frombuffer(bytes(data[window]), dtype=np.uint8)
        data[window] = ((values.astype(np.int64) + delta) % 256).astype(
            np.uint8).tobytes()
    return bytes(data)


def unsupported_op_model(model_bytes: bytes, op_name: str = "SKIP_GRAM"
                         ) -> bytes:
    """The model with its first operator code replaced by ``op_name``."""
    import model_edit

    return model_edit.replace_operator_code(
        model_bytes, 0, builtin=model_edit.BUILTIN_CODES[op_name],
        drop_options=True)


def write(path: Path, data: bytes) -> Path:
    path.write_bytes(data)
    return path
