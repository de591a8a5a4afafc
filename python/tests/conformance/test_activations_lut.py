"""LOGISTIC and TANH conformance against TFLite's reference kernels.

int8 goes through a 256-entry table of the float function in both
runtimes: every int8 input value is checked, bit-exact, for the converter's
quantization and for edited input and output quantizations. float32 is
checked within tolerance over a range that reaches the logistic's cutoffs.
int16 (16x8) interpolates a table of sigmoid(i / 24): every 64th int16
value, bit-exact, for the converter's input scale and for power-of-two
input scales (TFLite's separate multiplier-free path).
"""

from __future__ import annotations

import numpy as np
import pytest

import conformance_util as cu
import single_op_edit as so

OPS = {
    "LOGISTIC": lambda x: cu._tensorflow().math.sigmoid(x),
    "TANH": lambda x: cu._tensorflow().math.tanh(x),
}
# 256 elements, so one input set can hold every int8 value.
SHAPE = (2, 8, 16)

_MODELS: dict[tuple[str, str], bytes] = {}


def _model(op: str, quantize: str) -> bytes:
    key = (op, quantize)
    if key not in _MODELS:
        model = cu.convert(OPS[op], [SHAPE], quantize=quantize)
        assert so.op_names(model) == [op]
        _MODELS[key] = model
    return _MODELS[key]


def _every_int8_value(rng: np.random.Generator) -> list[np.ndarray]:
    values = np.arange(-128, 128, dtype=np.int8)
    return [rng.permutation(values).reshape(SHAPE)]


@pytest.mark.parametrize("op", list(OPS))
def test_int8_matches_oracle_on_every_input_value(op: str) -> None:
    model = _model(op, "int8")
    expected_output = (1 / 256, -128) if op == "LOGISTIC" else (1 / 128, 0)
    assert so.tensor_quantization(model, op, "output") == expected_output
    so.assert_matches_reference(model, num_inputs=1, inputs=_every_int8_value)


@pytest.mark.parametrize("op", list(OPS))
def test_float_matches_oracle(op: str) -> None:
    so.assert_matches_reference(_model(op, "float32"),
                                input_range=(-30.0, 30.0))


@pytest.mark.parametrize("input_scale", [1e-4, 0.01, 0.1, 1.0, 50.0])
@pytest.mark.parametrize("input_zero_point", [-128, -3, 127])
@pytest.mark.parametrize("op", list(OPS))
def test_int8_input_quantization(op: str, input_scale: float,
                                 input_zero_point: int) -> None:
    model = so.with_quantization(_model(op, "int8"), op, "input",
                                 input_scale, input_zero_point)
    so.assert_matches_reference(model, num_inputs=1, inputs=_every_int8_value)


@pytest.mark.parametrize("output_scale, output_zero_point",
                         [(0.004, 30), (0.02, -100), (1e-5, 0)])
def test_int8_tanh_any_output_quantization(output_scale: float,
                                           output_zero_point: int) -> None:
    model = so.with_quantization(_model("TANH", "int8"), "TANH", "output",
                                 output_scale, output_zero_point)
    so.assert_matches_reference(model, num_inputs=1, inputs=_every_int8_value)


def test_int8_logistic_output_zero_point_is_free() -> None:
    # TFLite fixes only the output scale (1/256) of an int8 logistic.
    model = so.with_quantization(_model("LOGISTIC", "int8"), "LOGISTIC",
                                 "output", 1 / 256, 0)
    so.assert_matches_reference(model, num_inputs=1, inputs=_every_int8_value)


def test_int8_logistic_rejects_other_output_scales() -> None:
    import tfmicro

    model = so.with_quantization(_model("LOGISTIC", "int8"), "LOGISTIC",
                                 "output", 1 / 128, -128)
    with pytest.raises(tfmicro.errors.KernelError,
                       match="output scale must be 1/256"):
        tfmicro.Interpreter.from_bytes(model)


def _int16_sweep(rng: np.random.Generator) -> list[np.ndarray]:
    values = np.arange(-32768, 32768, 64, dtype=np.int16)
    return [rng.permutation(values)[:256].reshape(SHAPE)]


@pytest.mark.parametrize("input_scale", [None, 2.0 ** -12, 2.0 ** -11])
@pytest.mark.parametrize("op", list(OPS))
def test_int16_matches_oracle(op: str, input_scale) -> None:
    model = _model(op, "int16")
    assert so.tensor_quantization(model, op, "output") == (1 / 32768, 0)
    if input_scale is not None:
        model = so.with_quantization(model, op, "input", input_scale, 0)
    so.assert_matches_reference(model, num_inputs=4, inputs=_int16_sweep)
