"""``pip install ./python`` into a fresh virtual environment.

Offline (the dependencies are wheels repacked from this venv, see
wheelhouse.py), pip builds the package with build isolation; setup.py
compiles the runtime with the system compiler. The installed ``tfmicro``
command then runs the sine model without TensorFlow and matches this
tree's runtime.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import numpy as np
import pytest
import tfmicro
import wheelhouse
from conftest import PYTHON_DIR, REPO_DIR

DEPENDENCIES = ("numpy", "cffi", "pycparser", "setuptools", "wheel",
                "packaging")
INSTALL_TIMEOUT_SECONDS = 900


def _copy_source_tree(dest: Path) -> Path:
    """The files `pip install ./python` reads, as in a fresh checkout."""
    python = dest / "python"
    (python / "tfmicro").mkdir(parents=True)
    for name in ("pyproject.toml", "setup.py", "README.md"):
        shutil.copyfile(PYTHON_DIR / name, python / name)
    for module in (PYTHON_DIR / "tfmicro").glob("*.py"):
        shutil.copyfile(module, python / "tfmicro" / module.name)
    for path in (REPO_DIR / "tensorflow_micro").rglob("*"):
        if (path.suffix in (".cc", ".h", ".inc", ".fbs") and path.is_file() and
                not path.name.endswith("_generated.h")):
            target = dest / path.relative_to(REPO_DIR)
            target.parent.mkdir(parents=True, exist_ok=True)
            shutil.copyfile(path, target)
    generator = dest / "tools" / "cc_array" / "generate_cc_array.py"
    generator.parent.mkdir(parents=True)
    shutil.copyfile(REPO_DIR / "tools" / "cc_array" / "generate_cc_array.py",
                    generator)
    return python


@pytest.mark.slow
def test_pip_install_into_fresh_venv(tmp_path, sine_model_path):
    if shutil.which("flatc") is None or shutil.which("c++") is None:
        pytest.skip("needs flatc and a C++ compiler")
    source = _copy_source_tree(tmp_path / "checkout")
    wheels = tmp_path / "wheels"
    for name in DEPENDENCIES:
        wheelhouse.repack(name, wheels)
    venv = tmp_path / "venv"
    subprocess.run([sys.executable, "-m", "venv", str(venv)], check=True,
                   timeout=120)
    python = venv / "bin" / "python"
    env = {k: v for k, v in os.environ.items()
           if not k.startswith(("PIP_", "TFMICRO_", "PYTHON"))}
    # Only the wheels made above: no index, no machine-wide pip config.
    env["PIP_CONFIG_FILE"] = os.devnull
    install = subprocess.run(
        [str(python), "-m", "pip", "install", "--no-index", "--find-links",
         str(wheels), "--disable-pip-version-check", str(source)],
        env=env, cwd=tmp_path, capture_output=True, text=True,
        timeout=INSTALL_TIMEOUT_SECONDS, check=False)
    assert install.returncode == 0, install.stdout + install.stderr

    site = subprocess.run(
        [str(python), "-c",
         ("import sys, tfmicro\n"
          "from tfmicro import _bindings\n"
          "tfmicro.Interpreter.from_bytes(open(sys.argv[1], 'rb').read())\n"
          "print(_bindings.loaded_library_path())\n"
          "print('tensorflow' in sys.modules, 'ai_edge_litert' in "
          "sys.modules)\n"), str(sine_model_path)],
        env=env, cwd=tmp_path, capture_output=True, text=True, timeout=120,
        check=False)
    assert site.returncode == 0, site.stderr
    library, imported_tf = site.stdout.split("\n")[:2]
    assert Path(library).is_relative_to(venv), library
    assert imported_tf == "False False"
    found = subprocess.run(
        [str(python), "-c", "import tensorflow"], env=env,
        capture_output=True, text=True, timeout=120, check=False)
    assert found.returncode != 0, "the fresh venv must not have TensorFlow"

    out_dir = tmp_path / "outputs"
    run = subprocess.run(
        [str(venv / "bin" / "tfmicro"), "run", str(sine_model_path),
         "--seed", "4", "--output-dir", str(out_dir)],
        env=env, cwd=tmp_path, capture_output=True, text=True, timeout=120,
        check=False)
    assert run.returncode == 0, run.stderr
    ours = tfmicro.Interpreter.from_file(sine_model_path)
    detail = ours.get_input_details(0)
    from tfmicro.inputs import random_inputs
    ours.set_input(random_inputs([detail], np.random.default_rng(4))[0], 0)
    ours.invoke()
    np.testing.assert_array_equal(np.load(out_dir / "output_0.npy"),
                                  ours.get_output(0))
