"""pytest set-up shared by python/tests: import path and model locations.

Works both with plain ``pytest python/tests`` from the repository root and
under ``bazel test`` (where the tree is laid out the same way in runfiles).
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

import pytest

TESTS_DIR = Path(__file__).absolute().parent
PYTHON_DIR = TESTS_DIR.parent
REPO_DIR = PYTHON_DIR.parent

# The tfmicro package of this tree, even if another copy is installed.
if str(PYTHON_DIR) not in sys.path:
    sys.path.insert(0, str(PYTHON_DIR))
# conformance_util, for the conformance tests.
if str(TESTS_DIR / "conformance") not in sys.path:
    sys.path.insert(0, str(TESTS_DIR / "conformance"))

SINE_MODEL = REPO_DIR / "tensorflow_micro" / "examples" / "models" / \
    "sine_int8.tflite"
MODELS_ENV = "TFMICRO_MODELS_DIR"
MODELS_TARGET = "//tools/models:models"


def models_dir() -> Path:
    """Where the models of //tools/models:models are.

    $TFMICRO_MODELS_DIR, else tools/models (the layout in Bazel runfiles),
    else bazel-bin/tools/models; the first one holding a .tflite file.
    """
    candidates = []
    if os.environ.get(MODELS_ENV):
        candidates.append(Path(os.environ[MODELS_ENV]))
    candidates += [REPO_DIR / "tools" / "models",
                   REPO_DIR / "bazel-bin" / "tools" / "models"]
    for candidate in candidates:
        if any(candidate.glob("*.tflite")):
            return candidate
    raise FileNotFoundError(
        f"no built models in {', '.join(str(c) for c in candidates)}: run "
        f"`bazel build {MODELS_TARGET}` or set {MODELS_ENV}")


@pytest.fixture(scope="session")
def sine_model_path() -> Path:
    assert SINE_MODEL.is_file(), (
        f"{SINE_MODEL} is missing (it is checked in; rebuild it with "
        "tools/models/build_models.py --only sine)")
    return SINE_MODEL


@pytest.fixture(scope="session")
def sine_model(sine_model_path: Path) -> bytes:
    return sine_model_path.read_bytes()
