"""``tfmicro export``: the trees it writes build, run and say the same thing.

The keyword-spotting int8 model is exported to make and cmake, built with host gcc and clang and with arm-none-eabi for
Cortex-M4 (run in qemu-system-arm); every program must print the outputs
the Python runtime computes for the same bundled input. The IDE formats
are parsed (XML, INI, YAML, JSON, CMake syntax) and cross-checked against
the tree and the make export: every referenced source exists, every source
is referenced, and the defines and include paths agree.
"""

from __future__ import annotations

import configparser
import json
import os
import re
import shutil
import subprocess
from pathlib import Path, PurePosixPath
from xml.etree import ElementTree

import numpy as np
import pytest
import yaml

import tfmicro
from cli_testing import assert_one_line_error, run_cli
from conftest import REPO_DIR, models_dir
from tfmicro import export
from tfmicro.inputs import random_inputs

SOURCE_SUFFIXES = (".cc", ".c", ".S")
QEMU_TIMEOUT_SECONDS = 300


def _model(name: str) -> Path:
    return models_dir() / f"{name}.tflite"


def _expected_outputs(model_path: Path) -> list[np.ndarray]:
    """What the Python runtime prints for the exported input (seed 0)."""
    interpreter = tfmicro.Interpreter.from_file(str(model_path))
    details = [interpreter.get_input_details(i)
               for i in range(interpreter.inputs_size())]
    for i, array in enumerate(random_inputs(details,
                                            np.random.default_rng(0))):
        interpreter.set_input(array, i)
    interpreter.invoke()
    return [interpreter.get_output(i)
            for i in range(interpreter.outputs_size())]


def _printed_outputs(log: str) -> list[np.ndarray]:
    """Parses the ``output N TYPE [d0,d1]:`` blocks the program prints."""
    outputs: list[list[float]] = []
    shapes = []
    for line in log.splitlines():
        header = re.fullmatch(r"output (\d+) (\w+) \[([\d,]*)\]:", line)
        if header:
            outputs.append([])
            shapes.append(tuple(int(d) for d in header[3].split(",") if d))
        elif outputs and re.fullmatch(r"( -?[\d.e+-]+)+", line):
            outputs[-1].extend(float(v) for v in line.split())
        elif line.startswith("arena:"):
            break
    return [np.array(v).reshape(s) for v, s in zip(outputs, shapes,
                                                   strict=True)]


def _assert_same_outputs(log: str, model_path: Path) -> None:
    assert "error" not in log, log
    printed = _printed_outputs(log)
    expected = _expected_outputs(model_path)
    assert len(printed) == len(expected), log
    for got, want in zip(printed, expected, strict=True):
        if np.issubdtype(want.dtype, np.integer):
            np.testing.assert_array_equal(got, want)
        else:  # %g prints 6 significant digits
            np.testing.assert_allclose(got, want, rtol=1e-5, atol=1e-6)


def _export(capsys, model_path: Path, fmt: str, out: Path, *extra):
    result = run_cli(capsys, "export", model_path, "--format", fmt, "-o",
                     out, "--json", *extra)
    assert result.code == 0, result.err
    return result.json()


def _run(command: list[str], cwd: Path, env: dict | None = None) -> str:
    child = subprocess.run(command, cwd=cwd, capture_output=True, text=True,
                           timeout=QEMU_TIMEOUT_SECONDS, check=False,
                           env=env)
    assert child.returncode == 0, child.stdout + child.stderr
    return child.stdout + child.stderr


# --- host builds ----------------------------------------------------------

@pytest.mark.parametrize("fmt", ["make", "cmake"])
def test_host_gcc_build_prints_the_runtime_outputs(capsys, tmp_path, fmt):
    result = _export(capsys, _model("kws_int8"), fmt, tmp_path / fmt)
    assert result["program_bytes"]["text"] > 0
    _assert_same_outputs(_run([result["program"]], tmp_path),
                         _model("kws_int8"))


@pytest.mark.parametrize("fmt", ["make", "cmake"])
def test_host_clang_build_prints_the_runtime_outputs(capsys, tmp_path, fmt):
    out = tmp_path / fmt
    _export(capsys, _model("kws_int8"), fmt, out, "--no-build")
    env = {**os.environ, "CC": "clang", "CXX": "clang++"}
    if fmt == "make":
        _run(["make", "-j2", "CC=clang", "CXX=clang++"], out)
    else:
        _run(["cmake", "-S", ".", "-B", "build"], out, env)
        _run(["cmake", "--build", "build", "-j", "2"], out, env)
    _assert_same_outputs(_run(["make", "run"] if fmt == "make" else
                              ["cmake", "--build", "build", "--target",
                               "run"], out), _model("kws_int8"))


# --- Cortex-M4 in qemu ----------------------------------------------------

@pytest.mark.parametrize("fmt", ["make", "cmake"])
def test_cortex_m4_build_runs_in_qemu(capsys, tmp_path, fmt):
    out = tmp_path / fmt
    result = _export(capsys, _model("kws_int8"), fmt, out, "--target",
                     "cortex_m4")
    assert result["program_bytes"]["text"] > 0
    run = (["make", "run"] if fmt == "make" else
           ["cmake", "--build", "build", "--target", "run"])
    _assert_same_outputs(_run(run, out), _model("kws_int8"))


