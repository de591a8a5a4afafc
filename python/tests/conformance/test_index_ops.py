"""Conformance of the kernels that pick, index or build tensors against
TFLite's reference kernels: ARG_MAX, ARG_MIN, GATHER, GATHER_ND,
EMBEDDING_LOOKUP, CUMSUM, FILL, BROADCAST_ARGS, DYNAMIC_UPDATE_SLICE.

Integer and bool outputs are bit-exact; CUMSUM's float sums within the
float tolerance. Index inputs fed at run time are drawn inside their
valid range (an index out of range is an error in both runtimes).
"""

from __future__ import annotations

import numpy as np
import pytest

import model_edit as me
import movement_cases as mc
import single_op_edit as edit

ARG = {
    "last_axis": (lambda tf, f: lambda x: f(x, axis=-1,
                                            output_type=tf.int32),
                  [(2, 3, 5)], None),
    "first_axis_int64": (lambda tf, f: lambda x: f(x, axis=0),
                         [(4, 3)], ["int8"]),
}


@pytest.mark.parametrize("fn, shapes, dtype",
                         mc.cases(ARG, ["float32", "int8", "int32", "bool"]))
@pytest.mark.parametrize("op", ["ARG_MAX", "ARG_MIN"])
def test_arg_min_max(op, fn, shapes, dtype):
    tf = mc.tf()
    reduce = tf.math.argmax if op == "ARG_MAX" else tf.math.argmin
    # A narrow integer range makes ties, which both pick the first of.
    mc.run(op, fn(tf, reduce), shapes, dtype, input_range=(-3, 3))


GATHER = {
    "axis1": (lambda tf: lambda x: tf.gather(x, [4, 0, 2, 2], axis=1),
              [(3, 5, 2)], None),
    "matrix_indices": (lambda tf: lambda x: tf.gather(x, [[1, 0], [2, 2]]),
                       [(3, 4)], ["float32"]),
    "batch_dims": (lambda tf: lambda x: tf.gather(
        x, [[1, 0, 1], [2, 2, 0]], axis=-1, batch_dims=1), [(2, 3)],
        ["int8"]),
}


@pytest.mark.parametrize("fn, shapes, dtype",
                         mc.cases(GATHER, mc.ALL_DTYPES))
def test_gather(fn, shapes, dtype):
    mc.run("GATHER", fn(mc.tf()), shapes, dtype)


@pytest.mark.parametrize("index_dtype", [np.int32, np.int64])
def test_gather_runtime_indices(index_dtype):
    tf = mc.tf()
    model = mc.convert(lambda a, b: tf.gather(a, b, axis=0),
                       [(5, 3), (2, 4)], "float32", [None, index_dtype])
    edit.check(model, ("GATHER",), inputs=mc.named_inputs(
        model, {"b": lambda rng: rng.integers(0, 5, (2, 4))}))


GATHER_ND = {
    "rows": (lambda tf: lambda x: tf.gather_nd(x, [[0, 1], [2, 0]]),
             [(3, 4, 2)], None),
    "elements": (lambda tf: lambda x: tf.gather_nd(
        x, [[[0, 1, 1]], [[2, 3, 0]]]), [(3, 4, 2)], ["float32"]),
}


@pytest.mark.parametrize("fn, shapes, dtype",
                         mc.cases(GATHER_ND, mc.NUMERIC_DTYPES))
def test_gather_nd(fn, shapes, dtype):
    mc.run("GATHER_ND", fn(mc.tf()), shapes, dtype)


def _gather_as_embedding_lookup(model: bytes) -> bytes:
    """The converter writes lookups as GATHER (params, indices): the same
    model as EMBEDDING_LOOKUP (ids, value)."""
    unpacked, op = mc.as_operator(model, "GATHER", "EMBEDDING_LOOKUP")
    op.inputs = [op.inputs[1], op.inputs[0]]
    return me.pack(unpacked)


@pytest.mark.parametrize("shape, ids, dtype", [
    ((5, 3), [4, 0, 2, 2, 1, 3], "float32"),
    ((5, 3), [4, 0, 2, 2, 1, 3], "int8"),
    ((4, 2, 3), [3, 3, 0], "float32"),
    ((4, 2, 3), [3, 3, 0], "int32"),
])
def test_embedding_lookup(shape, ids, dtype):
    tf = mc.tf()
    model = mc.convert(lambda x: tf.gather(x, ids), [shape], dtype)
    edit.check(_gather_as_embedding_lookup(model), ("EMBEDDING_LOOKUP",))


