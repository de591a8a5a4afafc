"""SOFTMAX conformance against TFLite's reference kernels.

float32 within tolerance; int8 bit-exact with the reference kernel's
fixed-point path (beta * input scale in Q5.26, exp and reciprocal in fixed
point), over shapes, beta values and input quantizations from ordinary to
extreme. Where TFLite's reference kernel aborts the process, tfmicro must
instead return a clear error (tiny beta * scale) or a sensible result.

INT8 input with INT16 output (TFLite's one mixed-type softmax: the same
fixed-point path rounded to 16 bits) is not what the converter emits, so
those models are built directly (op_model_builder).
"""

from __future__ import annotations

import numpy as np
import pytest

import conformance_util as cu
import op_model_builder as mb
import single_op_edit as so
from ai_edge_litert import schema_py_generated as schema

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


# INT8 in, INT16 out. TFLite's reference kernel writes the same values
# whatever the INT16 output's quantization claims; they mean scale 1/65536,
# zero point -32768, which tfmicro requires.
INT16_OUTPUT_SCALE = 1 / 65536
INT16_OUTPUT_ZERO_POINT = -32768


def _int8_to_int16_model(shape: tuple[int, ...], input_scale: float,
                         input_zero_point: int, beta: float,
                         output_scale: float = INT16_OUTPUT_SCALE,
                         output_zero_point: int = INT16_OUTPUT_ZERO_POINT
                         ) -> bytes:
    x = mb.Tensor("x", np.int8, shape, scale=input_scale,
                  zero_point=input_zero_point)
    y = mb.Tensor("y", np.int16, shape, scale=output_scale,
                  zero_point=output_zero_point)
    options = schema.SoftmaxOptionsT()
    options.beta = beta
    return mb.build(OP, [x], [y], schema.BuiltinOptions.SoftmaxOptions,
                    options)


def _full_range_int8(shape: tuple[int, ...]):
    def inputs(rng: np.random.Generator) -> list[np.ndarray]:
        return [rng.integers(-128, 128, size=shape).astype(np.int8)]
    return inputs


@pytest.mark.parametrize("shape, input_scale, input_zero_point, beta", [
    ((2, 7), 0.05, 3, 1.0),       # ordinary
    ((16,), 0.003, -128, 2.5),    # rank 1, narrow differences
    ((1, 1000), 0.1, 0, 1.0),     # a wide row (sum of exps past 512)
    ((2, 2, 2, 5), 1e4, 127, 1.0),  # multiplier capped: one-hot rows
])
def test_int8_input_int16_output_matches_oracle(
        shape: tuple[int, ...], input_scale: float, input_zero_point: int,
        beta: float) -> None:
    model = _int8_to_int16_model(shape, input_scale, input_zero_point, beta)
    so.assert_matches_reference(model, inputs=_full_range_int8(shape))


def test_int8_input_int16_output_rejects_other_output_quantization() -> None:
    import tfmicro

    model = _int8_to_int16_model((1, 8), 0.1, 0, 1.0,
                                 output_scale=1 / 32768, output_zero_point=0)
    with pytest.raises(tfmicro.errors.KernelError,
                       match="scale 1/65536 and zero point -32768"):
        tfmicro.Interpreter.from_bytes(model)
