"""Shared helpers for the kernel conformance tests.

A conformance test builds a small model with TensorFlow, runs it through
tfmicro and through the oracle (TFLite's reference kernels, see
``tfmicro.oracle``) on random inputs, and asserts that both agree:

* int8 / int16 / integer outputs: bit-exact.
* float32 outputs: ``|ours - ref| <= FLOAT_RTOL * |ref| + atol`` elementwise,
  with ``atol = FLOAT_ATOL_SCALE * max(1, max|ref|)`` per output tensor. The
  absolute term only matters for elements near zero, where a different but
  equally valid summation order makes the relative error meaningless.

Usage from ``python/tests/conformance/test_<op>.py``::

    import conformance_util as cu

    model = cu.convert(lambda x: tf.nn.relu(x), [(1, 8, 8, 3)], quantize="int8")
    cu.assert_matches_oracle(model)

Coverage: when the environment variable ``TFMICRO_COVERAGE_LOG`` names a
file (under ``bazel test``: by default, a file among the test's undeclared
outputs), every model checked against the oracle (here and in
``single_op_edit``) appends one JSON line per operator it is about:
``{"op": "ADD", "dtype": "int8", "passed": true, "test": ...}``.
``tools/coverage/op_coverage.py`` writes docs/OPERATORS.md from the lines.

Cases for targets: every comparison also saves the model, the inputs and
the oracle's outputs (see ``record_case``) when ``TFMICRO_CONFORMANCE_CASES``
names a directory, or, under ``bazel test``, among the test's undeclared
outputs; ``tools/conformance/on_target.py`` runs them on an emulated
Cortex-M.
"""

from __future__ import annotations

import os
import warnings

os.environ.setdefault("TF_CPP_MIN_LOG_LEVEL", "3")
os.environ.setdefault("TF_ENABLE_ONEDNN_OPTS", "0")

import contextlib  # noqa: E402
import json  # noqa: E402
from pathlib import Path  # noqa: E402
from collections.abc import Callable, Iterator, Sequence  # noqa: E402
from typing import Any  # noqa: E402

import numpy as np  # noqa: E402

from tfmicro.inputs import random_array, random_inputs  # noqa: E402

FLOAT_RTOL = 1e-5
FLOAT_ATOL_SCALE = 1e-6

# Float inputs (representative dataset and test inputs) are drawn uniformly
# from this range unless a test asks for another.
DEFAULT_INPUT_RANGE = (-3.0, 3.0)
NUM_REPRESENTATIVE_SAMPLES = 8

QUANTIZE_MODES = ("float32", "int8", "int16")

Shape = Sequence[int]

COVERAGE_LOG_ENV = "TFMICRO_COVERAGE_LOG"
CASES_ENV = "TFMICRO_CONFORMANCE_CASES"
# Operators the converter wraps around a quantized model; a model is about
# them only when it has no other operator.
WRAPPER_OPS = ("QUANTIZE", "DEQUANTIZE")
# TensorType values of the coverage dtype classes (other types by name).
_DTYPE_CLASSES = {0: "float32", 9: "int8", 7: "int16", 2: "int32", 6: "bool",
                  4: "int64", 1: "float16", 3: "uint8"}
# The input that decides an operator's dtype class when it is not input 0
# (a condition, an axis or a shape comes first).
_MAIN_INPUT = {"SELECT": 1, "SELECT_V2": 1, "FILL": 1, "IF": 1, "SPLIT": 1,
               "TRANSPOSE_CONV": 2, "EMBEDDING_LOOKUP": 1}
# Operators classed by their output (QUANTIZE's input is float).
_CLASSED_BY_OUTPUT = ("QUANTIZE",)


def _tensorflow():
    """Imports TensorFlow with its Python logging silenced."""
    import logging

    import tensorflow as tf

    tf.get_logger().setLevel(logging.ERROR)
    tf.autograph.set_verbosity(0)
    return tf


