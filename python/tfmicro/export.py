"""``tfmicro export``: a model becomes a self-contained project.

One ``Project`` is computed per export: the sources the model needs (only
the kernels of its operators, found by the ``Register_<OP>`` they define,
and the files those include), the FlatBuffers headers it includes (copied
from the system package), the generated app (model array, op resolver,
input, ``main``), the target's platform files, and one set of include
paths, defines and flags. Every format (``tools/export/templates/<format>``)
renders that same Project, so a Make tree and a Keil project never disagree
on what is compiled.

    tfmicro export kws_int8.tflite --format cmake -o kws --target cortex_m4
"""

from __future__ import annotations

import dataclasses
import os
import re
import shutil
import string
import subprocess
import tempfile
from collections.abc import Callable, Iterable
from pathlib import Path

import numpy as np

from tfmicro import codegen
from tfmicro.report import CommandError, plural

FORMATS = ("make", "cmake", "keil", "cubeide", "platformio", "arduino",
           "zephyr", "espidf")

_PACKAGE_DIR = Path(__file__).absolute().parent
# `#include "x"`, and `__has_include("x")` for headers a build may provide.
_INCLUDE = re.compile(
    r'^\s*#\s*include\s+"([^"]+)"|__has_include\("([^"]+)"\)', re.MULTILINE)
_REGISTER = re.compile(
    r"^const KernelRegistration& Register_(\w+)\(\)\s*\{", re.MULTILINE)
_LINKER_INCLUDE = re.compile(r"^\s*INCLUDE\s+(\S+)", re.MULTILINE)
SCHEMA = "tensorflow_micro/schema/schema.fbs"
SCHEMA_HEADER = "tensorflow_micro/schema/schema_generated.h"
FLATBUFFERS_DIR = "third_party/flatbuffers/include"
APP_DIR = "app"
# Where the FlatBuffers headers come from (Debian: libflatbuffers-dev).
SYSTEM_INCLUDE = Path(os.environ.get("TFMICRO_FLATBUFFERS_INCLUDE",
                                     "/usr/include"))
SYSTEM_FLATBUFFERS_LICENSE = Path(
    "/usr/share/doc/libflatbuffers-dev/copyright")


@dataclasses.dataclass(frozen=True)
class Target:
    """A CPU (or the host) and how code is compiled and run for it."""

    name: str
    cpu: str | None  # -mcpu value; None on the host
    flags: tuple[str, ...]  # machine flags for compile and link
    board: str | None  # the qemu-system-arm machine that emulates it
    platform: str  # tensorflow_micro/platform/<platform>/
    linker_script: str | None = None  # inside the platform folder
    defines: tuple[str, ...] = ()  # the platform's build-time constants

    @property
    def is_host(self) -> bool:
        return self.cpu is None


def targets() -> dict[str, Target]:
    """The targets of tools/toolchains/targets.bzl, plus the host."""
    from tfmicro import target_table

    found = {"host": Target("host", None, (), None, "host")}
    for name, spec in target_table.load().items():
        flags = tuple(spec["cpu_flags"])
        cpu = next(f.split("=", 1)[1] for f in flags
                   if f.startswith("-mcpu="))
        found[name] = Target(name, cpu, flags, spec["board"], "cortex_m",
                             spec["linker_script"],
                             (f"TFM_SYSTICK_HZ={spec['systick_hz']}",))
    return found


# Compiler options of the exported runtime: the project's own warnings
# (TFM_COPTS without -Werror, so a newer compiler cannot stop a build),
# size-optimized, with unused code removed at link time, and no fused
# multiply-add contraction (TFM_COPTS says why).
CXX_STANDARD = "c++17"
COMMON_FLAGS = ("-Os", "-Wall", "-Wextra", "-ffunction-sections",
                "-fdata-sections", "-ffp-contract=off")
CXX_ONLY_FLAGS = ("-fno-exceptions", "-fno-rtti", "-Wvla")
HOST_LINK_FLAGS = ("-Wl,--gc-sections",)
CROSS_LINK_FLAGS = ("-Wl,--gc-sections", "--specs=nano.specs",
                    "--specs=nosys.specs", "-nostartfiles")


