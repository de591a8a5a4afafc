"""RESIZE_BILINEAR and RESIZE_NEAREST_NEIGHBOR conformance against TFLite's
reference kernels: up- and down-sampling, align_corners, half_pixel_centers
and neither; float32 within tolerance, int8 / int16 bit-exact.
"""

from __future__ import annotations

import pytest

import conformance_util as cu
import single_op_edit as so

OPS = {"RESIZE_BILINEAR": "bilinear",
       "RESIZE_NEAREST_NEIGHBOR": "nearest_neighbor"}

# name: (input shape, new size, align_corners, half_pixel_centers)
CASES = {
    "up_half_pixel": ((1, 4, 5, 3), (7, 9), False, True),
    "down_align_corners": ((2, 9, 8, 2), (4, 5), True, False),
    "up_plain": ((1, 3, 3, 4), (8, 5), False, False),
}


def _convert(op: str, name: str, quantize: str) -> bytes:
    tf = cu._tensorflow()
    shape, size, align, half = CASES[name]
    resize = getattr(tf.compat.v1.raw_ops, {
        "RESIZE_BILINEAR": "ResizeBilinear",
        "RESIZE_NEAREST_NEIGHBOR": "ResizeNearestNeighbor"}[op])
    model = cu.convert(
        lambda x: resize(images=x, size=list(size), align_corners=align,
                         half_pixel_centers=half),
        [shape], quantize=quantize)
    assert so.op_names(model) == [op]
    options = so.options(model, op)
    assert (options["alignCorners"], options["halfPixelCenters"]) == \
        (align, half)
    return model


@pytest.mark.parametrize("quantize", ["float32", "int8", "int16"])
@pytest.mark.parametrize("name", list(CASES))
@pytest.mark.parametrize("op", list(OPS))
def test_resize_matches_oracle(op: str, name: str, quantize: str) -> None:
    so.assert_matches_reference(_convert(op, name, quantize))