def _normalize_shapes(input_shapes: Shape | Sequence[Shape]) -> list[tuple]:
    """Accepts one shape ``(1, 4)`` or a list of shapes ``[(1, 4), (1, 4)]``."""
    shapes = list(input_shapes)
    if shapes and all(isinstance(d, (int, np.integer)) for d in shapes):
        return [tuple(int(d) for d in shapes)]
    return [tuple(int(d) for d in shape) for shape in shapes]


def convert(fn_or_keras_model: Any,
            input_shapes: Shape | Sequence[Shape],
            quantize: str = "int8",
            seed: int = 0,
            input_dtypes: Sequence[Any] | None = None,
            input_range: tuple[float, float] = DEFAULT_INPUT_RANGE,
            num_samples: int = NUM_REPRESENTATIVE_SAMPLES,
            resource_variables: bool = False) -> bytes:
    """Converts a tf.function/callable or a Keras model to a .tflite model.

    Args:
      fn_or_keras_model: a Keras model, a ``tf.function``, a plain Python
        callable taking one tensor per input shape, or a ``tf.Module``
        whose ``__call__`` is a ``tf.function`` (for models with variables,
        see ``resource_variables``).
      input_shapes: one shape or a list of shapes (with the batch dimension).
      quantize: "float32"; "int8" (full integer, int8 inputs and outputs,
        int8 weights); or "int16" (16-bit activations, 8-bit weights, int16
        inputs and outputs).
      seed: seeds the representative dataset.
      input_dtypes: per-input dtypes of the float model (default float32);
        integer inputs (e.g. indices) stay integer after quantization.
      input_range: floats are drawn uniformly from [low, high); integer
        inputs from the integers in [low, high).
      num_samples: size of the representative dataset.
      resource_variables: keep tf.Variable state as resource variables
        (VAR_HANDLE, READ_VARIABLE, ASSIGN_VARIABLE, initialized by
        CALL_ONCE) instead of freezing it into constants.

    Returns:
      The flatbuffer bytes.
    """
    if quantize not in QUANTIZE_MODES:
        raise ValueError(f"quantize must be one of {QUANTIZE_MODES}, "
                         f"got {quantize!r}")
    tf = _tensorflow()
    shapes = _normalize_shapes(input_shapes)
    dtypes = [np.dtype(d) for d in (input_dtypes or [np.float32] * len(shapes))]
    if len(dtypes) != len(shapes):
        raise ValueError(f"{len(shapes)} input shapes but {len(dtypes)} "
                         "input dtypes")

    input_names = None
    if isinstance(fn_or_keras_model, tf.keras.Model):
        converter = tf.lite.TFLiteConverter.from_keras_model(fn_or_keras_model)
    else:
        specs = [tf.TensorSpec(shape, tf.as_dtype(dtype))
                 for shape, dtype in zip(shapes, dtypes, strict=True)]
        fn = fn_or_keras_model
        if isinstance(fn, tf.Module):
            # Its variables are tracked through the module itself.
            holder = fn
            fn = fn.__call__
        else:
            # The module keeps variables captured by the function alive.
            holder = tf.Module()
            holder.fn = fn
        if not hasattr(fn, "get_concrete_function"):
            fn = tf.function(fn)
        concrete = fn.get_concrete_function(*specs)
        # The converter may order the model's inputs differently from the
        # arguments (it does around control flow): calibration samples go
        # by argument name then.
        input_names = [t.name.split(":")[0]
                       for t in concrete.inputs[:len(shapes)]]
        converter = tf.lite.TFLiteConverter.from_concrete_functions(
            [concrete], holder)

    if resource_variables:
        converter.experimental_enable_resource_variables = True
    if quantize != "float32":
        def representative_dataset():
            rng = np.random.default_rng(seed)
            for _ in range(num_samples):
                sample = [random_array(rng, shape, dtype, input_range)
                          for shape, dtype in zip(shapes, dtypes, strict=True)]
                if input_names is not None and len(sample) > 1:
                    yield dict(zip(input_names, sample, strict=True))
                else:
                    yield sample

        converter.optimizations = [tf.lite.Optimize.DEFAULT]
        converter.representative_dataset = representative_dataset
        if quantize == "int8":
            converter.target_spec.supported_ops = [
                tf.lite.OpsSet.TFLITE_BUILTINS_INT8]
            io_type = tf.int8
        else:
            converter.target_spec.supported_ops = [
                tf.lite.OpsSet
                .EXPERIMENTAL_TFLITE_BUILTINS_ACTIVATIONS_INT16_WEIGHTS_INT8]
            io_type = tf.int16
        converter.inference_input_type = io_type
        converter.inference_output_type = io_type
    with warnings.catch_warnings():
        # Emitted for every full-integer conversion; nothing to act on.
        warnings.filterwarnings(
            "ignore", message="Statistics for quantized inputs")
        # Calibrating by input name goes through tf.lite.Interpreter.
        warnings.filterwarnings(
            "ignore", message=".*tf.lite.Interpreter is deprecated")
        return bytes(converter.convert())


