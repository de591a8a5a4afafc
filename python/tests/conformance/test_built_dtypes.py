"""Operator x dtype pairs TFLite's reference kernels take but TensorFlow's
converter does not emit, so the models are built directly
(op_model_builder) and checked bit-exact against the reference kernels:

- DIV on INT16 (the converter: "16x8 not yet supported for DIV");
- PRELU on INT16 with an INT8 alpha (TFLite's kernel reads the alpha as
  INT8; the converter does not quantize PRELU to 16x8);
- NEG on INT8 and INT16 (TFLite negates the raw values; tfmicro requires
  the zero points 0 and equal scales under which that is the negation);
- PAD, PADV2, MIRROR_PAD, RESIZE_NEAREST_NEIGHBOR, SUM, REDUCE_MAX and
  REDUCE_MIN on BOOL;
- the six comparisons on INT16 with two different quantizations: TFLite
  rescales EQUAL and NOT_EQUAL like INT8 and compares the others raw;
- element moves TFLite takes for more types than the converter emits:
  SPACE_TO_BATCH_ND, BATCH_TO_SPACE_ND and GATHER_ND on BOOL,
  EMBEDDING_LOOKUP on INT16/INT32/INT64/BOOL, RESIZE_NEAREST_NEIGHBOR on
  INT32;
- RELU_N1_TO_1 (FLOAT32, INT8), REDUCE_ANY (BOOL), SELECT, POW (FLOAT32,
  INT32), GELU (FLOAT32, INT8, INT16) and REDUCE_PROD (FLOAT32, INT32,
  INT64), which TFLite has beyond issue 4's list.
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np
import pytest

import op_model_builder as mb
import single_op_edit as so
from ai_edge_litert import schema_py_generated as schema


def _int32(name: str, values) -> mb.Tensor:
    data = np.asarray(values, dtype=np.int32)
    return mb.Tensor(name, np.int32, data.shape, data=data)


def _full_range(shapes: Sequence[tuple[int, ...]], dtype,
                nonzero: Sequence[int] = ()):
    """Random inputs over the whole range of `dtype` (0/1 for bool); the
    inputs listed in `nonzero` never hold 0 (divisors)."""
    def inputs(rng: np.random.Generator) -> list[np.ndarray]:
        if dtype == np.bool_:
            return [rng.integers(0, 2, size=s).astype(np.bool_)
                    for s in shapes]
        info = np.iinfo(dtype)
        arrays = [rng.integers(info.min, info.max, size=s, endpoint=True,
                               dtype=dtype) for s in shapes]
        for i in nonzero:
            arrays[i][arrays[i] == 0] = 1
        return arrays
    return inputs


@pytest.mark.parametrize("shapes, scales", [
    (((2, 3, 4), (2, 3, 4)), (0.002, 0.002, 0.002)),
    (((1, 4, 4, 3), (3,)), (1e-4, 0.05, 3e-5)),
    (((2, 1, 5), (1, 3, 1)), (0.5, 1e-3, 2.0)),
])
def test_int16_div(shapes, scales) -> None:
    out_shape = tuple(np.broadcast_shapes(*shapes))
    a = mb.Tensor("a", np.int16, shapes[0], scale=scales[0])
    b = mb.Tensor("b", np.int16, shapes[1], scale=scales[1])
    y = mb.Tensor("y", np.int16, out_shape, scale=scales[2])
    model = mb.build("DIV", [a, b], [y])
    so.assert_matches_reference(
        model, inputs=_full_range(shapes, np.int16, nonzero=(1,)))


@pytest.mark.parametrize("alpha_shape, quantization", [
    # (input, alpha, output) (scale, zero point)
    ((4,), ((0.002, 0), (0.01, 0), (0.004, 0))),
    ((3, 1, 4), ((0.002, 5), (0.01, -7), (4e-4, -9))),
])
def test_int16_prelu_with_int8_alpha(alpha_shape, quantization) -> None:
    shape = (2, 3, 5, 4)
    (in_scale, in_zp), (a_scale, a_zp), (out_scale, out_zp) = quantization
    rng = np.random.default_rng(7)
    alpha = rng.integers(-128, 128, size=alpha_shape).astype(np.int8)
    x = mb.Tensor("x", np.int16, shape, scale=in_scale, zero_point=in_zp)
    a = mb.Tensor("alpha", np.int8, alpha_shape, data=alpha, scale=a_scale,
                  zero_point=a_zp)
    y = mb.Tensor("y", np.int16, shape, scale=out_scale, zero_point=out_zp)
    model = mb.build("PRELU", [x, a], [y])
    so.assert_matches_reference(model, inputs=_full_range([shape], np.int16))


@pytest.mark.parametrize("dtype, scale", [(np.int8, 0.05), (np.int16, 0.002)])
def test_quantized_neg(dtype, scale) -> None:
    shape = (3, 7)
    x = mb.Tensor("x", dtype, shape, scale=scale)
    y = mb.Tensor("y", dtype, shape, scale=scale)
    model = mb.build("NEG", [x], [y])

    def inputs(rng: np.random.Generator) -> list[np.ndarray]:
        array = _full_range([shape], dtype)(rng)[0]
        array.flat[0] = np.iinfo(dtype).min  # wraps, as in TFLite
        return [array]

    so.assert_matches_reference(model, inputs=inputs)


def test_quantized_neg_rejects_a_zero_point() -> None:
    import tfmicro

    x = mb.Tensor("x", np.int8, (4,), scale=0.05, zero_point=3)
    y = mb.Tensor("y", np.int8, (4,), scale=0.05, zero_point=3)
    with pytest.raises(tfmicro.errors.KernelError,
                       match="needs zero points 0 and equal scales"):
        tfmicro.Interpreter.from_bytes(mb.build("NEG", [x], [y]))


@pytest.mark.parametrize("op", ["PAD", "PADV2", "MIRROR_PAD"])
def test_bool_padding(op: str) -> None:
    shape, paddings = (2, 3, 4), [[1, 0], [0, 2], [1, 1]]
    out_shape = tuple(d + sum(p) for d, p in zip(shape, paddings))
    inputs = [mb.Tensor("x", np.bool_, shape), _int32("paddings", paddings)]
    options_type, options = 0, None
    if op == "PADV2":
        inputs.append(mb.Tensor("constant", np.bool_, (),
                                data=np.array(True)))
    if op == "MIRROR_PAD":
        options_type = schema.BuiltinOptions.MirrorPadOptions
        options = schema.MirrorPadOptionsT()
        options.mode = schema.MirrorPadMode.REFLECT
    model = mb.build(op, inputs, [mb.Tensor("y", np.bool_, out_shape)],
                     options_type, options)
    so.assert_matches_reference(model, inputs=_full_range([shape], np.bool_))


@pytest.mark.parametrize("dtype", [np.bool_, np.int32])
def test_resize_nearest_neighbor(dtype) -> None:
    options = schema.ResizeNearestNeighborOptionsT()
    options.halfPixelCenters = True
    model = mb.build(
        "RESIZE_NEAREST_NEIGHBOR",
        [mb.Tensor("x", dtype, (1, 3, 4, 2)), _int32("size", [5, 7])],
        [mb.Tensor("y", dtype, (1, 5, 7, 2))],
        schema.BuiltinOptions.ResizeNearestNeighborOptions, options)
    so.assert_matches_reference(
        model, inputs=_full_range([(1, 3, 4, 2)], dtype))


@pytest.mark.parametrize("op", ["SUM", "REDUCE_MAX", "REDUCE_MIN",
                                "REDUCE_ANY"])
@pytest.mark.parametrize("axes, keep_dims, out_shape", [
    ([1], False, (2, 4)),
    ([0, 2], True, (1, 3, 1)),
])
def test_bool_reduce(op: str, axes, keep_dims: bool, out_shape) -> None:
    shape = (2, 3, 4)
    options = schema.ReducerOptionsT()
    options.keepDims = keep_dims
    model = mb.build(
        op, [mb.Tensor("x", np.bool_, shape), _int32("axes", axes)],
        [mb.Tensor("y", np.bool_, out_shape)],
        schema.BuiltinOptions.ReducerOptions, options)

    def inputs(rng: np.random.Generator) -> list[np.ndarray]:
        # Sparse trues, so that some reductions are all false and some
        # (for REDUCE_MIN) all true.
        x = rng.random(shape) < 0.3
        x[1] = rng.random(shape[1:]) < 0.9
        return [x]

    so.assert_matches_reference(model, inputs=inputs)


@pytest.mark.parametrize("op", ["EQUAL", "NOT_EQUAL", "LESS", "LESS_EQUAL",
                                "GREATER", "GREATER_EQUAL"])
def test_int16_comparisons(op: str) -> None:
    a = mb.Tensor("a", np.int16, (4, 16), scale=0.002, zero_point=3)
    b = mb.Tensor("b", np.int16, (16,), scale=0.01, zero_point=-1)
    model = mb.build(op, [a, b], [mb.Tensor("y", np.bool_, (4, 16))])

    def inputs(rng: np.random.Generator) -> list[np.ndarray]:
        y = rng.integers(-600, 600, size=16).astype(np.int16)
        x = rng.integers(-3000, 3000, size=(4, 16)).astype(np.int16)
        # Row 0 holds the same real values as b, and their neighbours.
        x[0] = np.round((y + 1) * 5 + 3 + rng.integers(-1, 2, size=16))
        return [x, y]

    so.assert_matches_reference(model, inputs=inputs)


def test_bool_space_to_batch_and_back() -> None:
    crops = _int32("crops", [[0, 1], [1, 0]])
    to_batch = mb.build(
        "SPACE_TO_BATCH_ND",
        [mb.Tensor("x", np.bool_, (1, 3, 3, 2)), _int32("block", [2, 2]),
         _int32("paddings", [[0, 1], [1, 0]])],
        [mb.Tensor("y", np.bool_, (4, 2, 2, 2))])
    so.assert_matches_reference(
        to_batch, inputs=_full_range([(1, 3, 3, 2)], np.bool_))
    to_space = mb.build(
        "BATCH_TO_SPACE_ND",
        [mb.Tensor("x", np.bool_, (4, 2, 2, 2)), _int32("block", [2, 2]),
         crops],
        [mb.Tensor("y", np.bool_, (1, 3, 3, 2))])
    so.assert_matches_reference(
        to_space, inputs=_full_range([(4, 2, 2, 2)], np.bool_))


def test_bool_gather_nd() -> None:
    model = mb.build(
        "GATHER_ND",
        [mb.Tensor("x", np.bool_, (3, 4, 2)),
         _int32("indices", [[2, 1], [0, 3], [2, 1]])],
        [mb.Tensor("y", np.bool_, (3, 2))])
    so.assert_matches_reference(
        model, inputs=_full_range([(3, 4, 2)], np.bool_))


@pytest.mark.parametrize("dtype", [np.int16, np.int32, np.int64, np.bool_])
def test_embedding_lookup(dtype) -> None:
    rng = np.random.default_rng(3)
    table = _full_range([(5, 3)], dtype)(rng)[0]
    model = mb.build(
        "EMBEDDING_LOOKUP",
        [mb.Tensor("ids", np.int32, (4,)),
         mb.Tensor("table", dtype, (5, 3), data=table)],
        [mb.Tensor("y", dtype, (4, 3))])

    def inputs(rng: np.random.Generator) -> list[np.ndarray]:
        return [rng.integers(0, 5, size=4).astype(np.int32)]

    so.assert_matches_reference(model, inputs=inputs)


@pytest.mark.parametrize("dtype, quantization", [
    (np.float32, (None, None)),
    (np.int8, ((0.05, 3), (0.01, -5))),
])
def test_relu_n1_to_1(dtype, quantization) -> None:
    (in_q, out_q) = quantization
    shape = (2, 5, 7)

    def tensor(name, q):
        if q is None:
            return mb.Tensor(name, dtype, shape)
        return mb.Tensor(name, dtype, shape, scale=q[0], zero_point=q[1])

    model = mb.build("RELU_N1_TO_1", [tensor("x", in_q)], [tensor("y", out_q)])

    def inputs(rng: np.random.Generator) -> list[np.ndarray]:
        if dtype == np.float32:
            return [rng.uniform(-3, 3, size=shape).astype(np.float32)]
        return _full_range([shape], dtype)(rng)

    so.assert_matches_reference(model, inputs=inputs)


@pytest.mark.parametrize("condition_shape", [(3, 4), (), (3,)])
@pytest.mark.parametrize("dtype", [np.float32, np.int8, np.bool_])
def test_select(condition_shape, dtype) -> None:
    shape = (3, 4)
    q = {"scale": 0.1, "zero_point": 2} if dtype == np.int8 else {}
    model = mb.build(
        "SELECT",
        [mb.Tensor("condition", np.bool_, condition_shape),
         mb.Tensor("x", dtype, shape, **q), mb.Tensor("y", dtype, shape, **q)],
        [mb.Tensor("out", dtype, shape, **q)])

    def inputs(rng: np.random.Generator) -> list[np.ndarray]:
        condition = rng.integers(0, 2, size=condition_shape).astype(np.bool_)
        if dtype == np.float32:
            xy = [rng.standard_normal(shape).astype(np.float32)
                  for _ in range(2)]
        else:
            xy = _full_range([shape, shape], dtype)(rng)
        return [condition, *xy]

    so.assert_matches_reference(model, inputs=inputs)


@pytest.mark.parametrize("dtype", [np.float32, np.int32])
def test_pow(dtype) -> None:
    shapes = [(3, 8), (8,)]
    model = mb.build("POW", [mb.Tensor("a", dtype, shapes[0]),
                             mb.Tensor("b", dtype, shapes[1])],
                     [mb.Tensor("y", dtype, shapes[0])])

    def inputs(rng: np.random.Generator) -> list[np.ndarray]:
        if dtype == np.float32:
            return [rng.uniform(0.1, 4, size=shapes[0]).astype(np.float32),
                    rng.uniform(-3, 3, size=shapes[1]).astype(np.float32)]
        # Powers in and out of int32 (TFLite gives the int32 minimum).
        a = rng.integers(-40, 40, size=shapes[0]).astype(np.int32)
        return [a, rng.integers(0, 9, size=shapes[1]).astype(np.int32)]

    so.assert_matches_reference(model, inputs=inputs)


@pytest.mark.parametrize("approximate", [False, True])
@pytest.mark.parametrize("dtype, quantization", [
    (np.float32, None),
    (np.int8, ((0.05, 3), (0.03, -20))),
    (np.int16, ((3e-4, 0), (2e-4, 0))),
])
def test_gelu(dtype, quantization, approximate: bool) -> None:
    shape = (4, 64)
    if quantization is None:
        x = mb.Tensor("x", dtype, shape)
        y = mb.Tensor("y", dtype, shape)
    else:
        (in_scale, in_zp), (out_scale, out_zp) = quantization
        x = mb.Tensor("x", dtype, shape, scale=in_scale, zero_point=in_zp)
        y = mb.Tensor("y", dtype, shape, scale=out_scale, zero_point=out_zp)
    options = schema.GeluOptionsT()
    options.approximate = approximate
    model = mb.build("GELU", [x], [y], schema.BuiltinOptions.GeluOptions,
                     options)

    def inputs(rng: np.random.Generator) -> list[np.ndarray]:
        if dtype == np.float32:
            return [rng.uniform(-6, 6, size=shape).astype(np.float32)]
        return _full_range([shape], dtype)(rng)

    so.assert_matches_reference(model, inputs=inputs)


@pytest.mark.parametrize("dtype", [np.float32, np.int32, np.int64])
def test_reduce_prod(dtype) -> None:
    shape = (2, 3, 5)
    options = schema.ReducerOptionsT()
    options.keepDims = True
    model = mb.build(
        "REDUCE_PROD", [mb.Tensor("x", dtype, shape), _int32("axes", [0, 2])],
        [mb.Tensor("y", dtype, (1, 3, 1))],
        schema.BuiltinOptions.ReducerOptions, options)

    def inputs(rng: np.random.Generator) -> list[np.ndarray]:
        if dtype == np.float32:
            return [rng.uniform(-2, 2, size=shape).astype(np.float32)]
        # Products past the type's range wrap, as in TFLite.
        return [rng.integers(-3000, 3000, size=shape).astype(dtype)]

    so.assert_matches_reference(model, inputs=inputs)


@pytest.mark.parametrize("dtype, out_type", [
    (np.int8, np.int32), (np.int16, np.int32), (np.int32, np.int64),
    (np.bool_, np.int32), (np.int64, np.int64)])
def test_shape_of_other_types(dtype, out_type) -> None:
    """SHAPE reads only the dimensions; the converter emits it for float32
    inputs alone (test_shape_ops)."""
    quantized = dtype in (np.int8, np.int16)
    x = mb.Tensor("x", dtype, (2, 3, 5), scale=0.05 if quantized else None)
    options = schema.ShapeOptionsT()
    options.outType = (schema.TensorType.INT64 if out_type == np.int64
                       else schema.TensorType.INT32)
    model = mb.build("SHAPE", [x], [mb.Tensor("y", out_type, (3,))],
                     schema.BuiltinOptions.ShapeOptions, options)
    so.assert_matches_reference(model, inputs=_full_range([(2, 3, 5)], dtype))
