"""Conformance of the one-input elementwise kernels against TFLite's
reference kernels: ABS, CEIL, COS, EXP, FLOOR, LOG, LOGICAL_NOT, NEG, ROUND,
RSQRT, SIN, SQRT, SQUARE, ZEROS_LIKE.

float32 within conformance_util's tolerance, integer types bit-exact. CEIL
and ROUND are missing from TFLite's reference resolver, so their oracle is
its builtin kernels (conformance_util.assert_matches_oracle allows that).
"""

from __future__ import annotations

import numpy as np
import pytest

import conformance_util as cu
import single_op_edit as edit

tf = cu._tensorflow()

# (op, function, float input range)
FLOAT_OPS = [
    ("ABS", tf.math.abs, (-3.0, 3.0)),
    ("CEIL", tf.math.ceil, (-3.0, 3.0)),
    ("COS", tf.math.cos, (-6.0, 6.0)),
    ("EXP", tf.math.exp, (-4.0, 4.0)),
    ("FLOOR", tf.math.floor, (-3.0, 3.0)),
    ("LOG", tf.math.log, (0.01, 10.0)),
    ("NEG", tf.math.negative, (-3.0, 3.0)),
    ("ROUND", tf.math.round, (-3.0, 3.0)),
    ("RSQRT", tf.math.rsqrt, (0.01, 10.0)),
    ("SIN", tf.math.sin, (-6.0, 6.0)),
    ("SQRT", tf.math.sqrt, (0.0, 10.0)),
    ("SQUARE", tf.math.square, (-3.0, 3.0)),
]
# Missing from TFLite's reference resolver (ABS: its int32 version).
NOT_IN_REFERENCE_RESOLVER = ("CEIL", "ROUND")

SHAPES = [(2, 3, 4), (1, 5, 5, 3)]

_BY_NAME = {name: (fn, value_range) for name, fn, value_range in FLOAT_OPS}


def _check(model: bytes, op_name: str, reference_resolver: bool = True,
           **kwargs) -> None:
    if op_name in NOT_IN_REFERENCE_RESOLVER or not reference_resolver:
        assert op_name in edit.op_names(model)
        with cu.recording_coverage(model, ops=(op_name,)):
            cu._assert_matches_oracle(model, kwargs.get("num_inputs", 3),
                                      0, kwargs.get("inputs"),
                                      kwargs.get("input_range",
                                                 cu.DEFAULT_INPUT_RANGE))
    else:
        edit.check(model, (op_name,), **kwargs)


@pytest.mark.parametrize("shape", SHAPES, ids=str)
@pytest.mark.parametrize("op_name, fn, value_range", FLOAT_OPS,
                         ids=[op[0] for op in FLOAT_OPS])
def test_float32(op_name, fn, value_range, shape):
    model = cu.convert(fn, [shape], quantize="float32")
    _check(model, op_name, input_range=value_range)


@pytest.mark.parametrize("op_name", ["CEIL", "FLOOR", "ROUND"])
def test_float32_halves(op_name):
    """Exact halves and integers: ROUND ties to even."""
    model = cu.convert(_BY_NAME[op_name][0], [(4, 8)], quantize="float32")
    values = (np.arange(32, dtype=np.float32) - 16) * 0.5
    _check(model, op_name, inputs=[[values.reshape(4, 8)]])


def _nonnegative_inputs(model: bytes, op_name: str, dtype):
    """Quantized inputs at or above the zero point (real values >= 0)."""
    _, zero_point = edit.tensor_quantization(model, op_name, "input")
    info = np.iinfo(dtype)

    subgraph = edit.me.unpack(model).subgraphs[0]
    shape = tuple(subgraph.tensors[subgraph.inputs[0]].shape)

    def make(rng):
        return [rng.integers(zero_point, info.max + 1, size=shape)
                .astype(dtype)]
    return make


