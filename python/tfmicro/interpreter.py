"""tfmicro.Interpreter: runs a .tflite model through the C API.

The calls mirror the tflite_micro pip runtime
(``tflite_micro.python.tflite_micro.runtime.Interpreter``) so that switching
is a change of import: ``from_bytes``/``from_file``, ``set_input``,
``invoke``, ``get_output``, ``get_input_details``/``get_output_details``,
``reset`` and ``print_allocations``. Debugging and reporting calls are ours:
``tensor_details``, ``get_tensor``, ``operators``, ``invoke_profiled``,
``arena_usage``.

Memory: the model bytes are copied into a 16-byte aligned buffer and the
arena is a 16-byte aligned numpy buffer; both belong to the Interpreter
object and live as long as it does (the C interpreter lives inside the
arena, so there is nothing else to free).
"""

from __future__ import annotations

import enum
import operator
import os
import sys
from typing import Any

import numpy as np

from tfmicro import _bindings
from tfmicro.errors import ArenaTooSmallError, TfmicroError, error_for_status
from tfmicro.model_file import TENSOR_TYPES

ARENA_ALIGNMENT = 16
_ERROR_BUFFER_BYTES = 1024
# arena_size=None: the first try is generous, then grows until the model
# fits; the interpreter is then recreated with exactly what it used.
_SIZING_MODEL_FACTOR = 4
_SIZING_EXTRA_BYTES = 4 << 20
_SIZING_MAX_BYTES = 1 << 30

# TFLite's TensorType numbering (schema.fbs) -> numpy dtype.
_NUMPY_DTYPES: dict[int, Any] = {
    0: np.float32,
    1: np.float16,
    2: np.int32,
    3: np.uint8,
    4: np.int64,
    6: np.bool_,
    7: np.int16,
    8: np.complex64,
    9: np.int8,
    10: np.float64,
    11: np.complex128,
    12: np.uint64,
    15: np.uint32,
    16: np.uint16,
}
# "FLOAT32", "INT8", ...: the schema's TensorType names.
_TYPE_NAMES = {code: name.upper() for code, (name, _) in TENSOR_TYPES.items()}


class InterpreterConfig(enum.Enum):
    """The tflite_micro runtime's configurations, accepted for compatibility.

    kPreserveAllTensors is the same as ``preserve_all_tensors=True``.
    """

    kAllocationRecording = 0
    kPreserveAllTensors = 1


def _aligned_buffer(num_bytes: int) -> np.ndarray:
    """A zeroed uint8 array of num_bytes whose data is ARENA_ALIGNMENT-aligned.

    The returned view keeps its (slightly larger) base array alive.
    """
    raw = np.zeros(num_bytes + ARENA_ALIGNMENT, dtype=np.uint8)
    offset = (-raw.ctypes.data) % ARENA_ALIGNMENT
    return raw[offset:offset + num_bytes]


def _model_bytes(model_data: Any) -> np.ndarray:
    """Copies a bytes-like model into an aligned buffer."""
    if model_data is None:
        raise ValueError("model must not be None (expected the bytes of a "
                         ".tflite file)")
    if isinstance(model_data, str):
        raise TypeError("model must be bytes-like, got str; to load a file "
                        "use Interpreter.from_file(path)")
    try:
        view = memoryview(model_data)
    except TypeError:
        raise TypeError(
            f"model must be bytes-like (bytes, bytearray, memoryview), got "
            f"{type(model_data).__name__}") from None
    if not view.contiguous:
        raise ValueError("model buffer must be contiguous")
    source = np.frombuffer(view.cast("B"), dtype=np.uint8)
    buffer = _aligned_buffer(source.size)
    buffer[:] = source
    return buffer


def _check_arena_size(arena_size: Any) -> int | None:
    if arena_size is None:
        return None
    if isinstance(arena_size, bool):
        raise TypeError("arena_size must be an int or None, got bool")
    try:
        size = operator.index(arena_size)
    except TypeError:
        raise TypeError(f"arena_size must be an int or None, got "
                        f"{type(arena_size).__name__}") from None
    if size < 0:
        raise ValueError(f"arena_size must be >= 0, got {size}")
    return size


