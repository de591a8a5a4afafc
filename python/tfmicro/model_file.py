"""Reads the structure of a .tflite file without TensorFlow or the runtime.

The command line needs the operator list, tensor shapes and weight sizes of
models the runtime may refuse (an unsupported operator, say), so this module
walks the flatbuffer itself: only the few tables and fields it reports, by
their slots in tensorflow_micro/schema/schema.fbs (TFLite's numbering).
Every read is bounds-checked; a malformed file raises ``ModelFileError``.

    model = read_model("kws_int8.tflite")
    [op.opcode for op in model.operators]   # OperatorCode per operator
    model.weights_bytes                     # bytes of constant tensor data
"""

from __future__ import annotations

import dataclasses
import os
import struct
from pathlib import Path

FILE_IDENTIFIER = b"TFL3"
CUSTOM_BUILTIN_CODE = 32

# Field slots (schema.fbs declaration order; a union takes two slots).
_MODEL_OPERATOR_CODES, _MODEL_SUBGRAPHS, _MODEL_DESCRIPTION = 1, 2, 3
_MODEL_BUFFERS = 4
_OPCODE_DEPRECATED_BUILTIN, _OPCODE_CUSTOM, _OPCODE_BUILTIN = 0, 1, 3
_SUBGRAPH_TENSORS, _SUBGRAPH_INPUTS, _SUBGRAPH_OUTPUTS = 0, 1, 2
_SUBGRAPH_OPERATORS = 3
_TENSOR_SHAPE, _TENSOR_TYPE, _TENSOR_BUFFER, _TENSOR_NAME = 0, 1, 2, 3
_TENSOR_IS_VARIABLE = 5
_OPERATOR_OPCODE_INDEX, _OPERATOR_INPUTS, _OPERATOR_OUTPUTS = 0, 1, 2
_BUFFER_DATA, _BUFFER_OFFSET, _BUFFER_SIZE = 0, 1, 2

# TFLite TensorType -> (name, bytes per element; 0 when not fixed).
TENSOR_TYPES: dict[int, tuple[str, int]] = {
    0: ("float32", 4), 1: ("float16", 2), 2: ("int32", 4), 3: ("uint8", 1),
    4: ("int64", 8), 5: ("string", 0), 6: ("bool", 1), 7: ("int16", 2),
    8: ("complex64", 8), 9: ("int8", 1), 10: ("float64", 8),
    11: ("complex128", 16), 12: ("uint64", 8), 13: ("resource", 0),
    14: ("variant", 0), 15: ("uint32", 4), 16: ("uint16", 2),
    17: ("int4", 0), 18: ("bfloat16", 2), 19: ("int2", 0), 20: ("uint4", 0),
    21: ("float8_e4m3fn", 1), 22: ("float8_e5m2", 1),
}


class ModelFileError(ValueError):
    """The file is missing or is not a readable TFLite flatbuffer."""


def type_name(type_code: int) -> str:
    """``int8`` for TensorType 9; ``type<N>`` for codes this file lacks."""
    return TENSOR_TYPES.get(type_code, (f"type{type_code}", 0))[0]


@dataclasses.dataclass(frozen=True)
class OperatorCode:
    builtin_code: int
    custom_code: str | None

    @property
    def is_custom(self) -> bool:
        return self.builtin_code == CUSTOM_BUILTIN_CODE


@dataclasses.dataclass(frozen=True)
class Tensor:
    index: int
    name: str
    type: int
    shape: tuple[int, ...]
    buffer: int
    is_variable: bool

    @property
    def dtype(self) -> str:
        return type_name(self.type)

    @property
    def num_elements(self) -> int:
        count = 1
        for d in self.shape:
            count *= max(d, 0)
        return count


@dataclasses.dataclass(frozen=True)
class Operator:
    index: int
    opcode_index: int
    inputs: tuple[int, ...]
    outputs: tuple[int, ...]


@dataclasses.dataclass(frozen=True)
class Buffer:
    # Where the bytes are in the file (in the flatbuffer, or after it for
    # models with offset/size buffers); size 0 for an empty buffer.
    file_offset: int
    size: int


