"""``tfmicro cc-array`` and ``tfmicro resolver``: C++ for a firmware image.

cc-array embeds the model as a 16-byte aligned array with
tools/cc_array/generate_cc_array.py (the generator Bazel's
cc_array_library uses; the wheel carries a copy as tfmicro/_tools).

resolver writes a header and a source that register exactly the operators
the model uses with ``tfmicro::MicroOpResolver<N>``
(tensorflow_micro/kernels/micro_op_resolver.h), so that only those kernels
are linked::

    #include "sine_int8_op_resolver.h"

    SineInt8OpResolver resolver;
    if (RegisterSineInt8Ops(&resolver) != tfmicro::Status::kOk) { ... }
"""

from __future__ import annotations

import functools
import importlib.util
import re
import sys
from pathlib import Path
from types import ModuleType

from tfmicro import op_info
from tfmicro.model_file import read_model_bytes, read_model_file
from tfmicro.native_sources import KERNEL_LIST
from tfmicro.report import CommandError, plural

_PACKAGE_DIR = Path(__file__).absolute().parent
_GENERATOR_CANDIDATES = (
    _PACKAGE_DIR / "_tools" / "generate_cc_array.py",
    _PACKAGE_DIR.parent.parent / "tools" / "cc_array" / "generate_cc_array.py",
)
_MODULE_NAME = "tfmicro._generate_cc_array"
_IDENTIFIER = re.compile(r"[A-Za-z_][A-Za-z0-9_]*")
RESOLVER_HEADER = "tensorflow_micro/kernels/micro_op_resolver.h"


def cc_array_generator() -> ModuleType:
    """tools/cc_array/generate_cc_array.py, loaded by path."""
    if _MODULE_NAME in sys.modules:
        return sys.modules[_MODULE_NAME]
    for candidate in _GENERATOR_CANDIDATES:
        if candidate.is_file():
            spec = importlib.util.spec_from_file_location(_MODULE_NAME,
                                                          candidate)
            module = importlib.util.module_from_spec(spec)
            sys.modules[_MODULE_NAME] = module
            spec.loader.exec_module(module)
            return module
    raise CommandError(
        "the C-array generator generate_cc_array.py was not found in "
        + " or ".join(str(c) for c in _GENERATOR_CANDIDATES))


def identifier(stem: str) -> str:
    """A C identifier from a file stem: ``kws-int8`` -> ``kws_int8``."""
    name = re.sub(r"[^A-Za-z0-9_]", "_", stem)
    return name if name and not name[0].isdigit() else "model_" + name


def camel(name: str) -> str:
    """``kws_int8`` -> ``KwsInt8``; ``CONV_2D`` -> ``Conv2D``."""
    parts = [p for p in re.split(r"[^A-Za-z0-9]+", name) if p]
    return "".join(p if re.fullmatch(r"\d+D", p) else p[0].upper() +
                   p[1:].lower() for p in parts)


# MicroOpResolver's Add methods are generated from the kernel list; a wheel
# carries a copy in tfmicro/_native.
_KERNEL_LIST_CANDIDATES = (_PACKAGE_DIR.parent.parent / KERNEL_LIST,
                           _PACKAGE_DIR / "_native" / "builtin_kernels.inc")


@functools.cache
def resolver_methods() -> dict[str, str]:
    """Builtin operator name -> its MicroOpResolver method (``AddConv2D``),
    from builtin_kernels.inc."""
    for candidate in _KERNEL_LIST_CANDIDATES:
        if candidate.is_file():
            return {op: "Add" + method for op, method in re.findall(
                r"^TFM_BUILTIN_KERNEL\((\w+), (\w+)\)$",
                candidate.read_text(encoding="utf-8"), re.MULTILINE)}
    raise CommandError("the kernel list builtin_kernels.inc was not found in "
                       + " or ".join(str(c) for c in _KERNEL_LIST_CANDIDATES))


def add_method(op_name: str) -> str:
    """The MicroOpResolver method that adds a builtin: ``AddConv2D``."""
    method = resolver_methods().get(op_name)
    if method is None:
        raise CommandError(f"tfmicro has no kernel for {op_name}")
    return method


