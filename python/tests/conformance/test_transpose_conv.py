"""TRANSPOSE_CONV conformance: tfmicro against TFLite's reference kernels.

tf.nn.conv2d_transpose with strides, SAME and VALID padding, a bias and a
fused activation. int8 (per-channel filters as the converter makes them, and
per-tensor filters made by requantizing them) and int16 (16x8: int16
activations, int8 filters, int64 bias) must be bit-exact; float32 within the
tolerance of conformance_util.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pytest

import conformance_util as cu
import conv_model_edit as ce
import mac_conformance as mac

OP = "TRANSPOSE_CONV"


@dataclass(frozen=True)
class TransposeConvCase:
    input_shape: tuple[int, int, int, int]  # NHWC
    kernel: tuple[int, int]
    output_channels: int
    output_hw: tuple[int, int]
    strides: tuple[int, int] = (1, 1)
    padding: str = "SAME"
    activation: str = "NONE"
    bias: bool = True

    def function(self, seed: int = 0):
        """x -> activation(conv2d_transpose(x, W) + b), fixed random W, b."""
        tf = cu._tensorflow()
        rng = np.random.default_rng(seed)
        weights = rng.normal(0.0, 0.5, size=(*self.kernel, self.output_channels,
                                             self.input_shape[3]))
        weights = weights.astype(np.float32)
        bias = rng.normal(0.0, 0.5, size=self.output_channels)
        bias = bias.astype(np.float32)
        activation = mac.ACTIVATIONS[self.activation][0]
        output_shape = [self.input_shape[0], *self.output_hw,
                        self.output_channels]

        def transpose_conv(x):
            y = tf.nn.conv2d_transpose(x, weights, output_shape=output_shape,
                                       strides=[1, *self.strides, 1],
                                       padding=self.padding)
            if self.bias:
                y = y + bias
            return activation(y)

        return transpose_conv


CASES = {
    "3x3_stride2_same_relu": TransposeConvCase((1, 4, 4, 4), (3, 3), 5, (8, 8),
                                               strides=(2, 2),
                                               activation="RELU"),
    "4x3_strides_2x3_valid": TransposeConvCase((2, 3, 4, 3), (4, 3), 4,
                                               (8, 12), strides=(2, 3),
                                               padding="VALID"),
    "2x2_stride1_same_no_bias": TransposeConvCase((1, 5, 5, 6), (2, 2), 3,
                                                  (5, 5), bias=False),
}


def _convert(case: TransposeConvCase, quantize: str) -> bytes:
    model, info = mac.convert(case.function(), case.input_shape, quantize, OP,
                              case.activation)
    options = info["options"]
    assert (options["strideH"], options["strideW"]) == case.strides
    assert options["padding"] == (0 if case.padding == "SAME" else 1)
    return model


@pytest.mark.parametrize("quantize", ["float32", "int8", "int16"])
@pytest.mark.parametrize("name", list(CASES))
def test_transpose_conv_matches_oracle(name: str, quantize: str) -> None:
    case = CASES[name]
    mac.assert_matches_oracle(_convert(case, quantize), OP, quantize,
                              case.output_channels)


def test_transpose_conv_per_tensor_filter_matches_oracle() -> None:
    mac.assert_per_tensor_filter_matches_oracle(
        _convert(CASES["4x3_strides_2x3_valid"], "int8"), OP)


def test_transpose_conv_int16_int32_bias_matches_oracle() -> None:
    model = ce.narrow_bias_to_int32(
        _convert(CASES["3x3_stride2_same_relu"], "int16"), OP)
    cu.assert_matches_oracle(model)
