"""Conformance of ADD_N, SELECT_V2, CAST against TFLite's reference
kernels: float32 within conformance_util's tolerance, other types
bit-exact.
"""

from __future__ import annotations

import numpy as np
import pytest

import conformance_util as cu
import single_op_edit as edit

tf = cu._tensorflow()


@pytest.mark.parametrize("dtype, count", [(np.float32, 2), (np.float32, 4),
                                          (np.int32, 3)],
                         ids=["float32-2", "float32-4", "int32-3"])
def test_add_n(dtype, count):
    model = cu.convert(lambda *xs: tf.math.add_n(list(xs)),
                       [(2, 3, 4)] * count, quantize="float32",
                       input_dtypes=[dtype] * count)
    edit.check(model, ("ADD_N",), input_range=(-1000, 1000))


# Inputs of one shape convert to SELECT, not SELECT_V2.
SELECT_SHAPES = [
    ("all_broadcast", [(3, 1), (2, 1, 4), (1, 4)]),
    ("condition_broadcast", [(4,), (2, 3, 4), (2, 3, 4)]),
]
SELECT_CASES = ([(np.float32, *shapes) for shapes in SELECT_SHAPES] +
                [(np.int32, *shapes) for shapes in SELECT_SHAPES] +
                [(dtype, *SELECT_SHAPES[0])
                 for dtype in (np.int64, np.bool_, np.int8, np.int16)])


@pytest.mark.parametrize("dtype, case, shapes", SELECT_CASES,
                         ids=[f"{np.dtype(c[0]).name}-{c[1]}"
                              for c in SELECT_CASES])
def test_select_v2(dtype, case, shapes):
    model = cu.convert(lambda c, x, y: tf.where(c, x, y), shapes,
                       quantize="float32",
                       input_dtypes=[np.bool_, dtype, dtype])
    edit.check(model, ("SELECT_V2",), input_range=(-100, 100))


def test_select_v2_int8():
    model = cu.convert(lambda c, x, y: tf.where(c > 0, x, y),
                       [(2, 1, 4), (2, 3, 4), (3, 4)], quantize="int8")
    edit.check(model, ("SELECT_V2",))


CASTS = [
    (np.float32, np.int32), (np.float32, np.int8), (np.float32, np.bool_),
    (np.int32, np.float32), (np.int32, np.int64), (np.int64, np.int32),
    (np.int16, np.int32), (np.int8, np.float32), (np.bool_, np.float32),
    (np.bool_, np.int32), (np.uint8, np.int32), (np.int32, np.bool_),
]


@pytest.mark.parametrize("source, target", CASTS,
                         ids=[f"{np.dtype(a).name}-{np.dtype(b).name}"
                              for a, b in CASTS])
def test_cast(source, target):
    model = cu.convert(lambda x: tf.cast(x, target), [(3, 2, 5)],
                       quantize="float32", input_dtypes=[source])
    edit.check(model, ("CAST",), input_range=(-120, 120))
