"""The tfmicro command line: run, profile, analyze, cc-array, resolver.

Every command is checked on a real model and on its failure paths (missing
file, not a flatbuffer, unsupported operator, wrong input shape): exit
status 1 and one `tfmicro: error:` line saying what is wrong. validate and
convert have their own files (they need LiteRT and TensorFlow).
"""

from __future__ import annotations

import csv
import io
import itertools
import os

import subprocess
import sys
from xml.etree import ElementTree

import numpy as np
import pytest
from cli_testing import assert_one_line_error, run_cli, unsupported_op_model, write
from conftest import PYTHON_DIR, REPO_DIR, models_dir

import tfmicro
from tfmicro import cli, codegen
from tfmicro.inputs import random_inputs
from tfmicro.progress import Progress

COMMANDS = ("run", "validate", "profile", "analyze", "plan", "convert",
            "cc-array", "resolver")
# Commands taking a .tflite MODEL, with the extra arguments they need.
MODEL_COMMANDS = {
    "run": [],
    "validate": ["--inputs", "1"],
    "profile": ["--runs", "1"],
    "analyze": [],
    "plan": ["-o", "{tmp}/planned.tflite", "--time-budget", "0.1"],
    "cc-array": ["-o", "{tmp}/out"],
    "resolver": ["-o", "{tmp}/out"],
}
# Commands taking --input files.
INPUT_COMMANDS = ("run", "validate", "profile")


def _model_args(command, model, tmp_path):
    extra = [a.replace("{tmp}", str(tmp_path))
             for a in MODEL_COMMANDS[command]]
    return [command, str(model), *extra]


def _expected_outputs(model_path, inputs):
    interpreter = tfmicro.Interpreter.from_file(model_path)
    for i, array in enumerate(inputs):
        interpreter.set_input(array, i)
    interpreter.invoke()
    return [interpreter.get_output(i)
            for i in range(interpreter.outputs_size())]


# --- help and usage ----------------------------------------------------------

@pytest.mark.parametrize("command", COMMANDS)
def test_every_command_has_help(command, capsys):
    with pytest.raises(SystemExit) as exit_info:
        cli.main([command, "--help"])
    assert exit_info.value.code == 0
    out = capsys.readouterr().out
    assert out.startswith(f"usage: tfmicro {command}")


def test_top_level_help_lists_every_command(capsys):
    with pytest.raises(SystemExit) as exit_info:
        cli.main(["--help"])
    assert exit_info.value.code == 0
    out = capsys.readouterr().out
    for command in COMMANDS:
        assert command in out


def test_missing_command_is_a_usage_error(capsys):
    with pytest.raises(SystemExit) as exit_info:
        cli.main([])
    assert exit_info.value.code == 2
    assert "usage: tfmicro" in capsys.readouterr().err


# --- failure paths, every command ----------------------------------------------

@pytest.mark.parametrize("command", sorted(MODEL_COMMANDS))
def test_missing_model_file(command, tmp_path, capsys):
    missing = tmp_path / "missing.tflite"
    result = run_cli(capsys, *_model_args(command, missing, tmp_path))
    assert_one_line_error(result, "model file not found", str(missing))


@pytest.mark.parametrize("command", sorted(MODEL_COMMANDS))
def test_model_path_that_is_a_directory(command, tmp_path, capsys):
    directory = tmp_path / "models.tflite"
    directory.mkdir()
    result = run_cli(capsys, *_model_args(command, directory, tmp_path))
    assert_one_line_error(result, "not a file", str(directory))


