"""The correctness oracle: TFLite's reference kernels (ai-edge-litert).

``run_reference`` runs a .tflite model with
``OpResolverType.BUILTIN_REF`` in a child process, because the reference
resolver aborts the whole process on some models. If the child dies (or
TFLite rejects the model there), the model is run again, also in a child,
with ``BUILTIN_WITHOUT_DEFAULT_DELEGATES`` (TFLite's optimized builtin
kernels without XNNPACK, bit-exact for integer models by design) and the
result says so::

    result = run_reference(model_bytes, random_inputs(model_bytes, seed=0))
    result.outputs       # one array per model output (the result is also
                         # a list of them)
    result.resolver      # "BUILTIN_REF" or "BUILTIN_WITHOUT_DEFAULT_DELEGATES"
    result.fell_back     # True when the fallback resolver produced it

``run_reference(..., preserve_all_tensors=True)`` also returns every tensor
the interpreter holds after the run, by tensor index (``result.tensors``),
for layer-by-layer debugging.

This module needs only numpy at import time; ai-edge-litert is imported in
the child process and by ``model_inputs``.
"""

from __future__ import annotations

import dataclasses
import logging
import os
import signal
import subprocess
import sys
import tempfile
from collections.abc import Sequence
from pathlib import Path

import numpy as np

REFERENCE_RESOLVER = "BUILTIN_REF"
FALLBACK_RESOLVER = "BUILTIN_WITHOUT_DEFAULT_DELEGATES"
DEFAULT_TIMEOUT_SECONDS = 300.0

# The child loads this file by path rather than importing the tfmicro
# package (whose __init__ may load the native library) and runs _worker.
# Its working directory is a fresh temporary one, so nothing there shadows
# a module.
_CHILD_CODE = (
    "import importlib.util, sys\n"
    "spec = importlib.util.spec_from_file_location("
    "'_tfmicro_oracle_child', sys.argv[1])\n"
    "module = importlib.util.module_from_spec(spec)\n"
    "sys.modules[spec.name] = module\n"
    "spec.loader.exec_module(module)\n"
    "sys.exit(module._worker(sys.argv[2:]))\n")
_STATUS_OK = 0
_STATUS_TFLITE_ERROR = 3
_STDERR_TAIL_CHARS = 2000

_log = logging.getLogger(__name__)


class OracleError(RuntimeError):
    """The oracle could not run the model with any resolver."""


@dataclasses.dataclass(frozen=True)
class InputSpec:
    """One model input: its tensor name, numpy dtype and shape."""

    name: str
    dtype: np.dtype
    shape: tuple[int, ...]


class ReferenceResult(list):
    """The outputs of one reference run, plus how they were obtained.

    It is the list of output arrays itself (so code expecting
    ``list[np.ndarray]`` keeps working) and carries:

    * ``outputs``: the same list of arrays, one per model output.
    * ``resolver``: the op resolver that produced them.
    * ``fallback_reason``: why BUILTIN_REF was not used, or None.
    * ``tensors``: with ``preserve_all_tensors``, tensor index -> array for
      every tensor that holds data after the run; otherwise None.
    """

    def __init__(self, outputs: Sequence[np.ndarray], resolver: str,
                 fallback_reason: str | None = None,
                 tensors: dict[int, np.ndarray] | None = None) -> None:
        super().__init__(outputs)
        self.resolver = resolver
        self.fallback_reason = fallback_reason
        self.tensors = tensors

    @property
    def outputs(self) -> list[np.ndarray]:
        return list(self)

    @property
    def fell_back(self) -> bool:
        return self.resolver != REFERENCE_RESOLVER

    def __repr__(self) -> str:
        shapes = ", ".join(f"{o.dtype}{list(o.shape)}" for o in self)
        return f"ReferenceResult([{shapes}], resolver={self.resolver!r})"


_TENSOR_TYPES = {
    "FLOAT32": np.float32, "FLOAT16": np.float16, "FLOAT64": np.float64,
    "INT8": np.int8, "UINT8": np.uint8, "INT16": np.int16,
    "UINT16": np.uint16, "INT32": np.int32, "UINT32": np.uint32,
    "INT64": np.int64, "UINT64": np.uint64, "BOOL": np.bool_,
}


def model_inputs(model_bytes: bytes) -> list[InputSpec]:
    """Reads the inputs of the model's main subgraph from the flatbuffer."""
    from ai_edge_litert import schema_py_generated as schema

    type_names = {value: key for key, value in vars(schema.TensorType).items()
                  if not key.startswith("_")}
    try:
        if not schema.Model.ModelBufferHasIdentifier(model_bytes, 0):
            raise ValueError("missing the TFL3 file identifier")
        model = schema.Model.GetRootAsModel(model_bytes, 0)
        if model.SubgraphsLength() < 1:
            raise ValueError("the model has no subgraph")
        subgraph = model.Subgraphs(0)
        specs = []
        for i in range(subgraph.InputsLength()):
            tensor = subgraph.Tensors(subgraph.Inputs(i))
            type_name = type_names.get(tensor.Type(), str(tensor.Type()))
            if type_name not in _TENSOR_TYPES:
                raise ValueError(f"input {i} has unsupported type {type_name}")
            specs.append(InputSpec(
                name=(tensor.Name() or b"").decode(errors="replace"),
                dtype=np.dtype(_TENSOR_TYPES[type_name]),
                shape=tuple(int(d) for d in tensor.ShapeAsNumpy())
                if tensor.ShapeLength() else ()))
        return specs
    except (ValueError, IndexError, TypeError) as error:
        raise ValueError(f"not a valid .tflite model: {error}") from error


