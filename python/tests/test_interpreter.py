"""Behaviour and errors of tfmicro.Interpreter, on the bundled sine model."""

from __future__ import annotations

import gc
import os
import re
import subprocess
import sys
from pathlib import Path

import numpy as np
import pytest

import conformance_util
import corrupt_models
import model_edit
import tfmicro
from tfmicro import _bindings, oracle

INPUT_INDEX_ERROR = (r"input index 1 out of range: the model has 1 input "
                     r"\(valid: 0\.\.0\)")


@pytest.fixture()
def interpreter(sine_model: bytes) -> tfmicro.Interpreter:
    return tfmicro.Interpreter.from_bytes(sine_model)


def _tflite_interpreter(model: bytes):
    from ai_edge_litert.interpreter import Interpreter, OpResolverType

    interpreter = Interpreter(
        model_content=model,
        experimental_op_resolver_type=OpResolverType.BUILTIN_REF)
    interpreter.allocate_tensors()
    return interpreter


def _sine_input(value: int) -> np.ndarray:
    return np.array([[value]], dtype=np.int8)


# --- details ----------------------------------------------------------------

@pytest.mark.parametrize("kind", ["input", "output"])
def test_details_match_tflite(sine_model, interpreter, kind):
    ours = getattr(interpreter, f"get_{kind}_details")(0)
    theirs = getattr(_tflite_interpreter(sine_model), f"get_{kind}_details")()[0]

    assert ours["name"] == theirs["name"]
    assert ours["index"] == theirs["index"]
    assert ours["dtype"] is np.int8 and theirs["dtype"] is np.int8
    assert ours["shape"].dtype == np.int32
    np.testing.assert_array_equal(ours["shape"], theirs["shape"])
    ours_q = ours["quantization_parameters"]
    theirs_q = theirs["quantization_parameters"]
    assert ours_q["scales"].dtype == np.float32
    assert ours_q["zero_points"].dtype == np.int32
    np.testing.assert_array_equal(ours_q["scales"], theirs_q["scales"])
    np.testing.assert_array_equal(ours_q["zero_points"],
                                  theirs_q["zero_points"])
    assert ours_q["quantized_dimension"] == theirs_q["quantized_dimension"]


def test_sizes(interpreter):
    assert interpreter.inputs_size() == 1
    assert interpreter.outputs_size() == 1


def test_operators_match_tflite(sine_model, interpreter):
    theirs = _tflite_interpreter(sine_model)._get_ops_details()
    ours = interpreter.operators()
    assert [op["op_name"] for op in ours] == [op["op_name"] for op in theirs]
    for mine, other in zip(ours, theirs, strict=True):
        assert mine["inputs"] == list(other["inputs"])
        assert mine["outputs"] == list(other["outputs"])
        assert mine["builtin_code"] == model_edit.BUILTIN_CODES[
            mine["op_name"]]


def test_tensor_details_cover_every_tensor(sine_model, interpreter):
    theirs = _tflite_interpreter(sine_model).get_tensor_details()
    ours = interpreter.tensor_details()
    model_tensors = len(model_edit.unpack(sine_model).subgraphs[0].tensors)
    assert len(ours) == model_tensors
    by_index = {d["index"]: d for d in theirs}
    for detail in ours:
        other = by_index[detail["index"]]
        assert detail["name"] == other["name"]
        np.testing.assert_array_equal(detail["shape"], other["shape"])
        assert detail["dtype"] == other["dtype"]
        if detail["is_constant"]:
            assert detail["arena_offset"] == -1
        else:
            assert 0 <= detail["arena_offset"] < interpreter.arena_size()
            assert detail["first_op"] <= detail["last_op"]


# --- invoke, outputs, state -------------------------------------------------

def test_outputs_match_oracle(sine_model):
    every_int8 = [[_sine_input(v)] for v in range(-128, 128)]
    conformance_util.assert_matches_oracle(sine_model, inputs=every_int8)


def test_get_output_is_a_copy(interpreter):
    interpreter.set_input(_sine_input(40), 0)
    interpreter.invoke()
    first = interpreter.get_output(0)
    expected = first.copy()
    first[...] = 0 if expected[0, 0] != 0 else 1
    np.testing.assert_array_equal(interpreter.get_output(0), expected)
    assert first.flags.writeable


