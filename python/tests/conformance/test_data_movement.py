"""Conformance of the data-movement kernels against TFLite's reference
kernels: TRANSPOSE, REVERSE_V2, BROADCAST_TO, TILE, SLICE, DEPTH_TO_SPACE,
SPACE_TO_DEPTH, SPLIT, SPLIT_V, UNPACK, EXPAND_DIMS, SQUEEZE.

These kernels move elements without looking at them, so every type must
be bit-exact. Each case runs in float32 and the quantized types TFLite's
converter produces for the op, and once with int32 (or bool) data; each
asserts that the converted model really contains the operator it is about.
"""

from __future__ import annotations

import numpy as np
import pytest

import conformance_util as cu
import model_edit as me
import single_op_edit as edit

# TFLite's reference resolver registers fewer versions of these kernels
# than its builtin resolver (TILE v3 and DEPTH_TO_SPACE v2 are the int8 and
# int16 versions of the same kernel code): the oracle runs them as version 1.
_REF_RESOLVER_MAX_VERSION = {"TILE": 1, "DEPTH_TO_SPACE": 1}

# (quantize mode, float model input dtype) per data type under test.
_MODES = {
    "float32": ("float32", None),
    "int8": ("int8", None),
    "int16": ("int16", None),
    "int32": ("float32", np.int32),
    "bool": ("float32", np.bool_),
}


def _tf():
    return cu._tensorflow()


def _oracle_version(model: bytes, op: str) -> bytes:
    limit = _REF_RESOLVER_MAX_VERSION.get(op)
    if limit is None:
        return model
    unpacked = me.unpack(model)
    for code in unpacked.operatorCodes:
        if me.BUILTIN_CODES[op] == me.builtin_code(code):
            code.version = min(code.version, limit)
    return me.pack(unpacked)


def _run(op: str, fn, shapes, dtype: str, **kwargs) -> None:
    quantize, input_dtype = _MODES[dtype]
    dtypes = None if input_dtype is None else [input_dtype] * len(shapes)
    model = cu.convert(fn, shapes, quantize=quantize, input_dtypes=dtypes)
    edit.check(_oracle_version(model, op), (op,), **kwargs)


def _cases(cases, dtypes):
    """pytest params: each case with each of its dtypes; `cases` maps an id
    to (function of tf, input shapes, dtypes or None for all `dtypes`)."""
    params = []
    for case_id, (fn, shapes, only) in cases.items():
        for dtype in only or dtypes:
            params.append(pytest.param(fn, shapes, dtype,
                                       id=f"{dtype}-{case_id}"))
    return params


TRANSPOSE = {
    "nhwc_to_nchw": (lambda tf: lambda x: tf.transpose(x, [0, 3, 1, 2]),
                     [(1, 3, 4, 5)], None),
    "matrix": (lambda tf: lambda x: tf.transpose(x), [(5, 7)],
               ["float32", "int8"]),
    "rank6": (lambda tf: lambda x: tf.transpose(x, [5, 1, 3, 0, 2, 4]),
              [(2, 3, 1, 2, 3, 2)], ["float32", "int8"]),
}


@pytest.mark.parametrize("fn, shapes, dtype",
                         _cases(TRANSPOSE, ["float32", "int8", "int16",
                                            "int32", "bool"]))
def test_transpose(fn, shapes, dtype):
    _run("TRANSPOSE", fn(_tf()), shapes, dtype)


REVERSE = {
    "middle": (lambda tf: lambda x: tf.reverse(x, [1]), [(2, 3, 4)], None),
    "negative_two_axes": (lambda tf: lambda x: tf.reverse(x, [-1, -2]),
                          [(2, 3, 5)], ["float32", "int8"]),
}


@pytest.mark.parametrize("fn, shapes, dtype",
                         _cases(REVERSE, ["float32", "int8", "int16",
                                          "int32"]))
def test_reverse_v2(fn, shapes, dtype):
    _run("REVERSE_V2", fn(_tf()), shapes, dtype)


BROADCAST_TO = {
    "column": (lambda tf: lambda x: tf.broadcast_to(x, [2, 3, 4]), [(3, 1)],
               None),
    "scalar_like": (lambda tf: lambda x: tf.broadcast_to(x, [2, 1, 3, 2]),
                    [(1, 1, 1)], ["float32", "int8"]),
}


@pytest.mark.parametrize("fn, shapes, dtype",
                         _cases(BROADCAST_TO, ["float32", "int8", "int16",
                                               "int32"]))
def test_broadcast_to(fn, shapes, dtype):
    _run("BROADCAST_TO", fn(_tf()), shapes, dtype)


TILE = {
    "rank3": (lambda tf: lambda x: tf.tile(x, [2, 1, 3]), [(2, 3, 4)], None),
    "rank1": (lambda tf: lambda x: tf.tile(x, [4]), [(3,)],
              ["float32", "int8"]),
}


@pytest.mark.parametrize("fn, shapes, dtype",
                         _cases(TILE, ["float32", "int8", "int16", "int32",
                                       "bool"]))
def test_tile(fn, shapes, dtype):
    _run("TILE", fn(_tf()), shapes, dtype)


SLICE = {
    "to_end": (lambda tf: lambda x: tf.slice(x, [0, 1, 1], [2, -1, 2]),
               [(2, 3, 4)], None),
    "rank4": (lambda tf: lambda x: tf.slice(x, [1, 0, 2, 1], [1, 2, 3, 1]),
              [(2, 3, 5, 2)], ["float32", "int8"]),
}


