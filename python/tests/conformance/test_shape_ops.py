"""Conformance of the shape and data-movement kernels against TFLite's
reference kernels: RESHAPE, PAD, CONCATENATION, SHAPE, STRIDED_SLICE, PACK.

Outputs must be bit-exact for every type (these kernels only move or
requantize values). Each case asserts that the converted model really
contains the operator it is about.
"""

from __future__ import annotations

import numpy as np
import pytest

import conformance_util as cu
import model_edit as me
import single_op_edit as edit


def _convert(fn, shapes, quantize, dtype=None, **kwargs) -> bytes:
    dtypes = None if dtype is None else [dtype] * len(shapes)
    return cu.convert(fn, shapes, quantize=quantize, input_dtypes=dtypes,
                      **kwargs)


def _params(cases, names):
    """pytest params: every case in float32 and int8, the first also in
    int16 (16x8) and with int32 data (the data movement does not depend on
    the type; this keeps the file within its time budget)."""
    params = []
    for index, case in enumerate(cases):
        modes = [("float32", None), ("int8", None)]
        if index == 0:
            modes += [("int16", None), ("float32", np.int32)]
        for quantize, dtype in modes:
            mode = "int32" if dtype is not None else quantize
            case_id = "-".join(str(c) for c in case[:len(names)])
            params.append(pytest.param(quantize, dtype, *case,
                                       id=f"{mode}-{case_id}"))
    return params


@pytest.mark.parametrize("quantize, dtype, shape, new_shape", _params([
    ((1, 4, 6), (2, -1)),
    ((2, 3, 2, 2), (2, 12)),
    ((6,), (1, 2, 3, 1)),
], ["shape", "new_shape"]))
def test_reshape(quantize, dtype, shape, new_shape):
    tf = cu._tensorflow()
    model = _convert(lambda x: tf.reshape(x, new_shape), [shape], quantize,
                     dtype)
    edit.check(model, ("RESHAPE",))


@pytest.mark.parametrize("quantize, dtype, shape, paddings", _params([
    ((1, 4, 5, 2), [[0, 0], [1, 2], [2, 1], [0, 0]]),
    ((3, 4), [[1, 0], [0, 3]]),
    ((2, 3, 2, 2, 3), [[0, 1], [1, 1], [0, 2], [1, 0], [0, 0]]),
], ["shape"]))
def test_pad(quantize, dtype, shape, paddings):
    tf = cu._tensorflow()
    # A one-sided range puts the int8 zero point far from 0, so padding with
    # the zero point (not with 0) is checked.
    model = _convert(lambda x: tf.pad(x, paddings), [shape], quantize, dtype,
                     input_range=(0.5, 4.0))
    edit.check(model, ("PAD",), input_range=(0.5, 4.0))


@pytest.mark.parametrize("quantize, dtype, shapes, axis", _params([
    ([(1, 2, 3, 2), (1, 3, 3, 2)], 1),
    ([(2, 3), (2, 1), (2, 4)], -1),
    ([(4,), (2,)], 0),
    ([(2, 2, 1, 2, 3), (2, 2, 2, 2, 3)], 2),
], ["shapes", "axis"]))
def test_concatenation(quantize, dtype, shapes, axis):
    tf = cu._tensorflow()
    model = _convert(lambda *xs: tf.concat(list(xs), axis), shapes, quantize,
                     dtype)
    edit.check(model, ("CONCATENATION",))


def test_concatenation_int8_requantized_inputs():
    """One input feeding two concatenations of different ranges: the
    converter requantizes it (an int8 to int8 QUANTIZE) for one of them."""
    tf = cu._tensorflow()
    model = cu.convert(
        lambda a, b: (tf.concat([a, b * 5.0], -1), tf.concat([a, b * 0.1], -1)),
        [(1, 3, 2), (1, 3, 2)], quantize="int8")
    edit.check(model, ("CONCATENATION", "QUANTIZE"))


@pytest.mark.parametrize("out_type", ["int32", "int64"])
def test_shape(out_type):
    """SHAPE survives conversion only on a dynamic dimension."""
    tf = cu._tensorflow()
    dtype = getattr(tf, out_type)
    fn = tf.function(lambda x: tf.shape(x, out_type=dtype))
    concrete = fn.get_concrete_function(tf.TensorSpec((None, 3, 2),
                                                      tf.float32))
    converter = tf.lite.TFLiteConverter.from_concrete_functions([concrete],
                                                                fn)
    model = bytes(converter.convert())
    edit.check(model, ("SHAPE",))


# (id, input shape, slicing function of x).
SLICES = [
    ("strides", (2, 5, 6, 3), lambda x: x[:, 1:4, ::2, :]),
    ("negative_indices", (6, 5), lambda x: x[1:-1, -4:-1]),
    ("negative_strides", (5, 6), lambda x: x[::-1, 4:0:-2]),
    ("shrink", (3, 4, 5), lambda x: x[1, :, 2:4]),
    ("shrink_last", (3, 4, 5), lambda x: x[:, 1:3, -1]),
    ("ellipsis", (2, 3, 4, 5), lambda x: x[..., 1:3]),
    ("ellipsis_shrink", (2, 3, 4, 5), lambda x: x[1, ..., 2]),
    ("new_axis", (3, 4), lambda x: x[:, None, 1:3]),
    ("masks", (4, 6), lambda x: x[:3, 2:]),
    ("rank5", (2, 3, 4, 3, 2), lambda x: x[1:, ::2, 1:3, :, ::-1]),
]


@pytest.mark.parametrize("quantize, dtype, case, shape, fn",
                         _params(SLICES, ["case"]))
def test_strided_slice(quantize, dtype, case, shape, fn):
    model = _convert(fn, [shape], quantize, dtype)
    edit.check(model, ("STRIDED_SLICE",))


@pytest.mark.parametrize("quantize, dtype, count, shape, axis", _params([
    (2, (3, 4), 0),
    (3, (2, 3, 2), 1),
    (2, (4, 2), -1),
    (4, (5,), 0),
], ["count", "shape", "axis"]))
def test_pack(quantize, dtype, count, shape, axis):
    tf = cu._tensorflow()
    model = _convert(lambda *xs: tf.stack(list(xs), axis=axis),
                     [shape] * count, quantize, dtype)
    edit.check(model, ("PACK",))


def test_strided_slice_offset():
    """TFLite's offset option (end holds sizes), which the converter does not
    emit: x[1:4, 2:6:2] rewritten as begin [1, 2], sizes [3, 4]."""
    model = cu.convert(lambda x: x[1:4, 2:6:2], [(5, 7)], quantize="float32")
    unpacked = me.unpack(model)
    graph = unpacked.subgraphs[0]
    (op,) = graph.operators
    end = graph.tensors[op.inputs[2]]
    unpacked.buffers[end.buffer].data = np.array(
        [3, 4], dtype=np.int32).view(np.uint8)
    op.builtinOptions.offset = True
    model = me.pack(unpacked)
    edit.check(model, ("STRIDED_SLICE",))
