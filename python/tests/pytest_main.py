"""Runs pytest on the files given as arguments: the main of py_test targets.

Bazel runs tests from the runfiles tree with relative paths in the
environment (see python/BUILD); they are made absolute here so that child
processes started from other directories see the same files.
"""

from __future__ import annotations

import os
import sys

import pytest

PATH_VARIABLES = ("TFMICRO_LIBRARY", "TFMICRO_MODELS_DIR",
                  "TFMICRO_NATIVE_SOURCES")


def main(argv: list[str]) -> int:
    for name in PATH_VARIABLES:
        if os.environ.get(name):
            os.environ[name] = os.path.abspath(os.environ[name])
    args = ["-p", "no:cacheprovider", "-q", *argv]
    if os.environ.get("XML_OUTPUT_FILE"):
        args.append(f"--junitxml={os.environ['XML_OUTPUT_FILE']}")
    return int(pytest.main(args))


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
