"""Shared parts of the conformance tests of the kernels that move, pick or
index elements (test_data_movement.py, test_index_ops.py): one data type
per case id, TFLite's reference-resolver version limits, and inputs for
models whose inputs must hold valid indices or shapes.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import Any

import numpy as np
import pytest

import conformance_util as cu
import model_edit as me
import single_op_edit as edit

# (quantize mode, float model input dtype) per data type under test: the
# integer and bool types are float32 models with inputs of that type.
MODES = {
    "float32": ("float32", None),
    "int8": ("int8", None),
    "int16": ("int16", None),
    "int32": ("float32", np.int32),
    "int64": ("float32", np.int64),
    "bool": ("float32", np.bool_),
    # int8 / int16 data without quantization, for ops the quantizing
    # converter leaves in float (they move bytes alike either way).
    "int8_data": ("float32", np.int8),
    "int16_data": ("float32", np.int16),
}

# The data types of the ops that take any type, and of the numeric ones.
ALL_DTYPES = ["float32", "int8", "int16", "int32", "bool", "int64"]
NUMERIC_DTYPES = ["float32", "int8", "int16", "int32", "int64"]

# TFLite's reference resolver registers fewer versions of these kernels
# than its builtin resolver (TILE v3 and DEPTH_TO_SPACE v2 are the int8 and
# int16 versions, ARG_MAX/ARG_MIN v3 the bool one, of the same kernel
# code): the oracle runs them as the newest version it has.
_REF_RESOLVER_MAX_VERSION = {"TILE": 1, "DEPTH_TO_SPACE": 1, "ARG_MAX": 2,
                             "ARG_MIN": 2}


def tf():
    return cu._tensorflow()


def oracle_version(model: bytes, op: str) -> bytes:
    """The model with `op`'s version lowered where the reference resolver
    lacks the newer one."""
    limit = _REF_RESOLVER_MAX_VERSION.get(op)
    if limit is None:
        return model
    unpacked = me.unpack(model)
    for code in unpacked.operatorCodes:
        if me.BUILTIN_CODES[op] == me.builtin_code(code):
            code.version = min(code.version, limit)
    return me.pack(unpacked)


def as_operator(model: bytes, old: str, new: str) -> tuple[Any, Any]:
    """The unpacked one-operator model with its `old` operator turned into
    `new` (version 1, no options), and that operator, for the caller to
    adjust inputs and options before me.pack: for ops the converter writes
    as another (tf.squeeze as RESHAPE, lookups as GATHER)."""
    unpacked = me.unpack(model)
    (op,) = unpacked.subgraphs[0].operators
    code = unpacked.operatorCodes[op.opcodeIndex]
    assert me.builtin_code(code) == me.BUILTIN_CODES[old], (
        f"expected {old}, found {edit.op_names(model)}")
    code.builtinCode = me.BUILTIN_CODES[new]
    code.deprecatedBuiltinCode = min(me.BUILTIN_CODES[new],
                                     me.PLACEHOLDER_FOR_GREATER_OP_CODES)
    code.version = 1
    op.builtinOptionsType = 0
    op.builtinOptions = None
    return unpacked, op


def convert(fn, shapes, dtype: str, input_dtypes=None, **kwargs) -> bytes:
    """Converts `fn` for data type `dtype` (a MODES key); `input_dtypes`
    overrides the dtype of some inputs (None entries keep it)."""
    quantize, data_dtype = MODES[dtype]
    dtypes = [data_dtype or np.float32] * len(shapes)
    for i, d in enumerate(input_dtypes or []):
        if d is not None:
            dtypes[i] = d
    return cu.convert(fn, shapes, quantize=quantize, input_dtypes=dtypes,
                      **kwargs)


def run(op: str, fn, shapes, dtype: str, input_dtypes=None,
        **kwargs: Any) -> None:
    """Converts `fn` and checks the model holds `op` and matches TFLite's
    reference kernels."""
    model = convert(fn, shapes, dtype, input_dtypes)
    edit.check(oracle_version(model, op), (op,), **kwargs)


def cases(table: Mapping[str, tuple], dtypes) -> list:
    """pytest params (fn, shapes, dtype): each case of `table` (id ->
    (function of tf, input shapes, dtypes or None for all `dtypes`)) with
    each of its dtypes."""
    params = []
    for case_id, (fn, shapes, only) in table.items():
        for dtype in only or dtypes:
            params.append(pytest.param(fn, shapes, dtype,
                                       id=f"{dtype}-{case_id}"))
    return params


def named_inputs(model: bytes,
                 makers: Mapping[str, Callable[[np.random.Generator], Any]]
                 ) -> Callable[[np.random.Generator], list[np.ndarray]]:
    """An `inputs` function for edit.check: `makers` maps some of the
    converted function's argument names (index or shape inputs) to
    rng -> values; the other inputs are random as usual. The model's inputs
    are matched by name (the converter orders them its own way)."""
    import tfmicro

    interpreter = tfmicro.Interpreter.from_bytes(model)
    details = [interpreter.get_input_details(i)
               for i in range(interpreter.inputs_size())]

    def argument(name: str) -> str:
        return name.split(":")[0].rsplit("serving_default_", 1)[-1]

    def make(rng: np.random.Generator) -> list[np.ndarray]:
        arrays = []
        for detail in details:
            maker = makers.get(argument(detail["name"]))
            if maker is None:
                arrays.append(cu.random_inputs([detail], rng)[0])
            else:
                arrays.append(np.asarray(maker(rng)).astype(detail["dtype"]))
        return arrays

    return make