def test_invoke_is_repeatable_and_reset_works(interpreter):
    interpreter.set_input(_sine_input(-5), 0)
    interpreter.invoke()
    first = interpreter.get_output(0)
    interpreter.invoke()
    np.testing.assert_array_equal(interpreter.get_output(0), first)
    interpreter.reset()
    interpreter.set_input(_sine_input(-5), 0)
    interpreter.invoke()
    np.testing.assert_array_equal(interpreter.get_output(0), first)


def test_set_input_accepts_non_contiguous_arrays(interpreter):
    wide = np.array([[7, 99]], dtype=np.int8)
    interpreter.set_input(wide[:, :1], 0)
    interpreter.invoke()
    contiguous = interpreter.get_output(0)
    interpreter.set_input(np.array([[7]], dtype=np.int8), 0)
    interpreter.invoke()
    np.testing.assert_array_equal(interpreter.get_output(0), contiguous)


def test_model_bytes_are_copied(sine_model):
    buffer = bytearray(sine_model)
    interpreter = tfmicro.Interpreter.from_bytes(buffer)
    interpreter.set_input(_sine_input(12), 0)
    interpreter.invoke()
    expected = interpreter.get_output(0)
    buffer[:] = bytes(len(buffer))
    del buffer
    gc.collect()
    interpreter.invoke()
    np.testing.assert_array_equal(interpreter.get_output(0), expected)


def test_from_file_equals_from_bytes(sine_model_path, sine_model):
    a = tfmicro.Interpreter.from_file(sine_model_path)
    b = tfmicro.Interpreter.from_bytes(sine_model)
    for interpreter in (a, b):
        interpreter.set_input(_sine_input(33), 0)
        interpreter.invoke()
    np.testing.assert_array_equal(a.get_output(0), b.get_output(0))
    assert a.arena_used_bytes() == b.arena_used_bytes()


def test_invoke_profiled_reports_every_operator(interpreter):
    interpreter.set_input(_sine_input(3), 0)
    assert interpreter.profile() is None
    profile = interpreter.invoke_profiled()
    assert [p["op_name"] for p in profile] == [
        op["op_name"] for op in interpreter.operators()]
    assert all(p["ticks"] >= 0 and p["seconds"] >= 0 for p in profile)
    assert interpreter.profile() == profile
    plain = interpreter.get_output(0)
    interpreter.invoke()
    np.testing.assert_array_equal(interpreter.get_output(0), plain)


# --- debugging: preserved tensors -------------------------------------------

def test_preserved_tensors_match_oracle_layer_by_layer(sine_model):
    inputs = [_sine_input(77)]
    interpreter = tfmicro.Interpreter.from_bytes(sine_model,
                                                 preserve_all_tensors=True)
    interpreter.set_input(inputs[0], 0)
    interpreter.invoke()
    reference = oracle.run_reference(sine_model, inputs,
                                     preserve_all_tensors=True)
    compared = 0
    for detail in interpreter.tensor_details():
        t = detail["index"]
        if t in reference.tensors:
            conformance_util.assert_outputs_match(
                interpreter.get_tensor(t), reference.tensors[t],
                what=f"tensor {t} {detail['name']!r}")
            compared += 1
    assert compared == interpreter.tensors_size()


def test_intermediate_tensors_need_preserve_all_tensors(interpreter):
    details = interpreter.tensor_details()
    constant = next(d for d in details if d["is_constant"])
    intermediate = next(d for d in details if not d["is_constant"])
    assert interpreter.get_tensor(constant["index"]).shape == tuple(
        constant["shape"])
    with pytest.raises(tfmicro.TfmicroError, match="preserve_all_tensors"):
        interpreter.get_tensor(intermediate["index"])


def test_tflite_micro_preserve_config_is_accepted(sine_model):
    from tflite_micro.python.tflite_micro import runtime

    interpreter = tfmicro.Interpreter.from_bytes(
        sine_model,
        intrepreter_config=runtime.InterpreterConfig.kPreserveAllTensors)
    assert interpreter.preserve_all_tensors
    ours = tfmicro.Interpreter.from_bytes(
        sine_model,
        intrepreter_config=tfmicro.InterpreterConfig.kAllocationRecording)
    assert not ours.preserve_all_tensors


