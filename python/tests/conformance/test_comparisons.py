"""Conformance of the comparison and logical kernels against TFLite's
reference kernels: EQUAL, NOT_EQUAL, GREATER, GREATER_EQUAL, LESS,
LESS_EQUAL (float32, int8, int16, int32, int64, bool for the equalities)
and LOGICAL_AND, LOGICAL_OR (bool). Outputs are BOOL: bit-exact.
"""

from __future__ import annotations

import numpy as np
import pytest

import conformance_util as cu
import single_op_edit as edit

tf = cu._tensorflow()

COMPARISONS = [
    ("EQUAL", tf.math.equal),
    ("NOT_EQUAL", tf.math.not_equal),
    ("GREATER", tf.math.greater),
    ("GREATER_EQUAL", tf.math.greater_equal),
    ("LESS", tf.math.less),
    ("LESS_EQUAL", tf.math.less_equal),
]
SHAPES = [
    ("same_shape", [(2, 3, 4), (2, 3, 4)]),
    ("broadcast", [(2, 1, 4), (3, 1)]),
]


def _grid_inputs(model, dtype, values):
    """Inputs drawn from a few values, so that equal pairs occur."""
    subgraph = edit.me.unpack(model).subgraphs[0]
    shapes = [tuple(subgraph.tensors[i].shape) for i in subgraph.inputs]

    def make(rng):
        return [rng.choice(np.asarray(values, dtype=dtype), size=shape)
                for shape in shapes]
    return make


@pytest.mark.parametrize("case, shapes", SHAPES)
@pytest.mark.parametrize("op_name, fn", COMPARISONS,
                         ids=[c[0] for c in COMPARISONS])
def test_float32(op_name, fn, case, shapes):
    model = cu.convert(fn, shapes, quantize="float32")
    edit.check(model, (op_name,),
               inputs=_grid_inputs(model, np.float32,
                                   [-1.5, -0.25, 0.0, 0.25, 1.0, 2.0]))


@pytest.mark.parametrize("case, shapes", SHAPES)
@pytest.mark.parametrize("op_name, fn", COMPARISONS,
                         ids=[c[0] for c in COMPARISONS])
def test_int8(op_name, fn, case, shapes):
    # The converter keeps NOT_EQUAL in float; its int8 model is EQUAL's
    # with the operator changed.
    model = cu.convert(tf.math.equal if op_name == "NOT_EQUAL" else fn,
                       shapes, quantize="int8")
    if op_name == "NOT_EQUAL":
        model = edit.me.replace_operator_code(
            model, 0, builtin=edit.me.BUILTIN_CODES["NOT_EQUAL"],
            drop_options=True)
    assert edit.op_names(model) == [op_name], edit.op_names(model)
    edit.check(model, (op_name,))


@pytest.mark.parametrize("op_name, fn", [COMPARISONS[0], COMPARISONS[4]],
                         ids=["EQUAL", "LESS"])
def test_int8_edited_quantization(op_name, fn):
    """Very different input scales and zero points."""
    model = cu.convert(fn, [(4, 16), (4, 16)], quantize="int8")
    model = edit.with_quantization(model, op_name, "input", 0.5, -20, index=0)
    model = edit.with_quantization(model, op_name, "input", 0.002, 100,
                                   index=1)
    edit.check(model, (op_name,))


# int32 and int64 for every comparison; int16 (raw values) for two.
INTEGER_CASES = ([(name, fn, dtype) for name, fn in COMPARISONS
                  for dtype in (np.int32, np.int64)] +
                 [(name, fn, np.int16) for name, fn in COMPARISONS
                  if name in ("EQUAL", "LESS")])


@pytest.mark.parametrize("op_name, fn, dtype", INTEGER_CASES,
                         ids=[f"{c[0]}-{np.dtype(c[2]).name}"
                              for c in INTEGER_CASES])
def test_integer(op_name, fn, dtype):
    shapes = [(2, 3, 4), (3, 1)]
    model = cu.convert(fn, shapes, quantize="float32",
                       input_dtypes=[dtype, dtype])
    edit.check(model, (op_name,), input_range=(-4, 4))


@pytest.mark.parametrize("op_name, fn", COMPARISONS[:2],
                         ids=["EQUAL", "NOT_EQUAL"])
def test_bool(op_name, fn):
    model = cu.convert(fn, [(2, 5), (5,)], quantize="float32",
                       input_dtypes=[np.bool_, np.bool_])
    edit.check(model, (op_name,))


@pytest.mark.parametrize("case, shapes", SHAPES)
@pytest.mark.parametrize("op_name, fn", [
    ("LOGICAL_AND", tf.math.logical_and),
    ("LOGICAL_OR", tf.math.logical_or),
], ids=["LOGICAL_AND", "LOGICAL_OR"])
def test_logical(op_name, fn, case, shapes):
    model = cu.convert(fn, shapes, quantize="float32",
                       input_dtypes=[np.bool_, np.bool_])
    edit.check(model, (op_name,))