def float_tolerance(reference: np.ndarray) -> tuple[float, float]:
    """(rtol, atol) for a float32 output; see the module docstring."""
    peak = float(np.max(np.abs(reference))) if reference.size else 0.0
    if not np.isfinite(peak):
        peak = 0.0
    return FLOAT_RTOL, FLOAT_ATOL_SCALE * max(1.0, peak)


def assert_outputs_match(ours: np.ndarray, reference: np.ndarray,
                         what: str = "output") -> None:
    """Asserts one output matches the oracle (exact or float tolerance).

    The message names ``what``, the maximum absolute difference, the number
    of mismatching elements and the first mismatching index with both values.
    """
    ours = np.asarray(ours)
    reference = np.asarray(reference)
    assert ours.dtype == reference.dtype, (
        f"{what}: dtype {ours.dtype} differs from the oracle's "
        f"{reference.dtype}")
    assert ours.shape == reference.shape, (
        f"{what}: shape {ours.shape} differs from the oracle's "
        f"{reference.shape}")
    if np.issubdtype(reference.dtype, np.floating):
        rtol, atol = float_tolerance(reference)
        ours64 = ours.astype(np.float64)
        ref64 = reference.astype(np.float64)
        with np.errstate(invalid="ignore"):  # inf - inf
            diff = np.abs(ours64 - ref64)
            bad = ~(diff <= atol + rtol * np.abs(ref64))
        # Matching non-finite values (inf == inf, nan and nan) agree.
        same_nonfinite = (~np.isfinite(ref64)) & (
            (ours64 == ref64) | (np.isnan(ours64) & np.isnan(ref64)))
        bad &= ~same_nonfinite
        rule = (f"|ours - ref| <= {rtol:g} * |ref| + {atol:g}")
    else:
        diff = np.abs(ours.astype(np.int64) - reference.astype(np.int64))
        bad = diff != 0
        rule = "bit-exact"
    if not bad.any():
        return
    first = np.unravel_index(int(np.argmax(bad)), bad.shape)
    finite_diff = diff[np.isfinite(diff)] if diff.dtype.kind == "f" else diff
    max_diff = float(finite_diff.max()) if finite_diff.size else float("nan")
    raise AssertionError(
        f"{what} ({reference.dtype}, shape {reference.shape}) does not match "
        f"the oracle ({rule}): {int(bad.sum())} of {bad.size} elements "
        f"differ, max abs diff {max_diff:g}; first at index "
        f"{tuple(int(i) for i in first)}: ours {ours[first]!r}, "
        f"oracle {reference[first]!r}")