@pytest.mark.parametrize("args, message", [
    (["run", "--arena-size", "-1"], "must be at least 0, got -1"),
    (["run", "--arena-size", "lots"], "expected an integer, got 'lots'"),
    (["run", "--seed", "-3"], "must be at least 0, got -3"),
    (["profile", "--runs", "0"], "must be at least 1, got 0"),
    (["profile", "--runs", "1.5"], "expected an integer, got '1.5'"),
    (["profile", "--warmup", "-1"], "must be at least 0, got -1"),
    (["analyze", "--tensors", "-2"], "must be at least 0, got -2"),
    (["validate", "--rtol", "nan"], "must be a finite number >= 0"),
    (["validate", "--atol", "-0.5"], "must be a finite number >= 0"),
    (["validate", "--atol", "tiny"], "expected a number, got 'tiny'"),
])
def test_bad_numeric_option_is_a_usage_error(args, message, capsys,
                                             sine_model_path):
    command, *options = args
    with pytest.raises(SystemExit) as exit_info:
        cli.main([command, str(sine_model_path), *options])
    assert exit_info.value.code == 2
    err = capsys.readouterr().err
    assert f"argument {options[0]}: {message}" in err, err


def test_arena_past_the_limit(capsys, sine_model_path):
    result = run_cli(capsys, "run", sine_model_path, "--arena-size",
                     3_000_000_000)
    assert_one_line_error(result, "exceeds the maximum of 2147483648 bytes")


@pytest.mark.parametrize("command", sorted(MODEL_COMMANDS))
def test_not_a_flatbuffer(command, tmp_path, capsys):
    text = write(tmp_path / "notes.tflite", b"this is a text file\n" * 4)
    result = run_cli(capsys, *_model_args(command, text, tmp_path))
    assert_one_line_error(result, "not a TFLite model", "TFL3")


@pytest.mark.parametrize("command", sorted(MODEL_COMMANDS))
def test_truncated_flatbuffer(command, tmp_path, capsys, sine_model):
    truncated = write(tmp_path / "cut.tflite", sine_model[:64])
    result = run_cli(capsys, *_model_args(command, truncated, tmp_path))
    assert_one_line_error(result, "not a valid TFLite")


@pytest.mark.parametrize("command",
                         sorted(set(MODEL_COMMANDS) - {"cc-array"}))
def test_unsupported_op(command, tmp_path, capsys, sine_model):
    model = write(tmp_path / "skip_gram.tflite",
                  unsupported_op_model(sine_model, "SKIP_GRAM"))
    result = run_cli(capsys, *_model_args(command, model, tmp_path))
    assert_one_line_error(result, "SKIP_GRAM")


def test_cc_array_embeds_any_valid_model(tmp_path, capsys, sine_model):
    # Embedding does not depend on the operators.
    model = write(tmp_path / "skip_gram.tflite",
                  unsupported_op_model(sine_model, "SKIP_GRAM"))
    assert run_cli(capsys, "cc-array", model, "-o", tmp_path).code == 0


@pytest.mark.parametrize("command", INPUT_COMMANDS)
def test_wrong_input_shape(command, tmp_path, capsys, sine_model_path):
    wrong = tmp_path / "wrong.npy"
    np.save(wrong, np.zeros((2, 3), dtype=np.int8))
    result = run_cli(capsys, *_model_args(command, sine_model_path, tmp_path),
                     "--input", wrong)
    assert_one_line_error(result, "input 0", "expects shape [1, 1]",
                          "has shape [2, 3]")


@pytest.mark.parametrize("command", INPUT_COMMANDS)
def test_wrong_input_dtype(command, tmp_path, capsys, sine_model_path):
    wrong = tmp_path / "wrong.npy"
    np.save(wrong, np.zeros((1, 1), dtype=np.int32))
    result = run_cli(capsys, *_model_args(command, sine_model_path, tmp_path),
                     "--input", wrong)
    assert_one_line_error(result, "expects int8", "int32")


@pytest.mark.parametrize("command", INPUT_COMMANDS)
def test_missing_input_file(command, tmp_path, capsys, sine_model_path):
    result = run_cli(capsys, *_model_args(command, sine_model_path, tmp_path),
                     "--input", tmp_path / "nothing.npy")
    assert_one_line_error(result, "input file not found")


def test_wrong_number_of_input_files(tmp_path, capsys, sine_model_path):
    one = tmp_path / "x.npy"
    np.save(one, np.zeros((1, 1), dtype=np.int8))
    result = run_cli(capsys, "run", sine_model_path, "--input", one,
                     "--input", one)
    assert_one_line_error(result, "the model has 1 input, got 2 input files")


