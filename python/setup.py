"""Builds the native library into the package when pip builds tfmicro.

The metadata is in pyproject.toml; this file only adds the build step:
`build_ext` compiles the runtime, the reference kernels and the C API from
the source tree around python/ (the list is tfmicro/native_sources.py, the
same globs as the Bazel targets) into tfmicro/_native/libtfmicro_c.so, and
copies the C header (which the cffi bindings read) and the C-array
generator beside it. The wheel is therefore platform-specific.

An editable install (`pip install -e python`, as ci/setup.sh does) uses the
library Bazel builds when there is one or Bazel is installed (ci/setup.sh
builds it right after and copies it to tfmicro/_native), and compiles one
otherwise.
"""

from __future__ import annotations

import importlib.util
import shutil
from pathlib import Path

from setuptools import Distribution, setup
from setuptools.command.build_ext import build_ext

PYTHON_DIR = Path(__file__).absolute().parent
REPO_DIR = PYTHON_DIR.parent


def _native_sources():
    path = PYTHON_DIR / "tfmicro" / "native_sources.py"
    spec = importlib.util.spec_from_file_location("_tfmicro_native_sources",
                                                  path)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


class BinaryDistribution(Distribution):
    """Marks the wheel as platform-specific: it carries a shared library."""

    def has_ext_modules(self) -> bool:
        return True


class BuildNative(build_ext):
    """Compiles libtfmicro_c.so (there are no Python extension modules)."""

    def run(self) -> None:
        native = _native_sources()
        if self.inplace:
            package = PYTHON_DIR / "tfmicro"
        else:
            package = Path(self.build_lib) / "tfmicro"
        target = package / "_native" / native.LIBRARY_NAME
        bazel_built = (REPO_DIR / "bazel-bin" / "tensorflow_micro" / "c" /
                       native.LIBRARY_NAME)
        if self.inplace and (target.is_file() or bazel_built.is_file() or
                             shutil.which("bazel")):
            print(f"tfmicro: the editable install uses the Bazel-built "
                  f"{native.LIBRARY_NAME} (bazel build "
                  "//tensorflow_micro/c:libtfmicro_c.so; ci/setup.sh copies "
                  "it to tfmicro/_native)")
            return
        if not (REPO_DIR / native.C_HEADER).is_file():
            raise SystemExit(
                f"tfmicro: {REPO_DIR / native.C_HEADER} not found. The "
                "package builds its native library from the tfmicro source "
                "tree around python/: install from a checkout "
                "(pip install ./python).")
        try:
            native.build_library(REPO_DIR, target, jobs=self.parallel or None)
        except native.NativeBuildError as e:
            raise SystemExit(f"tfmicro: cannot build the native library: "
                             f"{e}") from e
        for shipped in (native.C_HEADER, native.KERNEL_LIST):
            shutil.copyfile(REPO_DIR / shipped,
                            target.parent / Path(shipped).name)
        if not self.inplace:
            tools = package / "_tools"
            tools.mkdir(exist_ok=True)
            shutil.copyfile(
                REPO_DIR / "tools" / "cc_array" / "generate_cc_array.py",
                tools / "generate_cc_array.py")

    def get_outputs(self) -> list[str]:
        return []


setup(distclass=BinaryDistribution, cmdclass={"build_ext": BuildNative})