# The ops with quantized kernels in TFLite, per quantization, and the input
# range their representative dataset calibrates.
QUANTIZED = {
    "int8": ["ABS", "EXP", "LOG", "RSQRT", "SQRT"],
    "int16": ["ABS", "EXP", "LOG", "RSQRT"],
}
QUANTIZED_CASES = [(q, op, shape) for q, ops in QUANTIZED.items()
                   for op in ops for shape in SHAPES]


@pytest.mark.parametrize("quantize, op_name, shape", QUANTIZED_CASES,
                         ids=[f"{q}-{op}-{len(s)}d"
                              for q, op, s in QUANTIZED_CASES])
def test_quantized(quantize, op_name, shape):
    fn, value_range = _BY_NAME[op_name]
    model = cu.convert(fn, [shape], quantize=quantize, input_range=value_range)
    names = edit.op_names(model)
    assert names == [op_name], f"expected a quantized {op_name}: {names}"
    kwargs = {}
    if op_name in ("RSQRT", "SQRT"):
        kwargs["inputs"] = _nonnegative_inputs(
            model, op_name, np.int8 if quantize == "int8" else np.int16)
    edit.check(model, (op_name,), **kwargs)


@pytest.mark.parametrize("op_name, in_params, out_params", [
    ("ABS", (0.05, -20), (0.05, -128)),
    ("ABS", (0.02, 5), (0.07, -100)),
    ("LOG", (0.03, -100), (0.04, 60)),
    ("EXP", (0.02, 10), (0.2, -128)),
    ("RSQRT", (0.01, -128), (0.3, -128)),
    ("SQRT", (0.05, -60), (0.01, -128)),
], ids=["abs_same_scale", "abs_rescale", "log", "exp", "rsqrt", "sqrt"])
def test_int8_edited_quantization(op_name, in_params, out_params):
    fn, value_range = _BY_NAME[op_name]
    model = cu.convert(fn, [(4, 64)], quantize="int8", input_range=value_range)
    model = edit.with_quantization(model, op_name, "input", *in_params)
    model = edit.with_quantization(model, op_name, "output", *out_params)
    kwargs = {}
    if op_name in ("RSQRT", "SQRT"):
        kwargs["inputs"] = _nonnegative_inputs(model, op_name, np.int8)
    edit.check(model, (op_name,), **kwargs)


@pytest.mark.parametrize("op_name, dtype", [
    ("ABS", np.int32), ("NEG", np.int32), ("NEG", np.int64)])
def test_integer(op_name, dtype):
    fn, _ = _BY_NAME[op_name]
    model = cu.convert(fn, [(3, 7)], quantize="float32", input_dtypes=[dtype])
    info = np.iinfo(dtype)
    values = np.array([info.min, info.max, 0, -1, 1, 12345, -12345],
                      dtype=dtype)
    # TFLite's reference resolver lacks ABS's int32 version.
    reference = op_name != "ABS"
    _check(model, op_name, reference, inputs=[[np.tile(values, (3, 1))]])
    _check(model, op_name, reference, input_range=(-100000, 100000))


def test_logical_not():
    model = cu.convert(tf.math.logical_not, [(2, 3, 5)], quantize="float32",
                       input_dtypes=[np.bool_])
    edit.check(model, ("LOGICAL_NOT",))


@pytest.mark.parametrize("dtype", [np.float32, np.int32, np.int64])
def test_zeros_like(dtype):
    # The converter folds ZEROS_LIKE of a fixed-shape input into a
    # constant, so the NEG of a converted model becomes a ZEROS_LIKE.
    model = cu.convert(tf.math.negative, [(2, 3, 4)], quantize="float32",
                       input_dtypes=[dtype])
    model = edit.me.replace_operator_code(
        model, 0, builtin=edit.me.BUILTIN_CODES["ZEROS_LIKE"],
        drop_options=True)
    edit.check(model, ("ZEROS_LIKE",), input_range=(-100, 100))