@dataclasses.dataclass
class Project:
    """What an exported tree holds and how it is built."""

    name: str  # a C identifier, from the model's file name
    model_file: str
    target: Target
    ops: list[str]
    sources: list[str]  # tree-relative .cc/.c/.S files, sorted
    headers: list[str]  # tree-relative headers, sorted
    include_dirs: list[str]  # tree-relative
    defines: list[str]  # NAME=VALUE
    c_flags: list[str]  # for C and C++ (machine + COMMON_FLAGS)
    cxx_flags: list[str]  # C++ only
    link_flags: list[str]
    linker_script: str | None  # tree-relative
    arena_bytes: int
    files: dict[str, bytes] = dataclasses.field(default_factory=dict)

    @property
    def app_sources(self) -> list[str]:
        return [s for s in self.sources if s.startswith(APP_DIR + "/")]

    @property
    def library_sources(self) -> list[str]:
        return [s for s in self.sources if not s.startswith(APP_DIR + "/")]

    @property
    def all_flags(self) -> list[str]:
        return self.c_flags + self.cxx_flags


def source_tree(source_dir: str | None = None) -> Path:
    """The tfmicro checkout whose sources are exported."""
    candidates = ([Path(source_dir)] if source_dir else
                  [_PACKAGE_DIR.parent.parent, Path.cwd()])
    for candidate in candidates:
        if (candidate / "tensorflow_micro" / "core").is_dir():
            return candidate.absolute()
    where = " or ".join(str(c) for c in candidates)
    raise CommandError(
        f"no tfmicro source tree at {where}: export copies the runtime's "
        "sources, run it from a checkout or pass --source-dir")


VENDOR_KERNELS = "tensorflow_micro/kernels/vendor_kernels.inc"
# With a vendor library, the arena is the reference need plus 1/8.
VENDOR_ARENA_MARGIN = 8
NO_VENDOR_KERNELS = "tensorflow_micro/kernels/no_vendor_kernels.inc"


def vendors(repo: Path) -> list[str]:
    """The vendor kernel libraries in the tree (kernels/vendor/<name>)."""
    return sorted(p.parent.name for p in (repo / "tensorflow_micro/kernels/"
                                          "vendor").glob("*/vendor_kernels.inc"))


def kernel_files(repo: Path, vendor: str | None = None) -> dict[str, str]:
    """Operator name -> the file defining Register_<OP>: the reference
    kernel's, or the vendor library's (kernels/vendor/<vendor>)."""
    folder = repo / "tensorflow_micro" / "kernels"
    if vendor:
        folder = folder / "vendor" / vendor
    found = {}
    for path in sorted(folder.glob("*.cc")):
        if path.name.endswith("_test.cc"):
            continue
        for op in _REGISTER.findall(path.read_text(encoding="utf-8")):
            found[op] = path.relative_to(repo).as_posix()
    return found


def _closure(roots: Iterable[str], read: Callable[[str], str | None],
             ) -> set[str]:
    """The files ``roots`` include, transitively, plus ``x.cc`` for every
    ``x.h`` included where that source exists (it defines what x.h
    declares). ``read(path)`` returns a file's text or None when the path is
    not part of the tree (a system header)."""
    seen: set[str] = set()
    pending = list(roots)
    while pending:
        path = pending.pop()
        if path in seen:
            continue
        text = read(path)
        if text is None:
            continue
        seen.add(path)
        for quoted, optional in _INCLUDE.findall(text):
            included = quoted or optional
            pending.append(included)
            stem, ext = os.path.splitext(included)
            if ext == ".h" and not stem.endswith("_test"):
                pending.append(stem + ".cc")
    return seen