def random_inputs(model_bytes: bytes, seed: int) -> list[np.ndarray]:
    """One random array per model input, of the input's dtype and shape.

    Integer inputs cover their type's full range (all of -128..127 for
    int8); floating-point inputs are standard normal; booleans are 0/1.
    """
    rng = np.random.default_rng(seed)
    arrays = []
    for spec in model_inputs(model_bytes):
        if np.issubdtype(spec.dtype, np.floating):
            array = rng.standard_normal(spec.shape).astype(spec.dtype)
        elif spec.dtype == np.bool_:
            array = rng.integers(0, 2, spec.shape).astype(np.bool_)
        else:
            info = np.iinfo(spec.dtype)
            array = rng.integers(info.min, info.max, spec.shape,
                                 dtype=spec.dtype, endpoint=True)
        arrays.append(array)
    return arrays


def _check_inputs(specs: list[InputSpec],
                  inputs: Sequence[np.ndarray]) -> list[np.ndarray]:
    if isinstance(inputs, np.ndarray):
        raise TypeError("inputs must be a list of arrays, one per model "
                        "input (wrap a single array in a list)")
    if len(inputs) != len(specs):
        raise ValueError(f"the model has {len(specs)} input(s), "
                         f"got {len(inputs)} array(s)")
    arrays = []
    for i, (spec, value) in enumerate(zip(specs, inputs, strict=True)):
        array = np.asarray(value)
        if array.dtype != spec.dtype or array.shape != spec.shape:
            raise ValueError(
                f"input {i} ({spec.name!r}) expects {spec.dtype} "
                f"{list(spec.shape)}, got {array.dtype} {list(array.shape)}")
        # ascontiguousarray would turn a scalar (0-d) input into shape (1,).
        arrays.append(np.ascontiguousarray(array).reshape(array.shape))
    return arrays


def run_reference(model_bytes: bytes, inputs: Sequence[np.ndarray], *,
                  preserve_all_tensors: bool = False,
                  timeout: float = DEFAULT_TIMEOUT_SECONDS) -> ReferenceResult:
    """Runs the model once on ``inputs`` with TFLite's reference kernels.

    Args:
      model_bytes: a .tflite flatbuffer.
      inputs: one array per model input, of exactly its dtype and shape.
      preserve_all_tensors: also return every tensor by index.
      timeout: seconds allowed for each child process.

    Returns:
      A ``ReferenceResult`` (a list of the output arrays with ``resolver``,
      ``fell_back``, ``fallback_reason`` and ``tensors``).

    Raises:
      ValueError / TypeError: the model or the inputs are malformed.
      OracleError: neither resolver could run the model.
    """
    return run_reference_many(model_bytes, [inputs],
                              preserve_all_tensors=preserve_all_tensors,
                              timeout=timeout)[0]


def run_reference_many(model_bytes: bytes,
                       input_sets: Sequence[Sequence[np.ndarray]], *,
                       preserve_all_tensors: bool = False,
                       timeout: float = DEFAULT_TIMEOUT_SECONDS
                       ) -> list[ReferenceResult]:
    """Like ``run_reference`` for several input sets, in one child process.

    All sets run on one interpreter, one Invoke each, in order; if the
    reference resolver fails on any of them, all of them are run again with
    the fallback resolver.
    """
    model_bytes = bytes(model_bytes)
    specs = model_inputs(model_bytes)
    checked = [_check_inputs(specs, inputs) for inputs in input_sets]
    if not checked:
        return []
    failure = None
    for resolver in (REFERENCE_RESOLVER, FALLBACK_RESOLVER):
        results, error = _run_in_child(model_bytes, checked, resolver,
                                       preserve_all_tensors, timeout)
        if results is not None:
            if failure:
                _log.warning("oracle fell back to %s: %s", resolver, failure)
            return [ReferenceResult(outputs, resolver, failure, tensors)
                    for outputs, tensors in results]
        failure = f"{resolver}: {error}" if failure is None else (
            f"{failure}; then {resolver}: {error}")
    raise OracleError(f"the oracle could not run the model: {failure}")


