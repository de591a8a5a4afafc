"""MEAN conformance against TFLite's reference kernels.

Axis sets (negative, several, all), keep_dims on and off, ranks 1 to 5,
Keras' GlobalAveragePooling2D and large reductions; int8 bit-exact (the
sum requantized with input_scale / output_scale folded with 1 / count),
float32 within tolerance.
"""

from __future__ import annotations

import pytest

import conformance_util as cu
import single_op_edit as so

OP = "MEAN"

# name: (input shape, axes, keepdims)
CASES = {
    "hw_keepdims": ((2, 3, 4, 5), [1, 2], True),
    "hw": ((2, 3, 4, 5), [1, 2], False),
    "negative_axes_keepdims": ((2, 3, 4, 5), [-1, 1], True),
    "last_axis": ((3, 4, 5), [-1], False),
    "first_axis": ((4, 6), [0], True),
    "all_axes": ((4, 6), [0, 1], False),
    "rank1": ((9,), [0], False),
    "rank5": ((2, 3, 2, 4, 3), [1, 3], False),
    "large_hw": ((1, 40, 40, 4), [1, 2], True),
}

_MODELS: dict[tuple[str, str], bytes] = {}


def _model(name: str, quantize: str) -> bytes:
    key = (name, quantize)
    if key not in _MODELS:
        tf = cu._tensorflow()
        shape, axes, keepdims = CASES[name]
        model = cu.convert(
            lambda x: tf.reduce_mean(x, axis=axes, keepdims=keepdims),
            [shape], quantize=quantize)
        assert so.op_names(model) == [OP]
        assert so.options(model, OP)["keepDims"] == keepdims
        _MODELS[key] = model
    return _MODELS[key]


@pytest.mark.parametrize("quantize", ["int8", "float32"])
@pytest.mark.parametrize("name", list(CASES))
def test_mean_matches_oracle(name: str, quantize: str) -> None:
    so.assert_matches_reference(_model(name, quantize))


@pytest.mark.parametrize("quantize", ["int8", "float32"])
@pytest.mark.parametrize("keepdims", [False, True])
def test_keras_global_average_pooling(keepdims: bool, quantize: str) -> None:
    keras = cu._tensorflow().keras
    model = keras.Sequential([
        keras.Input(shape=(7, 7, 16), batch_size=1),
        keras.layers.GlobalAveragePooling2D(keepdims=keepdims),
    ])
    converted = cu.convert(model, [(1, 7, 7, 16)], quantize=quantize)
    assert so.op_names(converted) == [OP]
    so.assert_matches_reference(converted)


@pytest.mark.parametrize("name", ["hw_keepdims", "last_axis", "large_hw"])
def test_int8_mean_with_output_quantization_of_input(name: str) -> None:
    # Input and output sharing scale and zero point (TFLite once had a
    # separate path for it).
    model = _model(name, "int8")
    scale, zero_point = so.tensor_quantization(model, OP, "input")
    model = so.with_quantization(model, OP, "output", scale, zero_point)
    so.assert_matches_reference(model)


@pytest.mark.parametrize("output_scale, output_zero_point",
                         [(1e-4, -128), (0.5, 100), (3e-3, 0)])
def test_int8_mean_output_quantization(output_scale: float,
                                       output_zero_point: int) -> None:
    model = so.with_quantization(_model("hw_keepdims", "int8"), OP, "output",
                                 output_scale, output_zero_point)
    so.assert_matches_reference(model)
