"""Mutated .tflite models for the Python-level fuzz test, and its child.

Three families of mutants of a valid model, all deterministic from a seed:
  * byte flips: 1 to 4 bytes XORed anywhere;
  * field edits: fields located with the flatbuffers Python reader (TFLite's
    generated schema in ai-edge-litert) and rewritten in place: tensor
    shapes, types and buffer indices, operator input/output and opcode
    indices, builtin codes, quantization scales, zero points and
    dimensions, buffer bytes, subgraph inputs/outputs and the fields of
    every operator's options table (which hold, e.g., subgraph indices);
  * truncations and extensions: the model cut short, or followed by noise.

Run as a program (``python model_mutations.py BATCH PROGRESS``) it is the
child of test_fuzz_python.py: it parses each model of BATCH (a pickled list
of bytes) with the command line's reader, loads it with
tfmicro.Interpreter.from_bytes, allocates, sets inputs,
invokes and reads every output and tensor, writing the index of the model
it is about to run to PROGRESS first, so that a process death names its
input. It prints one JSON line of outcome counts.
"""

from __future__ import annotations

import json
import pickle
import struct
import sys
from collections import Counter
from dataclasses import dataclass

import numpy as np

# vtable offsets of the fields we edit (4 + 2 * field id in schema.fbs).
_CODE_DEPRECATED, _CODE_BUILTIN = 4, 10
_SUBGRAPH_INPUTS, _SUBGRAPH_OUTPUTS = 6, 8
_TENSOR_SHAPE, _TENSOR_TYPE, _TENSOR_BUFFER, _TENSOR_IS_VARIABLE = 4, 6, 8, 14
_OP_OPCODE_INDEX, _OP_INPUTS, _OP_OUTPUTS = 4, 6, 8
_OP_OPTIONS_TYPE, _OP_INTERMEDIATES = 10, 20
_QUANT_SCALE, _QUANT_ZERO_POINT, _QUANT_DIMENSION = 8, 10, 16
_BUFFER_DATA = 4

_INTERESTING = (0, 1, -1, 2, 3, 4, 7, 8, 15, 16, 31, 32, 64, 127, 128, -128,
                -129, 255, 256, 32767, -32768, 65535, 65536, 2**31 - 1,
                -2**31, 2**30, 1000000)
_SCALES = (0.0, -1.0, 1.0, 1e-38, 1.4e-45, 1e38, 1e-10, 65536.0,
           float("inf"), float("-inf"), float("nan"), 3.4028235e38)


@dataclass(frozen=True)
class Field:
    """A field of the model: where, how wide, what it means."""

    position: int
    width: int  # bytes; for "bytes" the length of the byte vector
    kind: str
    count: int = 0  # elements an index refers to (tensors, codes, ...)


def _position(obj, vt: int) -> int | None:
    """Absolute position of a field of a generated reader object."""
    offset = obj._tab.Offset(vt)
    return obj._tab.Pos + offset if offset else None


def _vector(obj, vt: int) -> tuple[int, int]:
    """(position of element 0, length) of a vector field; (0, 0) if absent."""
    offset = obj._tab.Offset(vt)
    if not offset:
        return 0, 0
    return obj._tab.Vector(offset), obj._tab.VectorLen(offset)


def _table_fields(table) -> list[tuple[int, int]]:
    """(position, width) of every present field of a flatbuffers Table of
    unknown type (an options table): the width is the gap to the next
    field, at most 8 bytes."""
    from flatbuffers import number_types as n

    vtable = table.Pos - table.Get(n.SOffsetTFlags, table.Pos)
    vtable_bytes = table.Get(n.VOffsetTFlags, vtable)
    table_bytes = table.Get(n.VOffsetTFlags, vtable + 2)
    offsets = sorted({table.Get(n.VOffsetTFlags, vtable + slot)
                      for slot in range(4, vtable_bytes, 2)} - {0})
    offsets = [o for o in offsets if o < table_bytes]
    fields = []
    for i, offset in enumerate(offsets):
        end = offsets[i + 1] if i + 1 < len(offsets) else table_bytes
        width = 1
        while width * 2 <= end - offset and width < 8:
            width *= 2
        fields.append((table.Pos + offset, width))
    return fields


