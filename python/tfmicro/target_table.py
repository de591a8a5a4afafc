"""The Cortex-M targets of tools/toolchains/targets.bzl, for Python tools.

The Bazel toolchains load that file; this module reads the same dict
literal with ``ast`` so the flags, boards and linker scripts are written
once.
"""

from __future__ import annotations

import ast
import functools
from pathlib import Path

from tfmicro.report import CommandError

_PACKAGE_DIR = Path(__file__).absolute().parent
# In a checkout (python/tfmicro -> the repository root).
_CANDIDATES = (
    _PACKAGE_DIR.parent.parent / "tools" / "toolchains" / "targets.bzl",
)
VARIABLE = "CORTEX_M_TARGETS"
KERNEL_VARIABLE = "KERNEL_COPTS"


@functools.cache
def _literal(variable: str):
    """The value of ``variable = <literal>`` in targets.bzl."""
    for path in _CANDIDATES:
        if path.is_file():
            tree = ast.parse(path.read_text(encoding="utf-8"), str(path))
            for node in tree.body:
                if (isinstance(node, ast.Assign) and len(node.targets) == 1
                        and getattr(node.targets[0], "id", None) == variable):
                    return ast.literal_eval(node.value)
            raise CommandError(f"{path} has no {variable} = ...")
    raise CommandError("tools/toolchains/targets.bzl not found: "
                       + " or ".join(str(c) for c in _CANDIDATES))


def load() -> dict[str, dict]:
    """``{"cortex_m4": {"cpu_flags": [...], "board": ...,
    "linker_script": ..., "systick_hz": ...}, ...}``."""
    return _literal(VARIABLE)


def kernel_copts() -> list[str]:
    """The kernels' compiler options on Cortex-M targets (``["-O2"]``)."""
    return list(_literal(KERNEL_VARIABLE))