def test_same_calls_as_tflite_micro_runtime(sine_model):
    """The calls a tflite_micro user makes work unchanged on tfmicro."""
    from tflite_micro.python.tflite_micro import runtime

    results = []
    for module in (runtime, tfmicro):
        interpreter = module.Interpreter.from_bytes(sine_model,
                                                    arena_size=16384)
        details = interpreter.get_input_details(0)
        interpreter.set_input(np.full(tuple(details["shape"]), 21,
                                      details["dtype"]), 0)
        interpreter.invoke()
        output_details = interpreter.get_output_details(0)
        results.append((interpreter.get_output(0), output_details))
        interpreter.reset()
    (theirs, their_details), (ours, our_details) = results
    np.testing.assert_array_equal(ours, theirs)
    assert set(their_details) <= set(our_details)


# --- arena ------------------------------------------------------------------

def test_default_arena_is_exactly_what_the_model_needs(sine_model,
                                                       interpreter):
    used = interpreter.arena_used_bytes()
    assert interpreter.arena_size() == used
    assert interpreter.arena_usage()["total_bytes"] == used
    roomy = tfmicro.Interpreter.from_bytes(sine_model, arena_size=used + 4096)
    assert roomy.arena_used_bytes() == used
    exact = tfmicro.Interpreter.from_bytes(sine_model, arena_size=used)
    exact.set_input(_sine_input(100), 0)
    exact.invoke()
    roomy.set_input(_sine_input(100), 0)
    roomy.invoke()
    np.testing.assert_array_equal(exact.get_output(0), roomy.get_output(0))


def test_one_byte_less_fails_and_states_the_bytes_needed(sine_model,
                                                         interpreter):
    used = interpreter.arena_used_bytes()
    with pytest.raises(tfmicro.ArenaTooSmallError) as caught:
        tfmicro.Interpreter.from_bytes(sine_model, arena_size=used - 1)
    message = str(caught.value)
    numbers = {int(n) for n in re.findall(r"\d+", message)}
    assert used in numbers, (
        f"the message should state the {used} bytes needed: {message!r}")
    assert caught.value.status == 3


def test_arena_usage_parts_add_up(interpreter):
    usage = interpreter.arena_usage()
    assert set(usage) == {"total_bytes", "planned_bytes", "scratch_bytes",
                          "persistent_bytes", "temporary_bytes",
                          "interpreter_bytes"}
    assert usage["scratch_bytes"] <= usage["planned_bytes"]
    assert usage["interpreter_bytes"] > 0
    # The arena is 16-byte aligned, so the parts account for every byte.
    assert (usage["planned_bytes"] + usage["persistent_bytes"] +
            usage["temporary_bytes"] + usage["interpreter_bytes"]
            == usage["total_bytes"])


def test_preserved_tensors_never_share_memory(sine_model, interpreter):
    preserved = tfmicro.Interpreter.from_bytes(sine_model,
                                               preserve_all_tensors=True)
    assert preserved.arena_size() == preserved.arena_used_bytes()
    assert (preserved.arena_usage()["planned_bytes"] >=
            interpreter.arena_usage()["planned_bytes"])
    ranges = sorted((d["arena_offset"], d["arena_offset"] + d["bytes"])
                    for d in preserved.tensor_details()
                    if not d["is_constant"])
    for (_, end), (start, _) in zip(ranges, ranges[1:], strict=False):
        assert end <= start, f"preserved tensors overlap: {ranges}"


def test_arena_buffer_is_aligned(interpreter):
    assert interpreter._arena.ctypes.data % 16 == 0
    assert interpreter._model.ctypes.data % 16 == 0


def test_print_allocations_writes_to_stderr(interpreter, capsys):
    interpreter.print_allocations()
    captured = capsys.readouterr()
    assert captured.out == ""
    assert str(interpreter.arena_used_bytes()) in captured.err


