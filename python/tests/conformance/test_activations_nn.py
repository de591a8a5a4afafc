"""LEAKY_RELU, HARD_SWISH, ELU and PRELU conformance against TFLite's
reference kernels: float32 within tolerance; int8 (and int16 for
LEAKY_RELU, the only one of these TFLite quantizes to 16 bits) bit-exact,
with every int8 input value where the op is elementwise.

ELU has a single TFLite kernel, which the reference resolver does not
register, so it is checked against the builtin resolver; the converter
keeps ELU in float in int8 models, so its int8 model is a converted int8
TANH turned into ELU (with an output quantization covering [-1, 5]).
"""

from __future__ import annotations

import numpy as np
import pytest

import conformance_util as cu
import single_op_edit as so

# 256 elements: one input set holds every int8 value.
SHAPE = (1, 4, 4, 16)


def _hard_swish(x):
    tf = cu._tensorflow()
    return x * tf.nn.relu6(x + 3.0) * (1.0 / 6.0)


UNARY = {
    "LEAKY_RELU": lambda x: cu._tensorflow().nn.leaky_relu(x, alpha=0.15),
    "HARD_SWISH": _hard_swish,
    "ELU": lambda x: cu._tensorflow().nn.elu(x),
}
UNARY_DTYPES = {
    "LEAKY_RELU": ["float32", "int8", "int16"],
    "HARD_SWISH": ["float32", "int8"],
}


def _every_int8_value(rng: np.random.Generator) -> list[np.ndarray]:
    return [rng.permutation(np.arange(-128, 128, dtype=np.int8))
            .reshape(SHAPE)]


def _unary(op: str, quantize: str) -> bytes:
    if op == "ELU" and quantize == "int8":
        tanh = cu.convert(lambda x: cu._tensorflow().math.tanh(x), [SHAPE],
                          quantize="int8", input_range=(-5.0, 5.0))
        model = so.with_builtin_operator(tanh, "TANH", "ELU")
        return so.with_quantization(model, "ELU", "output", 6 / 255, -43)
    model = cu.convert(UNARY[op], [SHAPE], quantize=quantize,
                       input_range=(-5.0, 5.0))
    assert so.op_names(model) == [op]
    return model


@pytest.mark.parametrize("quantize", ["float32", "int8"])
def test_elu_matches_tflite(quantize: str) -> None:
    model = _unary("ELU", quantize)
    if quantize == "int8":
        so.assert_matches_optimized(model, num_inputs=1,
                                    inputs=_every_int8_value)
    else:
        so.assert_matches_optimized(model, input_range=(-8.0, 8.0))


@pytest.mark.parametrize("op, quantize",
                         [(op, q) for op, qs in UNARY_DTYPES.items()
                          for q in qs])
def test_unary_matches_oracle(op: str, quantize: str) -> None:
    model = _unary(op, quantize)
    if quantize == "int8":
        so.assert_matches_reference(model, num_inputs=1,
                                    inputs=_every_int8_value)
    else:
        so.assert_matches_reference(model, input_range=(-8.0, 8.0))


@pytest.mark.parametrize("op", ["LEAKY_RELU", "HARD_SWISH", "ELU"])
@pytest.mark.parametrize("input_q, output_q",
                         [((0.2, -50), (0.01, 100)), ((0.005, 20),
                                                      (0.3, -7))])
def test_int8_edited_quantization(op: str, input_q, output_q) -> None:
    model = _unary(op, "int8")
    model = so.with_quantization(model, op, "input", *input_q)
    model = so.with_quantization(model, op, "output", *output_q)
    if op == "ELU":
        so.assert_matches_optimized(model, num_inputs=1,
                                    inputs=_every_int8_value)
    else:
        so.assert_matches_reference(model, num_inputs=1,
                                    inputs=_every_int8_value)


# Keras PReLU: alpha per channel (shared over H and W) or per element.
PRELU_CASES = {
    "shared_hw": ((1, 5, 6, 4), [1, 2]),
    "per_element": ((2, 3, 8), None),
}


@pytest.mark.parametrize("quantize", ["float32", "int8"])
@pytest.mark.parametrize("name", list(PRELU_CASES))
def test_prelu_matches_oracle(name: str, quantize: str) -> None:
    keras = cu._tensorflow().keras
    shape, shared_axes = PRELU_CASES[name]
    layer = keras.layers.PReLU(
        shared_axes=shared_axes,
        alpha_initializer=keras.initializers.RandomUniform(-0.5, 0.8,
                                                           seed=1))
    model = keras.Sequential([keras.Input(shape=shape[1:],
                                          batch_size=shape[0]), layer])
    converted = cu.convert(model, [shape], quantize=quantize)
    assert so.op_names(converted) == ["PRELU"]
    so.assert_matches_reference(converted)