def build_project(model_path: str, target_name: str = "host",
                  source_dir: str | None = None, name: str | None = None,
                  seed: int = 0, vendor: str | None = None) -> Project:
    """Computes everything an export writes, without writing anything."""
    import tfmicro
    from tfmicro.inputs import random_inputs
    from tfmicro.model_file import read_model_bytes, read_model_file

    all_targets = targets()
    if target_name not in all_targets:
        raise CommandError(f"unknown --target {target_name!r}; choose from "
                           f"{', '.join(all_targets)}")
    target = all_targets[target_name]
    repo = source_tree(source_dir)
    if vendor and vendor not in vendors(repo):
        raise CommandError(
            f"no vendor kernel library {vendor!r} in tensorflow_micro/kernels/"
            f"vendor (available: {', '.join(vendors(repo)) or 'none yet'})")
    data = read_model_file(model_path)
    read_model_bytes(data, model_path)
    stem = codegen.identifier(name or Path(model_path).stem)

    generated: dict[str, bytes] = {}
    with tempfile.TemporaryDirectory(prefix="tfmicro_export_") as tmp:
        info = codegen.write_resolver(model_path, tmp, name="model",
                                      include_prefix=APP_DIR + "/")
        codegen.write_cc_array(model_path, tmp, name="model_data",
                               symbol="g_model",
                               include_prefix=APP_DIR + "/")
        for path in Path(tmp).iterdir():
            generated[f"{APP_DIR}/{path.name}"] = path.read_bytes()
    interpreter = tfmicro.Interpreter.from_bytes(data)
    # The C API keeps its interpreter object in the arena; the exported
    # program keeps it on the stack.
    arena_bytes = (interpreter.arena_used_bytes() -
                   interpreter.arena_usage()["interpreter_bytes"])
    if vendor:
        # The host library runs reference kernels; a vendor kernel may ask
        # for scratch they do not. The program prints what it really used.
        arena_bytes += arena_bytes // VENDOR_ARENA_MARGIN

    details = [interpreter.get_input_details(i)
               for i in range(interpreter.inputs_size())]
    inputs = random_inputs(details, np.random.default_rng(seed))
    generated.update(_render_app(stem, Path(model_path).name, inputs,
                                 arena_bytes, info["type"], info["function"],
                                 len(interpreter.operators())))
    generated[SCHEMA_HEADER] = _generate_schema_header(repo)
    # The build-provided vendor list (kernels/kernel_selection.h).
    vendor_list = (f"tensorflow_micro/kernels/vendor/{vendor}/"
                   "vendor_kernels.inc" if vendor else NO_VENDOR_KERNELS)
    generated[VENDOR_KERNELS] = (repo / vendor_list).read_bytes()

    kernels = kernel_files(repo)
    missing = [op for op in info["ops"] if op not in kernels]
    if missing:
        raise CommandError(f"no kernel file defines Register_ for "
                           f"{', '.join(missing)}")
    platform_dir = f"tensorflow_micro/platform/{target.platform}"
    platform_sources = sorted(
        p.relative_to(repo).as_posix()
        for p in (repo / platform_dir).iterdir()
        if p.suffix in (".cc", ".c", ".S") and "_test" not in p.stem)
    vendor_kernels = kernel_files(repo, vendor) if vendor else {}
    roots = ([p for p in generated if p.endswith((".cc", ".c"))] +
             [kernels[op] for op in info["ops"]] +
             [vendor_kernels[op] for op in info["ops"] if op in vendor_kernels]
             + platform_sources)

    def read(path: str) -> str | None:
        if path in generated:
            return generated[path].decode("utf-8")
        if (repo / path).is_file() and path.startswith("tensorflow_micro/"):
            return (repo / path).read_text(encoding="utf-8")
        system = SYSTEM_INCLUDE / path
        if path.startswith("flatbuffers/") and system.is_file():
            return system.read_text(encoding="utf-8")
        return None

    files = _closure(roots, read)
    tree: dict[str, bytes] = {}
    for path in sorted(files):
        if path in generated:
            tree[path] = generated[path]
        elif path.startswith("flatbuffers/"):
            tree[f"{FLATBUFFERS_DIR}/{path}"] = (SYSTEM_INCLUDE /
                                                 path).read_bytes()
        else:
            tree[path] = (repo / path).read_bytes()
    linker_script = None
    if target.linker_script:
        linker_script = f"{platform_dir}/{target.linker_script}"
        pending = [linker_script]
        while pending:  # the script and the scripts it INCLUDEs
            script = pending.pop()
            tree[script] = (repo / script).read_bytes()
            pending += _LINKER_INCLUDE.findall(tree[script].decode())
    if SYSTEM_FLATBUFFERS_LICENSE.is_file():
        tree["third_party/flatbuffers/LICENSE"] = (
            SYSTEM_FLATBUFFERS_LICENSE.read_bytes())

    sources = sorted(p for p in tree if p.endswith((".cc", ".c", ".S")))
    headers = sorted(p for p in tree if p.endswith((".h", ".inc")))
    link = list(HOST_LINK_FLAGS if target.is_host else CROSS_LINK_FLAGS)
    if linker_script:
        link.append(f"-T{linker_script}")
    return Project(
        name=stem, model_file=Path(model_path).name, target=target,
        ops=info["ops"], sources=sources, headers=headers,
        include_dirs=[".", FLATBUFFERS_DIR],
        defines=[f"TFMICRO_ARENA_SIZE={_round_up(arena_bytes)}",
                 *target.defines],
        c_flags=[*target.flags, *COMMON_FLAGS],
        cxx_flags=[f"-std={CXX_STANDARD}", *CXX_ONLY_FLAGS],
        link_flags=[*target.flags, *link], linker_script=linker_script,
        arena_bytes=arena_bytes, files=tree)