@dataclasses.dataclass
class ModelFile:
    """The main subgraph of a .tflite model, as stored in the file."""

    path: str
    size: int
    description: str
    operator_codes: list[OperatorCode]
    tensors: list[Tensor]
    operators: list[Operator]
    inputs: list[int]
    outputs: list[int]
    buffers: list[Buffer]
    num_subgraphs: int
    # The operators of the other subgraphs (control-flow bodies), in
    # subgraph order; their tensor indices refer to their own subgraph.
    other_subgraph_operators: list[Operator] = dataclasses.field(
        default_factory=list)

    def opcode(self, op: Operator) -> OperatorCode:
        return self.operator_codes[op.opcode_index]

    def constant_buffer(self, tensor: Tensor) -> Buffer | None:
        """The tensor's data in the file, None when it has none."""
        if 0 < tensor.buffer < len(self.buffers):
            buffer = self.buffers[tensor.buffer]
            if buffer.size > 0:
                return buffer
        return None

    @property
    def weights_bytes(self) -> int:
        """Bytes of constant data the main subgraph's tensors use (each
        buffer counted once)."""
        used = {t.buffer for t in self.tensors
                if self.constant_buffer(t) is not None}
        return sum(self.buffers[b].size for b in used)

    @property
    def num_constant_tensors(self) -> int:
        return sum(1 for t in self.tensors
                   if self.constant_buffer(t) is not None)


class _Reader:
    """Bounds-checked access to flatbuffer tables, vectors and strings."""

    def __init__(self, data: bytes) -> None:
        self.data = data

    def _unpack(self, fmt: str, pos: int):
        size = struct.calcsize(fmt)
        if pos < 0 or pos + size > len(self.data):
            raise ModelFileError(
                f"offset {pos} is outside the {len(self.data)}-byte file")
        return struct.unpack_from(fmt, self.data, pos)[0]

    def _field(self, table: int, slot: int) -> int:
        """Absolute position of a field, 0 when absent."""
        vtable = table - self._unpack("<i", table)
        vtable_size = self._unpack("<H", vtable)
        entry = 4 + 2 * slot
        if entry + 2 > vtable_size:
            return 0
        offset = self._unpack("<H", vtable + entry)
        return table + offset if offset else 0

    def scalar(self, table: int, slot: int, fmt: str, default=0):
        pos = self._field(table, slot)
        return self._unpack(fmt, pos) if pos else default

    def _indirect(self, pos: int) -> int:
        return pos + self._unpack("<I", pos)

    def table(self, table: int, slot: int) -> int:
        pos = self._field(table, slot)
        return self._indirect(pos) if pos else 0

    def vector(self, table: int, slot: int) -> tuple[int, int]:
        """(position of element 0, length); (0, 0) when absent."""
        pos = self._field(table, slot)
        if not pos:
            return 0, 0
        start = self._indirect(pos)
        length = self._unpack("<I", start)
        # Every element takes at least a byte; ints() and tables() check
        # their element sizes precisely.
        if start + 4 + length > len(self.data):
            raise ModelFileError(
                f"a vector of {length} elements at {start} runs past the "
                "end of the file")
        return start + 4, length

    def tables(self, table: int, slot: int) -> list[int]:
        start, length = self.vector(table, slot)
        return [self._indirect(start + 4 * k) for k in range(length)]

    def ints(self, table: int, slot: int) -> tuple[int, ...]:
        start, length = self.vector(table, slot)
        if start + 4 * length > len(self.data):
            raise ModelFileError("an int vector runs past the end of the file")
        return tuple(struct.unpack_from(f"<{length}i", self.data, start))

    def string(self, table: int, slot: int) -> str | None:
        start, length = self.vector(table, slot)
        if not start:
            return None
        return self.data[start:start + length].decode("utf-8", "replace")


def check_identifier(data: bytes, name: str) -> None:
    if len(data) < 8 or data[4:8] != FILE_IDENTIFIER:
        raise ModelFileError(
            f"{name} is not a TFLite model: bytes 4..7 should be the "
            f"flatbuffer identifier 'TFL3'")


def read_model_bytes(data: bytes, name: str = "model") -> ModelFile:
    """Parses a .tflite flatbuffer (the main subgraph, and the operators of
    the others)."""
    data = bytes(data)
    check_identifier(data, name)
    try:
        return _parse(_Reader(data), name, len(data))
    except (struct.error, UnicodeDecodeError, IndexError) as e:
        raise ModelFileError(f"{name} is not a valid TFLite flatbuffer: "
                             f"{e}") from e
    except ModelFileError as e:
        raise ModelFileError(f"{name} is not a valid TFLite flatbuffer: "
                             f"{e}") from e