@pytest.mark.parametrize("arena_size, error", [
    (-1, ValueError), ("big", TypeError), (1.5, TypeError), (True, TypeError),
])
def test_bad_arena_size_argument(sine_model, arena_size, error):
    with pytest.raises(error, match="arena_size"):
        tfmicro.Interpreter.from_bytes(sine_model, arena_size=arena_size)


@pytest.mark.parametrize("arena_size", [0, 1, 64])
def test_tiny_arena_raises_arena_too_small(sine_model, arena_size):
    with pytest.raises(tfmicro.ArenaTooSmallError, match="arena too small"):
        tfmicro.Interpreter.from_bytes(sine_model, arena_size=arena_size)


@pytest.mark.parametrize("arena_size", [2**31 + 1, 1 << 40])
def test_arena_past_the_limit_is_rejected_before_allocating(sine_model,
                                                            arena_size):
    with pytest.raises(ValueError, match=re.escape(
            f"arena_size {arena_size} exceeds the maximum of 2147483648 "
            "bytes")):
        tfmicro.Interpreter.from_bytes(sine_model, arena_size=arena_size)


@pytest.mark.parametrize("flag", [1, "yes", None])
def test_preserve_all_tensors_must_be_a_bool(sine_model, flag):
    with pytest.raises(TypeError, match="preserve_all_tensors must be a "
                                        "bool"):
        tfmicro.Interpreter.from_bytes(sine_model, preserve_all_tensors=flag)


# --- argument errors --------------------------------------------------------

def test_wrong_dtype_names_expected_and_given(interpreter):
    with pytest.raises(ValueError,
                       match=r"input 0: expected dtype int8 \(INT8\), "
                             r"got float32"):
        interpreter.set_input(np.zeros((1, 1), np.float32), 0)
    with pytest.raises(ValueError, match="expected dtype int8.*got int64"):
        interpreter.set_input([[1]], 0)


def test_wrong_shape_names_expected_and_given(interpreter):
    with pytest.raises(ValueError, match=re.escape(
            "input 0: expected shape (1, 1), got (1, 2)")):
        interpreter.set_input(np.zeros((1, 2), np.int8), 0)
    with pytest.raises(ValueError, match=re.escape(
            "expected shape (1, 1), got ()")):
        interpreter.set_input(np.int8(3), 0)


def test_none_input_is_rejected(interpreter):
    with pytest.raises(ValueError, match="must not be None"):
        interpreter.set_input(None, 0)


@pytest.mark.parametrize("call", [
    lambda i: i.set_input(_sine_input(0), 1),
    lambda i: i.get_input_details(1),
])
def test_bad_input_index_states_valid_range(interpreter, call):
    with pytest.raises(IndexError, match=INPUT_INDEX_ERROR):
        call(interpreter)


@pytest.mark.parametrize("call, pattern", [
    (lambda i: i.get_output(-1), r"output index -1 out of range.*0\.\.0"),
    (lambda i: i.get_output_details(3), r"output index 3 out of range"),
    (lambda i: i.set_input(_sine_input(0), -1), r"input index -1"),
    (lambda i: i.get_tensor(10_000), r"tensor index 10000 out of range"),
])
def test_bad_indices_raise_index_error(interpreter, call, pattern):
    with pytest.raises(IndexError, match=pattern):
        call(interpreter)


@pytest.mark.parametrize("index", ["0", 0.0, None, True])
def test_non_integer_index_raises_type_error(interpreter, index):
    with pytest.raises(TypeError, match="index must be an int"):
        interpreter.get_output(index)


@pytest.mark.parametrize("model, error, pattern", [
    ("sine_int8.tflite", TypeError, "got str.*from_file"),
    (12345, TypeError, "bytes-like.*got int"),
    ([1, 2, 3], TypeError, "bytes-like.*got list"),
    (None, ValueError, "must not be None"),
])
def test_non_bytes_model_is_rejected(model, error, pattern):
    with pytest.raises(error, match=pattern):
        tfmicro.Interpreter.from_bytes(model)


def test_missing_file(tmp_path):
    missing = tmp_path / "nope.tflite"
    with pytest.raises(FileNotFoundError, match=re.escape(str(missing))):
        tfmicro.Interpreter.from_file(missing)
    with pytest.raises(ValueError, match="not a file"):
        tfmicro.Interpreter.from_file(tmp_path)