@pytest.mark.parametrize("fn, shapes, dtype",
                         _cases(SLICE, ["float32", "int8", "int16", "int32",
                                        "bool"]))
def test_slice(fn, shapes, dtype):
    _run("SLICE", fn(_tf()), shapes, dtype)


DEPTH_SPACE = {
    "depth_to_space_2": (lambda tf: lambda x: tf.nn.depth_to_space(x, 2),
                         [(1, 2, 3, 8)], None),
    "depth_to_space_3": (lambda tf: lambda x: tf.nn.depth_to_space(x, 3),
                         [(2, 2, 1, 9)], ["float32", "int8"]),
    "space_to_depth_2": (lambda tf: lambda x: tf.nn.space_to_depth(x, 2),
                         [(1, 4, 6, 3)], None),
    "space_to_depth_3": (lambda tf: lambda x: tf.nn.space_to_depth(x, 3),
                         [(2, 3, 6, 1)], ["float32", "int8"]),
}


@pytest.mark.parametrize("fn, shapes, dtype",
                         _cases(DEPTH_SPACE, ["float32", "int8", "int32"]))
def test_depth_space(fn, shapes, dtype, request):
    op = ("DEPTH_TO_SPACE" if "depth_to_space" in request.node.name
          else "SPACE_TO_DEPTH")
    _run(op, fn(_tf()), shapes, dtype)


SPLIT = {
    "last_axis": (lambda tf: lambda x: tf.split(x, 3, axis=-1), [(2, 6)],
                  None),
    "first_axis": (lambda tf: lambda x: tf.split(x, 2, axis=0),
                   [(4, 3, 2)], ["float32", "int8"]),
}


@pytest.mark.parametrize("fn, shapes, dtype",
                         _cases(SPLIT, ["float32", "int8", "int16",
                                        "int32"]))
def test_split(fn, shapes, dtype):
    _run("SPLIT", fn(_tf()), shapes, dtype)


SPLIT_V = {
    "inferred": (lambda tf: lambda x: tf.split(x, [1, -1, 2], axis=1),
                 [(2, 6)], None),
    "negative_axis": (lambda tf: lambda x: tf.split(x, [3, 1], axis=-2),
                      [(2, 4, 3)], ["float32", "int8"]),
}


@pytest.mark.parametrize("fn, shapes, dtype",
                         _cases(SPLIT_V, ["float32", "int8", "int16",
                                          "int32"]))
def test_split_v(fn, shapes, dtype):
    _run("SPLIT_V", fn(_tf()), shapes, dtype)


UNPACK = {
    "middle": (lambda tf: lambda x: tf.unstack(x, axis=1), [(2, 3, 4)], None),
    "negative_axis": (lambda tf: lambda x: tf.unstack(x, axis=-1),
                      [(3, 2)], ["float32", "int8"]),
}


@pytest.mark.parametrize("fn, shapes, dtype",
                         _cases(UNPACK, ["float32", "int8", "int16",
                                         "int32"]))
def test_unpack(fn, shapes, dtype):
    _run("UNPACK", fn(_tf()), shapes, dtype)


@pytest.mark.parametrize("shape, axis", [((None, 3), -1), ((None, 2, 3), 1)])
@pytest.mark.parametrize("dtype", ["float32", "int32"])
def test_expand_dims(shape, axis, dtype):
    """The converter keeps EXPAND_DIMS only on a dynamic dimension (else it
    writes a RESHAPE)."""
    tf = _tf()
    tf_dtype = tf.float32 if dtype == "float32" else tf.int32
    fn = tf.function(lambda x: tf.expand_dims(x, axis))
    concrete = fn.get_concrete_function(tf.TensorSpec(shape, tf_dtype))
    converter = tf.lite.TFLiteConverter.from_concrete_functions([concrete],
                                                                fn)
    edit.check(bytes(converter.convert()), ("EXPAND_DIMS",))


def _reshape_as_squeeze(model: bytes, squeeze_dims: list[int]) -> bytes:
    """The converter writes tf.squeeze as RESHAPE: the same model with the
    RESHAPE turned into SQUEEZE (no shape input, squeeze_dims option)."""
    from ai_edge_litert import schema_py_generated as schema

    unpacked = me.unpack(model)
    (op,) = unpacked.subgraphs[0].operators
    code = unpacked.operatorCodes[op.opcodeIndex]
    assert me.builtin_code(code) == me.BUILTIN_CODES["RESHAPE"]
    code.builtinCode = me.BUILTIN_CODES["SQUEEZE"]
    code.deprecatedBuiltinCode = me.BUILTIN_CODES["SQUEEZE"]
    code.version = 1
    op.inputs = op.inputs[:1]
    options = schema.SqueezeOptionsT()
    options.squeezeDims = squeeze_dims
    op.builtinOptionsType = schema.BuiltinOptions.SqueezeOptions
    op.builtinOptions = options
    return me.pack(unpacked)


@pytest.mark.parametrize("shape, squeeze_dims", [
    ((2, 1, 3), [1]),
    ((1, 3, 1, 2), [-2, 0]),
    ((1, 4, 1), []),
])
@pytest.mark.parametrize("dtype", ["float32", "int8"])
def test_squeeze(shape, squeeze_dims, dtype):
    tf = _tf()
    quantize, _ = _MODES[dtype]
    model = cu.convert(lambda x: tf.squeeze(x, squeeze_dims), [shape],
                       quantize=quantize)
    edit.check(_reshape_as_squeeze(model, squeeze_dims), ("SQUEEZE",))