def test_arena_too_small(capsys, sine_model_path):
    result = run_cli(capsys, "run", sine_model_path, "--arena-size", "256")
    assert_one_line_error(result)
    assert "arena" in result.err.lower()


# --- run -------------------------------------------------------------------------

def test_run_prints_outputs_and_arena(capsys, sine_model_path):
    result = run_cli(capsys, "run", sine_model_path, "--seed", "5")
    assert result.code == 0 and result.err == ""
    used = tfmicro.Interpreter.from_file(sine_model_path).arena_used_bytes()
    assert "input 0 (" in result.out and "random (seed 5)" in result.out
    assert "output 0 (" in result.out
    assert f"arena: {used} bytes used" in result.out


def test_run_with_input_file_writes_outputs(tmp_path, capsys,
                                            sine_model_path):
    x = np.array([[42]], dtype=np.int8)
    np.save(tmp_path / "x.npy", x)
    result = run_cli(capsys, "run", sine_model_path, "--input",
                     tmp_path / "x.npy", "--output-dir", tmp_path / "out")
    assert result.code == 0, result.err
    written = np.load(tmp_path / "out" / "output_0.npy")
    np.testing.assert_array_equal(written,
                                  _expected_outputs(sine_model_path, [x])[0])
    assert f"wrote {tmp_path / 'out' / 'output_0.npy'}" in result.out


def test_run_accepts_float64_data_for_a_float_input(tmp_path, capsys):
    model = models_dir() / "sine_float32.tflite"
    np.save(tmp_path / "x.npy", np.array([[0.5]], dtype=np.float64))
    result = run_cli(capsys, "run", model, "--input", tmp_path / "x.npy",
                     "--json")
    assert result.code == 0, result.err
    data = result.json()
    assert data["inputs"][0]["values"] == [[0.5]]
    expected = _expected_outputs(model, [np.array([[0.5]], np.float32)])[0]
    np.testing.assert_array_equal(
        np.array(data["outputs"][0]["values"], np.float32), expected)


def test_run_quantizes_float_data_for_an_int8_input(tmp_path, capsys,
                                                    sine_model_path):
    np.save(tmp_path / "x.npy", np.array([[1.25]], dtype=np.float32))
    result = run_cli(capsys, "run", sine_model_path, "--input",
                     tmp_path / "x.npy", "--json")
    assert result.code == 0, result.err
    data = result.json()
    detail = tfmicro.Interpreter.from_file(sine_model_path
                                           ).get_input_details(0)
    params = detail["quantization_parameters"]
    expected = int(np.clip(np.round(1.25 / params["scales"][0]) +
                           params["zero_points"][0], -128, 127))
    assert data["inputs"][0]["values"] == [[expected]]
    note = (f"input 0: quantized {tmp_path / 'x.npy'} to int8 with scale "
            f"{params['scales'][0]:g}, zero point "
            f"{params['zero_points'][0]}")
    assert data["notes"] == [note]


def test_run_json(capsys, sine_model_path):
    result = run_cli(capsys, "run", sine_model_path, "--seed", "2", "--json")
    assert result.code == 0
    data = result.json()
    interpreter = tfmicro.Interpreter.from_file(sine_model_path)
    inputs = random_inputs([interpreter.get_input_details(0)],
                           np.random.default_rng(2))
    assert data["inputs"][0]["source"] == "random (seed 2)"
    assert data["inputs"][0]["values"] == inputs[0].tolist()
    assert data["outputs"][0]["values"] == _expected_outputs(
        sine_model_path, inputs)[0].tolist()
    assert data["arena_used_bytes"] == interpreter.arena_used_bytes()


# --- analyze -------------------------------------------------------------------------

def test_analyze_reports_ops_weights_arena_and_timeline(capsys):
    model = models_dir() / "kws_int8.tflite"
    result = run_cli(capsys, "analyze", model)
    assert result.code == 0, result.err
    out = result.out
    for op in ("CONV_2D", "DEPTHWISE_CONV_2D", "AVERAGE_POOL_2D",
               "FULLY_CONNECTED", "SOFTMAX"):
        assert op in out
    assert "all supported" in out and "reference" in out
    assert "weights: 24,320 bytes" in out
    used = tfmicro.Interpreter.from_file(model).arena_used_bytes()
    assert f"arena: {used:,} bytes" in out
    assert "memory timeline" in out and "<- peak" in out


