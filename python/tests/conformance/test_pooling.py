"""AVERAGE_POOL_2D, MAX_POOL_2D and L2_POOL_2D conformance against TFLite's
reference kernels: filter sizes, strides, SAME/VALID padding (including
windows cut by the padding, where the average divides by fewer elements)
and fused activations; int8 / int16 bit-exact, float32 within tolerance.
Each case checks the converted model holds one pooling operator with the
intended options. TensorFlow has no L2 pooling op the converter emits, so
the L2_POOL_2D models are float AVERAGE_POOL_2D models retargeted (the two
share Pool2DOptions); TFLite has L2_POOL_2D in float only.
"""

from __future__ import annotations

from dataclasses import dataclass

import pytest

import conformance_util as cu
import single_op_edit as so

ACTIVATION_CODES = {"NONE": 0, "RELU": 1, "RELU_N1_TO_1": 2, "RELU6": 3}


@dataclass(frozen=True)
class PoolCase:
    input_shape: tuple[int, int, int, int]  # NHWC
    filter: tuple[int, int]
    strides: tuple[int, int]
    padding: str = "SAME"
    activation: str = "NONE"

    def function(self, op: str):
        tf = cu._tensorflow()
        pool = tf.nn.avg_pool2d if op == "AVERAGE_POOL_2D" else tf.nn.max_pool2d
        activation = {
            "NONE": lambda x: x,
            "RELU": tf.nn.relu,
            "RELU6": tf.nn.relu6,
            "RELU_N1_TO_1": lambda x: tf.clip_by_value(x, -1.0, 1.0),
        }[self.activation]
        return lambda x: activation(pool(x, ksize=list(self.filter),
                                         strides=list(self.strides),
                                         padding=self.padding))


CASES = {
    "2x2_stride2_same": PoolCase((1, 8, 8, 3), (2, 2), (2, 2)),
    "3x3_stride2_same_odd_input_relu": PoolCase((2, 9, 7, 4), (3, 3), (2, 2),
                                                activation="RELU"),
    "3x2_strides_1x2_valid_relu6": PoolCase((1, 7, 9, 2), (3, 2), (1, 2),
                                            "VALID", "RELU6"),
    "4x4_stride3_same_cut_windows": PoolCase((1, 10, 11, 5), (4, 4), (3, 3)),
    "5x1_stride1_same_relu_n1_to_1": PoolCase((1, 6, 5, 3), (5, 1), (1, 1),
                                              activation="RELU_N1_TO_1"),
    "global_7x7_valid": PoolCase((1, 7, 7, 8), (7, 7), (1, 1), "VALID"),
}


def _convert(op: str, case: PoolCase, quantize: str) -> bytes:
    model = cu.convert(case.function(op), [case.input_shape],
                       quantize=quantize)
    assert so.op_names(model) == [op]
    options = so.options(model, op)
    assert (options["filterHeight"], options["filterWidth"]) == case.filter
    assert (options["strideH"], options["strideW"]) == case.strides
    assert options["padding"] == (0 if case.padding == "SAME" else 1)
    assert options["fusedActivationFunction"] == \
        ACTIVATION_CODES[case.activation]
    return model


@pytest.mark.parametrize("quantize", ["int8", "float32"])
@pytest.mark.parametrize("name", list(CASES))
@pytest.mark.parametrize("op", ["AVERAGE_POOL_2D", "MAX_POOL_2D"])
def test_pool_matches_oracle(op: str, name: str, quantize: str) -> None:
    so.assert_matches_reference(_convert(op, CASES[name], quantize))


@pytest.mark.parametrize("op", ["AVERAGE_POOL_2D", "MAX_POOL_2D"])
def test_int8_pool_with_offset_zero_point(op: str) -> None:
    # The converter centers these inputs (zero point 0); an offset zero
    # point moves the activation clamps and the rounding of negative sums.
    model = _convert(op, CASES["3x3_stride2_same_odd_input_relu"], "int8")
    scale, _ = so.tensor_quantization(model, op, "input")
    for zero_point in (-100, 57):
        edited = so.with_quantization(model, op, "input", scale, zero_point)
        edited = so.with_quantization(edited, op, "output", scale, zero_point)
        so.assert_matches_reference(edited)


INT16_CASES = ["3x3_stride2_same_odd_input_relu", "3x2_strides_1x2_valid_relu6",
               "4x4_stride3_same_cut_windows"]


@pytest.mark.parametrize("name", INT16_CASES)
@pytest.mark.parametrize("op", ["AVERAGE_POOL_2D", "MAX_POOL_2D"])
def test_int16_pool_matches_oracle(op: str, name: str) -> None:
    so.assert_matches_reference(_convert(op, CASES[name], "int16"))


@pytest.mark.parametrize("name", INT16_CASES + ["global_7x7_valid"])
def test_l2_pool_matches_oracle(name: str) -> None:
    model = so.with_builtin_operator(
        _convert("AVERAGE_POOL_2D", CASES[name], "float32"),
        "AVERAGE_POOL_2D", "L2_POOL_2D", keep_options=True)
    so.assert_matches_reference(model)
