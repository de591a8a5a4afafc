"""Conformance of the two-input arithmetic kernels against TFLite's
reference kernels: SUB, DIV, MAXIMUM, MINIMUM, SQUARED_DIFFERENCE,
FLOOR_DIV, FLOOR_MOD. float32 within conformance_util's tolerance, integer
types bit-exact. (ADD and MUL are in test_elementwise.py.)
"""

from __future__ import annotations

import numpy as np
import pytest

import conformance_util as cu
import single_op_edit as edit

tf = cu._tensorflow()

SHAPES = [
    ("same_shape", [(1, 4, 4, 3), (1, 4, 4, 3)]),
    ("channel_broadcast", [(1, 4, 4, 3), (3,)]),
    ("both_broadcast", [(2, 1, 5), (1, 3, 1)]),
]

OPS = {
    "SUB": tf.math.subtract,
    "DIV": tf.math.divide,
    "MAXIMUM": tf.math.maximum,
    "MINIMUM": tf.math.minimum,
    "SQUARED_DIFFERENCE": tf.math.squared_difference,
    "FLOOR_DIV": tf.math.floordiv,
    "FLOOR_MOD": tf.math.floormod,
}


def _input_shapes(model: bytes) -> list[tuple]:
    subgraph = edit.me.unpack(model).subgraphs[0]
    return [tuple(subgraph.tensors[i].shape) for i in subgraph.inputs]


def _model_input_of(model: bytes, op_name: str, index: int) -> int:
    """Which model input feeds input `index` of the op."""
    parsed = edit.me.unpack(model)
    subgraph = parsed.subgraphs[0]
    op = edit._only_operator(parsed, op_name)
    return list(subgraph.inputs).index(op.inputs[index])


def _nonzero_divisor_inputs(model: bytes, op_name: str, dtype, zero: int,
                            value_range=None):
    """Random inputs whose divisor (the op's input 1) never equals `zero`
    (0, or a quantized divisor's zero point)."""
    shapes = _input_shapes(model)
    divisor = _model_input_of(model, op_name, 1)
    info = np.iinfo(dtype)
    low, high = value_range or (info.min, info.max + 1)

    def make(rng):
        arrays = [rng.integers(low, high, size=s).astype(dtype)
                  for s in shapes]
        d = arrays[divisor]
        d[d == zero] = zero + 1
        return arrays
    return make


FLOAT_CASES = [(op, case, shapes) for op in OPS
               for case, shapes in SHAPES[:2]] + [
    ("SUB", *SHAPES[2]), ("MAXIMUM", *SHAPES[2])]


@pytest.mark.parametrize("op_name, case, shapes", FLOAT_CASES,
                         ids=[f"{c[0]}-{c[1]}" for c in FLOAT_CASES])
def test_float32(op_name, case, shapes):
    model = cu.convert(OPS[op_name], shapes, quantize="float32")
    edit.check(model, (op_name,))


INT8_OPS = ("SUB", "DIV", "MAXIMUM", "MINIMUM", "SQUARED_DIFFERENCE")
INT8_CASES = [(op, case, shapes) for op in INT8_OPS
              for case, shapes in SHAPES[:2]] + [("SUB", *SHAPES[2])]


@pytest.mark.parametrize("op_name, case, shapes", INT8_CASES,
                         ids=[f"{c[0]}-{c[1]}" for c in INT8_CASES])
def test_int8(op_name, case, shapes):
    model = cu.convert(OPS[op_name], shapes, quantize="int8")
    assert edit.op_names(model) == [op_name], edit.op_names(model)
    kwargs = {}
    if op_name == "DIV":
        _, zero_point = edit.tensor_quantization(model, "DIV", "input", 1)
        kwargs["inputs"] = _nonzero_divisor_inputs(model, "DIV", np.int8,
                                                   zero_point)
    edit.check(model, (op_name,), **kwargs)


@pytest.mark.parametrize("op_name, params", [
    ("SUB", [("input", 0, 0.5, -20), ("input", 1, 0.003, 7),
             ("output", 0, 0.07, 100)]),
    ("DIV", [("input", 0, 0.1, 3), ("input", 1, 0.02, -5),
             ("output", 0, 0.3, 10)]),
    ("SQUARED_DIFFERENCE", [("input", 0, 0.05, -30), ("input", 1, 0.2, 12),
                            ("output", 0, 0.5, -128)]),
], ids=["sub", "div", "squared_difference"])
def test_int8_edited_quantization(op_name, params):
    model = cu.convert(OPS[op_name], [(2, 3, 4), (3, 4)], quantize="int8")
    for role, index, scale, zero_point in params:
        model = edit.with_quantization(model, op_name, role, scale,
                                       zero_point, index=index)
    kwargs = {}
    if op_name == "DIV":
        kwargs["inputs"] = _nonzero_divisor_inputs(model, "DIV", np.int8, -5)
    edit.check(model, (op_name,), **kwargs)


@pytest.mark.parametrize("op_name", ["SUB", "MAXIMUM", "MINIMUM"])
@pytest.mark.parametrize("case, shapes", [SHAPES[0], SHAPES[2]])
def test_int16(op_name, case, shapes):
    model = cu.convert(OPS[op_name], shapes, quantize="int16")
    edit.check(model, (op_name,))


@pytest.mark.parametrize("quantize", ["float32", "int8"])
@pytest.mark.parametrize("op_name", ["SUB", "DIV"])
def test_fused_relu(op_name, quantize):
    fn = OPS[op_name]
    model = cu.convert(lambda a, b: tf.nn.relu(fn(a, b)),
                       [(1, 3, 4), (1, 3, 4)], quantize=quantize)
    assert "RELU" not in edit.op_names(model), edit.op_names(model)
    kwargs = {}
    if op_name == "DIV" and quantize == "int8":
        _, zero_point = edit.tensor_quantization(model, "DIV", "input", 1)
        kwargs["inputs"] = _nonzero_divisor_inputs(model, "DIV", np.int8,
                                                   zero_point)
    edit.check(model, (op_name,), **kwargs)


INTEGER_CASES = [
    ("SUB", np.int32), ("SUB", np.int64), ("DIV", np.int32), ("MAXIMUM", np.int32),
    ("MINIMUM", np.int32), ("MAXIMUM", np.int64), ("MINIMUM", np.int64),
    ("SQUARED_DIFFERENCE", np.int32), ("FLOOR_DIV", np.int32),
    ("FLOOR_DIV", np.int8), ("FLOOR_DIV", np.int16), ("FLOOR_MOD", np.int32),
    ("FLOOR_MOD", np.int64), ("FLOOR_MOD", np.int8), ("FLOOR_MOD", np.int16),
]


@pytest.mark.parametrize("op_name, dtype", INTEGER_CASES,
                         ids=[f"{c[0]}-{np.dtype(c[1]).name}"
                              for c in INTEGER_CASES])
def test_integer(op_name, dtype):
    # tf.math.divide of integers is a float division; Div truncates.
    fn = ((lambda a, b: tf.raw_ops.Div(x=a, y=b)) if op_name == "DIV"
          else OPS[op_name])
    model = cu.convert(fn, [(2, 3, 4), (3, 1)], quantize="float32",
                       input_dtypes=[dtype, dtype])
    edit.check(model, (op_name,),
               inputs=_nonzero_divisor_inputs(model, op_name, dtype, 0,
                                              (-100, 100)))