# --- what is in a tree ----------------------------------------------------

def test_tree_holds_only_the_models_kernels(capsys, tmp_path):
    out = tmp_path / "make"
    result = _export(capsys, _model("kws_int8"), "make", out, "--no-build")
    kernels = export.kernel_files(REPO_DIR)
    used = {kernels[op] for op in result["ops"]}
    for path in set(kernels.values()) - used:
        assert not (out / path).exists(), f"{path} is not used by the model"
    for path in used:
        assert (out / path).is_file(), path
    assert not any(out.rglob("*_test.cc"))


def test_export_errors_are_one_line(capsys, tmp_path, sine_model_path):
    (tmp_path / "busy").mkdir()
    (tmp_path / "busy" / "file").write_text("x")
    for args, fragment in [
            (["--format", "make", "-o", tmp_path / "busy"], "not empty"),
            (["--format", "make", "-o", tmp_path / "a", "--target", "z80"],
             "unknown --target 'z80'"),
            (["--format", "make", "-o", tmp_path / "b", "--vendor", "acme"],
             "no vendor kernel library 'acme'")]:
        assert_one_line_error(run_cli(capsys, "export", sine_model_path,
                                      *args), fragment)


# --- IDE and framework formats --------------------------------------------

IDE_FORMATS = ["keil", "cubeide", "platformio", "arduino", "zephyr",
               "espidf"]


@pytest.fixture(scope="module")
def make_project():
    return export.build_project(str(_model("kws_int8")), "cortex_m4")


def _check_cmake_syntax(text: str, path: str) -> list[tuple[str, str]]:
    """A small CMake reader: every command is ``name(args)`` with balanced
    parentheses and closed quotes; returns (command, arguments)."""
    commands = []
    text = re.sub(r"#[^\n]*", "", text)
    position = 0
    pattern = re.compile(r"\s*([A-Za-z_][A-Za-z0-9_]*)\s*\(")
    while position < len(text):
        if not text[position:].strip():
            break
        match = pattern.match(text, position)
        assert match, f"{path}: not a command at {text[position:][:40]!r}"
        depth, i, quoted = 1, match.end(), False
        while depth:
            assert i < len(text), f"{path}: unclosed ( in {match[1]}"
            char = text[i]
            if char == '"' and text[i - 1] != "\\":
                quoted = not quoted
            elif not quoted and char == "(":
                depth += 1
            elif not quoted and char == ")":
                depth -= 1
            i += 1
        commands.append((match[1].lower(), text[match.end():i - 1]))
        position = i
    return commands


def _cmake_sources(commands, names, keyword=None) -> list[str]:
    found = []
    for name, args in commands:
        if name in names:
            words = args.split()
            if keyword:
                words = words[words.index(keyword) + 1:]
            found += [w for w in words if w.endswith(SOURCE_SUFFIXES)]
    return found