def _round_up(n: int, to: int = 16) -> int:
    return (n + to - 1) // to * to


def _generate_schema_header(repo: Path) -> bytes:
    flatc = os.environ.get("FLATC", "flatc")
    if shutil.which(flatc) is None:
        raise CommandError(
            f"{flatc} not found: export generates the model reader with "
            "flatc (Debian: apt-get install flatbuffers-compiler "
            "libflatbuffers-dev; or set FLATC)")
    with tempfile.TemporaryDirectory(prefix="tfmicro_flatc_") as tmp:
        child = subprocess.run([flatc, "--cpp", "-o", tmp, str(repo / SCHEMA)],
                               capture_output=True, text=True, check=False)
        if child.returncode != 0:
            raise CommandError(f"flatc failed: {child.stderr.strip()}")
        return (Path(tmp) / "schema_generated.h").read_bytes()


# --- the app: model, input, the one-inference program ---------------------

_C_TYPES = {"int8": "int8_t", "uint8": "uint8_t", "int16": "int16_t",
            "int32": "int32_t", "int64": "int64_t", "float32": "float",
            "bool": "bool"}


def _render_app(stem: str, model_file: str, inputs: list[np.ndarray],
                arena_bytes: int, resolver_type: str,
                register_function: str, num_operators: int
                ) -> dict[str, bytes]:
    arrays = []
    for i, array in enumerate(inputs):
        raw = np.ascontiguousarray(array).tobytes()
        body = ",".join(str(b) for b in raw)
        arrays.append(f"alignas(16) const unsigned char g_input_{i}[] = "
                      f"{{{body}}};")
    table = ", ".join(f"{{g_input_{i}, sizeof(g_input_{i})}}"
                      for i in range(len(inputs)))
    values = {
        "model_file": model_file,
        "stem": stem,
        "num_inputs": str(len(inputs)),
        "input_arrays": "\n".join(arrays),
        "input_table": table or "{nullptr, 0}",
        "arena_bytes": str(_round_up(arena_bytes)),
        "num_operators": str(max(num_operators, 1)),
        "resolver_type": resolver_type,
        "register_function": register_function,
        "app": APP_DIR,
    }
    out = {}
    for name in ("model_input.h", "model_input.cc", "model_example.h",
                 "model_example.cc", "main.cc"):
        out[f"{APP_DIR}/{name}"] = render(f"app/{name}", values).encode()
    return out


# --- templates --------------------------------------------------------------