def write_cc_array(model_path: str, out_dir: str, name: str | None = None,
                   symbol: str | None = None,
                   include_prefix: str = "") -> dict:
    """Writes <name>.h and <name>.cc into ``out_dir``."""
    data = read_model_file(model_path)
    read_model_bytes(data, model_path)
    stem = identifier(name or Path(model_path).stem + "_model")
    symbol = symbol or "g_" + stem
    if not _IDENTIFIER.fullmatch(symbol):
        raise CommandError(f"--symbol {symbol!r} is not a C++ identifier")
    generator = cc_array_generator()
    out = _out_dir(out_dir)
    header, source = out / f"{stem}.h", out / f"{stem}.cc"
    include = include_prefix + header.name
    src_name = Path(model_path).name
    _write(header, generator.render_header(symbol, src_name, len(data),
                                           include))
    _write(source, generator.render_source(symbol, src_name, data, include))
    return {"model": model_path, "bytes": len(data), "symbol": symbol,
            "header": str(header), "source": str(source), "alignment": 16}


def write_resolver(model_path: str, out_dir: str, name: str | None = None,
                   include_prefix: str = "") -> dict:
    """Writes <name>_op_resolver.h and .cc into ``out_dir``."""
    data = read_model_file(model_path)
    model = read_model_bytes(data, model_path)
    ops: list[str] = []
    unsupported: list[str] = []
    # Control-flow bodies run their own operators: they need kernels too.
    for op in model.operators + model.other_subgraph_operators:
        op_name = op_info.op_name(model, op)
        if not op_info.is_supported(model, op):
            if op_name not in unsupported:
                unsupported.append(op_name)
        elif op_name not in ops:
            ops.append(op_name)
    if unsupported:
        raise CommandError(
            f"{model_path} uses {plural(len(unsupported), 'operator')} "
            f"tfmicro has no kernel for: {', '.join(unsupported)}")
    ops.sort()
    stem = identifier(name or Path(model_path).stem)
    type_name = camel(stem) + "OpResolver"
    function = f"Register{camel(stem)}Ops"
    out = _out_dir(out_dir)
    header = out / f"{stem}_op_resolver.h"
    source = out / f"{stem}_op_resolver.cc"
    include = include_prefix + header.name
    guard = re.sub(r"[^A-Za-z0-9]", "_", include).upper() + "_"
    src_name = Path(model_path).name
    banner = (f"// Generated by `tfmicro resolver` from {src_name}. "
              "Do not edit.\n")
    op_list = ", ".join(ops)
    count = plural(len(ops), "operator")
    _write(header, f"""{banner}// Registers exactly the {count} the model uses:
// {op_list}.
#ifndef {guard}
#define {guard}

#include "tensorflow_micro/core/status.h"
#include "{RESOLVER_HEADER}"

// An op resolver with room for exactly the model's operators.
using {type_name} = tfmicro::MicroOpResolver<{len(ops)}>;

// Adds the model's operators to `resolver`; returns the first failure.
tfmicro::Status {function}({type_name}* resolver);

#endif  // {guard}
""")
    body = "".join(f"  TFM_RETURN_IF_ERROR(resolver->{add_method(op)}());\n"
                   for op in ops)
    _write(source, f"""{banner}
#include "{include}"

tfmicro::Status {function}({type_name}* resolver) {{
{body}  return tfmicro::Status::kOk;
}}
""")
    return {"model": model_path, "ops": ops, "type": type_name,
            "function": function, "header": str(header),
            "source": str(source)}


def _out_dir(path: str) -> Path:
    out = Path(path)
    if out.exists() and not out.is_dir():
        raise CommandError(f"-o {path} exists and is not a directory")
    try:
        out.mkdir(parents=True, exist_ok=True)
    except OSError as e:
        raise CommandError(f"cannot create {path}: {e.strerror}") from e
    return out


def _write(path: Path, text: str) -> None:
    try:
        path.write_text(text, encoding="utf-8")
    except OSError as e:
        raise CommandError(f"cannot write {path}: {e.strerror}") from e
