"""SVDF conformance: tfmicro against TFLite's reference kernels.

TensorFlow's converter emits no SVDF from a tf.function, so the models are
built directly (op_model_builder) from random weights: float32, and full
integer int8 (int8 input, output and feature weights, int16 time weights and
state, int32 bias), with quantization scales taken from the float model's
ranges. Several Invokes run on one interpreter, so the state carries over as
it does in the oracle. int8 must be bit-exact, float32 within the tolerance
of conformance_util.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pytest

import conformance_util as cu
import op_model_builder as mb
import single_op_edit as so
from ai_edge_litert import schema_py_generated as schema

OP = "SVDF"
NUM_INVOKES = 4
RELU = schema.ActivationFunctionType.RELU


@dataclass(frozen=True)
class SvdfCase:
    batches: int
    input_size: int
    units: int
    rank: int
    memory: int
    bias: bool = True
    activation: int = RELU

    @property
    def filters(self) -> int:
        return self.units * self.rank


CASES = {
    "batch2_rank1": SvdfCase(2, 6, 4, 1, 5),
    "rank2_memory8": SvdfCase(1, 10, 3, 2, 8),
    "rank3_no_bias": SvdfCase(3, 4, 2, 3, 3, bias=False),
}


def _weights(case: SvdfCase, seed: int = 0):
    rng = np.random.default_rng(seed)
    feature = rng.normal(0, 0.5, (case.filters, case.input_size))
    time = rng.normal(0, 0.5, (case.filters, case.memory))
    bias = rng.normal(0, 0.5, case.units)
    return (feature.astype(np.float32), time.astype(np.float32),
            bias.astype(np.float32))


def _float_svdf_ranges(case: SvdfCase, feature, time, bias):
    """The peak |activation| kept in the state and the output range of the
    float SVDF over a few random inputs (to choose quantization scales)."""
    rng = np.random.default_rng(1)
    state = np.zeros((case.batches, case.filters, case.memory))
    state_peak, outputs = 0.0, []
    for _ in range(8):
        x = rng.uniform(*cu.DEFAULT_INPUT_RANGE, (case.batches,
                                                  case.input_size))
        state = np.roll(state, -1, axis=2)
        state[:, :, -1] = x @ feature.T
        state_peak = max(state_peak, float(np.abs(state).max()))
        per_filter = (state * time[None]).sum(axis=2)
        y = per_filter.reshape(case.batches, case.units, case.rank).sum(2)
        outputs.append(np.maximum(y + (bias if case.bias else 0), 0))
    return state_peak, float(np.max(outputs))


def _options(case: SvdfCase):
    options = schema.SVDFOptionsT()
    options.rank = case.rank
    options.fusedActivationFunction = case.activation
    return options


def build_float(case: SvdfCase) -> bytes:
    feature, time, bias = _weights(case)
    f32 = np.float32
    inputs = [
        mb.Tensor("input", f32, (case.batches, case.input_size)),
        mb.Tensor("weights_feature", f32, feature.shape, feature),
        mb.Tensor("weights_time", f32, time.shape, time),
        mb.Tensor("bias", f32, bias.shape, bias) if case.bias else None,
        mb.Tensor("state", f32, (case.batches, case.memory * case.filters),
                  is_variable=True),
    ]
    output = mb.Tensor("output", f32, (case.batches, case.units))
    return mb.build(OP, inputs, [output], schema.BuiltinOptions.SVDFOptions,
                    _options(case))


def build_int8(case: SvdfCase) -> bytes:
    feature, time, bias = _weights(case)
    state_peak, output_peak = _float_svdf_ranges(case, feature, time, bias)
    low, high = cu.DEFAULT_INPUT_RANGE
    input_scale = (high - low) / 255.0
    input_zp = int(round(-128 - low / input_scale))
    feature_scale = mb.symmetric_scale(feature, np.int8)
    time_scale = mb.symmetric_scale(time, np.int16)
    state_scale = state_peak / 32767.0
    output_scale = output_peak / 255.0
    bias_scale = state_scale * time_scale
    inputs = [
        mb.Tensor("input", np.int8, (case.batches, case.input_size),
                  scale=input_scale, zero_point=input_zp),
        mb.Tensor("weights_feature", np.int8, feature.shape,
                  mb.quantize(feature, feature_scale, np.int8),
                  scale=feature_scale),
        mb.Tensor("weights_time", np.int16, time.shape,
                  mb.quantize(time, time_scale, np.int16), scale=time_scale),
        mb.Tensor("bias", np.int32, bias.shape,
                  mb.quantize(bias, bias_scale, np.int32), scale=bias_scale)
        if case.bias else None,
        mb.Tensor("state", np.int16,
                  (case.batches, case.memory * case.filters),
                  scale=state_scale, is_variable=True),
    ]
    output = mb.Tensor("output", np.int8, (case.batches, case.units),
                       scale=output_scale, zero_point=-128)
    return mb.build(OP, inputs, [output], schema.BuiltinOptions.SVDFOptions,
                    _options(case))


@pytest.mark.parametrize("quantize", ["float32", "int8"])
@pytest.mark.parametrize("name", list(CASES))
def test_svdf_matches_oracle(name: str, quantize: str) -> None:
    case = CASES[name]
    model = build_float(case) if quantize == "float32" else build_int8(case)
    so.assert_matches_reference(model, num_inputs=NUM_INVOKES)


def test_svdf_float_relu6_matches_oracle() -> None:
    case = SvdfCase(1, 5, 3, 1, 4,
                    activation=schema.ActivationFunctionType.RELU6)
    so.assert_matches_reference(build_float(case), num_inputs=NUM_INVOKES)
