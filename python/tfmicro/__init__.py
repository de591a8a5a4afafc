"""tfmicro: run TensorFlow Lite models with the tfmicro runtime from Python.

    import tfmicro
    interpreter = tfmicro.Interpreter.from_file("model.tflite")
    interpreter.set_input(x, 0)
    interpreter.invoke()
    y = interpreter.get_output(0)

The API mirrors the tflite_micro runtime (``from_bytes``, ``from_file``,
``set_input``, ``invoke``, ``get_output``, ``get_input_details``,
``get_output_details``, ``reset``). The native library libtfmicro_c.so is
loaded on first use (see tfmicro._bindings for where it is looked up).
"""

from tfmicro.errors import (
    ArenaTooSmallError,
    InvalidArgumentError,
    InvalidModelError,
    KernelError,
    LibraryNotFoundError,
    NotReadyError,
    TfmicroError,
    UnsupportedOpError,
)
from tfmicro.interpreter import Interpreter, InterpreterConfig

__version__ = "0.1.0"

__all__ = [
    "ArenaTooSmallError",
    "Interpreter",
    "InterpreterConfig",
    "InvalidArgumentError",
    "InvalidModelError",
    "KernelError",
    "LibraryNotFoundError",
    "NotReadyError",
    "TfmicroError",
    "UnsupportedOpError",
    "library_version",
    "supported_ops",
]


def library_version() -> str:
    """The version string of the loaded native library (tfm_version)."""
    from tfmicro import _bindings

    lib = _bindings.load()
    return _bindings.ffi.string(lib.tfm_version()).decode("utf-8", "replace")


def supported_ops() -> list[str]:
    """Names of the builtin operators the native library has kernels for."""
    from tfmicro import _bindings

    lib = _bindings.load()
    ffi = _bindings.ffi
    count = lib.tfm_supported_builtins(ffi.NULL, 0)
    codes = ffi.new("int32_t[]", max(count, 1))
    lib.tfm_supported_builtins(codes, count)
    names = []
    for k in range(count):
        name = lib.tfm_builtin_name(codes[k])
        names.append(ffi.string(name).decode() if name != ffi.NULL
                     else f"BUILTIN_{codes[k]}")
    return names
