"""The C++ sources of libtfmicro_c.so, and how pip builds it without Bazel.

One list of sources: the same directories, globs and exclusions as the
Bazel targets that //tensorflow_micro/c:libtfmicro_c.so links (``LIBRARIES``
names each target beside its glob). A new kernel file is picked up by both
builds without editing anything; python/tests/test_native_build.py checks
that this list equals the sources Bazel itself collects from the target's
dependency graph (an aspect, python/native_sources.bzl).

``build_library`` compiles them with the system C++ compiler ($CXX, default
c++) into one shared library; python/setup.py calls it when pip builds the
package. It needs flatc (to generate schema_generated.h from the schema) and
the FlatBuffers C++ headers (Debian: flatbuffers-compiler,
libflatbuffers-dev).

This module uses only the standard library: setup.py loads it by path
before numpy or cffi exist.
"""

from __future__ import annotations

import concurrent.futures
import fnmatch
import os
import shlex
import shutil
import subprocess
import sys
import tempfile
from collections.abc import Callable
from pathlib import Path

# (Bazel target, directory, included globs, excluded globs), as in the
# target's BUILD file. Globs are relative to the directory and, like
# Bazel's, "*" does not cross "/".
LIBRARIES: tuple[tuple[str, str, tuple[str, ...], tuple[str, ...]], ...] = (
    ("//tensorflow_micro/core", "tensorflow_micro/core",
     ("*.cc",), ("*_test.cc",)),
    ("//tensorflow_micro/kernels:reference_kernels", "tensorflow_micro/kernels",
     ("*.cc",), ("*_test.cc",)),
    ("//tensorflow_micro/kernels/internal", "tensorflow_micro/kernels/internal",
     ("*.cc",), ("*_test.cc",)),
    ("//tensorflow_micro/platform:host_posix", "tensorflow_micro/platform",
     ("host/platform_host.cc",), ()),
    ("//tensorflow_micro/c:c_api", "tensorflow_micro/c",
     ("tfmicro_c.cc",), ()),
)
SCHEMA = "tensorflow_micro/schema/schema.fbs"
C_HEADER = "tensorflow_micro/c/tfmicro_c.h"
# Shipped beside the library: `tfmicro resolver` reads the method names.
KERNEL_LIST = "tensorflow_micro/kernels/builtin_kernels.inc"
LIBRARY_NAME = "libtfmicro_c.so"

# TFM_COPTS (tensorflow_micro/build_defs.bzl) without -Werror: a user's
# newer compiler may warn where ours does not, and that must not stop an
# install. -O2 because this is the library people measure.
CXXFLAGS = ("-std=c++17", "-O2", "-fPIC", "-Wall", "-Wextra", "-Wvla",
            "-fno-exceptions", "-fno-rtti", "-ffp-contract=off")


class NativeBuildError(RuntimeError):
    """The native library could not be built; the message says why."""


def sources(repo: Path) -> list[str]:
    """Repository-relative paths of every .cc file of the library, sorted."""
    found = set()
    for _, directory, includes, excludes in LIBRARIES:
        base = repo / directory
        if not base.is_dir():
            raise NativeBuildError(f"{base} is missing: build from a tfmicro "
                                   "source tree")
        for pattern in includes:
            for path in base.glob(pattern):
                relative = path.relative_to(base).as_posix()
                if not path.is_file():
                    continue
                if any(fnmatch.fnmatchcase(relative, e) for e in excludes):
                    continue
                found.add(f"{directory}/{relative}")
    return sorted(found)


def _run(command: list[str], cwd: Path | None = None) -> None:
    try:
        child = subprocess.run(command, cwd=cwd, stdout=subprocess.PIPE,
                               stderr=subprocess.STDOUT, text=True,
                               check=False)
    except FileNotFoundError as e:
        raise NativeBuildError(f"{command[0]} not found ({e})") from e
    if child.returncode != 0:
        raise NativeBuildError(
            f"command failed ({child.returncode}): {shlex.join(command)}\n"
            f"{child.stdout.strip()}")


def build_library(repo: Path, output: Path, jobs: int | None = None,
                  log: Callable[[str], None] = print) -> Path:
    """Compiles the runtime, kernels and C API into ``output`` (a .so).

    Environment: CXX (compiler, default c++), CXXFLAGS and LDFLAGS (added
    after ours), FLATC (default flatc), TFMICRO_BUILD_JOBS (parallel
    compiles, default the number of CPUs).
    """
    repo = Path(repo).absolute()
    cxx = shlex.split(os.environ.get("CXX", "c++"))
    flatc = os.environ.get("FLATC", "flatc")
    if shutil.which(cxx[0]) is None:
        raise NativeBuildError(f"no C++ compiler: {cxx[0]} not found (set "
                               "CXX, or install g++ or clang)")
    if shutil.which(flatc) is None:
        raise NativeBuildError(
            f"{flatc} not found: tfmicro generates its flatbuffer reader "
            "with flatc (Debian: apt-get install flatbuffers-compiler "
            "libflatbuffers-dev; or set FLATC)")
    files = sources(repo)
    jobs = jobs or int(os.environ.get("TFMICRO_BUILD_JOBS", "0")) or (
        os.cpu_count() or 1)
    extra_cxx = shlex.split(os.environ.get("CXXFLAGS", ""))
    extra_ld = shlex.split(os.environ.get("LDFLAGS", ""))
    with tempfile.TemporaryDirectory(prefix="tfmicro_build_") as tmp:
        work = Path(tmp)
        generated = work / "include"
        schema_dir = generated / Path(SCHEMA).parent
        schema_dir.mkdir(parents=True)
        _run([flatc, "--cpp", "-o", str(schema_dir), str(repo / SCHEMA)])
        log(f"tfmicro: compiling {len(files)} sources with {cxx[0]} "
            f"({jobs} jobs)")

        def compile_one(source: str) -> Path:
            obj = work / "obj" / (source.replace("/", "_") + ".o")
            obj.parent.mkdir(exist_ok=True)
            # The generated header first: a stale copy in the tree must not
            # shadow the one made from this schema.
            _run([*cxx, *CXXFLAGS, *extra_cxx, f"-I{generated}", f"-I{repo}",
                  "-c", str(repo / source), "-o", str(obj)])
            return obj

        with concurrent.futures.ThreadPoolExecutor(jobs) as pool:
            objects = list(pool.map(compile_one, files))
        output = Path(output)
        output.parent.mkdir(parents=True, exist_ok=True)
        link = ["-dynamiclib"] if sys.platform == "darwin" else [
            "-shared", "-Wl,--no-undefined"]
        temporary = output.with_name(output.name + ".tmp")
        _run([*cxx, *link, "-o", str(temporary), *map(str, objects),
              *extra_ld])
        os.replace(temporary, output)
    log(f"tfmicro: built {output}")
    return output


def main(argv: list[str] | None = None) -> int:
    """``python native_sources.py [--list | OUTPUT.so]`` from a checkout."""
    argv = sys.argv[1:] if argv is None else argv
    repo = Path(__file__).absolute().parents[2]
    if argv == ["--list"]:
        print("\n".join(sources(repo)))
        return 0
    if len(argv) != 1:
        print("usage: native_sources.py --list | OUTPUT.so", file=sys.stderr)
        return 2
    try:
        build_library(repo, Path(argv[0]))
    except NativeBuildError as e:
        print(f"error: {e}", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