@pytest.mark.parametrize("content", [
    b"# a text file, not a model\n" * 3,
    b"\x93NUMPY\x01\x00" + b"\x00" * 120,
])
def test_file_that_is_not_a_model_is_invalid(tmp_path, content):
    path = tmp_path / "model.tflite"
    path.write_bytes(content)
    with pytest.raises(tfmicro.InvalidModelError,
                       match="not a TFLite model.*TFL3"):
        tfmicro.Interpreter.from_file(path)


def test_tflite_micro_only_arguments_are_rejected(sine_model):
    with pytest.raises(ValueError, match="custom op registerers"):
        tfmicro.Interpreter.from_bytes(sine_model, ["SomeRegisterer"])
    with pytest.raises(ValueError, match="decompression"):
        tfmicro.Interpreter.from_bytes(sine_model,
                                       alt_decompression_memory_size=1024)


# --- invalid models ---------------------------------------------------------

def _assert_invalid(data: bytes, description: str) -> None:
    with pytest.raises(tfmicro.InvalidModelError) as caught:
        tfmicro.Interpreter.from_bytes(data)
    assert str(caught.value), f"{description}: empty error message"
    assert caught.value.status == 1


def test_empty_model_is_invalid():
    _assert_invalid(b"", "empty")


def test_truncated_models_are_invalid(sine_model):
    for description, data in corrupt_models.truncations(sine_model):
        _assert_invalid(data, description)


def test_random_bytes_are_invalid():
    for description, data in corrupt_models.random_models():
        _assert_invalid(data, description)


def test_damaged_header_is_invalid(sine_model):
    for description, data in corrupt_models.header_flips(sine_model):
        _assert_invalid(data, description)


def test_flipped_bytes_run_or_raise_tfmicro_errors(sine_model):
    outcomes = {corrupt_models.run_variant(data)
                for _, data in corrupt_models.flipped_models(sine_model)}
    assert "InvalidModelError" in outcomes
    assert outcomes <= {"ok", "InvalidModelError", "UnsupportedOpError",
                        "ArenaTooSmallError", "KernelError"}


def test_corrupted_models_cannot_crash_the_process(sine_model_path):
    """Runs every corrupted variant in a child; a crash fails the test."""
    env = dict(os.environ)
    env["PYTHONPATH"] = os.pathsep.join(
        [str(Path(tfmicro.__file__).parent.parent)] +
        ([env["PYTHONPATH"]] if env.get("PYTHONPATH") else []))
    env[_bindings.LIBRARY_ENV] = str(_bindings.library_path().absolute())
    child = subprocess.run(
        [sys.executable, corrupt_models.__file__, str(sine_model_path)],
        env=env, capture_output=True, text=True, timeout=600)
    assert child.returncode == 0, (
        f"the child running corrupted models exited with "
        f"{child.returncode} (negative: killed by that signal)\n"
        f"stdout: {child.stdout[-2000:]}\nstderr: {child.stderr[-4000:]}")
    assert child.stdout.startswith("survived "), child.stdout


# --- unsupported operators --------------------------------------------------

def test_unregistered_builtin_op_is_named(sine_model):
    supported = set(tfmicro.supported_ops())
    assert "LSTM" not in supported, "pick another unsupported op for this test"
    model = model_edit.replace_operator_code(
        sine_model, builtin=model_edit.BUILTIN_CODES["LSTM"],
        drop_options=True)
    with pytest.raises(tfmicro.UnsupportedOpError, match="LSTM") as caught:
        tfmicro.Interpreter.from_bytes(model)
    assert caught.value.status == 2


def test_unregistered_custom_op_is_named(sine_model):
    model = model_edit.replace_operator_code(sine_model,
                                             custom_code="TfmTestOnlyOp")
    with pytest.raises(tfmicro.UnsupportedOpError, match="TfmTestOnlyOp"):
        tfmicro.Interpreter.from_bytes(model)


def test_supported_ops_cover_the_bundled_models():
    supported = set(tfmicro.supported_ops())
    assert {"FULLY_CONNECTED", "CONV_2D", "SOFTMAX"} <= supported


