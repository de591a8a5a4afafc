"""Tests of tfmicro.oracle on the bundled int8 sine model."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest

from tfmicro import oracle

REPO = Path(__file__).resolve().parents[2]
SINE_INT8 = (REPO / "tensorflow_micro" / "examples" / "models" /
             "sine_int8.tflite")


@pytest.fixture(scope="module")
def sine_model() -> bytes:
    return SINE_INT8.read_bytes()


def _abort_when(resolvers: set[str], monkeypatch) -> None:
    """Makes the oracle's child process abort for the given resolvers."""
    guard = (f"import os, sys\nif sys.argv[4] in {sorted(resolvers)!r}:\n"
             "    os.abort()\n")
    monkeypatch.setattr(oracle, "_CHILD_CODE", guard + oracle._CHILD_CODE)


def test_model_inputs_reads_dtype_and_shape(sine_model):
    (spec,) = oracle.model_inputs(sine_model)
    assert spec.dtype == np.int8
    assert spec.shape == (1, 1)
    assert spec.name


def test_random_inputs_are_seeded_and_cover_int8_range(sine_model):
    first = oracle.random_inputs(sine_model, seed=3)
    again = oracle.random_inputs(sine_model, seed=3)
    assert len(first) == 1
    assert first[0].dtype == np.int8 and first[0].shape == (1, 1)
    np.testing.assert_array_equal(first[0], again[0])
    values = {int(oracle.random_inputs(sine_model, seed)[0][0, 0])
              for seed in range(3000)}
    assert min(values) == -128 and max(values) == 127


def test_reference_run_computes_sine(sine_model):
    (spec,) = oracle.model_inputs(sine_model)
    from ai_edge_litert.interpreter import Interpreter

    details = Interpreter(model_content=sine_model)
    in_scale, in_zero = details.get_input_details()[0]["quantization"]
    out_scale, out_zero = details.get_output_details()[0]["quantization"]
    x = np.linspace(0.2, 2 * np.pi - 0.2, 9)
    quantized = np.clip(np.round(x / in_scale) + in_zero, -128, 127)
    for value, q in zip(x, quantized, strict=True):
        result = oracle.run_reference(
            sine_model, [np.full(spec.shape, q, dtype=np.int8)])
        assert result.resolver == oracle.REFERENCE_RESOLVER
        assert not result.fell_back and result.fallback_reason is None
        (output,) = result.outputs
        assert output.dtype == np.int8 and output.shape == (1, 1)
        y = (int(output[0, 0]) - out_zero) * out_scale
        assert abs(y - np.sin(value)) < 0.05, (value, y)


def test_result_is_the_list_of_outputs(sine_model):
    result = oracle.run_reference(sine_model,
                                  oracle.random_inputs(sine_model, seed=0))
    assert isinstance(result, list) and len(result) == 1
    np.testing.assert_array_equal(result[0], result.outputs[0])
    assert result.tensors is None


def test_preserve_all_tensors_returns_intermediates(sine_model):
    inputs = oracle.random_inputs(sine_model, seed=1)
    result = oracle.run_reference(sine_model, inputs,
                                  preserve_all_tensors=True)
    assert result.tensors
    from ai_edge_litert.interpreter import Interpreter

    interpreter = Interpreter(model_content=sine_model)
    input_index = interpreter.get_input_details()[0]["index"]
    output_index = interpreter.get_output_details()[0]["index"]
    np.testing.assert_array_equal(result.tensors[input_index], inputs[0])
    np.testing.assert_array_equal(result.tensors[output_index], result[0])
    # Every tensor is there: weights, biases and the two hidden layers'
    # int8 activations.
    assert set(result.tensors) == {
        d["index"] for d in interpreter.get_tensor_details()}
    activations = [t for t in result.tensors.values()
                   if t.dtype == np.int8 and t.shape == (1, 16)]
    assert len(activations) >= 2


def test_run_reference_many_matches_single_runs(sine_model):
    sets = [oracle.random_inputs(sine_model, seed) for seed in range(4)]
    many = oracle.run_reference_many(sine_model, sets)
    assert len(many) == 4
    for inputs, result in zip(sets, many, strict=True):
        np.testing.assert_array_equal(
            result[0], oracle.run_reference(sine_model, inputs)[0])


def test_falls_back_when_reference_child_dies(sine_model, monkeypatch):
    inputs = oracle.random_inputs(sine_model, seed=2)
    expected = oracle.run_reference(sine_model, inputs)
    _abort_when({oracle.REFERENCE_RESOLVER}, monkeypatch)
    result = oracle.run_reference(sine_model, inputs)
    assert result.fell_back
    assert result.resolver == oracle.FALLBACK_RESOLVER
    assert "SIGABRT" in result.fallback_reason
    np.testing.assert_array_equal(result[0], expected[0])


def test_run_optimized_many_uses_only_the_optimized_kernels(sine_model,
                                                           monkeypatch):
    inputs = oracle.random_inputs(sine_model, seed=3)
    expected = oracle.run_reference(sine_model, inputs)
    _abort_when({oracle.REFERENCE_RESOLVER}, monkeypatch)
    (result,) = oracle.run_optimized_many(sine_model, [inputs])
    assert result.resolver == oracle.FALLBACK_RESOLVER
    np.testing.assert_array_equal(result[0], expected[0])
    _abort_when({oracle.FALLBACK_RESOLVER}, monkeypatch)
    with pytest.raises(oracle.OracleError, match="SIGABRT"):
        oracle.run_optimized_many(sine_model, [inputs])


def test_raises_when_every_resolver_dies(sine_model, monkeypatch):
    _abort_when({oracle.REFERENCE_RESOLVER, oracle.FALLBACK_RESOLVER},
                monkeypatch)
    with pytest.raises(oracle.OracleError, match="SIGABRT.*then"):
        oracle.run_reference(sine_model,
                             oracle.random_inputs(sine_model, seed=0))


def test_rejects_wrong_input_dtype(sine_model):
    with pytest.raises(ValueError,
                       match=r"expects int8 \[1, 1\], got float32"):
        oracle.run_reference(sine_model, [np.zeros((1, 1), np.float32)])


def test_rejects_wrong_input_count(sine_model):
    with pytest.raises(ValueError, match="has 1 input"):
        oracle.run_reference(sine_model, [])


def test_rejects_bare_array(sine_model):
    with pytest.raises(TypeError, match="list of arrays"):
        oracle.run_reference(sine_model, np.zeros((1, 1), np.int8))


def test_rejects_bytes_that_are_not_a_model():
    with pytest.raises(ValueError, match="not a valid .tflite model"):
        oracle.random_inputs(b"definitely not a flatbuffer", seed=0)
