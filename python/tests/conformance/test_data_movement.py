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

import model_edit as me
import movement_cases as mc
import single_op_edit as edit

# TFLite has no INT64 SPLIT or UNPACK (the converter asks for TF ops).
_NO_INT64 = ["float32", "int8", "int16", "int32"]

TRANSPOSE = {
    "nhwc_to_nchw": (lambda tf: lambda x: tf.transpose(x, [0, 3, 1, 2]),
                     [(1, 3, 4, 5)], None),
    "matrix": (lambda tf: lambda x: tf.transpose(x), [(5, 7)],
               ["float32"]),
    "rank6": (lambda tf: lambda x: tf.transpose(x, [5, 1, 3, 0, 2, 4]),
              [(2, 3, 1, 2, 3, 2)], ["float32"]),
}


@pytest.mark.parametrize("fn, shapes, dtype",
                         mc.cases(TRANSPOSE, mc.ALL_DTYPES))
def test_transpose(fn, shapes, dtype):
    mc.run("TRANSPOSE", fn(mc.tf()), shapes, dtype)


REVERSE = {
    "middle": (lambda tf: lambda x: tf.reverse(x, [1]), [(2, 3, 4)], None),
    "negative_two_axes": (lambda tf: lambda x: tf.reverse(x, [-1, -2]),
                          [(2, 3, 5)], ["float32"]),
}


@pytest.mark.parametrize("fn, shapes, dtype",
                         mc.cases(REVERSE, mc.ALL_DTYPES))
def test_reverse_v2(fn, shapes, dtype):
    mc.run("REVERSE_V2", fn(mc.tf()), shapes, dtype)


BROADCAST_TO = {
    "column": (lambda tf: lambda x: tf.broadcast_to(x, [2, 3, 4]), [(3, 1)],
               None),
    "scalar_like": (lambda tf: lambda x: tf.broadcast_to(x, [2, 1, 3, 2]),
                    [(1, 1, 1)], ["float32"]),
}


@pytest.mark.parametrize("fn, shapes, dtype",
                         mc.cases(BROADCAST_TO, mc.ALL_DTYPES))
def test_broadcast_to(fn, shapes, dtype):
    mc.run("BROADCAST_TO", fn(mc.tf()), shapes, dtype)


TILE = {
    "rank3": (lambda tf: lambda x: tf.tile(x, [2, 1, 3]), [(2, 3, 4)], None),
    "rank1": (lambda tf: lambda x: tf.tile(x, [4]), [(3,)],
              ["float32"]),
}


@pytest.mark.parametrize("fn, shapes, dtype",
                         mc.cases(TILE, mc.ALL_DTYPES))
def test_tile(fn, shapes, dtype):
    mc.run("TILE", fn(mc.tf()), shapes, dtype)


SLICE = {
    "to_end": (lambda tf: lambda x: tf.slice(x, [0, 1, 1], [2, -1, 2]),
               [(2, 3, 4)], None),
    "rank4": (lambda tf: lambda x: tf.slice(x, [1, 0, 2, 1], [1, 2, 3, 1]),
              [(2, 3, 5, 2)], ["float32"]),
}


@pytest.mark.parametrize("fn, shapes, dtype",
                         mc.cases(SLICE, mc.ALL_DTYPES))
def test_slice(fn, shapes, dtype):
    mc.run("SLICE", fn(mc.tf()), shapes, dtype)


DEPTH_SPACE = {
    "depth_to_space_2": (lambda tf: lambda x: tf.nn.depth_to_space(x, 2),
                         [(1, 2, 3, 8)], None),
    "depth_to_space_3": (lambda tf: lambda x: tf.nn.depth_to_space(x, 3),
                         [(2, 2, 1, 9)], ["float32"]),
    "space_to_depth_2": (lambda tf: lambda x: tf.nn.space_to_depth(x, 2),
                         [(1, 4, 6, 3)], None),
    "space_to_depth_3": (lambda tf: lambda x: tf.nn.space_to_depth(x, 3),
                         [(2, 3, 6, 1)], ["float32"]),
}


@pytest.mark.parametrize("fn, shapes, dtype",
                         mc.cases(DEPTH_SPACE,
                                  ["float32", "int8", "int32", "int64"]))