def _referenced(fmt: str, out: Path) -> tuple[list[str], list[str], list[str]]:
    """(source paths relative to `out`, defines, include dirs relative to the
    runtime's root) that the format's build files name."""
    if fmt == "keil":
        root = ElementTree.parse(next(out.glob("*.uvprojx"))).getroot()
        sources = [e.text.replace("\\", "/").removeprefix("./")
                   for e in root.iter("FilePath")]
        controls = root.find(".//Cads/VariousControls")
        defines = controls.findtext("Define").split()
        includes = controls.findtext("IncludePath").replace("\\", "/").split(";")
        return sources, defines, includes
    if fmt == "cubeide":
        ElementTree.parse(out / ".project")
        root = ElementTree.parse(out / ".cproject").getroot()
        folders = [e.get("name") for e in root.iter("entry")]
        sources = [p.relative_to(out).as_posix() for f in folders
                   for p in (out / f).rglob("*") if p.suffix in SOURCE_SUFFIXES]
        tool = next(t for t in root.iter("tool")
                    if t.get("superClass").endswith("cpp.compiler"))
        values = {o.get("valueType"): [v.get("value") for v in o]
                  for o in tool.iter("option")}
        includes = [re.sub(r'^"\$\{workspace_loc:/\$\{ProjName\}/?(.*)\}"$',
                           r"\1", v) or "." for v in values["includePath"]]
        return sources, values["definedSymbols"], includes
    if fmt == "platformio":
        config = configparser.ConfigParser()
        config.read(out / "platformio.ini")
        env = next(s for s in config.sections() if s.startswith("env:"))
        flags = config[env]["build_flags"].split()
        library = json.loads((out / "lib/tfmicro/library.json").read_text())
        sources = [f"lib/tfmicro/{f[2:-1]}" for f in
                   library["build"]["srcFilter"]]
        sources += [p.relative_to(out).as_posix()
                    for p in (out / "src").rglob("*")
                    if p.suffix in SOURCE_SUFFIXES]
        includes = [f[2:].removeprefix("lib/tfmicro").lstrip("/") or "."
                    for f in flags if f.startswith("-I")]
        return sources, [f[2:] for f in flags if f.startswith("-D")], includes
    if fmt == "arduino":
        properties = dict(line.split("=", 1) for line in
                          (out / "library.properties").read_text().splitlines())
        assert (out / "src" / properties["includes"]).is_file()
        # Arduino compiles every source under src/: all are referenced.
        sources = [p.relative_to(out).as_posix() for p in
                   (out / "src").rglob("*") if p.suffix in SOURCE_SUFFIXES]
        return sources, [], ["."]
    if fmt == "zephyr":
        module = yaml.safe_load((out / "zephyr/module.yml").read_text())
        assert (out / module["build"]["cmake"] / "CMakeLists.txt").is_file()
        assert (out / module["build"]["kconfig"]).is_file()
        commands = _check_cmake_syntax((out / "CMakeLists.txt").read_text(),
                                       "CMakeLists.txt")
        for sample in module["samples"]:
            sample_commands = _check_cmake_syntax(
                (out / sample / "CMakeLists.txt").read_text(), sample)
            sources = [f"{sample}/{s}" for s in
                       _cmake_sources(sample_commands, {"target_sources"},
                                      "PRIVATE")]
        sources += _cmake_sources(commands, {"zephyr_library_sources"})
        defines = [a for n, a in commands
                   if n == "zephyr_library_compile_definitions"][0].split()
        includes = [a for n, a in commands
                    if n == "zephyr_include_directories"][0].split()
        return sources, defines, includes
    if fmt == "espidf":
        commands = _check_cmake_syntax(
            (out / "components/tfmicro/CMakeLists.txt").read_text(),
            "component")
        main = _check_cmake_syntax((out / "main/CMakeLists.txt").read_text(),
                                   "main")
        _check_cmake_syntax((out / "CMakeLists.txt").read_text(), "project")
        register = dict(commands)["idf_component_register"].split()
        sources = [f"components/tfmicro/{s}" for s in register
                   if s.endswith(SOURCE_SUFFIXES)]
        sources += [f"main/{s.strip(chr(34))}" for s in
                    dict(main)["idf_component_register"].split()
                    if s.strip('"').endswith(SOURCE_SUFFIXES)]
        includes = register[register.index("INCLUDE_DIRS") + 1:
                            register.index("REQUIRES")]
        defines = dict(commands)["target_compile_definitions"].split()[2:]
        return sources, defines, includes
    raise AssertionError(fmt)


@pytest.mark.parametrize("fmt", IDE_FORMATS)
def test_ide_project_references_exactly_its_sources(capsys, tmp_path, fmt,
                                                    make_project):
    out = tmp_path / fmt
    _export(capsys, _model("kws_int8"), fmt, out, "--target", "cortex_m4")
    sources, defines, includes = _referenced(fmt, out)
    for source in sources:
        assert (out / source).is_file(), f"{fmt} names missing {source}"
    on_disk = {p.relative_to(out).as_posix() for p in out.rglob("*")
               if p.suffix in SOURCE_SUFFIXES and p.is_file()}
    assert on_disk == set(sources), (
        f"not referenced: {sorted(on_disk - set(sources))}")
    if fmt != "arduino":  # Arduino has no defines; src/ is its include path
        assert defines == make_project.defines
        assert includes == make_project.include_dirs
    # The runtime and the model's kernels are there, under any layout.
    names = {PurePosixPath(s).name for s in sources}
    assert {"interpreter.cc", "conv.cc", "model_data.cc"} <= names


def test_cmake_and_make_exports_agree(capsys, tmp_path, make_project):
    out = tmp_path / "cmake"
    _export(capsys, _model("kws_int8"), "cmake", out, "--target",
            "cortex_m4", "--no-build")
    commands = _check_cmake_syntax((out / "CMakeLists.txt").read_text(),
                                   "CMakeLists.txt")
    assert sorted(_cmake_sources(commands, {"add_executable"})) == \
        make_project.sources
    arguments = dict(commands)
    assert arguments["target_compile_definitions"].split()[2:] == \
        make_project.defines
    assert arguments["target_include_directories"].split()[2:] == \
        make_project.include_dirs
    makefile = _check_make_variables((out.parent / "make"), capsys,
                                     make_project)
    assert makefile["SOURCES"] == make_project.sources


def _check_make_variables(out: Path, capsys, project) -> dict[str, list[str]]:
    _export(capsys, _model("kws_int8"), "make", out, "--target", "cortex_m4",
            "--no-build")
    text = (out / "Makefile").read_text().replace("\\\n", " ")
    variables = dict(re.findall(r"^(\w+) :?= ?(.*)$", text, re.MULTILINE))
    assert variables["DEFINES"].split() == [f"-D{d}" for d in project.defines]
    assert variables["INCLUDES"].split() == [f"-I{d}"
                                             for d in project.include_dirs]
    return {name: value.split() for name, value in variables.items()}


def test_make_is_available():
    for tool in ("make", "cmake", "arm-none-eabi-gcc", "qemu-system-arm"):
        assert shutil.which(tool), f"{tool} missing: ci/setup.sh installs it"
