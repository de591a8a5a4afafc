#!/bin/sh
# The Python interpreter for Bazel's py_binary/py_test: the repository's own
# virtualenv (.venv at the repository root, made by ci/setup.sh), so targets
# see numpy, tensorflow, ai-edge-litert and cffi.
#
# Bazel runs this file through a runfiles symlink; its real path locates the
# repository (this file is <repo>/third_party/python/python3.sh).
self="$(readlink -f "$0")"
repo="${self%/third_party/python/python3.sh}"
venv_python="$repo/.venv/bin/python3"
if [ ! -x "$venv_python" ]; then
  echo "error: $venv_python not found: run ci/setup.sh first" >&2
  exit 1
fi
exec "$venv_python" "$@"