def test_depth_space(fn, shapes, dtype, request):
    op = ("DEPTH_TO_SPACE" if "depth_to_space" in request.node.name
          else "SPACE_TO_DEPTH")
    mc.run(op, fn(mc.tf()), shapes, dtype)


SPLIT = {
    "last_axis": (lambda tf: lambda x: tf.split(x, 3, axis=-1), [(2, 6)],
                  None),
    "first_axis": (lambda tf: lambda x: tf.split(x, 2, axis=0),
                   [(4, 3, 2)], ["float32"]),
}


@pytest.mark.parametrize("fn, shapes, dtype",
                         mc.cases(SPLIT, _NO_INT64))
def test_split(fn, shapes, dtype):
    mc.run("SPLIT", fn(mc.tf()), shapes, dtype)


SPLIT_V = {
    "inferred": (lambda tf: lambda x: tf.split(x, [1, -1, 2], axis=1),
                 [(2, 6)], None),
    "negative_axis": (lambda tf: lambda x: tf.split(x, [3, 1], axis=-2),
                      [(2, 4, 3)], ["float32"]),
}


@pytest.mark.parametrize("fn, shapes, dtype",
                         mc.cases(SPLIT_V, mc.NUMERIC_DTYPES))
def test_split_v(fn, shapes, dtype):
    mc.run("SPLIT_V", fn(mc.tf()), shapes, dtype)


UNPACK = {
    "middle": (lambda tf: lambda x: tf.unstack(x, axis=1), [(2, 3, 4)], None),
    "negative_axis": (lambda tf: lambda x: tf.unstack(x, axis=-1),
                      [(3, 2)], ["float32"]),
}


@pytest.mark.parametrize("fn, shapes, dtype",
                         mc.cases(UNPACK, _NO_INT64))
def test_unpack(fn, shapes, dtype):
    mc.run("UNPACK", fn(mc.tf()), shapes, dtype)


@pytest.mark.parametrize("shape, axis, dtype", [
    ((None, 3), -1, "float32"),
    ((None, 2, 3), 1, "float32"),
    ((None, 3), 0, "int32"),
    ((None, 3), -1, "int64"),
    ((None, 2), 1, "bool"),
    ((None, 3), 1, "int8_data"),
    ((None, 3), -1, "int16_data"),
])
def test_expand_dims(shape, axis, dtype):
    """The converter keeps EXPAND_DIMS only on a dynamic dimension (else it
    writes a RESHAPE)."""
    tf = mc.tf()
    tf_dtype = tf.as_dtype(mc.MODES[dtype][1] or np.float32)
    fn = tf.function(lambda x: tf.expand_dims(x, axis))
    concrete = fn.get_concrete_function(tf.TensorSpec(shape, tf_dtype))
    converter = tf.lite.TFLiteConverter.from_concrete_functions([concrete],
                                                                fn)
    edit.check(bytes(converter.convert()), ("EXPAND_DIMS",))


def _reshape_as_squeeze(model: bytes, squeeze_dims: list[int]) -> bytes:
    """The converter writes tf.squeeze as RESHAPE: the same model with the
    RESHAPE turned into SQUEEZE (no shape input, squeeze_dims option)."""
    from ai_edge_litert import schema_py_generated as schema

    unpacked, op = mc.as_operator(model, "RESHAPE", "SQUEEZE")
    op.inputs = op.inputs[:1]
    options = schema.SqueezeOptionsT()
    options.squeezeDims = squeeze_dims
    op.builtinOptionsType = schema.BuiltinOptions.SqueezeOptions
    op.builtinOptions = options
    return me.pack(unpacked)


SQUEEZE = {
    "listed": ((2, 1, 3), [1], None),
    "negative": ((1, 3, 1, 2), [-2, 0], ["float32"]),
    "all": ((1, 4, 1), [], ["float32"]),
}


@pytest.mark.parametrize("shape, squeeze_dims, dtype",
                         mc.cases(SQUEEZE, mc.ALL_DTYPES))
def test_squeeze(shape, squeeze_dims, dtype):
    tf = mc.tf()
    model = mc.convert(lambda x: tf.squeeze(x, squeeze_dims), [shape], dtype)
    edit.check(_reshape_as_squeeze(model, squeeze_dims), ("SQUEEZE",))
