"""The C++ that ``tfmicro cc-array`` and ``tfmicro resolver`` write builds
and runs: a program made of the two outputs and a small main, linked
against libtfmicro_c.so, runs the model with the generated resolver (whose
capacity is exactly the model's operator count) and prints the same output
as the Python runtime.
"""

from __future__ import annotations

import os
import shutil
import subprocess

import numpy as np
import pytest
import tfmicro
from cli_testing import run_cli
from conftest import REPO_DIR, models_dir
from tfmicro import _bindings, native_sources

MAIN = r"""
#include <cstdint>
#include <cstdio>

#include "kws_int8_model.h"
#include "kws_int8_op_resolver.h"
#include "tensorflow_micro/core/interpreter.h"

alignas(16) static uint8_t arena[64 * 1024];

int main() {
  KwsInt8OpResolver resolver;
  if (RegisterKwsInt8Ops(&resolver) != tfmicro::Status::kOk) return 2;
  tfmicro::Interpreter interpreter(g_kws_int8_model, g_kws_int8_model_len,
                                   resolver, arena, sizeof(arena));
  if (interpreter.status() != tfmicro::Status::kOk ||
      interpreter.AllocateTensors() != tfmicro::Status::kOk) {
    std::printf("error: %s\n", interpreter.error_message());
    return 3;
  }
  tfmicro::Tensor* input = interpreter.input(0);
  int8_t* in = input->data_as<int8_t>();
  for (uint32_t i = 0; i < input->bytes; ++i) {
    in[i] = static_cast<int8_t>((i * 37) % 256 - 128);
  }
  if (interpreter.Invoke() != tfmicro::Status::kOk) return 4;
  const tfmicro::Tensor* output = interpreter.output(0);
  for (uint32_t i = 0; i < output->bytes; ++i) {
    std::printf("%d\n", output->data_as<int8_t>()[i]);
  }
  return 0;
}
"""


def linked_library():
    """The library built from this tree's headers: $TFMICRO_LIBRARY (under
    Bazel), else bazel-bin's, else the one the bindings load (a copy in
    tfmicro/_native may be older than the headers the program includes)."""
    if os.environ.get(_bindings.LIBRARY_ENV):
        return _bindings.library_path().absolute()
    built = REPO_DIR / "bazel-bin" / "tensorflow_micro" / "c" / \
        _bindings.LIBRARY_NAME
    return built if built.is_file() else _bindings.library_path().absolute()


def test_generated_resolver_and_array_build_and_run(tmp_path, capsys):
    compiler = os.environ.get("CXX", "c++")
    if shutil.which(compiler) is None or shutil.which("flatc") is None:
        pytest.skip("needs a C++ compiler and flatc")
    model = models_dir() / "kws_int8.tflite"
    src = tmp_path / "src"
    assert run_cli(capsys, "cc-array", model, "-o", src).code == 0
    assert run_cli(capsys, "resolver", model, "-o", src).code == 0
    (src / "main.cc").write_text(MAIN)
    generated = tmp_path / "include"
    subprocess.run(["flatc", "--cpp", "-o",
                    str(generated / "tensorflow_micro" / "schema"),
                    str(REPO_DIR / native_sources.SCHEMA)], check=True)
    library = linked_library()
    program = tmp_path / "program"
    build = subprocess.run(
        [compiler, "-std=c++17", "-Wall", "-Wextra", "-Werror",
         "-fno-exceptions", "-fno-rtti", f"-I{generated}", f"-I{REPO_DIR}",
         f"-I{src}", str(src / "main.cc"), str(src / "kws_int8_model.cc"),
         str(src / "kws_int8_op_resolver.cc"), str(library),
         f"-Wl,-rpath,{library.parent}", "-o", str(program)],
        capture_output=True, text=True, timeout=600, check=False)
    assert build.returncode == 0, build.stderr
    ran = subprocess.run([str(program)], capture_output=True, text=True,
                         timeout=60, check=False)
    assert ran.returncode == 0, ran.stdout + ran.stderr

    interpreter = tfmicro.Interpreter.from_file(model)
    shape = interpreter.get_input_details(0)["shape"]
    count = int(np.prod(shape))
    x = ((np.arange(count) * 37) % 256 - 128).astype(np.int8).reshape(shape)
    interpreter.set_input(x, 0)
    interpreter.invoke()
    expected = interpreter.get_output(0).flatten().tolist()
    assert [int(v) for v in ran.stdout.split()] == expected