def _check_arena_limit(size: int | None, limit: int) -> None:
    """Rejects an arena the runtime would refuse, before allocating it."""
    if size is not None and size > limit:
        raise ValueError(f"arena_size {size} exceeds the maximum of {limit} "
                         "bytes (tfmicro plans 32-bit arena offsets)")


def _check_index(index: Any, count: int, what: str) -> int:
    """Validates an input/output/tensor/operator index."""
    if isinstance(index, bool):
        raise TypeError(f"{what} index must be an int, got bool")
    try:
        i = operator.index(index)
    except TypeError:
        raise TypeError(f"{what} index must be an int, got "
                        f"{type(index).__name__}") from None
    if not 0 <= i < count:
        valid = f"0..{count - 1}" if count else "none"
        raise IndexError(f"{what} index {i} out of range: the model has "
                         f"{count} {what}{'' if count == 1 else 's'} "
                         f"(valid: {valid})")
    return i


def _type_name(type_code: int) -> str:
    return _TYPE_NAMES.get(type_code, f"TYPE_{type_code}")


_PLAN_SOURCES = {1: "device", 2: "offline", 3: "offline_rejected"}


def _numpy_dtype(type_code: int):
    """The numpy type of a TFLite TensorType, None when numpy has none."""
    return _NUMPY_DTYPES.get(type_code)