def locate_fields(model: bytes) -> list[Field]:
    """Every field of a valid model worth editing, found with TFLite's
    generated flatbuffers reader (ai-edge-litert)."""
    from ai_edge_litert import schema_py_generated as schema

    m = schema.Model.GetRootAs(model, 0)
    num_codes = m.OperatorCodesLength()
    num_buffers = m.BuffersLength()
    fields: list[Field] = []

    def add(position: int | None, width: int, kind: str, count: int = 0):
        if position is not None:
            fields.append(Field(position, width, kind, count))

    def add_vector(obj, vt: int, width: int, kind: str, count: int = 0):
        start, length = _vector(obj, vt)
        for i in range(length):
            add(start + width * i, width, kind, count)

    for i in range(num_codes):
        code = m.OperatorCodes(i)
        add(_position(code, _CODE_BUILTIN), 4, "builtin_code")
        add(_position(code, _CODE_DEPRECATED), 1, "deprecated_code")
    for i in range(num_buffers):
        start, length = _vector(m.Buffers(i), _BUFFER_DATA)
        if length:
            add(start, length, "bytes")
    for s in range(m.SubgraphsLength()):
        subgraph = m.Subgraphs(s)
        num_tensors = subgraph.TensorsLength()
        for t in range(num_tensors):
            tensor = subgraph.Tensors(t)
            add_vector(tensor, _TENSOR_SHAPE, 4, "dim")
            add(_position(tensor, _TENSOR_TYPE), 1, "type")
            add(_position(tensor, _TENSOR_BUFFER), 4, "buffer_index",
                num_buffers)
            add(_position(tensor, _TENSOR_IS_VARIABLE), 1, "flag")
            quant = tensor.Quantization()
            if quant is not None:
                add_vector(quant, _QUANT_SCALE, 4, "scale")
                add_vector(quant, _QUANT_ZERO_POINT, 8, "zero_point")
                add(_position(quant, _QUANT_DIMENSION), 4, "quantized_dim")
        for vt in (_SUBGRAPH_INPUTS, _SUBGRAPH_OUTPUTS):
            add_vector(subgraph, vt, 4, "tensor_index", num_tensors)
        for n in range(subgraph.OperatorsLength()):
            op = subgraph.Operators(n)
            add(_position(op, _OP_OPCODE_INDEX), 4, "opcode_index",
                num_codes)
            for vt in (_OP_INPUTS, _OP_OUTPUTS, _OP_INTERMEDIATES):
                add_vector(op, vt, 4, "tensor_index", num_tensors)
            add(_position(op, _OP_OPTIONS_TYPE), 1, "options_type")
            options = op.BuiltinOptions()
            if options is not None:
                for position, width in _table_fields(options):
                    add(position, width, "option")
    return fields


def _write_int(data: bytearray, at: int, width: int, value: int) -> None:
    data[at:at + width] = (value % (1 << (8 * width))).to_bytes(width,
                                                                "little")


def _read_int(data: bytearray, at: int, width: int) -> int:
    return int.from_bytes(data[at:at + width], "little", signed=True)


def _index_value(rng: np.random.Generator, count: int, absent: bool) -> int:
    if rng.random() < 0.8:
        return int(rng.integers(-1 if absent else 0, max(count, 1)))
    return int(rng.choice([count, count + 1, -2, 2**31 - 1, -2**31]))


def edit_field(data: bytearray, field: Field,
               rng: np.random.Generator) -> None:
    """Rewrites one field with a value chosen for its meaning."""
    at, width, kind = field.position, field.width, field.kind
    old = _read_int(data, at, width) if kind not in ("bytes", "scale") else 0
    if kind == "dim":
        value = int(rng.choice([0, 1, 2, 3, old + 1, old - 1, old * 2,
                                -1, 65536, 2**31 - 1, 2**30 + 1]))
    elif kind == "tensor_index":
        value = _index_value(rng, field.count, absent=True)
    elif kind in ("opcode_index", "buffer_index"):
        value = _index_value(rng, field.count, absent=False)
    elif kind == "builtin_code":
        value = int(rng.integers(0, 210))
    elif kind == "deprecated_code":
        value = int(rng.integers(0, 128))
    elif kind == "type":
        value = int(rng.integers(0, 20))
    elif kind == "scale":
        old_scale = struct.unpack_from("<f", data, at)[0]
        choice = float(rng.choice(_SCALES + (old_scale * 2, -old_scale)))
        struct.pack_into("<f", data, at, np.float32(choice))
        return
    elif kind == "zero_point":
        value = int(rng.choice([0, old + 1, old - 1, -128, 127, 128, -129,
                                255, 32767, -32768, 2**31 - 1, 2**40]))
    elif kind == "quantized_dim":
        value = int(rng.integers(-1, 9))
    elif kind == "bytes":
        position = at + int(rng.integers(width))
        data[position] = int(rng.integers(256))
        return
    elif kind == "flag":
        value = 0 if old else 1
    elif kind == "options_type":
        value = int(rng.integers(0, 130))
    else:  # an options field of unknown meaning
        value = int(rng.choice(_INTERESTING + (old + 1, old - 1)))
    _write_int(data, at, width, value)


