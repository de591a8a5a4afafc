"""``tfmicro convert``: Keras / SavedModel to a microcontroller model.

A small Keras model goes through each quantization mode; the int8 result
must be full-integer with int8 input and output, run on tfmicro and
validate against TFLite. Argument errors are reported before TensorFlow is
imported.
"""

from __future__ import annotations

import numpy as np
import pytest
from cli_testing import assert_one_line_error, run_cli
from tfmicro.model_file import read_model

INPUT_SHAPE = (1, 6)


@pytest.fixture(scope="module")
def keras_model(tmp_path_factory):
    """A .keras file and its SavedModel export, with calibration data."""
    import tensorflow as tf

    tf.keras.utils.set_random_seed(3)
    model = tf.keras.Sequential([
        tf.keras.Input(shape=INPUT_SHAPE[1:], batch_size=1),
        tf.keras.layers.Dense(16, activation="relu"),
        tf.keras.layers.Dense(4),
        tf.keras.layers.Softmax(),
    ])
    out = tmp_path_factory.mktemp("keras")
    path = out / "tiny.keras"
    model.save(path)
    saved = out / "tiny_saved_model"
    model.export(saved, verbose=False)
    samples = out / "samples.npy"
    np.save(samples, np.random.default_rng(0).uniform(
        -1, 1, (20, *INPUT_SHAPE[1:])).astype(np.float32))
    return path, saved, samples


def test_int8_is_full_integer_and_validates(keras_model, tmp_path, capsys):
    path, _, samples = keras_model
    out = tmp_path / "tiny_int8.tflite"
    result = run_cli(capsys, "convert", path, "--representative", samples,
                     "-o", out)
    assert result.code == 0, result.err
    assert "full-integer int8" in result.out
    assert "calibrated on 20 samples" in result.out
    assert "tfmicro: every operator supported" in result.out
    model = read_model(out)
    assert [model.tensors[t].dtype for t in model.inputs] == ["int8"]
    assert [model.tensors[t].dtype for t in model.outputs] == ["int8"]
    assert all(t.dtype in ("int8", "int32") for t in model.tensors)
    validated = run_cli(capsys, "validate", out, "--inputs", "3")
    assert validated.code == 0, validated.out + validated.err


def test_float32_from_saved_model_json(keras_model, tmp_path, capsys):
    _, saved, _ = keras_model
    out = tmp_path / "tiny.tflite"
    result = run_cli(capsys, "convert", saved, "--quantize", "float32",
                     "-o", out, "--json")
    assert result.code == 0, result.err
    data = result.json()
    assert data["source_kind"] == "SavedModel"
    assert data["inputs"][0]["dtype"] == "float32"
    assert data["inputs"][0]["shape"] == list(INPUT_SHAPE)
    assert data["bytes"] == out.stat().st_size
    assert data["tfmicro"]["unsupported_ops"] == []
    assert data["tfmicro"]["arena_bytes"] > 0


def test_int16x8_has_int16_io(keras_model, tmp_path, capsys):
    path, _, samples = keras_model
    out = tmp_path / "tiny_16x8.tflite"
    result = run_cli(capsys, "convert", path, "--quantize", "int16x8",
                     "--representative", samples, "-o", out, "--json")
    assert result.code == 0, result.err
    data = result.json()
    assert data["inputs"][0]["dtype"] == "int16"
    assert data["outputs"][0]["dtype"] == "int16"
    assert data["representative_samples"] == 20
    # analyze agrees with convert's check on whether tfmicro runs it.
    analyzed = run_cli(capsys, "analyze", out)
    if data["tfmicro"]["error"] is None:
        assert analyzed.code == 0, analyzed.err
    else:
        assert_one_line_error(analyzed, "tfmicro cannot run the model",
                              data["tfmicro"]["error"])
        assert "FULLY_CONNECTED" in analyzed.out
        assert "arena: unknown" in analyzed.out


def test_default_output_name(keras_model):
    path, _, _ = keras_model
    from tfmicro.convert import default_output

    assert default_output(str(path), "int8") == str(
        path.with_name("tiny_int8.tflite"))


# --- errors, before TensorFlow is imported ---------------------------------------

def test_missing_source(tmp_path, capsys):
    result = run_cli(capsys, "convert", tmp_path / "nothing.keras",
                     "--quantize", "float32")
    assert_one_line_error(result, "model not found")


def test_directory_without_saved_model(tmp_path, capsys):
    result = run_cli(capsys, "convert", tmp_path, "--quantize", "float32")
    assert_one_line_error(result, "not a SavedModel")


def test_unknown_source_type(tmp_path, capsys):
    other = tmp_path / "model.tflite"
    other.write_bytes(b"x")
    result = run_cli(capsys, "convert", other, "--quantize", "float32")
    assert_one_line_error(result, "expected a SavedModel directory or a "
                                  "Keras file")


def test_quantizing_needs_representative_data(keras_model, capsys):
    path, _, _ = keras_model
    result = run_cli(capsys, "convert", path)
    assert_one_line_error(result, "--representative DATA.npy")


def test_missing_representative_data(keras_model, tmp_path, capsys):
    path, _, _ = keras_model
    result = run_cli(capsys, "convert", path, "--representative",
                     tmp_path / "none.npy")
    assert_one_line_error(result, "representative data not found")


def test_representative_data_of_the_wrong_shape(keras_model, tmp_path,
                                                 capsys):
    path, _, _ = keras_model
    wrong = tmp_path / "wrong.npy"
    np.save(wrong, np.zeros((4, 3, 3), np.float32))
    result = run_cli(capsys, "convert", path, "--representative", wrong,
                     "-o", tmp_path / "x.tflite")
    assert_one_line_error(result, "samples of input", "have shape [3, 3]",
                          "the model takes [6]")


def test_float32_takes_no_representative_data(keras_model, capsys):
    path, _, samples = keras_model
    result = run_cli(capsys, "convert", path, "--quantize", "float32",
                     "--representative", samples)
    assert_one_line_error(result, "only used when quantizing")
