"""UNIDIRECTIONAL_SEQUENCE_LSTM conformance: tfmicro against TFLite's
reference kernels.

TensorFlow's converter turns a Keras LSTM into a WHILE loop here (Keras 3
has no fused-LSTM annotation) and crashes on its quantization, so the models
are built directly (op_model_builder) in TFLite's 24-input layout from random
weights: batch-major and time-major, coupled input and forget gates (CIFG),
peephole weights, cell clipping, projection with its clip, and layer
normalization. Several
Invokes run on one interpreter, so the output and cell states carry over as
they do in the oracle. float32
within the tolerance of conformance_util; full integer int8 (TFLite's 8x8_16
kernel: int8 activations and weights, int16 cell state of scale 2^-11,
int32 biases, int16 peephole weights, five intermediates) bit-exact.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pytest

import conformance_util as cu
import op_model_builder as mb
import single_op_edit as so
from ai_edge_litert import schema_py_generated as schema

OP = "UNIDIRECTIONAL_SEQUENCE_LSTM"
NUM_INPUTS = 24
NUM_INVOKES = 3
GATES = ("input", "forget", "cell", "output")


@dataclass(frozen=True)
class LstmCase:
    batches: int
    steps: int
    n_input: int
    n_cell: int
    time_major: bool = False
    cifg: bool = False
    peephole: bool = False
    cell_clip: float = 0.0
    activation: int = schema.ActivationFunctionType.TANH
    # Projection to this many outputs (0: none, the output is the cell's).
    n_projection: int = 0
    proj_clip: float = 0.0
    layer_norm: bool = False

    @property
    def n_output(self) -> int:
        return self.n_projection or self.n_cell

    @property
    def input_shape(self) -> tuple[int, int, int]:
        if self.time_major:
            return (self.steps, self.batches, self.n_input)
        return (self.batches, self.steps, self.n_input)


CASES = {
    "batch2_steps5": LstmCase(2, 5, 3, 4),
    "time_major_cifg": LstmCase(3, 4, 5, 6, time_major=True, cifg=True),
    "peephole_cell_clip": LstmCase(1, 6, 4, 5, peephole=True, cell_clip=0.8),
    "projection_proj_clip": LstmCase(2, 4, 3, 6, n_projection=3,
                                     proj_clip=0.3),
    "layer_norm": LstmCase(2, 4, 5, 8, layer_norm=True),
    "layer_norm_cifg_peephole": LstmCase(1, 5, 3, 4, cifg=True, peephole=True,
                                         layer_norm=True),
}


def _weights(case: LstmCase, seed: int = 0) -> dict[str, np.ndarray]:
    """Float weights by TFLite input name."""
    rng = np.random.default_rng(seed)
    weights = {}
    for gate in GATES:
        if case.cifg and gate == "input":
            continue
        weights[f"input_to_{gate}_weights"] = rng.normal(
            0, 0.5, (case.n_cell, case.n_input))
        weights[f"recurrent_to_{gate}_weights"] = rng.normal(
            0, 0.5, (case.n_cell, case.n_output))
        weights[f"{gate}_gate_bias"] = rng.normal(0, 0.5, case.n_cell)
        if case.peephole and gate != "cell":
            weights[f"cell_to_{gate}_weights"] = rng.normal(0, 0.5,
                                                            case.n_cell)
        if case.layer_norm:
            weights[f"{gate}_layer_norm_coefficients"] = rng.normal(
                1.0, 0.2, case.n_cell)
    if case.n_projection:
        weights["projection_weights"] = rng.normal(
            0, 0.5, (case.n_projection, case.n_cell))
        weights["projection_bias"] = rng.normal(0, 0.2, case.n_projection)
    return {k: v.astype(np.float32) for k, v in weights.items()}


def _input_names() -> list[str]:
    """TFLite's order of the 24 inputs."""
    names = ["input"]
    names += [f"input_to_{g}_weights" for g in GATES]
    names += [f"recurrent_to_{g}_weights" for g in GATES]
    names += [f"cell_to_{g}_weights" for g in ("input", "forget", "output")]
    names += [f"{g}_gate_bias" for g in GATES]
    names += ["projection_weights", "projection_bias", "output_state",
              "cell_state"]
    names += [f"{g}_layer_norm_coefficients" for g in GATES]
    assert len(names) == NUM_INPUTS
    return names


def _options(case: LstmCase):
    options = schema.UnidirectionalSequenceLSTMOptionsT()
    options.fusedActivationFunction = case.activation
    options.cellClip = case.cell_clip
    options.projClip = case.proj_clip
    options.timeMajor = case.time_major
    return options


def build_float(case: LstmCase) -> bytes:
    weights = _weights(case)
    f32 = np.float32
    tensors = {
        "input": mb.Tensor("input", f32, case.input_shape),
        "output_state": mb.Tensor("output_state", f32,
                                  (case.batches, case.n_output),
                                  is_variable=True),
        "cell_state": mb.Tensor("cell_state", f32,
                                (case.batches, case.n_cell),
                                is_variable=True),
    }
    for name, value in weights.items():
        tensors[name] = mb.Tensor(name, f32, value.shape, value)
    inputs = [tensors.get(name) for name in _input_names()]
    shape = (*case.input_shape[:2], case.n_output)
    output = mb.Tensor("output", f32, shape)
    return mb.build(OP, inputs, [output],
                    schema.BuiltinOptions.UnidirectionalSequenceLSTMOptions,
                    _options(case))


@pytest.mark.parametrize("name", list(CASES))
def test_lstm_float_matches_oracle(name: str) -> None:
    so.assert_matches_reference(build_float(CASES[name]),
                                num_inputs=NUM_INVOKES)