def _hybrid_lookup(model: bytes, scales: list[float]) -> bytes:
    """The EMBEDDING_LOOKUP of a float table with the table replaced by
    random int8 values of `scales` (one, or one per row): TFLite's hybrid
    lookup, int8 table and float output."""
    from ai_edge_litert import schema_py_generated as schema

    unpacked = me.unpack(_gather_as_embedding_lookup(model))
    graph = unpacked.subgraphs[0]
    (op,) = graph.operators
    value = graph.tensors[op.inputs[1]]
    value.type = schema.TensorType.INT8
    quant = schema.QuantizationParametersT()
    quant.scale = list(scales)
    quant.zeroPoint = [0] * len(scales)
    quant.quantizedDimension = 0
    value.quantization = quant
    table = np.random.default_rng(0).integers(-128, 128, value.shape)
    unpacked.buffers[value.buffer].data = (
        table.astype(np.int8).reshape(-1).view(np.uint8))
    return me.pack(unpacked)


@pytest.mark.parametrize("scales", [[0.37], [0.5, 0.1, 3.3, 0.013, 1.7]])
def test_embedding_lookup_hybrid(scales):
    tf = mc.tf()
    table = tf.constant(np.zeros((5, 3), np.float32))
    model = mc.convert(lambda ids: tf.gather(table, ids), [(4,)], "int32")
    edit.check(_hybrid_lookup(model, scales), ("EMBEDDING_LOOKUP",),
               inputs=lambda rng: [rng.integers(0, 5, (4,)).astype(np.int32)])


CUMSUM = {
    "inclusive": (lambda tf: lambda x: tf.math.cumsum(x, axis=1),
                  [(2, 4, 3)], None),
    "exclusive_reverse": (lambda tf: lambda x: tf.math.cumsum(
        x, axis=-1, exclusive=True, reverse=True), [(3, 5)], None),
}


@pytest.mark.parametrize("fn, shapes, dtype",
                         mc.cases(CUMSUM, ["float32", "int32", "int64"]))
def test_cumsum(fn, shapes, dtype):
    mc.run("CUMSUM", fn(mc.tf()), shapes, dtype)


@pytest.mark.parametrize("dims, dtype", [
    ([2, 3], dtype) for dtype in mc.ALL_DTYPES] + [([1, 4, 2], "float32")])
def test_fill(dims, dtype):
    tf = mc.tf()
    model = mc.convert(lambda x: tf.fill(dims, x), [()], dtype)
    edit.check(model, ("FILL",))


@pytest.mark.parametrize("s0, s1", [([2, 1, 4], [3, 1]), ([5], [1, 1, 5])])
@pytest.mark.parametrize("index_dtype", [np.int32, np.int64])
def test_broadcast_args(s0, s1, index_dtype):
    tf = mc.tf()
    model = mc.convert(lambda a, b: tf.raw_ops.BroadcastArgs(s0=a, s1=b),
                       [(len(s0),), (len(s1),)], "float32",
                       [index_dtype, index_dtype])
    edit.check(model, ("BROADCAST_ARGS",), inputs=mc.named_inputs(
        model, {"a": lambda rng: s0, "b": lambda rng: s1}))


def _dynamic_update_slice(tf):
    from tensorflow.compiler.tf2xla.python import xla

    return lambda a, b, c: xla.dynamic_update_slice(a, b, c)


_MATRIX_UPDATE = ((4, 5), (slice(1, 3), slice(0, 3)), [2, 1])
_CLAMPED_UPDATE = ((2, 3, 4), (slice(0, 1), slice(None), slice(2, 4)),
                   [1, 0, 5])


@pytest.mark.parametrize("shape, window, start, dtype", [
    (*_MATRIX_UPDATE, dtype)
    for dtype in ["float32", "int8_data", "int32", "bool", "int64"]
] + [(*_CLAMPED_UPDATE, "float32")])
def test_dynamic_update_slice(shape, window, start, dtype):
    """The update is a slice of the operand; start [1, 0, 5] is clamped to
    [1, 0, 2]. int8 is unquantized data: the quantizing converters leave
    DYNAMIC_UPDATE_SLICE in float."""
    tf = mc.tf()
    update = _dynamic_update_slice(tf)
    model = mc.convert(lambda x: update(x, x[window], tf.constant(start)),
                       [shape], dtype)
    edit.check(model, ("DYNAMIC_UPDATE_SLICE",))


@pytest.mark.parametrize("dtype", ["float32", "int16_data"])
def test_dynamic_update_slice_runtime_start(dtype):
    tf = mc.tf()
    model = mc.convert(_dynamic_update_slice(tf), [(4, 5), (2, 3), (2,)],
                       dtype, [None, None, np.int32])
    # Start indices from -1 to past the end: both runtimes clamp them.
    edit.check(model, ("DYNAMIC_UPDATE_SLICE",), inputs=mc.named_inputs(
        model, {"c": lambda rng: rng.integers(-1, 6, (2,))}))
