"""L2_NORMALIZATION and LOG_SOFTMAX conformance against TFLite's reference
kernels (both over the last dimension): float32 within tolerance, int8
bit-exact on TFLite's fixed output quantizations (1/128 and 16/256).
"""

from __future__ import annotations

import pytest

import conformance_util as cu
import single_op_edit as so

SHAPES = {"rank2": (3, 10), "rank4": (1, 3, 4, 16)}


def _convert(op: str, shape, quantize: str) -> bytes:
    tf = cu._tensorflow()
    function = {
        "L2_NORMALIZATION": lambda x: tf.math.l2_normalize(x, axis=-1),
        "LOG_SOFTMAX": lambda x: tf.nn.log_softmax(x, axis=-1),
    }[op]
    model = cu.convert(function, [shape], quantize=quantize)
    assert so.op_names(model) == [op]
    return model


@pytest.mark.parametrize("quantize", ["float32", "int8"])
@pytest.mark.parametrize("name", list(SHAPES))
@pytest.mark.parametrize("op", ["L2_NORMALIZATION", "LOG_SOFTMAX"])
def test_matches_oracle(op: str, name: str, quantize: str) -> None:
    so.assert_matches_reference(_convert(op, SHAPES[name], quantize))


@pytest.mark.parametrize("input_q", [(0.5, 7), (0.002, -100)])
@pytest.mark.parametrize("op", ["L2_NORMALIZATION", "LOG_SOFTMAX"])
def test_int8_input_quantization(op: str, input_q) -> None:
    model = so.with_quantization(_convert(op, SHAPES["rank2"], "int8"), op,
                                 "input", *input_q)
    so.assert_matches_reference(model)