def test_analyze_json_is_consistent(capsys):
    model = models_dir() / "ic_int8.tflite"
    data = run_cli(capsys, "analyze", model, "--json").json()
    arena = data["arena"]
    assert arena["total_bytes"] == sum(
        arena[k] for k in ("tensor_bytes", "scratch_bytes",
                           "persistent_bytes", "temporary_bytes",
                           "interpreter_bytes"))
    assert arena["planned_bytes"] == (arena["tensor_bytes"] +
                                      arena["scratch_bytes"])
    # Every planned tensor lies inside the planned region, and two tensors
    # live at the same time overlap only in place: an output born at the
    # operator starting at or before an input that dies there.
    tensors = data["arena_tensors"]
    for t in tensors:
        assert 0 <= t["offset"] and (t["offset"] + t["bytes"] <=
                                     arena["planned_bytes"])
    for step in data["timeline"]:
        op = step["op_index"]
        live = [t for t in tensors if t["index"] in step["live_tensors"]]
        for a, b in itertools.combinations(live, 2):
            if (a["offset"] + a["bytes"] <= b["offset"]
                    or b["offset"] + b["bytes"] <= a["offset"]):
                continue
            pairs = [(x, y) for x, y in ((a, b), (b, a))
                     if x["first_op"] == op and y["last_op"] == op
                     and x["offset"] <= y["offset"]]
            assert pairs, f"overlap at operator {op}"
    assert data["peak"]["live_bytes"] == max(s["live_bytes"]
                                             for s in data["timeline"])
    assert len(data["operators"]) == len(data["timeline"])
    assert all(op["kernel_library"] == "reference"
               for op in data["operators"])


def test_analyze_unsupported_op_lists_ops_then_fails(tmp_path, capsys,
                                                     sine_model):
    model = write(tmp_path / "skip_gram.tflite",
                  unsupported_op_model(sine_model, "SKIP_GRAM"))
    result = run_cli(capsys, "analyze", model)
    assert_one_line_error(result, "no kernel for: SKIP_GRAM")
    assert "SKIP_GRAM" in result.out and "1 unsupported" in result.out
    result = run_cli(capsys, "analyze", model, "--json")
    data = result.json()
    assert data["all_supported"] is False
    assert data["unsupported_ops"] == ["SKIP_GRAM"]
    assert data["arena"] is None


def test_analyze_plot_svg(tmp_path, capsys):
    model = models_dir() / "kws_int8.tflite"
    svg = tmp_path / "arena.svg"
    result = run_cli(capsys, "analyze", model, "--plot", svg, "--json")
    assert result.code == 0, result.err
    data = result.json()
    root = ElementTree.parse(svg).getroot()
    namespace = "{http://www.w3.org/2000/svg}"
    assert root.tag == f"{namespace}svg"
    titles = [t.text for t in root.iter(f"{namespace}title")]
    assert len(titles) == len(data["arena_tensors"])
    for tensor in data["arena_tensors"]:
        assert any(text.startswith(f"tensor {tensor['index']} ")
                   for text in titles)


def test_analyze_plot_html(tmp_path, capsys):
    page = tmp_path / "arena.html"
    result = run_cli(capsys, "analyze", models_dir() / "sine_int8.tflite",
                     "--plot", page)
    assert result.code == 0, result.err
    text = page.read_text()
    assert text.startswith("<!DOCTYPE html>") and "<svg" in text
    assert f"wrote {page}" in result.out


def test_analyze_plot_png_explains(tmp_path, capsys):
    result = run_cli(capsys, "analyze", models_dir() / "sine_int8.tflite",
                     "--plot", tmp_path / "arena.png")
    assert_one_line_error(result, ".svg or .html")


# --- profile ---------------------------------------------------------------------

