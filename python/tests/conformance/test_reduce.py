"""SUM, REDUCE_MAX, REDUCE_MIN, REDUCE_ALL and int16 / int32 / int64 MEAN
conformance against TFLite's reference kernels (they share reduce_common
with MEAN): axis sets (negative, several, all), keep_dims on and off;
integer and bool results bit-exact, float32 within tolerance.

Quantized SUM is checked against TFLite's optimized kernel instead: the
reference one (ai-edge-litert 2.3) reads int8 input as uint8 (every
negative sum comes out as -1) and adds int16 values without rescaling;
``test_reference_quantized_sum_is_wrong`` keeps watching that.
"""

from __future__ import annotations

import numpy as np
import pytest

import conformance_util as cu
import single_op_edit as so

# name: (input shape, axes, keepdims)
CASES = {
    "hw_keepdims": ((2, 3, 4, 5), [1, 2], True),
    "negative_axis": ((3, 4, 5), [-1], False),
    "all_axes": ((4, 6), [0, 1], False),
}

REDUCERS = {
    "SUM": "reduce_sum",
    "REDUCE_MAX": "reduce_max",
    "REDUCE_MIN": "reduce_min",
    "MEAN": "reduce_mean",
}


def _convert(op: str, name: str, quantize: str, dtype=None) -> bytes:
    tf = cu._tensorflow()
    shape, axes, keepdims = CASES[name]
    reduce = getattr(tf.math, REDUCERS[op])
    model = cu.convert(lambda x: reduce(x, axis=axes, keepdims=keepdims),
                       [shape], quantize=quantize,
                       input_dtypes=None if dtype is None else [dtype],
                       input_range=(-100, 100) if dtype else
                       cu.DEFAULT_INPUT_RANGE)
    assert so.op_names(model) == [op]
    assert so.options(model, op)["keepDims"] == keepdims
    return model


@pytest.mark.parametrize("quantize", ["float32", "int8", "int16"])
@pytest.mark.parametrize("name", list(CASES))
@pytest.mark.parametrize("op", ["REDUCE_MAX", "REDUCE_MIN"])
def test_reduce_matches_oracle(op: str, name: str, quantize: str) -> None:
    so.assert_matches_reference(_convert(op, name, quantize))


@pytest.mark.parametrize("name", list(CASES))
def test_float_sum_matches_oracle(name: str) -> None:
    so.assert_matches_reference(_convert("SUM", name, "float32"))


@pytest.mark.parametrize("quantize", ["int8", "int16"])
@pytest.mark.parametrize("name", list(CASES))
def test_quantized_sum_matches_optimized_tflite(name: str,
                                                quantize: str) -> None:
    so.assert_matches_optimized(_convert("SUM", name, quantize))


@pytest.mark.parametrize("quantize", ["int8", "int16"])
def test_reference_quantized_sum_is_wrong(quantize: str) -> None:
    # When this fails TFLite fixed its reference kernel: compare against
    # it again (test_reduce_matches_oracle) and drop the optimized oracle.
    from tfmicro import oracle

    model = _convert("SUM", "all_axes", quantize)
    dtype = np.int8 if quantize == "int8" else np.int16
    inputs = [[np.full((4, 6), -5, dtype)]]
    reference = oracle.run_reference_many(model, inputs)[0][0]
    optimized = oracle.run_optimized_many(model, inputs)[0][0]
    assert not np.array_equal(reference, optimized)


@pytest.mark.parametrize("dtype, name", [(np.int32, "hw_keepdims"),
                                         (np.int32, "all_axes"),
                                         (np.int64, "negative_axis")])
@pytest.mark.parametrize("op", list(REDUCERS))
def test_integer_reduce_matches_oracle(op: str, dtype, name: str) -> None:
    # MEAN truncates the int64 sum's quotient; SUM adds in the element type.
    so.assert_matches_reference(_convert(op, name, "float32", dtype),
                                input_range=(-100, 100))


@pytest.mark.parametrize("name", list(CASES))
def test_int16_mean_matches_oracle(name: str) -> None:
    so.assert_matches_reference(_convert("MEAN", name, "int16"))


@pytest.mark.parametrize("same_as_input", [False, True])
def test_int8_sum_output_quantization(same_as_input: bool) -> None:
    model = _convert("SUM", "hw_keepdims", "int8")
    scale, zero_point = ((so.tensor_quantization(model, "SUM", "input"))
                         if same_as_input else (0.3, 40))
    model = so.with_quantization(model, "SUM", "output", scale, zero_point)
    so.assert_matches_optimized(model)


@pytest.mark.parametrize("name", list(CASES))
def test_reduce_all_matches_oracle(name: str) -> None:
    tf = cu._tensorflow()
    shape, axes, keepdims = CASES[name]
    model = cu.convert(
        lambda x: tf.math.reduce_all(x, axis=axes, keepdims=keepdims),
        [shape], quantize="float32", input_dtypes=[np.bool_])
    assert so.op_names(model) == ["REDUCE_ALL"]

    def mostly_true(rng: np.random.Generator) -> list[np.ndarray]:
        # So that some outputs stay true.
        return [rng.random(shape) < 0.9]

    so.assert_matches_reference(model, inputs=mostly_true)