class Interpreter:
    """A tfmicro interpreter for one model in its own arena.

    Prefer the constructors ``Interpreter.from_bytes`` and
    ``Interpreter.from_file``; the arguments are the same.

    Args:
      model_data: the .tflite model (bytes-like); it is copied.
      custom_op_registerers: accepted for compatibility with tflite_micro;
        must be None or empty (tfmicro has no custom op registerers).
      arena_size: arena bytes; None sizes the arena exactly to what the
        model needs.
      intrepreter_config: tflite_micro's InterpreterConfig (spelling kept
        from tflite_micro); kPreserveAllTensors means
        preserve_all_tensors=True.
      alt_decompression_memory_size: accepted for compatibility; must be 0.
      preserve_all_tensors: give every tensor its own memory so that
        intermediate values stay readable with get_tensor after invoke.
      use_offline_plan: use the model's offline memory plan (``tfmicro
        plan``) when it has one that passes the runtime's checks; False
        plans on the device as if the model had none.
      record_plan: keep what the memory plan was made for (``plan_record``);
        costs persistent arena bytes.
    """

    def __init__(self,
                 model_data: Any,
                 custom_op_registerers: list[str] | None = None,
                 arena_size: int | None = None,
                 intrepreter_config: Any = None,
                 alt_decompression_memory_size: int = 0,
                 *,
                 preserve_all_tensors: bool = False,
                 use_offline_plan: bool = True,
                 record_plan: bool = False) -> None:
        if custom_op_registerers:
            raise ValueError("tfmicro has no custom op registerers; "
                             f"got {custom_op_registerers!r}")
        if alt_decompression_memory_size:
            raise ValueError("tfmicro does not support alternate "
                             "decompression memory; got "
                             f"alt_decompression_memory_size="
                             f"{alt_decompression_memory_size}")
        if _config_preserves_all_tensors(intrepreter_config):
            preserve_all_tensors = True
        if not isinstance(preserve_all_tensors, (bool, np.bool_)):
            raise TypeError(f"preserve_all_tensors must be a bool, got "
                            f"{type(preserve_all_tensors).__name__}")
        requested = _check_arena_size(arena_size)
        self._model = _model_bytes(model_data)
        self._lib = _bindings.load()
        self._ffi = _bindings.ffi
        _check_arena_limit(requested, int(self._lib.TFM_MAX_ARENA_BYTES))
        self._flags = (
            (self._lib.TFM_FLAG_PRESERVE_ALL_TENSORS
             if preserve_all_tensors else 0)
            | (0 if use_offline_plan
               else self._lib.TFM_FLAG_IGNORE_OFFLINE_PLAN)
            | (self._lib.TFM_FLAG_RECORD_PLAN if record_plan else 0))
        self.preserve_all_tensors = bool(preserve_all_tensors)
        self._last_profile: list[dict] | None = None
        if requested is None:
            requested = self._exact_arena_size()
        self._arena, self._handle = self._create(requested)
        self._inputs_size = int(self._lib.tfm_inputs_size(self._handle))
        self._outputs_size = int(self._lib.tfm_outputs_size(self._handle))

    @classmethod
    def from_bytes(cls,
                   model_data: Any,
                   custom_op_registerers: list[str] | None = None,
                   arena_size: int | None = None,
                   intrepreter_config: Any = None,
                   alt_decompression_memory_size: int = 0,
                   *,
                   preserve_all_tensors: bool = False,
                   use_offline_plan: bool = True,
                   record_plan: bool = False) -> Interpreter:
        """An interpreter for a model held in memory (bytes-like)."""
        return cls(model_data, custom_op_registerers, arena_size,
                   intrepreter_config, alt_decompression_memory_size,
                   preserve_all_tensors=preserve_all_tensors,
                   use_offline_plan=use_offline_plan, record_plan=record_plan)

    @classmethod
    def from_file(cls,
                  model_path: str | os.PathLike,
                  custom_op_registerers: list[str] | None = None,
                  arena_size: int | None = None,
                  intrepreter_config: Any = None,
                  alt_decompression_memory_size: int = 0,
                  *,
                  preserve_all_tensors: bool = False,
                  use_offline_plan: bool = True,
                  record_plan: bool = False) -> Interpreter:
        """An interpreter for a .tflite file."""
        if model_path is None:
            raise ValueError("model path must not be None")
        path = os.fspath(model_path)
        if not os.path.exists(path):
            raise FileNotFoundError(f"model file not found: {path}")
        if not os.path.isfile(path):
            raise ValueError(f"model path is not a file: {path}")
        with open(path, "rb") as f:
            data = f.read()
        return cls(data, custom_op_registerers, arena_size,
                   intrepreter_config, alt_decompression_memory_size,
                   preserve_all_tensors=preserve_all_tensors,
                   use_offline_plan=use_offline_plan, record_plan=record_plan)

    # --- creation -----------------------------------------------------------

    def _create(self, arena_size: int) -> tuple[np.ndarray, Any]:
        """Creates the C interpreter in a new arena and allocates tensors."""
        arena = _aligned_buffer(arena_size)
        error = self._ffi.new("char[]", _ERROR_BUFFER_BYTES)
        out = self._ffi.new("TfmInterpreter**")
        status = self._lib.tfm_interpreter_create(
            self._ffi.from_buffer(self._model), self._model.size,
            self._ffi.from_buffer(arena), arena_size, self._flags, out,
            error, _ERROR_BUFFER_BYTES)
        if status != self._lib.TFM_OK:
            raise error_for_status(status, self._ffi.string(error).decode(
                "utf-8", "replace") or "tfm_interpreter_create failed")
        handle = out[0]
        if handle == self._ffi.NULL:
            raise TfmicroError("tfm_interpreter_create returned no "
                               "interpreter")
        self._check(self._lib.tfm_allocate_tensors(handle), handle)
        return arena, handle

    def _exact_arena_size(self) -> int:
        """The exact arena bytes this model needs with these flags."""
        size = self._model.size * _SIZING_MODEL_FACTOR + _SIZING_EXTRA_BYTES
        while True:
            try:
                _, handle = self._create(size)
                return int(self._lib.tfm_arena_used_bytes(handle))
            except ArenaTooSmallError as e:
                if size >= _SIZING_MAX_BYTES:
                    raise ArenaTooSmallError(
                        f"the model does not fit in {size} bytes, the most "
                        f"tfmicro tries when sizing the arena: {e}") from e
                size = min(size * 4, _SIZING_MAX_BYTES)

    def _check(self, status: int, handle: Any = None) -> None:
        if status == self._lib.TFM_OK:
            return
        handle = self._handle if handle is None else handle
        message = self._ffi.string(self._lib.tfm_last_error(handle)).decode(
            "utf-8", "replace")
        raise error_for_status(status, message)

    # --- tflite_micro-compatible API ---------------------------------------

    def invoke(self) -> None:
        """Runs the model once on the current inputs."""
        self._check(self._lib.tfm_invoke(self._handle))

    def reset(self) -> None:
        """Clears variable tensors and kernel state."""
        self._check(self._lib.tfm_reset(self._handle))

    def set_input(self, input_data: Any, index: int) -> None:
        """Copies an array into input ``index``; dtype and shape must match."""
        if input_data is None:
            raise ValueError("input data must not be None")
        i = _check_index(index, self._inputs_size, "input")
        info = self._info(self._lib.tfm_input_info, i)
        array = np.asarray(input_data)
        expected_dtype = _numpy_dtype(info.type)
        expected_shape = self._shape(info)
        if expected_dtype is None:
            raise TfmicroError(f"input {i} has type {_type_name(info.type)}, "
                               "which numpy cannot hold")
        if array.dtype != np.dtype(expected_dtype):
            raise ValueError(
                f"input {i}: expected dtype {np.dtype(expected_dtype).name} "
                f"({_type_name(info.type)}), got {array.dtype.name}")
        if array.shape != expected_shape:
            raise ValueError(f"input {i}: expected shape {expected_shape}, "
                             f"got {array.shape}")
        if array.nbytes != info.bytes:
            raise TfmicroError(f"input {i}: tensor holds {info.bytes} bytes "
                               f"but the array has {array.nbytes}")
        if info.data == self._ffi.NULL:
            raise TfmicroError(f"input {i} has no memory")
        source = np.ascontiguousarray(array)
        self._ffi.memmove(info.data, self._ffi.from_buffer(source),
                          source.nbytes)

    def get_output(self, index: int) -> np.ndarray:
        """A copy of output ``index`` after the last invoke."""
        i = _check_index(index, self._outputs_size, "output")
        return self._copy_data(self._info(self._lib.tfm_output_info, i),
                               f"output {i}")

    def get_input_details(self, index: int) -> dict:
        """Name, tensor index, shape, dtype and quantization of an input."""
        i = _check_index(index, self._inputs_size, "input")
        return self._details(self._info(self._lib.tfm_input_info, i),
                             self._io_tensor_index("input", i))

    def get_output_details(self, index: int) -> dict:
        """Name, tensor index, shape, dtype and quantization of an output."""
        i = _check_index(index, self._outputs_size, "output")
        return self._details(self._info(self._lib.tfm_output_info, i),
                             self._io_tensor_index("output", i))

    def print_allocations(self) -> None:
        """Writes the arena usage to stderr (like tflite_micro's)."""
        usage = self.arena_usage()
        width = max(len(k) for k in usage)
        lines = [f"tfmicro arena: {self.arena_size()} bytes given"]
        lines += [f"  {key:<{width}}  {value:>10} bytes"
                  for key, value in usage.items()]
        print("\n".join(lines), file=sys.stderr)

    # --- tfmicro additions --------------------------------------------------

    def inputs_size(self) -> int:
        """Number of model inputs."""
        return self._inputs_size

    def outputs_size(self) -> int:
        """Number of model outputs."""
        return self._outputs_size

    def arena_size(self) -> int:
        """The arena bytes this interpreter was given."""
        return int(self._arena.size)

    def arena_used_bytes(self) -> int:
        """Exact arena bytes the model needs (from the start of the arena)."""
        return int(self._lib.tfm_arena_used_bytes(self._handle))

    def arena_usage(self) -> dict[str, int]:
        """The arena split: total, planned, scratch, persistent, interpreter."""
        usage = self._ffi.new("TfmArenaUsage*")
        self._check(self._lib.tfm_arena_usage(self._handle, usage))
        return {name: int(getattr(usage, name))
                for name, _ in self._ffi.typeof("TfmArenaUsage").fields}

    def plan_source(self) -> str:
        """Who made the memory plan: ``device`` (the greedy planner),
        ``offline`` (the model's checked offline plan) or
        ``offline_rejected`` (the plan failed the checks: greedy)."""
        return _PLAN_SOURCES.get(int(self._lib.tfm_plan_source(self._handle)),
                                 "none")

    def plan_record(self) -> dict[str, list[dict]]:
        """What the memory plan was made for (needs record_plan=True).

        ``buffers``: every planned buffer (tensors in tensor order, then
        scratch buffers in node order) with ``tensor_index`` (-1 for
        scratch), ``first_op``/``last_op``, ``bytes`` and ``offset``;
        ``in_place``: the kernels' permissions (``input_buffer``,
        ``output_buffer``, ``min_gap``: the output may start that many
        bytes or more before the input and overlap it).
        """
        buffer = self._ffi.new("TfmPlanBuffer*")
        buffers = []
        for i in range(int(self._lib.tfm_plan_buffers_size(self._handle))):
            self._check(self._lib.tfm_plan_buffer(self._handle, i, buffer))
            buffers.append({name: int(getattr(buffer, name)) for name in (
                "tensor_index", "first_op", "last_op", "bytes", "offset")})
        allowance = self._ffi.new("TfmInPlace*")
        in_place = []
        for i in range(int(self._lib.tfm_in_place_size(self._handle))):
            self._check(self._lib.tfm_in_place(self._handle, i, allowance))
            in_place.append({name: int(getattr(allowance, name)) for name in (
                "input_buffer", "output_buffer", "min_gap")})
        return {"buffers": buffers, "in_place": in_place}

    def tensors_size(self) -> int:
        """Number of tensors in the main subgraph."""
        return int(self._lib.tfm_tensors_size(self._handle))

    def tensor_details(self) -> list[dict]:
        """Details of every tensor, with its memory plan.

        Besides the ``get_input_details`` keys: ``bytes``, ``is_constant``,
        ``arena_offset`` (-1 when not planned), ``first_op``/``last_op``
        (the operators between which it is live).
        """
        return [self._full_details(t) for t in range(self.tensors_size())]

    def get_tensor(self, tensor_index: int) -> np.ndarray:
        """A copy of any tensor's data.

        Constants are always readable. Other tensors share arena memory
        unless the interpreter was created with preserve_all_tensors=True,
        so reading them requires that flag.
        """
        t = _check_index(tensor_index, self.tensors_size(), "tensor")
        info = self._info(self._lib.tfm_tensor_info, t)
        if not info.is_constant and not self.preserve_all_tensors:
            raise TfmicroError(
                f"tensor {t} ({self._ffi.string(info.name).decode()!r}) "
                "shares arena memory with other tensors; create the "
                "interpreter with preserve_all_tensors=True to read it")
        return self._copy_data(info, f"tensor {t}")

    def operators(self) -> list[dict]:
        """Every operator: index, op_name, builtin_code, inputs, outputs."""
        count = int(self._lib.tfm_operators_size(self._handle))
        result = []
        for op in range(count):
            info = self._ffi.new("TfmOperatorInfo*")
            self._check(self._lib.tfm_operator_info(self._handle, op, info))
            result.append({
                "index": op,
                "op_name": self._ffi.string(info.op_name).decode(
                    "utf-8", "replace"),
                "builtin_code": int(info.builtin_code),
                "inputs": [int(info.inputs[k])
                           for k in range(info.num_inputs)],
                "outputs": [int(info.outputs[k])
                            for k in range(info.num_outputs)],
            })
        return result

    def invoke_profiled(self) -> list[dict]:
        """Invokes once and returns per-operator durations.

        Each entry: ``index``, ``op_name``, ``ticks`` (platform timer ticks)
        and ``seconds`` (ticks / tfm_ticks_per_second).
        """
        ops = self.operators()
        ticks = self._ffi.new("uint64_t[]", max(len(ops), 1))
        self._check(self._lib.tfm_invoke_profiled(self._handle, ticks,
                                                  len(ops)))
        per_second = int(self._lib.tfm_ticks_per_second())
        self._last_profile = [
            {"index": op["index"], "op_name": op["op_name"],
             "ticks": int(ticks[k]),
             "seconds": int(ticks[k]) / per_second if per_second else 0.0}
            for k, op in enumerate(ops)]
        return self._last_profile

    def profile(self) -> list[dict] | None:
        """The per-operator durations of the last invoke_profiled, or None."""
        return self._last_profile

    def __repr__(self) -> str:
        return (f"<tfmicro.Interpreter: {self._model.size} byte model, "
                f"{self._inputs_size} inputs, {self._outputs_size} outputs, "
                f"arena {self.arena_size()} bytes>")

    # --- helpers ------------------------------------------------------------

    def _info(self, getter, index: int):
        info = self._ffi.new("TfmTensorInfo*")
        self._check(getter(self._handle, index, info))
        return info

    @staticmethod
    def _shape(info) -> tuple[int, ...]:
        return tuple(int(info.dims[k]) for k in range(info.rank))

    def _copy_data(self, info, what: str) -> np.ndarray:
        dtype = _numpy_dtype(info.type)
        if dtype is None:
            raise TfmicroError(f"{what} has type {_type_name(info.type)}, "
                               "which numpy cannot hold")
        if info.data == self._ffi.NULL:
            raise TfmicroError(f"{what} has no data")
        shape = self._shape(info)
        expected = int(np.prod(shape, dtype=np.int64)) * np.dtype(dtype).itemsize
        if expected != info.bytes:
            raise TfmicroError(f"{what}: shape {shape} of "
                               f"{np.dtype(dtype).name} needs {expected} "
                               f"bytes, the tensor has {info.bytes}")
        raw = self._ffi.buffer(info.data, info.bytes)
        return np.frombuffer(raw, dtype=dtype).reshape(shape).copy()

    def _details(self, info, tensor_index: int) -> dict:
        channels = int(info.num_channels)
        scales = np.array([info.scales[k] for k in range(channels)],
                          dtype=np.float32)
        zero_points = np.array([info.zero_points[k] for k in range(channels)],
                               dtype=np.int32)
        return {
            "name": self._ffi.string(info.name).decode("utf-8", "replace"),
            "index": tensor_index,
            "shape": np.array(self._shape(info), dtype=np.int32),
            "dtype": _numpy_dtype(info.type),
            "type_name": _type_name(info.type),
            "quantization_parameters": {
                "scales": scales,
                "zero_points": zero_points,
                "quantized_dimension": int(info.quantized_dimension),
            },
        }

    def _full_details(self, tensor_index: int) -> dict:
        info = self._info(self._lib.tfm_tensor_info, tensor_index)
        details = self._details(info, tensor_index)
        details.update({
            "bytes": int(info.bytes),
            "is_constant": bool(info.is_constant),
            "arena_offset": int(info.arena_offset),
            "first_op": int(info.first_op),
            "last_op": int(info.last_op),
        })
        return details

    def _io_tensor_index(self, kind: str, index: int) -> int:
        """The subgraph tensor index of input/output ``index``, -1 if unknown.

        Taken from the C API's ``tensor_index`` field when the header has
        one; otherwise the one tensor with the same data address, size and
        name as the input/output.
        """
        getter = (self._lib.tfm_input_info if kind == "input"
                  else self._lib.tfm_output_info)
        io = self._info(getter, index)
        if _has_tensor_index_field():
            return int(io.tensor_index)
        matches = []
        for t in range(self.tensors_size()):
            info = self._info(self._lib.tfm_tensor_info, t)
            if (info.data == io.data and info.bytes == io.bytes and
                    self._ffi.string(info.name) == self._ffi.string(io.name)):
                matches.append(t)
        return matches[0] if len(matches) == 1 else -1


def _has_tensor_index_field() -> bool:
    fields = dict(_bindings.ffi.typeof("TfmTensorInfo").fields)
    return "tensor_index" in fields


def _config_preserves_all_tensors(config: Any) -> bool:
    """True for kPreserveAllTensors from our enum or tflite_micro's."""
    if config is None:
        return False
    name = getattr(config, "name", None)
    if name in ("kPreserveAllTensors", "kAllocationRecording"):
        return name == "kPreserveAllTensors"
    raise ValueError(f"unknown interpreter config {config!r} (expected "
                     "InterpreterConfig.kAllocationRecording or "
                     "kPreserveAllTensors)")