def _run_tfmicro(interpreter, inputs: Sequence[np.ndarray]) -> list[np.ndarray]:
    for i, array in enumerate(inputs):
        interpreter.set_input(array, i)
    interpreter.invoke()
    return [interpreter.get_output(i)
            for i in range(interpreter.outputs_size())]


def locate_mismatch(model_bytes: bytes, inputs: Sequence[np.ndarray]) -> str:
    """Names the first operator whose output differs from the oracle's.

    Runs tfmicro and the oracle with every tensor preserved and compares
    each operator's outputs in execution order (same rule as the final
    outputs). Returns a one-paragraph description for an assertion message.
    """
    import tfmicro
    from tfmicro import oracle

    try:
        interpreter = tfmicro.Interpreter.from_bytes(
            model_bytes, preserve_all_tensors=True)
        _run_tfmicro(interpreter, inputs)
    except tfmicro.TfmicroError as e:
        return f"tfmicro failed with every tensor preserved: {e}"
    reference = oracle.run_reference(model_bytes, list(inputs),
                                     preserve_all_tensors=True)
    tensors = reference.tensors or {}
    names = {d["index"]: d["name"] for d in interpreter.tensor_details()}
    for op in interpreter.operators():
        for t in op["outputs"]:
            if t < 0 or t not in tensors:
                continue
            try:
                assert_outputs_match(interpreter.get_tensor(t), tensors[t],
                                     what=f"tensor {t} {names.get(t)!r}")
            except AssertionError as e:
                return (f"first mismatching operator: #{op['index']} "
                        f"{op['op_name']} (input tensors {op['inputs']}, "
                        f"output tensors {op['outputs']}): {e}")
    return ("every operator's outputs match the oracle when all tensors are "
            "preserved; only the normal run differs (suspect memory "
            "planning or a kernel reading an output it already overwrote)")


def operator_dtypes(model_bytes: bytes,
                    ops: Sequence[str] | None = None) -> list[tuple[str, str]]:
    """(op name, dtype class) of the operators a model is about, in order.

    The dtype class is that of the operator's main input (see _MAIN_INPUT;
    QUANTIZE: its output); where that is no plain type (a resource, no
    input), the model's first input's. ``ops`` keeps only those operators
    (one the model lacks is classed like that too); without it
    QUANTIZE/DEQUANTIZE count only in a model of nothing else.
    """
    import model_edit as me

    model = me.unpack(bytes(model_bytes))
    names = {code: name for name, code in me.BUILTIN_CODES.items()}

    def dtype_class(subgraph, tensor_index):
        if tensor_index is None or tensor_index < 0:
            return None
        return _DTYPE_CLASSES.get(subgraph.tensors[tensor_index].type)

    main = model.subgraphs[0]
    model_input = (main.inputs[0] if main.inputs is not None
                   and len(main.inputs) else None)
    model_class = dtype_class(main, model_input) or "none"
    found = []
    for subgraph in model.subgraphs:
        for op in subgraph.operators or []:
            code = model.operatorCodes[op.opcodeIndex]
            builtin = me.builtin_code(code)
            name = names.get(builtin, f"BUILTIN_{builtin}")
            if name == "CUSTOM" and code.customCode:
                name = code.customCode.decode() if isinstance(
                    code.customCode, bytes) else str(code.customCode)
            tensors = op.outputs if name in _CLASSED_BY_OUTPUT else op.inputs
            position = _MAIN_INPUT.get(name, 0)
            tensor = (int(tensors[position]) if tensors is not None
                      and len(tensors) > position else None)
            found.append((name, dtype_class(subgraph, tensor) or model_class))
    if ops is not None:
        present = {name for name, _ in found}
        # An op the model lacks is classed by the model's first input.
        found = ([entry for entry in found if entry[0] in ops] +
                 [(op, model_class) for op in ops if op not in present])
    else:
        found = ([e for e in found if e[0] not in WRAPPER_OPS] or found)
    return list(dict.fromkeys(found))


