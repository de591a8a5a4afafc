"""SOFTMAX conformance against TFLite's reference kernels.

float32 within tolerance; int8 bit-exact with the reference kernel's
fixed-point path (beta * input scale in Q5.26, exp and reciprocal in fixed
point), over shapes, beta values and input quantizations from ordinary to
extreme. Where TFLite's reference kernel aborts the process, tfmicro must
instead return a clear error (tiny beta * scale) or a sensible result.
"""

from __future__ import annotations

import numpy as np
import pytest

import conformance_util as cu
import single_op_edit as so

OP = "SOFTMAX"

SHAPES = {
    "1x10": (1, 10),
    "2x3x7": (2, 3, 7),
    "rank1": (16,),
    "depth1": (3, 1),
    "1x1000": (1, 1000),
    "2x2x2x5": (2, 2, 2, 5),
}

_MODELS: dict[tuple[str, str], bytes] = {}


def _model(shape_name: str, quantize: str) -> bytes:
    """The converted softmax model, cached across the tests of this file."""
    key = (shape_name, quantize)
    if key not in _MODELS:
        tf = cu._tensorflow()
        model = cu.convert(lambda x: tf.nn.softmax(x), [SHAPES[shape_name]],
                           quantize=quantize)
        assert so.op_names(model) == [OP]
        assert so.options(model, OP)["beta"] == 1.0
        if quantize == "int8":
            assert so.tensor_quantization(model, OP, "output") == \
                (1 / 256, -128)
        _MODELS[key] = model
    return _MODELS[key]


@pytest.mark.parametrize("quantize", ["int8", "float32"])
@pytest.mark.parametrize("shape_name", list(SHAPES))
def test_softmax_matches_oracle(shape_name: str, quantize: str) -> None:
    so.assert_matches_reference(_model(shape_name, quantize),
                                input_range=(-8.0, 8.0))


@pytest.mark.parametrize("shape_name", ["1x10", "2x3x7", "1x1000",
                                        "2x2x2x5"])
def test_int16_softmax_matches_oracle(shape_name: str) -> None:
    so.assert_matches_reference(_model(shape_name, "int16"),
                                input_range=(-8.0, 8.0))


@pytest.mark.parametrize("beta", [0.25, 3.0])
@pytest.mark.parametrize("input_scale", [1e-4, 2e-3])
def test_int16_softmax_beta_and_input_scale(beta: float,
                                            input_scale: float) -> None:
    model = so.with_options(_model("2x3x7", "int16"), OP, beta=beta)
    model = so.with_quantization(model, OP, "input", input_scale, 0)
    so.assert_matches_reference(model)


@pytest.mark.parametrize("quantize", ["int8", "float32"])
@pytest.mark.parametrize("beta", [0.25, 0.7, 3.0])
def test_softmax_beta_matches_oracle(beta: float, quantize: str) -> None:
    model = so.with_options(_model("2x3x7", quantize), OP, beta=beta)
    so.assert_matches_reference(model, input_range=(-8.0, 8.0))


# Input scales around the fixed-point limits: beta * scale * 2^26 just
# above 1, ordinary, and past 32 where TFLite caps the multiplier.
@pytest.mark.parametrize("input_scale", [2e-8, 1e-6, 0.003, 0.5, 8.0, 40.0,
                                         1e4])
@pytest.mark.parametrize("input_zero_point", [-128, 0, 127])
def test_int8_softmax_input_quantization(input_scale: float,
                                         input_zero_point: int) -> None:
    model = so.with_quantization(_model("2x3x7", "int8"), OP, "input",
                                 input_scale, input_zero_point)
    so.assert_matches_reference(model, num_inputs=2)


def test_int8_softmax_rows_with_ties_and_constants() -> None:
    model = _model("2x3x7", "int8")

    def inputs(rng: np.random.Generator) -> list[np.ndarray]:
        x = rng.integers(-128, 128, size=(2, 3, 7)).astype(np.int8)
        x[0, 0, :] = 5            # a constant row
        x[0, 1, :] = -128         # the minimum everywhere
        x[1, 2, ::2] = 127        # several maxima
        return [x]

    so.assert_matches_reference(model, inputs=inputs)


def test_int8_softmax_rejects_tiny_beta_times_scale() -> None:
    # beta * scale * 2^26 <= 1: TFLite's reference kernel aborts; tfmicro
    # refuses the model with a message.
    import tfmicro

    model = so.with_quantization(_model("1x10", "int8"), OP, "input", 1e-9, 0)
    with pytest.raises(tfmicro.errors.KernelError,
                       match="too small for int8 softmax"):
        tfmicro.Interpreter.from_bytes(model)


def test_int8_softmax_wide_uniform_row_is_zero() -> None:
    # 1000 equal values: exp() sums past 512, where TFLite's reference
    # kernel aborts; each probability (1/1000) is below half a step of 1/256.
    import tfmicro

    interpreter = tfmicro.Interpreter.from_bytes(_model("1x1000", "int8"))
    interpreter.set_input(np.full((1, 1000), 7, np.int8), 0)
    interpreter.invoke()
    assert (interpreter.get_output(0) == -128).all()
