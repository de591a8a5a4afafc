"""CONV_2D conformance: tfmicro against TFLite's reference kernels.

int8 (per-channel filters as the converter makes them, and per-tensor
filters made by requantizing them) and int16 (16x8: int16 activations, int8
filters, int64 bias) must be bit-exact; float32 within the
tolerance of conformance_util. Each case checks that the converted model
really holds one CONV_2D with the intended options.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pytest

import conformance_util as cu
import conv_model_edit as ce
import mac_conformance as mac

OP = "CONV_2D"


@dataclass(frozen=True)
class ConvCase:
    input_shape: tuple[int, int, int, int]  # NHWC
    kernel: tuple[int, int]
    output_channels: int
    groups: int = 1
    strides: tuple[int, int] = (1, 1)
    dilations: tuple[int, int] = (1, 1)
    padding: str = "SAME"
    activation: str = "NONE"
    bias: bool = True

    def function(self, seed: int = 0):
        """x -> activation(conv2d(x, W) + b) with fixed random W and b."""
        tf = cu._tensorflow()
        rng = np.random.default_rng(seed)
        in_channels = self.input_shape[3] // self.groups
        weights = rng.normal(0.0, 0.5, size=(*self.kernel, in_channels,
                                             self.output_channels))
        weights = weights.astype(np.float32)
        bias = rng.normal(0.0, 0.5, size=self.output_channels)
        bias = bias.astype(np.float32)
        activation = mac.ACTIVATIONS[self.activation][0]

        def conv(x):
            y = tf.nn.conv2d(x, weights, strides=[1, *self.strides, 1],
                             padding=self.padding,
                             dilations=[1, *self.dilations, 1])
            if self.bias:
                y = y + bias
            return activation(y)

        return conv


CASES = {
    "3x3_same_relu": ConvCase((1, 9, 9, 3), (3, 3), 8, activation="RELU"),
    "5x3_valid_strides_2x3_relu6": ConvCase(
        (2, 11, 10, 4), (5, 3), 6, strides=(2, 3), padding="VALID",
        activation="RELU6"),
    "dilated_2x3_same": ConvCase((1, 10, 9, 4), (3, 3), 5, dilations=(2, 3)),
    "dilated_valid_relu": ConvCase((1, 9, 9, 2), (2, 3), 3, dilations=(2, 2),
                                   padding="VALID", activation="RELU"),
    "grouped_3_relu_n1_to_1": ConvCase((1, 8, 8, 6), (3, 3), 6, groups=3,
                                       activation="RELU_N1_TO_1"),
    "pointwise_relu": ConvCase((1, 6, 6, 16), (1, 1), 12, activation="RELU"),
    "4x4_same_stride2_odd_padding": ConvCase((1, 9, 8, 3), (4, 4), 5,
                                             strides=(2, 2)),
}


def _convert(case: ConvCase, quantize: str) -> bytes:
    model, info = mac.convert(case.function(), case.input_shape, quantize, OP,
                              case.activation)
    mac.assert_window_options(info["options"], case.strides, case.dilations,
                              case.padding)
    assert info["filter_shape"][3] * case.groups == case.input_shape[3]
    return model


@pytest.mark.parametrize("quantize", ["int8", "float32"])
@pytest.mark.parametrize("name", list(CASES))
def test_conv_matches_oracle(name: str, quantize: str) -> None:
    case = CASES[name]
    mac.assert_matches_oracle(_convert(case, quantize), OP, quantize,
                              case.output_channels)


@pytest.mark.parametrize("name", ["3x3_same_relu", "grouped_3_relu_n1_to_1",
                                  "5x3_valid_strides_2x3_relu6"])
def test_conv_per_tensor_filter_matches_oracle(name: str) -> None:
    mac.assert_per_tensor_filter_matches_oracle(
        _convert(CASES[name], "int8"), OP)


@pytest.mark.parametrize("name", ["5x3_valid_strides_2x3_relu6",
                                  "dilated_2x3_same",
                                  "grouped_3_relu_n1_to_1"])
def test_conv_int16_matches_oracle(name: str) -> None:
    case = CASES[name]
    mac.assert_matches_oracle(_convert(case, "int16"), OP, "int16",
                              case.output_channels)


def test_conv_int16_per_tensor_filter_matches_oracle() -> None:
    mac.assert_per_tensor_filter_matches_oracle(
        _convert(CASES["3x3_same_relu"], "int16"), OP)


def test_conv_int16_int32_bias_matches_oracle() -> None:
    model = ce.narrow_bias_to_int32(
        _convert(CASES["dilated_valid_relu"], "int16"), OP)
    cu.assert_matches_oracle(model)