def test_lstm_float_relu_matches_oracle() -> None:
    case = LstmCase(1, 4, 3, 3, activation=schema.ActivationFunctionType.RELU)
    so.assert_matches_reference(build_float(case), num_inputs=NUM_INVOKES)


CELL_STATE_SCALE = 2.0 ** -11
GATE_SCALE = 2.0 ** -12
# Gate sums before layer norm reach about +-8 here.
LAYER_NORM_GATE_SCALE = 8.0 / 32767
# The hidden state h = o * tanh(c) lies in (-1, 1); a zero point off 0
# exercises the recurrent zero-point terms.
OUTPUT_STATE_SCALE = 1.0 / 128.0
OUTPUT_STATE_ZERO_POINT = 2


def build_int8(case: LstmCase) -> bytes:
    """The float case's weights quantized for TFLite's integer LSTM."""
    weights = _weights(case)
    low, high = cu.DEFAULT_INPUT_RANGE
    input_scale = (high - low) / 255.0
    input_zp = int(round(-128 - low / input_scale))
    tensors = {
        "input": mb.Tensor("input", np.int8, case.input_shape,
                           scale=input_scale, zero_point=input_zp),
        "output_state": mb.Tensor("output_state", np.int8,
                                  (case.batches, case.n_output),
                                  scale=OUTPUT_STATE_SCALE,
                                  zero_point=OUTPUT_STATE_ZERO_POINT,
                                  is_variable=True),
        "cell_state": mb.Tensor("cell_state", np.int16,
                                (case.batches, case.n_cell),
                                scale=CELL_STATE_SCALE, is_variable=True),
    }
    for gate in GATES:
        if case.cifg and gate == "input":
            continue
        w_name = f"input_to_{gate}_weights"
        r_name = f"recurrent_to_{gate}_weights"
        w_scale = mb.symmetric_scale(weights[w_name], np.int8)
        r_scale = mb.symmetric_scale(weights[r_name], np.int8)
        tensors[w_name] = mb.Tensor(
            w_name, np.int8, weights[w_name].shape,
            mb.quantize(weights[w_name], w_scale, np.int8), scale=w_scale)
        tensors[r_name] = mb.Tensor(
            r_name, np.int8, weights[r_name].shape,
            mb.quantize(weights[r_name], r_scale, np.int8), scale=r_scale)
        b_name = f"{gate}_gate_bias"
        b_scale = w_scale * input_scale
        ln_name = f"{gate}_layer_norm_coefficients"
        if case.layer_norm:
            # The bias follows the normalization: in units of the
            # coefficients' scale times 2^-10.
            ln_scale = mb.symmetric_scale(weights[ln_name], np.int16)
            tensors[ln_name] = mb.Tensor(
                ln_name, np.int16, weights[ln_name].shape,
                mb.quantize(weights[ln_name], ln_scale, np.int16),
                scale=ln_scale)
            b_scale = ln_scale * 2.0 ** -10
        tensors[b_name] = mb.Tensor(
            b_name, np.int32, weights[b_name].shape,
            mb.quantize(weights[b_name], b_scale, np.int32), scale=b_scale)
        p_name = f"cell_to_{gate}_weights"
        if p_name in weights:
            p_scale = mb.symmetric_scale(weights[p_name], np.int16)
            tensors[p_name] = mb.Tensor(
                p_name, np.int16, weights[p_name].shape,
                mb.quantize(weights[p_name], p_scale, np.int16),
                scale=p_scale)
    hidden_scale, hidden_zp = OUTPUT_STATE_SCALE, OUTPUT_STATE_ZERO_POINT
    if case.n_projection:
        # o * tanh(c) in (-1, 1) on its own scale, then the projection.
        hidden_scale, hidden_zp = 1.0 / 128.0, -3
        p_scale = mb.symmetric_scale(weights["projection_weights"], np.int8)
        tensors["projection_weights"] = mb.Tensor(
            "projection_weights", np.int8, weights["projection_weights"].shape,
            mb.quantize(weights["projection_weights"], p_scale, np.int8),
            scale=p_scale)
        pb_scale = p_scale * hidden_scale
        tensors["projection_bias"] = mb.Tensor(
            "projection_bias", np.int32, weights["projection_bias"].shape,
            mb.quantize(weights["projection_bias"], pb_scale, np.int32),
            scale=pb_scale)
    inputs = [tensors.get(name) for name in _input_names()]
    shape = (*case.input_shape[:2], case.n_output)
    output = mb.Tensor("output", np.int8, shape, scale=OUTPUT_STATE_SCALE,
                       zero_point=OUTPUT_STATE_ZERO_POINT)
    # Gate intermediates (with layer norm the scale of each gate's sum before
    # it; else unused), then the hidden state.
    gate_scale = LAYER_NORM_GATE_SCALE if case.layer_norm else GATE_SCALE
    intermediates = [mb.Tensor(f"{gate}_intermediate", np.int16, (),
                               scale=gate_scale) for gate in GATES]
    intermediates.append(mb.Tensor("hidden", np.int8, (), scale=hidden_scale,
                                   zero_point=hidden_zp))
    return mb.build(OP, inputs, [output],
                    schema.BuiltinOptions.UnidirectionalSequenceLSTMOptions,
                    _options(case), intermediates=intermediates)


@pytest.mark.parametrize("name", list(CASES))
def test_lstm_int8_matches_oracle(name: str) -> None:
    so.assert_matches_reference(build_int8(CASES[name]),
                                num_inputs=NUM_INVOKES)
