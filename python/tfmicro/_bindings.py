"""cffi (ABI mode) bindings of the C API, tensorflow_micro/c/tfmicro_c.h.

The C declarations are read from the header itself (one source of
truth): preprocessor lines are dropped except integer ``#define``s, and
``#ifdef __cplusplus`` blocks are skipped. The shared library is opened
(and the header read) lazily by ``load()``, so ``import tfmicro`` works
without them.

Library lookup order:
  1. the environment variable TFMICRO_LIBRARY (a path to the .so);
  2. tfmicro/_native/libtfmicro_c.so inside the package (ci/setup.sh copies
     the Bazel-built library there);
  3. <repo>/bazel-bin/tensorflow_micro/c/libtfmicro_c.so.
The header is the one shipped beside the library: tfmicro/_native/tfmicro_c.h
for the package's copy, else the source tree's (falling back to the other
when one is missing).
"""

from __future__ import annotations

import os
import re
import threading
from pathlib import Path

import cffi

from tfmicro.errors import LibraryNotFoundError

LIBRARY_NAME = "libtfmicro_c.so"
HEADER_NAME = "tfmicro_c.h"
LIBRARY_ENV = "TFMICRO_LIBRARY"
BUILD_TARGET = "//tensorflow_micro/c:libtfmicro_c.so"

_PACKAGE_DIR = Path(__file__).absolute().parent
_NATIVE_DIR = _PACKAGE_DIR / "_native"
# python/tfmicro/_bindings.py -> the repository root (also inside Bazel
# runfiles, where the tree keeps the same layout).
_REPO_DIR = _PACKAGE_DIR.parent.parent

_INTEGER_DEFINE = re.compile(r"^#\s*define\s+\w+\s+(0x[0-9a-fA-F]+|\d+)\s*$")
_CONDITIONAL_START = re.compile(r"^#\s*(if|ifdef|ifndef)\b")
_CPLUSPLUS_BLOCK = re.compile(r"^#\s*ifdef\s+__cplusplus\b")


def header_path(library: Path | None = None) -> Path:
    """The C header describing ``library`` (default: the source tree's)."""
    source_tree = _REPO_DIR / "tensorflow_micro" / "c" / HEADER_NAME
    packaged = _NATIVE_DIR / HEADER_NAME
    in_package = library is not None and library.parent == _NATIVE_DIR
    for candidate in ((packaged, source_tree) if in_package
                      else (source_tree, packaged)):
        if candidate.is_file():
            return candidate
    raise LibraryNotFoundError(
        f"C header {HEADER_NAME} not found at {source_tree} or {packaged}")


def cdef_from_header(text: str) -> str:
    """Turns the C header into declarations cffi's cdef accepts.

    Keeps ``#define NAME <integer>``, drops every other preprocessor line and
    everything inside ``#ifdef __cplusplus`` blocks (the extern "C" braces).
    """
    lines = []
    # One entry per open conditional: True when its body is skipped.
    skipping: list[bool] = []
    for line in text.splitlines():
        stripped = line.strip()
        if stripped.startswith("#"):
            if _CONDITIONAL_START.match(stripped):
                skipping.append(bool(_CPLUSPLUS_BLOCK.match(stripped)))
            elif re.match(r"^#\s*endif\b", stripped):
                if skipping:
                    skipping.pop()
            elif re.match(r"^#\s*(else|elif)\b", stripped):
                if skipping:
                    skipping[-1] = False
            elif not any(skipping) and _INTEGER_DEFINE.match(stripped):
                lines.append(stripped)
            continue
        if not any(skipping):
            lines.append(line)
    return "\n".join(lines) + "\n"


# Declarations are added by load(), so importing needs neither the header
# nor the library.
ffi = cffi.FFI()

_declared = False
_lib = None
_lib_path: Path | None = None
_lock = threading.Lock()


def _candidates() -> list[tuple[str, Path]]:
    found = []
    env = os.environ.get(LIBRARY_ENV)
    if env:
        found.append((f"${LIBRARY_ENV}", Path(env)))
    found.append(("package", _NATIVE_DIR / LIBRARY_NAME))
    found.append(("bazel-bin", _REPO_DIR / "bazel-bin" / "tensorflow_micro" /
                  "c" / LIBRARY_NAME))
    return found


def library_path() -> Path:
    """The path of the shared library load() opens (or would open)."""
    candidates = _candidates()
    if os.environ.get(LIBRARY_ENV):
        # An explicit choice is never silently replaced by another copy.
        source, path = candidates[0]
        if not path.is_file():
            raise LibraryNotFoundError(
                f"{source} is {str(path)!r}, which is not a file. "
                f"Build the library with `bazel build {BUILD_TARGET}` or "
                f"unset {LIBRARY_ENV}.")
        return path
    for _, path in candidates:
        if path.is_file():
            return path
    looked = "\n".join(f"  {source}: {path}" for source, path in candidates)
    raise LibraryNotFoundError(
        f"the tfmicro native library {LIBRARY_NAME} was not found. Looked "
        f"in:\n{looked}\nBuild it from the repository root with "
        f"`bazel build {BUILD_TARGET}` (or run ci/setup.sh), or point "
        f"{LIBRARY_ENV} at a built {LIBRARY_NAME}.")


def load():
    """Opens the shared library once and returns the cffi lib object."""
    global _declared, _lib, _lib_path
    with _lock:
        if _lib is not None:
            return _lib
        path = library_path()
        header = header_path(path)
        if not _declared:
            ffi.cdef(cdef_from_header(header.read_text(encoding="utf-8")))
            _declared = True
        try:
            lib = ffi.dlopen(str(path))
        except OSError as e:
            raise LibraryNotFoundError(
                f"cannot load {path}: {e}. Rebuild it with "
                f"`bazel build {BUILD_TARGET}`.") from e
        missing = []
        for name in dir(lib):
            try:
                getattr(lib, name)
            except AttributeError:
                missing.append(name)
        if missing:
            raise LibraryNotFoundError(
                f"{path} does not match {header}: it lacks "
                f"{', '.join(sorted(missing))}. Rebuild it with "
                f"`bazel build {BUILD_TARGET}`.")
        sizes = ffi.new("TfmAbiSizes*")
        lib.tfm_abi_sizes(sizes)
        for field, struct in (("tensor_info", "TfmTensorInfo"),
                              ("operator_info", "TfmOperatorInfo"),
                              ("arena_usage", "TfmArenaUsage")):
            if getattr(sizes, field) != ffi.sizeof(struct):
                raise LibraryNotFoundError(
                    f"{path} was built from a different {header.name}: "
                    f"{struct} is {getattr(sizes, field)} bytes there, "
                    f"{ffi.sizeof(struct)} here. Rebuild it with "
                    f"`bazel build {BUILD_TARGET}`.")
        _lib, _lib_path = lib, path
        return lib


def loaded_library_path() -> Path | None:
    """The path of the library load() opened, None before."""
    return _lib_path