def run_optimized_many(model_bytes: bytes,
                       input_sets: Sequence[Sequence[np.ndarray]], *,
                       timeout: float = DEFAULT_TIMEOUT_SECONDS
                       ) -> list[ReferenceResult]:
    """Like ``run_reference_many`` with TFLite's optimized builtin kernels
    (``FALLBACK_RESOLVER``) only: the oracle for the few op x dtype pairs
    whose reference kernel is wrong (each test that uses it says why)."""
    model_bytes = bytes(model_bytes)
    specs = model_inputs(model_bytes)
    checked = [_check_inputs(specs, inputs) for inputs in input_sets]
    results, error = _run_in_child(model_bytes, checked, FALLBACK_RESOLVER,
                                   False, timeout)
    if results is None:
        raise OracleError(f"the oracle could not run the model: "
                          f"{FALLBACK_RESOLVER}: {error}")
    return [ReferenceResult(outputs, FALLBACK_RESOLVER, None, tensors)
            for outputs, tensors in results]


def _run_in_child(model_bytes: bytes, input_sets: list[list[np.ndarray]],
                  resolver: str, preserve_all_tensors: bool, timeout: float
                  ) -> tuple[list | None, str | None]:
    """Returns ([(outputs, tensors)] per input set, None) or (None, why)."""
    with tempfile.TemporaryDirectory(prefix="tfmicro_oracle_") as tmp:
        request = Path(tmp) / "request.npz"
        response = Path(tmp) / "response.npz"
        arrays = {"model": np.frombuffer(model_bytes, dtype=np.uint8)}
        for s, inputs in enumerate(input_sets):
            for i, array in enumerate(inputs):
                arrays[f"in_{s}_{i}"] = array
        np.savez(request, **arrays)
        command = [sys.executable, "-c", _CHILD_CODE,
                   str(Path(__file__).resolve()), str(request), str(response),
                   resolver, str(len(input_sets)),
                   "1" if preserve_all_tensors else "0"]
        env = dict(os.environ, TF_CPP_MIN_LOG_LEVEL="3")
        try:
            child = subprocess.run(command, env=env, cwd=tmp,
                                   stdin=subprocess.DEVNULL,
                                   stdout=subprocess.DEVNULL,
                                   stderr=subprocess.PIPE, timeout=timeout)
        except subprocess.TimeoutExpired:
            return None, f"timed out after {timeout:g} s"
        stderr = child.stderr.decode(errors="replace").strip()
        if child.returncode != _STATUS_OK or not response.exists():
            return None, _describe_failure(child.returncode, stderr)
        with np.load(response, allow_pickle=False) as data:
            return _unpack_response(data, len(input_sets)), None


def _describe_failure(returncode: int, stderr: str) -> str:
    if returncode < 0:
        try:
            how = f"died with {signal.Signals(-returncode).name}"
        except ValueError:
            how = f"died with signal {-returncode}"
    elif returncode == _STATUS_TFLITE_ERROR:
        how = "TFLite failed"
    else:
        how = f"exited with status {returncode}"
    if len(stderr) > _STDERR_TAIL_CHARS:
        stderr = "..." + stderr[-_STDERR_TAIL_CHARS:]
    return f"{how}: {stderr}" if stderr else how


def _unpack_response(data, num_sets: int) -> list:
    results = []
    for s in range(num_sets):
        outputs = []
        while f"out_{s}_{len(outputs)}" in data:
            outputs.append(data[f"out_{s}_{len(outputs)}"])
        prefix = f"tensor_{s}_"
        tensors = None
        if f"preserved_{s}" in data:
            tensors = {int(key[len(prefix):]): data[key]
                       for key in data.files if key.startswith(prefix)}
        results.append((outputs, tensors))
    return results


def _worker(argv: list[str]) -> int:
    """Child process: runs the request with one resolver, writes outputs."""
    request, response, resolver, num_sets, preserve = argv
    from ai_edge_litert.interpreter import Interpreter, OpResolverType

    preserve_all_tensors = preserve == "1"
    with np.load(request, allow_pickle=False) as data:
        model = data["model"].tobytes()
        input_sets = [[data[f"in_{s}_{i}"] for i in range(
            sum(1 for k in data.files if k.startswith(f"in_{s}_")))]
            for s in range(int(num_sets))]
    try:
        interpreter = Interpreter(
            model_content=model,
            experimental_op_resolver_type=OpResolverType[resolver],
            experimental_preserve_all_tensors=preserve_all_tensors)
        interpreter.allocate_tensors()
        input_details = interpreter.get_input_details()
        output_details = interpreter.get_output_details()
        arrays = {}
        for s, inputs in enumerate(input_sets):
            for detail, array in zip(input_details, inputs, strict=True):
                interpreter.set_tensor(detail["index"], array)
            interpreter.invoke()
            for o, detail in enumerate(output_details):
                arrays[f"out_{s}_{o}"] = interpreter.get_tensor(
                    detail["index"])
            if preserve_all_tensors:
                arrays[f"preserved_{s}"] = np.zeros(0)
                for detail in interpreter.get_tensor_details():
                    try:
                        value = interpreter.get_tensor(detail["index"])
                    except ValueError:  # No data (e.g. an optional tensor).
                        continue
                    arrays[f"tensor_{s}_{detail['index']}"] = np.array(value)
    except (RuntimeError, ValueError) as error:
        print(f"{type(error).__name__}: {error}", file=sys.stderr)
        return _STATUS_TFLITE_ERROR
    np.savez(response, **arrays)
    return _STATUS_OK