def test_profile_table(capsys):
    model = models_dir() / "kws_int8.tflite"
    result = run_cli(capsys, "profile", model, "--runs", "2")
    assert result.code == 0, result.err
    lines = result.out.splitlines()
    assert "median of 2 runs" in lines[0]
    assert lines[1].split()[:3] == ["#", "op", "dtype"]
    assert len([line for line in lines if "CONV_2D" in line]) == 9
    assert any(line.split()[0] == "total" for line in lines)
    assert "MMAC/s" in lines[-1]


def test_profile_csv_and_macs(capsys):
    model = models_dir() / "kws_int8.tflite"
    result = run_cli(capsys, "profile", model, "--runs", "1", "--csv")
    assert result.code == 0, result.err
    rows = list(csv.DictReader(io.StringIO(result.out)))
    interpreter = tfmicro.Interpreter.from_file(model)
    ops = interpreter.operators()
    assert len(rows) == len(ops) + 1 and rows[-1]["op"] == "total"
    assert [r["op"] for r in rows[:-1]] == [op["op_name"] for op in ops]
    details = interpreter.tensor_details()
    for row, op in zip(rows, ops, strict=False):
        out = int(np.prod(details[op["outputs"][0]]["shape"]))
        weights = [int(d) for d in details[op["inputs"][1]]["shape"]] if len(
            op["inputs"]) > 1 else None
        if op["op_name"] == "CONV_2D":
            expected = str(out * int(np.prod(weights[1:])))
        elif op["op_name"] == "DEPTHWISE_CONV_2D":
            expected = str(out * weights[1] * weights[2])
        elif op["op_name"] == "FULLY_CONNECTED":
            expected = str(out * weights[1])
        else:
            expected = ""
        assert row["macs"] == expected, op
    assert int(rows[-1]["macs"]) == sum(int(r["macs"] or 0)
                                        for r in rows[:-1])
    shares = sum(float(r["share"]) for r in rows[:-1])
    assert shares == pytest.approx(1.0, abs=1e-4)


def test_profile_csv_file_and_json(tmp_path, capsys, sine_model_path):
    out = tmp_path / "profile.csv"
    result = run_cli(capsys, "profile", sine_model_path, "--runs", "3",
                     "--csv", out, "--json")
    assert result.code == 0, result.err
    data = result.json()
    assert data["runs"] == 3 and data["statistic"] == "median"
    assert [r["op"] for r in data["operators"]] == ["FULLY_CONNECTED"] * 3
    # sine: 1 -> 16 -> 16 -> 1 units.
    assert [r["macs"] for r in data["operators"]] == [16, 256, 16]
    assert data["total"]["macs"] == 288
    assert out.read_text().splitlines()[0].startswith("index,op,dtype")


# --- cc-array and resolver ---------------------------------------------------------

def test_cc_array_writes_aligned_array(tmp_path, capsys, sine_model_path):
    result = run_cli(capsys, "cc-array", sine_model_path, "-o", tmp_path)
    assert result.code == 0, result.err
    stem = sine_model_path.stem + "_model"
    source = (tmp_path / f"{stem}.cc").read_text()
    header = (tmp_path / f"{stem}.h").read_text()
    assert f"alignas(16) const unsigned char g_{stem}[]" in source
    assert f"extern const unsigned int g_{stem}_len;" in header
    body = source.split("{", 1)[1].split("}", 1)[0]
    data = bytes(int(v, 16) for v in body.replace(",", " ").split())
    assert data == sine_model_path.read_bytes()
    assert f'#include "{stem}.h"' in source


def test_cc_array_options(tmp_path, capsys, sine_model_path):
    result = run_cli(capsys, "cc-array", sine_model_path, "-o", tmp_path,
                     "--name", "model_data", "--symbol", "g_sine",
                     "--include-prefix", "app/", "--json")
    assert result.code == 0, result.err
    data = result.json()
    assert data["symbol"] == "g_sine" and data["alignment"] == 16
    assert '#include "app/model_data.h"' in (tmp_path /
                                             "model_data.cc").read_text()
    bad = run_cli(capsys, "cc-array", sine_model_path, "-o", tmp_path,
                  "--symbol", "9lives")
    assert_one_line_error(bad, "not a C++ identifier")