def templates_dir() -> Path:
    candidate = _PACKAGE_DIR.parent.parent / "tools" / "export" / "templates"
    if candidate.is_dir():
        return candidate
    raise CommandError("the export templates (tools/export/templates) were "
                       "not found")


def render(template: str, values: dict[str, str]) -> str:
    """tools/export/templates/<template> with ``$name`` replaced."""
    text = (templates_dir() / template).read_text(encoding="utf-8")
    try:
        return string.Template(text).substitute(values)
    except (KeyError, ValueError) as e:
        raise CommandError(f"template {template}: bad placeholder {e}") from e


# --- writing and building ---------------------------------------------------

def write_tree(project: Project, fmt: str, out_dir: str) -> dict[str, bytes]:
    """Writes the project in format ``fmt`` into ``out_dir``; returns the
    files written (tree-relative path -> bytes)."""
    from tfmicro import export_formats

    if fmt not in FORMATS:
        raise CommandError(f"unknown --format {fmt!r}; choose from "
                           f"{', '.join(FORMATS)}")
    files = export_formats.render_format(project, fmt)
    out = Path(out_dir)
    if out.exists() and not out.is_dir():
        raise CommandError(f"-o {out_dir} exists and is not a directory")
    if out.is_dir() and any(out.iterdir()):
        raise CommandError(f"-o {out_dir} is not empty: export writes a "
                           "whole tree, give it a new or empty directory")
    try:
        for path, data in files.items():
            target = out / path
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_bytes(data)
    except OSError as e:
        raise CommandError(f"cannot write {out_dir}: {e.strerror}") from e
    return files


# The formats ``tfmicro export`` can build here, and how.
BUILDABLE = ("make", "cmake")


def build_tree(out_dir: str, fmt: str, env: dict[str, str] | None = None,
               jobs: int = 2, timeout: float = 900) -> Path:
    """Builds an exported make or cmake tree; returns the program."""
    if fmt == "make":
        steps = [["make", f"-j{jobs}"]]
    elif fmt == "cmake":
        steps = [["cmake", "-S", ".", "-B", "build"],
                 ["cmake", "--build", "build", "-j", str(jobs)]]
    else:
        raise CommandError(f"{fmt} projects build in their own IDE or "
                           f"framework; tfmicro builds {' and '.join(BUILDABLE)}")
    for step in steps:
        if shutil.which(step[0]) is None:
            raise CommandError(f"{step[0]} not found: install it to build "
                               "the export, or pass --no-build")
        child = subprocess.run(step, cwd=out_dir, capture_output=True,
                               text=True, check=False,
                               env={**os.environ, **(env or {})},
                               timeout=timeout)
        if child.returncode != 0:
            tail = "\n".join((child.stdout + child.stderr).splitlines()[-25:])
            raise CommandError(f"{' '.join(step)} failed in {out_dir}:\n{tail}")
    return Path(out_dir) / "build" / "model_example"


def section_sizes(program: Path, size_tool: str = "size") -> dict[str, int]:
    """.text/.data/.bss of a linked program (binutils ``size``)."""
    child = subprocess.run([size_tool, str(program)], capture_output=True,
                           text=True, check=False)
    if child.returncode != 0:
        raise CommandError(f"{size_tool} failed: {child.stderr.strip()}")
    text, data, bss = (int(v) for v in child.stdout.splitlines()[1].split()[:3])
    return {"text": text, "data": data, "bss": bss}


SOURCE_SUFFIXES = (".cc", ".c", ".S", ".h", ".inc")


def source_bytes(files: dict[str, bytes]) -> int:
    """Bytes of the C/C++ sources and headers among written files."""
    return sum(len(d) for p, d in files.items() if p.endswith(SOURCE_SUFFIXES))


def describe(project: Project, files: dict[str, bytes]) -> str:
    return (f"{plural(len(project.ops), 'operator')} "
            f"({', '.join(project.ops)}), "
            f"{plural(len(project.sources), 'source')} and "
            f"{plural(len(project.headers), 'header')} "
            f"({source_bytes(files):,} bytes), arena "
            f"{project.arena_bytes:,} bytes")