def field_edits(model: bytes, fields: list[Field],
                rng: np.random.Generator) -> bytes:
    """The model with 1 to 4 located fields rewritten."""
    data = bytearray(model)
    # A kind first, then a field of it: rare kinds get edited as often as
    # the many dimensions and indices.
    by_kind: dict[str, list[Field]] = {}
    for field in fields:
        by_kind.setdefault(field.kind, []).append(field)
    kinds = sorted(by_kind)
    for _ in range(int(rng.integers(1, 5))):
        candidates = by_kind[kinds[int(rng.integers(len(kinds)))]]
        edit_field(data, candidates[int(rng.integers(len(candidates)))], rng)
    return bytes(data)


def byte_flips(model: bytes, rng: np.random.Generator) -> bytes:
    data = bytearray(model)
    for _ in range(int(rng.integers(1, 5))):
        data[int(rng.integers(len(data)))] ^= int(rng.integers(1, 256))
    return bytes(data)


def truncation(model: bytes, rng: np.random.Generator) -> bytes:
    """A prefix of the model, sometimes followed by random bytes."""
    size = int(rng.integers(0, len(model)))
    tail = b""
    if rng.random() < 0.3:
        tail = rng.integers(0, 256, int(rng.integers(1, 64)),
                            dtype=np.uint8).tobytes()
    return model[:size] + tail


def mutants(model: bytes, count: int, seed: int) -> list[tuple[str, bytes]]:
    """``count`` mutants of ``model``: half field edits, the rest split
    between byte flips and truncations."""
    rng = np.random.default_rng(seed)
    fields = locate_fields(model)
    result = []
    for k in range(count):
        roll = rng.random()
        if roll < 0.5 and fields:
            result.append((f"field edit #{k}", field_edits(model, fields,
                                                           rng)))
        elif roll < 0.85:
            result.append((f"byte flip #{k}", byte_flips(model, rng)))
        else:
            result.append((f"truncation #{k}", truncation(model, rng)))
    return result


# --- the child ------------------------------------------------------------

def run_model(data: bytes, arena_size: int | None) -> str:
    """Loads, allocates, fills inputs, invokes and reads one model.

    The command line's own reader (tfmicro.model_file, used by analyze and
    resolver) parses it first. Returns "ok" or the tfmicro error's class
    name; any other exception propagates (an argument the Python API did
    not validate).
    """
    import tfmicro
    from tfmicro.model_file import ModelFileError, read_model_bytes

    try:
        read_model_bytes(data, "mutant")
    except ModelFileError:
        pass
    try:
        interpreter = tfmicro.Interpreter.from_bytes(data,
                                                     arena_size=arena_size)
        interpreter.tensor_details()
        interpreter.operators()
        for i in range(interpreter.inputs_size()):
            details = interpreter.get_input_details(i)
            dtype = np.dtype(details["dtype"])
            shape = tuple(int(d) for d in details["shape"])
            values = np.arange(int(np.prod(shape, dtype=np.int64))) % 7 - 3
            interpreter.set_input(values.astype(dtype).reshape(shape), i)
        interpreter.invoke()
        for i in range(interpreter.outputs_size()):
            interpreter.get_output(i)
            interpreter.get_output_details(i)
    except tfmicro.TfmicroError as e:
        return type(e).__name__
    return "ok"


def child_main(batch_path: str, progress_path: str) -> int:
    with open(batch_path, "rb") as f:
        batch: list[bytes] = pickle.load(f)
    outcomes: Counter[str] = Counter()
    unexpected = []
    with open(progress_path, "w", buffering=1) as progress:
        for i, data in enumerate(batch):
            progress.write(f"{i}\n")
            progress.flush()
            # Every third model sizes its own arena (the default path).
            arena = None if i % 3 == 0 else 64 * 1024
            try:
                outcomes[run_model(data, arena)] += 1
            except Exception as e:  # noqa: BLE001 - reported, not hidden
                outcomes["unexpected"] += 1
                unexpected.append(f"model {i}: {type(e).__name__}: {e}")
    print(json.dumps({"outcomes": outcomes, "unexpected": unexpected[:20]}))
    return 0


if __name__ == "__main__":
    sys.exit(child_main(*sys.argv[1:]))
