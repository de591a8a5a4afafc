"""One-operator models for conformance tests: inspect and edit, then check.

The converter decides some parameters itself (quantization scales, softmax
beta); these helpers change them in a converted model so a test can reach
the cases it is about, and check the result against the oracle while
making sure the oracle really used TFLite's reference kernels (it falls
back to the optimized kernels when the reference ones abort).
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any

import numpy as np

import conformance_util as cu
import model_edit as me

_NAMES = {code: name for name, code in me.BUILTIN_CODES.items()}


def op_names(model_bytes: bytes) -> list[str]:
    """The builtin operator names of the model's first subgraph, in order."""
    model = me.unpack(model_bytes)
    return [_NAMES[me.builtin_code(model.operatorCodes[op.opcodeIndex])]
            for op in model.subgraphs[0].operators]


def all_op_names(model_bytes: bytes) -> list[list[str]]:
    """The builtin operator names of every subgraph, in order."""
    model = me.unpack(model_bytes)
    return [[_NAMES[me.builtin_code(model.operatorCodes[op.opcodeIndex])]
             for op in subgraph.operators] for subgraph in model.subgraphs]


def _only_operator(model: Any, op_name: str) -> Any:
    ops = [op for op in model.subgraphs[0].operators
           if _NAMES[me.builtin_code(model.operatorCodes[op.opcodeIndex])]
           == op_name]
    assert len(ops) == 1, f"expected one {op_name}, found {len(ops)}"
    return ops[0]


def options(model_bytes: bytes, op_name: str) -> dict[str, Any]:
    """The builtin options of the model's only ``op_name`` operator."""
    op = _only_operator(me.unpack(model_bytes), op_name)
    return dict(vars(op.builtinOptions)) if op.builtinOptions else {}


def tensor_quantization(model_bytes: bytes, op_name: str, role: str,
                        index: int = 0) -> tuple[float, int]:
    """(scale, zero point) of an input or output (``role``) of the op."""
    model = me.unpack(model_bytes)
    op = _only_operator(model, op_name)
    tensor_index = (op.inputs if role == "input" else op.outputs)[index]
    quant = model.subgraphs[0].tensors[tensor_index].quantization
    return float(quant.scale[0]), int(quant.zeroPoint[0])


def with_options(model_bytes: bytes, op_name: str, **fields: Any) -> bytes:
    """The model with fields of the op's builtin options changed."""
    model = me.unpack(model_bytes)
    op = _only_operator(model, op_name)
    for field, value in fields.items():
        assert hasattr(op.builtinOptions, field), field
        setattr(op.builtinOptions, field, value)
    return me.pack(model)


def with_quantization(model_bytes: bytes, op_name: str, role: str,
                      scale: float, zero_point: int, index: int = 0) -> bytes:
    """The model with an input or output (``role``) of the op requantized.

    Only the parameters change: the model then means something else, which
    both runtimes must compute alike.
    """
    model = me.unpack(model_bytes)
    op = _only_operator(model, op_name)
    tensor_index = (op.inputs if role == "input" else op.outputs)[index]
    quant = model.subgraphs[0].tensors[tensor_index].quantization
    quant.scale = [float(scale)]
    quant.zeroPoint = [int(zero_point)]
    return me.pack(model)


def check(model_bytes: bytes, expected_ops: Sequence[str],
          **kwargs: Any) -> None:
    """Asserts the model holds each of `expected_ops`, then
    ``assert_matches_reference(model_bytes, **kwargs)``. The coverage log
    (see conformance_util) records `expected_ops`."""
    with cu.recording_coverage(model_bytes, ops=tuple(expected_ops)):
        names = op_names(model_bytes)
        for op in expected_ops:
            assert op in names, f"the model has {names}, not {op}"
        _assert_matches_reference(model_bytes, **kwargs)


def assert_matches_reference(
        model_bytes: bytes,
        num_inputs: int = 3,
        seed: int = 0,
        inputs: Sequence[Sequence[np.ndarray]]
        | Callable[[np.random.Generator], Sequence[np.ndarray]] | None = None,
        input_range: tuple[float, float] = cu.DEFAULT_INPUT_RANGE) -> None:
    """Like ``conformance_util.assert_matches_oracle``, and also asserts the
    oracle ran TFLite's reference kernels (not its fallback)."""
    with cu.recording_coverage(model_bytes):
        _assert_matches_reference(model_bytes, num_inputs, seed, inputs,
                                  input_range)


def _assert_matches_reference(
        model_bytes: bytes,
        num_inputs: int = 3,
        seed: int = 0,
        inputs: Sequence[Sequence[np.ndarray]]
        | Callable[[np.random.Generator], Sequence[np.ndarray]] | None = None,
        input_range: tuple[float, float] = cu.DEFAULT_INPUT_RANGE) -> None:
    from tfmicro import oracle

    cu.check_against(model_bytes, oracle.run_reference_many, num_inputs, seed,
                     inputs, input_range,
                     required_resolver=oracle.REFERENCE_RESOLVER)


def assert_matches_optimized(
        model_bytes: bytes,
        num_inputs: int = 3,
        seed: int = 0,
        inputs: Callable[[np.random.Generator], Sequence[np.ndarray]]
        | None = None,
        input_range: tuple[float, float] = cu.DEFAULT_INPUT_RANGE) -> None:
    """Like ``assert_matches_reference`` against TFLite's optimized builtin
    kernels (``oracle.run_optimized_many``), for the op x dtype pairs whose
    reference kernel is missing or wrong; the caller says which and why.
    Recorded in the coverage log like the reference checks."""
    with cu.recording_coverage(model_bytes):
        _assert_matches_optimized(model_bytes, num_inputs, seed, inputs,
                                  input_range)


def _assert_matches_optimized(
        model_bytes: bytes, num_inputs: int, seed: int,
        inputs: Callable[[np.random.Generator], Sequence[np.ndarray]] | None,
        input_range: tuple[float, float]) -> None:
    from tfmicro import oracle

    cu.check_against(model_bytes, oracle.run_optimized_many, num_inputs, seed,
                     inputs, input_range)


def with_builtin_operator(model_bytes: bytes, op_name: str,
                          new_op_name: str, version: int = 1,
                          keep_options: bool = False) -> bytes:
    """The model with its only ``op_name`` operator turned into
    ``new_op_name`` of ``version`` (same tensors; the builtin options are
    dropped unless ``keep_options``, for ops sharing an options table)."""
    index = _only_operator(me.unpack(model_bytes), op_name).opcodeIndex
    model = me.unpack(me.replace_operator_code(
        model_bytes, index, builtin=me.BUILTIN_CODES[new_op_name],
        drop_options=not keep_options))
    model.operatorCodes[index].version = version
    return me.pack(model)