def coverage_path() -> Path | None:
    """Where ``record_coverage`` appends: $TFMICRO_COVERAGE_LOG, or under a
    Bazel test's undeclared outputs (``tools/coverage/op_coverage.py
    --from-bazel`` reads those), or nowhere."""
    explicit = os.environ.get(COVERAGE_LOG_ENV)
    if explicit:
        return Path(explicit)
    outputs = os.environ.get("TEST_UNDECLARED_OUTPUTS_DIR")
    if outputs:
        return Path(outputs) / "coverage.jsonl"
    return None


def record_coverage(model_bytes: bytes, passed: bool,
                    ops: Sequence[str] | None = None) -> None:
    """Appends the model's (op, dtype, passed) lines to the coverage log
    (nothing unless TFMICRO_COVERAGE_LOG is set)."""
    path = coverage_path()
    if path is None:
        return
    try:
        entries = operator_dtypes(model_bytes, ops)
    except Exception as e:  # noqa: BLE001 - an unreadable model
        entries = [(f"UNREADABLE_MODEL ({type(e).__name__})", "none")]
    test = os.environ.get("PYTEST_CURRENT_TEST", "").rsplit(" ", 1)[0]
    with open(path, "a", encoding="utf-8") as log:
        for op, dtype in entries:
            log.write(json.dumps({"op": op, "dtype": dtype, "passed": passed,
                                  "test": test}) + "\n")


@contextlib.contextmanager
def recording_coverage(model_bytes: bytes,
                       ops: Sequence[str] | None = None) -> Iterator[None]:
    """Records the model as passed when the block completes, failed when it
    raises an Exception (a pytest skip is not recorded)."""
    try:
        yield
    except Exception:
        record_coverage(model_bytes, False, ops)
        raise
    record_coverage(model_bytes, True, ops)


def assert_matches_oracle(
        model_bytes: bytes,
        num_inputs: int = 3,
        seed: int = 0,
        inputs: Sequence[Sequence[np.ndarray]]
        | Callable[[np.random.Generator], Sequence[np.ndarray]] | None = None,
        input_range: tuple[float, float] = DEFAULT_INPUT_RANGE) -> None:
    """Runs a model through tfmicro and the oracle and asserts they agree.

    On a mismatch the message also names the first operator whose output
    differs (see ``locate_mismatch``).

    Args:
      model_bytes: a .tflite flatbuffer.
      num_inputs: how many random input sets to try (one Invoke each, on one
        interpreter).
      seed: seeds the random inputs.
      inputs: instead of random inputs, a list of input sets (each a list of
        arrays, one per model input), or a function ``rng -> input set``
        called ``num_inputs`` times.
      input_range: the range of random float inputs (see
        ``tfmicro.inputs.random_inputs``).
    """
    model_bytes = bytes(model_bytes)
    with recording_coverage(model_bytes):
        _assert_matches_oracle(model_bytes, num_inputs, seed, inputs,
                               input_range)


def _assert_matches_oracle(model_bytes, num_inputs, seed, inputs,
                           input_range) -> None:
    from tfmicro import oracle

    check_against(model_bytes, oracle.run_reference_many, num_inputs, seed,
                  inputs, input_range, locate=True)