def test_resolver_registers_exactly_the_models_ops(tmp_path, capsys):
    model = models_dir() / "kws_int8.tflite"
    result = run_cli(capsys, "resolver", model, "-o", tmp_path, "--json")
    assert result.code == 0, result.err
    data = result.json()
    expected = sorted({op["op_name"] for op in
                       tfmicro.Interpreter.from_file(model).operators()})
    assert data["ops"] == expected
    header = (tmp_path / "kws_int8_op_resolver.h").read_text()
    source = (tmp_path / "kws_int8_op_resolver.cc").read_text()
    assert (f"using KwsInt8OpResolver = tfmicro::MicroOpResolver<"
            f"{len(expected)}>;") in header
    calls = [line.strip() for line in source.splitlines()
             if "resolver->Add" in line]
    assert calls == [f"TFM_RETURN_IF_ERROR(resolver->"
                     f"{codegen.add_method(op)}());" for op in expected]


def test_every_supported_op_has_a_resolver_method():
    # MicroOpResolver's Add methods are generated from the kernel list.
    kernel_list = (REPO_DIR / codegen.KERNEL_LIST).read_text()
    for name in tfmicro.supported_ops():
        method = codegen.add_method(name)
        assert f"TFM_BUILTIN_KERNEL({name}, {method[len('Add'):]})" in \
            kernel_list, name


def test_out_dir_that_is_a_file(tmp_path, capsys, sine_model_path):
    blocker = write(tmp_path / "file", b"")
    for command in ("cc-array", "resolver"):
        result = run_cli(capsys, command, sine_model_path, "-o", blocker)
        assert_one_line_error(result, "is not a directory")


# --- progress and imports -------------------------------------------------------------

class _Terminal(io.StringIO):
    def isatty(self):
        return True


def test_progress_draws_only_on_a_terminal():
    terminal, pipe = _Terminal(), io.StringIO()
    for stream in (terminal, pipe):
        with Progress(3, "work", stream=stream) as bar:
            for _ in range(3):
                bar.update()
    assert "work [" in terminal.getvalue() and "3/3" in terminal.getvalue()
    assert pipe.getvalue() == ""


def test_commands_print_nothing_on_stderr_when_not_a_terminal(capsys):
    model = models_dir() / "sine_int8.tflite"
    for args in (["profile", model, "--runs", "3"], ["analyze", model]):
        result = run_cli(capsys, *args)
        assert result.code == 0 and result.err == ""


def test_run_profile_analyze_work_without_tensorflow(tmp_path,
                                                    sine_model_path):
    # A child where importing TensorFlow or LiteRT fails, as in an
    # environment without them.
    code = f"""
import importlib.abc, sys
BLOCKED = {{"tensorflow", "ai_edge_litert", "keras", "tflite_runtime",
            "tflite_micro", "flatbuffers"}}
class Block(importlib.abc.MetaPathFinder):
    def find_spec(self, name, path, target=None):
        if name.split(".")[0] in BLOCKED:
            raise ImportError("blocked: " + name)
sys.meta_path.insert(0, Block())
sys.path.insert(0, {str(PYTHON_DIR)!r})
from tfmicro import cli
model, out = sys.argv[1], sys.argv[2]
for args in (["run", model], ["profile", model, "--runs", "2"],
             ["analyze", model, "--plot", out + "/a.svg"],
             ["cc-array", model, "-o", out], ["resolver", model, "-o", out]):
    assert cli.main(args) == 0, args
assert cli.main(["validate", model]) == 1
print("loaded:", sorted(m for m in sys.modules
                        if m.split(".")[0] in BLOCKED))
"""
    child = subprocess.run(
        [sys.executable, "-c", code, str(sine_model_path), str(tmp_path)],
        capture_output=True, text=True, timeout=300, env=dict(os.environ),
        check=False)
    assert child.returncode == 0, child.stdout + child.stderr
    assert "loaded: []" in child.stdout
    assert "validate compares against TFLite" in child.stderr or \
        "blocked" in child.stderr
