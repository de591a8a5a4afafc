"""Shared by the conformance tests of the multiply-accumulate operators
(CONV_2D, DEPTHWISE_CONV_2D, FULLY_CONNECTED): their fused activations, the
conversion of one case with the checks every case makes, and the oracle
comparisons of the converter's per-channel filters and of per-tensor ones.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import conformance_util as cu
import conv_model_edit as ce

# Fused activations: the TensorFlow function and the schema code.
ACTIVATIONS: dict[str, tuple[Callable[[Any], Any], int]] = {
    "NONE": (lambda x: x, 0),
    "RELU": (lambda x: cu._tensorflow().nn.relu(x), 1),
    "RELU_N1_TO_1": (lambda x: cu._tensorflow().clip_by_value(x, -1.0, 1.0),
                     2),
    "RELU6": (lambda x: cu._tensorflow().nn.relu6(x), 3),
}


def convert(function: Callable[[Any], Any], input_shape: tuple[int, ...],
            quantize: str, op: str,
            activation: str) -> tuple[bytes, dict[str, Any]]:
    """Converts `function` and checks the model holds one `op` with the
    fused `activation`; returns the model and ``ce.describe`` of the op."""
    model = cu.convert(function, [input_shape], quantize=quantize)
    assert ce.operator_names(model) == [op]
    info = ce.describe(model, op)
    assert info["options"]["fusedActivationFunction"] == \
        ACTIVATIONS[activation][1]
    return model, info


def assert_window_options(options: dict[str, Any], strides: tuple[int, int],
                          dilations: tuple[int, int], padding: str) -> None:
    """A CONV_2D or DEPTHWISE_CONV_2D op's strides, dilations and padding."""
    assert (options["strideH"], options["strideW"]) == strides
    assert (options["dilationHFactor"], options["dilationWFactor"]) == \
        dilations
    assert options["padding"] == (0 if padding == "SAME" else 1)


def assert_matches_oracle(model: bytes, op: str, quantize: str,
                          output_channels: int) -> None:
    """The converted model against the oracle; an int8 or int16 one has its
    filter quantized per output channel, as the converter makes it."""
    if quantize != "float32":
        assert ce.describe(model, op)["filter_scales"] == output_channels
    cu.assert_matches_oracle(model)


def assert_per_tensor_filter_matches_oracle(
        quantized_model: bytes, op: str,
        filter_zero_point: int | None = None) -> None:
    """The int8 or int16 model with its filter requantized per tensor (and
    given a zero point, when one is asked for) against the oracle."""
    model = ce.requantize_filter_per_tensor(quantized_model, op)
    assert ce.describe(model, op)["filter_scales"] == 1
    if filter_zero_point is not None:
        model = ce.set_filter_zero_point(model, op, filter_zero_point)
    cu.assert_matches_oracle(model)