# --- library loading ----------------------------------------------------------

def test_cdef_keeps_declarations_and_skips_preprocessor():
    header = "\n".join([
        "#ifndef GUARD_H_", "#define GUARD_H_", "#include <stdint.h>",
        "#ifdef __cplusplus", 'extern "C" {', "#endif",
        "#define SIZE 4", "typedef struct { int32_t v[SIZE]; } S;",
        "int32_t f(S* s);",
        "#ifdef __cplusplus", "}", "#endif", "#endif"])
    cdef = _bindings.cdef_from_header(header)
    assert "#define SIZE 4" in cdef and "int32_t f(S* s);" in cdef
    assert "extern" not in cdef and "GUARD_H_" not in cdef
    assert "#include" not in cdef and "}\n" not in cdef.replace("} S;", "")


def test_every_header_function_is_bound():
    header = _bindings.header_path().read_text()
    declared = set(re.findall(r"\b(tfm_\w+)\s*\(", header))
    lib = _bindings.load()
    bound = {name for name in dir(lib) if name.startswith("tfm_")}
    assert declared == bound
    assert tfmicro.library_version()


def test_missing_library_error_says_how_to_build(monkeypatch, tmp_path):
    monkeypatch.setenv(_bindings.LIBRARY_ENV, str(tmp_path / "nope.so"))
    with pytest.raises(tfmicro.LibraryNotFoundError,
                       match="bazel build //tensorflow_micro/c:"
                             "libtfmicro_c.so"):
        _bindings.library_path()
    monkeypatch.delenv(_bindings.LIBRARY_ENV)
    monkeypatch.setattr(_bindings, "_NATIVE_DIR", tmp_path / "native")
    monkeypatch.setattr(_bindings, "_REPO_DIR", tmp_path / "repo")
    with pytest.raises(tfmicro.LibraryNotFoundError) as caught:
        _bindings.library_path()
    message = str(caught.value)
    assert str(tmp_path / "native" / "libtfmicro_c.so") in message
    assert "bazel build //tensorflow_micro/c:libtfmicro_c.so" in message
    assert "TFMICRO_LIBRARY" in message


def test_header_comes_from_beside_the_library(monkeypatch, tmp_path):
    native = tmp_path / "native"
    native.mkdir()
    (native / "tfmicro_c.h").write_text("/* packaged */\n")
    monkeypatch.setattr(_bindings, "_NATIVE_DIR", native)
    packaged_library = native / "libtfmicro_c.so"
    assert _bindings.header_path(packaged_library) == native / "tfmicro_c.h"
    source_header = _bindings.header_path(tmp_path / "elsewhere.so")
    assert source_header.parts[-3:] == ("tensorflow_micro", "c",
                                        "tfmicro_c.h")


def test_import_needs_no_library(tmp_path):
    env = dict(os.environ, TFMICRO_LIBRARY=str(tmp_path / "nope.so"))
    env["PYTHONPATH"] = str(Path(tfmicro.__file__).parent.parent)
    code = ("import tfmicro\n"
            "try:\n"
            "    tfmicro.Interpreter.from_bytes(b'x')\n"
            "except tfmicro.LibraryNotFoundError as e:\n"
            "    print('clear error:', e)\n")
    child = subprocess.run([sys.executable, "-c", code], env=env,
                           capture_output=True, text=True, timeout=120)
    assert child.returncode == 0, child.stderr
    assert "clear error:" in child.stdout and "bazel build" in child.stdout


# --- command line -----------------------------------------------------------

def test_cli_run_prints_outputs_and_arena(sine_model_path, capsys):
    from tfmicro import cli

    assert cli.main(["run", str(sine_model_path), "--seed", "3"]) == 0
    out = capsys.readouterr().out
    assert "output 0" in out
    used = tfmicro.Interpreter.from_file(sine_model_path).arena_used_bytes()
    assert f"arena: {used} bytes used" in out


def test_cli_reports_errors_without_traceback(tmp_path, capsys):
    from tfmicro import cli

    assert cli.main(["run", str(tmp_path / "missing.tflite")]) == 1
    assert "model file not found" in capsys.readouterr().err
