"""FULLY_CONNECTED conformance: tfmicro against TFLite's reference kernels.

int8 must be bit-exact: per-channel filters as the converter makes them,
per-tensor filters made by requantizing them, and a per-tensor filter with a
non-zero zero point (which TFLite's per-tensor kernel applies). TFLite's
reference FULLY_CONNECTED requantizes in double precision, unlike CONV_2D;
enough outputs per case make a Q31-multiplier implementation fail here.
int16 (16x8: int16 activations, int8 filters, int64 bias) bit-exact too, on
a few of the cases. float32 within the tolerance of conformance_util.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pytest

import conformance_util as cu
import conv_model_edit as ce
import mac_conformance as mac

OP = "FULLY_CONNECTED"


@dataclass(frozen=True)
class FcCase:
    input_shape: tuple[int, ...]  # [..., depth]
    units: int
    activation: str = "NONE"
    bias: bool = True

    @property
    def keep_num_dims(self) -> bool:
        return len(self.input_shape) > 2

    def function(self, seed: int = 0):
        """x -> activation(x @ W + b) with fixed random W and b."""
        tf = cu._tensorflow()
        rng = np.random.default_rng(seed)
        depth = self.input_shape[-1]
        weights = rng.normal(0.0, 1.0 / np.sqrt(depth),
                             size=(depth, self.units)).astype(np.float32)
        bias = rng.normal(0.0, 0.5, size=self.units).astype(np.float32)
        activation = mac.ACTIVATIONS[self.activation][0]

        def fully_connected(x):
            y = tf.matmul(x, weights)
            if self.bias:
                y = y + bias
            return activation(y)

        return fully_connected


CASES = {
    "batch16_bias_relu": FcCase((16, 40), 32, activation="RELU"),
    "no_bias_relu6": FcCase((8, 24), 20, activation="RELU6", bias=False),
    "deep_relu_n1_to_1": FcCase((4, 300), 24, activation="RELU_N1_TO_1"),
    "keep_num_dims_rank3": FcCase((2, 6, 12), 16),
    "keep_num_dims_rank4_no_bias_relu": FcCase((1, 3, 4, 10), 12,
                                               activation="RELU", bias=False),
    "single_row": FcCase((1, 64), 48),
}


def _convert(case: FcCase, quantize: str) -> bytes:
    model, info = mac.convert(case.function(), case.input_shape, quantize, OP,
                              case.activation)
    assert bool(info["options"]["keepNumDims"]) == case.keep_num_dims
    assert info["filter_shape"] == [case.units, case.input_shape[-1]]
    assert info["has_bias"] == case.bias
    return model


@pytest.mark.parametrize("quantize", ["int8", "float32"])
@pytest.mark.parametrize("name", list(CASES))
def test_fully_connected_matches_oracle(name: str, quantize: str) -> None:
    case = CASES[name]
    mac.assert_matches_oracle(_convert(case, quantize), OP, quantize,
                              case.units)


@pytest.mark.parametrize("name", ["batch16_bias_relu", "no_bias_relu6",
                                  "keep_num_dims_rank3"])
def test_fully_connected_per_tensor_filter_matches_oracle(name: str) -> None:
    mac.assert_per_tensor_filter_matches_oracle(
        _convert(CASES[name], "int8"), OP)


def test_fully_connected_filter_zero_point_matches_oracle() -> None:
    mac.assert_per_tensor_filter_matches_oracle(
        _convert(CASES["batch16_bias_relu"], "int8"), OP,
        filter_zero_point=3)


INT16_CASES = ["batch16_bias_relu", "deep_relu_n1_to_1",
               "keep_num_dims_rank4_no_bias_relu"]


@pytest.mark.parametrize("name", INT16_CASES)
def test_fully_connected_int16_matches_oracle(name: str) -> None:
    case = CASES[name]
    mac.assert_matches_oracle(_convert(case, "int16"), OP, "int16",
                              case.units)


def test_fully_connected_int16_filter_zero_point_matches_oracle() -> None:
    mac.assert_per_tensor_filter_matches_oracle(
        _convert(CASES["keep_num_dims_rank3"], "int16"), OP,
        filter_zero_point=-2)


def test_fully_connected_int16_int32_bias_matches_oracle() -> None:
    model = ce.narrow_bias_to_int32(
        _convert(CASES["single_row"], "int16"), OP)
    cu.assert_matches_oracle(model)
