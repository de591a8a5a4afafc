"""The pip build compiles exactly what Bazel compiles into libtfmicro_c.so.

The globs of tfmicro/native_sources.py (what setup.py compiles) must name
the same .cc files as //python:native_sources, which an aspect collects from
the dependency graph of //tensorflow_micro/c:libtfmicro_c.so.
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from conftest import REPO_DIR
from tfmicro import native_sources

MANIFEST_ENV = "TFMICRO_NATIVE_SOURCES"


def bazel_manifest() -> Path | None:
    if os.environ.get(MANIFEST_ENV):
        return Path(os.environ[MANIFEST_ENV])
    built = REPO_DIR / "bazel-bin" / "python" / "native_sources.txt"
    return built if built.is_file() else None


def source_tree() -> Path:
    """The checkout itself: under Bazel, runfiles hold only the files Bazel
    already knows, so the globs run where the runfiles' symlinks point."""
    anchor = REPO_DIR / native_sources.C_HEADER
    return anchor.resolve().parents[len(Path(native_sources.C_HEADER).parts)
                                     - 1]


def test_pip_sources_are_the_bazel_sources():
    manifest = bazel_manifest()
    if manifest is None:
        pytest.skip("build //python:native_sources (or run under Bazel)")
    from_bazel = manifest.read_text().split()
    from_globs = native_sources.sources(source_tree())
    missing = sorted(set(from_bazel) - set(from_globs))
    extra = sorted(set(from_globs) - set(from_bazel))
    assert not missing and not extra, (
        f"tfmicro/native_sources.py LIBRARIES disagrees with the BUILD "
        f"files: pip would miss {missing} and add {extra}")


def test_library_globs_name_their_bazel_targets():
    # Each glob row names the target whose BUILD file it mirrors.
    for target, directory, _, _ in native_sources.LIBRARIES:
        package = target[2:].split(":")[0]
        assert directory == package, (target, directory)
