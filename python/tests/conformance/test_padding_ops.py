"""Conformance of PADV2, MIRROR_PAD, SPACE_TO_BATCH_ND and
BATCH_TO_SPACE_ND against TFLite's reference kernels, bit-exact for every
type. A one-sided input range puts the int8 zero point far from 0, so
SPACE_TO_BATCH_ND padding with the zero point (not with 0) is checked.
"""

from __future__ import annotations

import pytest

import movement_cases as mc

_POSITIVE = (0.5, 4.0)

PADV2 = {
    "rank2": (lambda tf: lambda x: tf.pad(x, [[1, 0], [0, 2]],
                                          constant_values=tf.cast(2, x.dtype)),
              [(2, 3)], None),
    "rank4": (lambda tf: lambda x: tf.pad(
        x, [[0, 0], [1, 1], [2, 0], [0, 1]],
        constant_values=tf.cast(-2, x.dtype)),
              [(1, 3, 2, 2)], ["int8"]),
}


# No int16: the 16x8 converter leaves constant_values FLOAT32, a model
# TFLite itself rejects.
@pytest.mark.parametrize("fn, shapes, dtype",
                         mc.cases(PADV2,
                                  ["float32", "int8", "int32", "int64"]))
def test_padv2(fn, shapes, dtype):
    mc.run("PADV2", fn(mc.tf()), shapes, dtype)


MIRROR_PAD = {
    "reflect": (lambda tf: lambda x: tf.pad(x, [[1, 1], [0, 2]],
                                            mode="REFLECT"),
                [(3, 4)], None),
    "symmetric": (lambda tf: lambda x: tf.pad(x, [[2, 1], [0, 3]],
                                              mode="SYMMETRIC"),
                  [(3, 4)], None),
    "reflect_rank4": (lambda tf: lambda x: tf.pad(
        x, [[0, 0], [2, 1], [1, 2], [0, 0]], mode="REFLECT"),
        [(1, 3, 4, 2)], ["int8"]),
}


@pytest.mark.parametrize("fn, shapes, dtype",
                         mc.cases(MIRROR_PAD, mc.NUMERIC_DTYPES))
def test_mirror_pad(fn, shapes, dtype):
    mc.run("MIRROR_PAD", fn(mc.tf()), shapes, dtype)


SPACE_TO_BATCH = {
    "padded_2x2": (lambda tf: lambda x: tf.space_to_batch_nd(
        x, [2, 2], [[1, 1], [0, 2]]), [(1, 4, 4, 3)], None),
    "rank3": (lambda tf: lambda x: tf.space_to_batch_nd(x, [3], [[1, 2]]),
              [(2, 6, 2)], ["int8"]),
}


@pytest.mark.parametrize("fn, shapes, dtype",
                         mc.cases(SPACE_TO_BATCH, mc.NUMERIC_DTYPES))
def test_space_to_batch_nd(fn, shapes, dtype):
    mc.run("SPACE_TO_BATCH_ND", fn(mc.tf()), shapes, dtype,
           input_range=_POSITIVE)


BATCH_TO_SPACE = {
    "cropped_2x2": (lambda tf: lambda x: tf.compat.v1.batch_to_space_nd(
        x, [2, 2], [[1, 0], [0, 1]]), [(4, 2, 3, 2)], None),
    "rank3": (lambda tf: lambda x: tf.compat.v1.batch_to_space_nd(
        x, [3], [[0, 2]]), [(6, 2, 2)], ["int8"]),
}


@pytest.mark.parametrize("fn, shapes, dtype",
                         mc.cases(BATCH_TO_SPACE, mc.NUMERIC_DTYPES))
def test_batch_to_space_nd(fn, shapes, dtype):
    mc.run("BATCH_TO_SPACE_ND", fn(mc.tf()), shapes, dtype)