def check_against(
        model_bytes: bytes,
        run_oracle: Callable[[bytes, list], Sequence[Any]],
        num_inputs: int = 3,
        seed: int = 0,
        inputs: Sequence[Sequence[np.ndarray]]
        | Callable[[np.random.Generator], Sequence[np.ndarray]] | None = None,
        input_range: tuple[float, float] = DEFAULT_INPUT_RANGE,
        required_resolver: str | None = None,
        locate: bool = False) -> None:
    """The comparison behind every ``assert_matches_*``: runs the input sets
    (see ``assert_matches_oracle``) through one tfmicro interpreter and
    through ``run_oracle`` (an ``oracle.run_*_many``), records the case for
    on-target runs (``record_case``) and asserts every output agrees.

    ``required_resolver``: fail unless the oracle used that resolver (it
    falls back where TFLite's reference kernels crash). ``locate``: on a
    mismatch, also name the first operator that differs.
    """
    import tfmicro

    interpreter = tfmicro.Interpreter.from_bytes(model_bytes)
    details = [interpreter.get_input_details(i)
               for i in range(interpreter.inputs_size())]
    rng = np.random.default_rng(seed)
    if inputs is None:
        input_sets = [random_inputs(details, rng, input_range)
                      for _ in range(num_inputs)]
    elif callable(inputs):
        input_sets = [list(inputs(rng)) for _ in range(num_inputs)]
    else:
        input_sets = [list(s) for s in inputs]
    for set_index, input_set in enumerate(input_sets):
        assert len(input_set) == len(details), (
            f"input set {set_index} has {len(input_set)} arrays, the model "
            f"has {len(details)} inputs")

    references = run_oracle(model_bytes, input_sets)
    if required_resolver is not None:
        for reference in references:
            assert reference.resolver == required_resolver, (
                f"the oracle fell back to {reference.resolver}: "
                f"{reference.fallback_reason}")
    record_case(model_bytes, input_sets, references)
    for set_index, (input_set, reference) in enumerate(
            zip(input_sets, references, strict=True)):
        ours = _run_tfmicro(interpreter, input_set)
        assert len(ours) == len(reference), (
            f"tfmicro produced {len(ours)} outputs, the oracle "
            f"{len(reference)}")
        problems = []
        for i, (mine, theirs) in enumerate(zip(ours, reference, strict=True)):
            try:
                assert_outputs_match(
                    mine, theirs,
                    what=f"output {i} for input set {set_index}")
            except AssertionError as e:
                problems.append(str(e))
        if problems:
            oracle_note = f"oracle resolver: {reference.resolver}"
            if reference.fallback_reason:
                oracle_note += f" (fell back: {reference.fallback_reason})"
            if locate:
                problems.append(locate_mismatch(model_bytes, input_set))
            raise AssertionError("\n".join(problems + [oracle_note]))


def cases_directory() -> Path | None:
    """Where ``record_case`` writes: $TFMICRO_CONFORMANCE_CASES, or under a
    Bazel test's undeclared outputs (kept with cached results in
    bazel-testlogs/.../test.outputs/outputs.zip), or nowhere."""
    explicit = os.environ.get(CASES_ENV)
    if explicit:
        return Path(explicit)
    outputs = os.environ.get("TEST_UNDECLARED_OUTPUTS_DIR")
    if outputs:
        return Path(outputs) / "conformance_cases"
    return None


def record_case(model_bytes: bytes, input_sets: Sequence[Sequence[Any]],
                references: Sequence[Sequence[np.ndarray]]) -> None:
    """Saves the model, its inputs and the oracle's outputs (with the float
    tolerance of ``assert_outputs_match``) for
    tools/conformance/on_target.py, which checks the same on a target."""
    directory = cases_directory()
    if directory is None:
        return
    from tfmicro import target_cases

    expected = [[np.asarray(a) for a in reference] for reference in references]
    tolerances = [[float_tolerance(a) if np.issubdtype(a.dtype, np.floating)
                   else (0.0, 0.0) for a in outputs] for outputs in expected]
    try:
        case = target_cases.encode_case(model_bytes, input_sets, expected,
                                        tolerances)
        ops = operator_dtypes(model_bytes)
    except ValueError:
        return  # a dtype the runner does not encode (e.g. a string)
    test = os.environ.get("PYTEST_CURRENT_TEST", "").rsplit(" ", 1)[0]
    target_cases.write_case(directory, case, {
        "test": test, "ops": ops,
        "resolver": getattr(references[0], "resolver", None)
        if references else None})
