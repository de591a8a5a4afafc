"""``tfmicro validate``: agreement with TFLite, and finding where it breaks.

The must-fail tests edit one operator's weights after conversion and
validate the edited model (run by tfmicro) against the original (run by
TFLite, ``--reference``): validate must fail, and the first divergent
operator it names must be the edited one.
"""

from __future__ import annotations

import numpy as np
import pytest
from cli_testing import alter_weights, assert_one_line_error, run_cli, write
from conftest import models_dir
from tfmicro import validate as validation


def test_validate_passes_int8(capsys, sine_model_path):
    result = run_cli(capsys, "validate", sine_model_path)
    assert result.code == 0, result.err
    assert "bit-exact" in result.out and "matches on 10 of 10" in result.out
    assert result.out.rstrip().endswith("PASS")
    assert "BUILTIN_REF" in result.out


def test_validate_passes_float_json(capsys):
    model = models_dir() / "kws_float32.tflite"
    result = run_cli(capsys, "validate", model, "--inputs", "3", "--json")
    assert result.code == 0, result.err
    data = result.json()
    assert data["passed"] is True and data["layers"] is None
    assert data["resolver"] == "BUILTIN_REF"
    assert data["outputs"][0]["sets"] == 3
    assert data["outputs"][0]["rule"].startswith("|diff| <=")


@pytest.mark.parametrize("model_name, op_index, op_name", [
    ("ad_int8", 2, "FULLY_CONNECTED"),
    ("ic_int8", 4, "CONV_2D"),
    ("ad_float32", 5, "FULLY_CONNECTED"),
])
def test_validate_names_the_altered_layer(model_name, op_index, op_name,
                                          tmp_path, capsys):
    original = models_dir() / f"{model_name}.tflite"
    altered = write(tmp_path / "altered.tflite",
                    alter_weights(original.read_bytes(), op_index))
    result = run_cli(capsys, "validate", altered, "--reference", original,
                     "--inputs", "2")
    assert_one_line_error(result, "validation failed",
                          f"first divergence at operator {op_index} "
                          f"{op_name}")
    assert result.out.rstrip().endswith("FAIL")
    divergent = [line for line in result.out.splitlines()
                 if "<- first divergence" in line]
    assert len(divergent) == 1
    assert divergent[0].split()[:2] == [str(op_index), op_name]

    data = run_cli(capsys, "validate", altered, "--reference", original,
                   "--inputs", "2", "--json").json()
    assert data["passed"] is False
    first = data["first_divergence"]
    assert first["op_index"] == op_index and first["op"] == op_name
    assert first["max_abs_diff"] > 0 and first["differing"] > 0
    # Every operator before the altered one matches.
    assert all(row["ok"] for row in data["layers"]
               if row["op_index"] < op_index)


def test_validate_same_model_has_no_divergent_layer(sine_model_path):
    data = sine_model_path.read_bytes()
    import tfmicro
    from tfmicro.inputs import random_inputs
    from tfmicro.model_file import read_model_bytes

    interpreter = tfmicro.Interpreter.from_bytes(data)
    inputs = random_inputs([interpreter.get_input_details(0)],
                           np.random.default_rng(0))
    rows, first, note = validation.locate_divergence(
        data, data, read_model_bytes(data), inputs, 1e-5, None)
    assert first is None and "memory plan" in note
    assert [row["op_index"] for row in rows] == [0, 1, 2]
    assert all(row["ok"] for row in rows)


def test_validate_with_input_file(tmp_path, capsys, sine_model_path):
    np.save(tmp_path / "x.npy", np.array([[-7]], dtype=np.int8))
    result = run_cli(capsys, "validate", sine_model_path, "--input",
                     tmp_path / "x.npy", "--json")
    assert result.code == 0, result.err
    data = result.json()
    assert data["inputs"] == str(tmp_path / "x.npy")
    assert data["outputs"][0]["sets"] == 1


def test_validate_reference_with_other_inputs(capsys, sine_model_path):
    result = run_cli(capsys, "validate", sine_model_path, "--reference",
                     models_dir() / "ad_int8.tflite")
    assert_one_line_error(result, "has other inputs than")


def test_validate_missing_reference(tmp_path, capsys, sine_model_path):
    result = run_cli(capsys, "validate", sine_model_path, "--reference",
                     tmp_path / "nope.tflite")
    assert_one_line_error(result, "model file not found")


def test_validate_rejects_zero_inputs(capsys, sine_model_path):
    with pytest.raises(SystemExit) as exit_info:
        run_cli(capsys, "validate", sine_model_path, "--inputs", "0")
    assert exit_info.value.code == 2


def test_compare_rules():
    exact = validation.compare(np.array([1, 2], np.int8),
                               np.array([1, 3], np.int8), 1e-5, None)
    assert (exact.rule, exact.differing, exact.max_abs_diff) == (
        "bit-exact", 1, 1.0)
    close = validation.compare(np.array([1.0, 2.0], np.float32),
                               np.array([1.0, 2.0 + 1e-6], np.float32),
                               1e-5, None)
    assert close.ok
    far = validation.compare(np.array([1.0], np.float32),
                             np.array([1.1], np.float32), 1e-5, None)
    assert not far.ok
    shape = validation.compare(np.zeros(2, np.int8), np.zeros(3, np.int8),
                               1e-5, None)
    assert not shape.ok and "tfmicro has" in shape.note