def read_model(path: str | os.PathLike) -> ModelFile:
    """Reads a .tflite file; clear errors for missing or foreign files."""
    return read_model_bytes(read_model_file(path), str(path))


def read_model_file(path: str | os.PathLike) -> bytes:
    """The bytes of a model file, with one-line errors."""
    p = Path(path)
    if not p.exists():
        raise ModelFileError(f"model file not found: {path}")
    if not p.is_file():
        raise ModelFileError(f"model path is not a file: {path}")
    try:
        return p.read_bytes()
    except OSError as e:
        raise ModelFileError(f"cannot read {path}: {e.strerror}") from e


def _parse(r: _Reader, name: str, size: int) -> ModelFile:
    root = r._indirect(0)
    codes = []
    for table in r.tables(root, _MODEL_OPERATOR_CODES):
        deprecated = r.scalar(table, _OPCODE_DEPRECATED_BUILTIN, "<b")
        builtin = r.scalar(table, _OPCODE_BUILTIN, "<i")
        # Old files set only the deprecated field; new ones store the
        # placeholder (127) there when the code does not fit an int8.
        code = max(builtin, deprecated)
        codes.append(OperatorCode(code, r.string(table, _OPCODE_CUSTOM)))
    buffers = []
    for table in r.tables(root, _MODEL_BUFFERS):
        start, length = r.vector(table, _BUFFER_DATA)
        offset = r.scalar(table, _BUFFER_OFFSET, "<Q")
        if length:
            buffers.append(Buffer(start, length))
        elif offset > 1:
            buffers.append(Buffer(offset, r.scalar(table, _BUFFER_SIZE, "<Q")))
        else:
            buffers.append(Buffer(0, 0))
    subgraphs = r.tables(root, _MODEL_SUBGRAPHS)
    if not subgraphs:
        raise ModelFileError("the model has no subgraph")
    graph = subgraphs[0]
    tensors = []
    for index, table in enumerate(r.tables(graph, _SUBGRAPH_TENSORS)):
        tensors.append(Tensor(
            index=index,
            name=r.string(table, _TENSOR_NAME) or "",
            type=r.scalar(table, _TENSOR_TYPE, "<b"),
            shape=r.ints(table, _TENSOR_SHAPE),
            buffer=r.scalar(table, _TENSOR_BUFFER, "<I"),
            is_variable=bool(r.scalar(table, _TENSOR_IS_VARIABLE, "<B"))))
    operators = []
    for index, table in enumerate(r.tables(graph, _SUBGRAPH_OPERATORS)):
        opcode_index = r.scalar(table, _OPERATOR_OPCODE_INDEX, "<I")
        if opcode_index >= len(codes):
            raise ModelFileError(
                f"operator {index} uses operator code {opcode_index}, the "
                f"model has {len(codes)}")
        operators.append(Operator(index, opcode_index,
                                  r.ints(table, _OPERATOR_INPUTS),
                                  r.ints(table, _OPERATOR_OUTPUTS)))
    others = []
    for subgraph in subgraphs[1:]:
        for index, table in enumerate(r.tables(subgraph, _SUBGRAPH_OPERATORS)):
            opcode_index = r.scalar(table, _OPERATOR_OPCODE_INDEX, "<I")
            if opcode_index >= len(codes):
                raise ModelFileError(
                    f"operator {index} of a called subgraph uses operator "
                    f"code {opcode_index}, the model has {len(codes)}")
            others.append(Operator(index, opcode_index,
                                   r.ints(table, _OPERATOR_INPUTS),
                                   r.ints(table, _OPERATOR_OUTPUTS)))
    for op in operators:
        for t in op.inputs + op.outputs:
            if t >= len(tensors) or t < -1:
                raise ModelFileError(
                    f"operator {op.index} refers to tensor {t}, the "
                    f"subgraph has {len(tensors)}")
    return ModelFile(
        path=name, size=size,
        description=r.string(root, _MODEL_DESCRIPTION) or "",
        operator_codes=codes, tensors=tensors, operators=operators,
        inputs=list(r.ints(graph, _SUBGRAPH_INPUTS)),
        outputs=list(r.ints(graph, _SUBGRAPH_OUTPUTS)),
        buffers=buffers, num_subgraphs=len(subgraphs),
        other_subgraph_operators=others)
