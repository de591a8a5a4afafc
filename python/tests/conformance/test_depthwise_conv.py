"""DEPTHWISE_CONV_2D conformance: tfmicro against TFLite's reference kernels.

int8 (per-channel filters as the converter makes them, and per-tensor
filters made by requantizing them) and int16 (16x8: int16 activations, int8
filters, int64 bias) must be bit-exact; float32 within the
tolerance of conformance_util. Each case checks that the converted model
really holds one DEPTHWISE_CONV_2D with the intended options.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pytest

import conformance_util as cu
import mac_conformance as mac

OP = "DEPTHWISE_CONV_2D"


@dataclass(frozen=True)
class DepthwiseCase:
    input_shape: tuple[int, int, int, int]  # NHWC
    kernel: tuple[int, int]
    multiplier: int = 1
    stride: int = 1  # TensorFlow's depthwise conv needs equal strides
    dilations: tuple[int, int] = (1, 1)
    padding: str = "SAME"
    activation: str = "NONE"

    @property
    def output_channels(self) -> int:
        return self.input_shape[3] * self.multiplier

    def function(self, seed: int = 0):
        """x -> activation(depthwise_conv2d(x, W) + b), fixed random W, b."""
        tf = cu._tensorflow()
        rng = np.random.default_rng(seed)
        weights = rng.normal(0.0, 0.5, size=(*self.kernel, self.input_shape[3],
                                             self.multiplier))
        weights = weights.astype(np.float32)
        bias = rng.normal(0.0, 0.5, size=self.output_channels)
        bias = bias.astype(np.float32)
        activation = mac.ACTIVATIONS[self.activation][0]

        def depthwise(x):
            y = tf.nn.depthwise_conv2d(
                x, weights, strides=[1, self.stride, self.stride, 1],
                padding=self.padding, dilations=list(self.dilations))
            return activation(y + bias)

        return depthwise


CASES = {
    "3x3_same_relu6": DepthwiseCase((1, 9, 9, 4), (3, 3), activation="RELU6"),
    "5x3_valid_stride2_multiplier2_relu": DepthwiseCase(
        (2, 10, 11, 3), (5, 3), multiplier=2, stride=2, padding="VALID",
        activation="RELU"),
    "dilated_2x3_same": DepthwiseCase((1, 10, 10, 8), (3, 3),
                                      dilations=(2, 3)),
    "40_channels_relu_n1_to_1": DepthwiseCase((1, 5, 5, 40), (3, 3),
                                              activation="RELU_N1_TO_1"),
    "one_channel_multiplier3": DepthwiseCase((1, 8, 8, 1), (3, 3),
                                             multiplier=3, stride=2),
    "4x4_same_stride2_odd_padding": DepthwiseCase((1, 9, 8, 6), (4, 4),
                                                  stride=2),
}


def _convert(case: DepthwiseCase, quantize: str) -> bytes:
    model, info = mac.convert(case.function(), case.input_shape, quantize, OP,
                              case.activation)
    mac.assert_window_options(info["options"], (case.stride, case.stride),
                              case.dilations, case.padding)
    assert info["filter_shape"] == [1, *case.kernel, case.output_channels]
    return model


@pytest.mark.parametrize("quantize", ["int8", "float32"])
@pytest.mark.parametrize("name", list(CASES))
def test_depthwise_conv_matches_oracle(name: str, quantize: str) -> None:
    case = CASES[name]
    mac.assert_matches_oracle(_convert(case, quantize), OP, quantize,
                              case.output_channels)


@pytest.mark.parametrize("name", ["3x3_same_relu6",
                                  "5x3_valid_stride2_multiplier2_relu"])
def test_depthwise_conv_per_tensor_filter_matches_oracle(name: str) -> None:
    mac.assert_per_tensor_filter_matches_oracle(
        _convert(CASES[name], "int8"), OP)


@pytest.mark.parametrize("name", ["3x3_same_relu6",
                                  "5x3_valid_stride2_multiplier2_relu",
                                  "one_channel_multiplier3"])
def test_depthwise_conv_int16_matches_oracle(name: str) -> None:
    case = CASES[name]
    mac.assert_matches_oracle(_convert(case, "int16"), OP, "int16",
                              case.output_channels)
