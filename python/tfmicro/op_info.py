"""Operator names, support and multiply-accumulate counts for reports."""

from __future__ import annotations

import functools

from tfmicro.model_file import ModelFile, Operator

# The kernel library behind every supported operator of this build. The
# C API does not yet say which library a kernel comes from; until vendor
# kernels exist, every kernel is a reference kernel.
REFERENCE_LIBRARY = "reference"


@functools.cache
def builtin_name(code: int) -> str:
    """``CONV_2D`` for 3, from the native library's schema tables."""
    from tfmicro import _bindings

    lib = _bindings.load()
    name = lib.tfm_builtin_name(code)
    if name == _bindings.ffi.NULL:
        return f"BUILTIN_{code}"
    return _bindings.ffi.string(name).decode("utf-8", "replace")


@functools.cache
def supported_builtins() -> frozenset[int]:
    from tfmicro import _bindings

    lib = _bindings.load()
    ffi = _bindings.ffi
    count = lib.tfm_supported_builtins(ffi.NULL, 0)
    codes = ffi.new("int32_t[]", max(count, 1))
    lib.tfm_supported_builtins(codes, count)
    return frozenset(int(codes[k]) for k in range(count))


def op_name(model: ModelFile, op: Operator) -> str:
    """The builtin's name, or a custom operator's own name."""
    code = model.opcode(op)
    if code.is_custom:
        return code.custom_code or "CUSTOM"
    return builtin_name(code.builtin_code)


def is_supported(model: ModelFile, op: Operator) -> bool:
    code = model.opcode(op)
    return not code.is_custom and code.builtin_code in supported_builtins()


def kernel_library(model: ModelFile, op: Operator) -> str | None:
    return REFERENCE_LIBRARY if is_supported(model, op) else None


def op_dtype(model: ModelFile, op: Operator) -> str:
    """The data type an operator computes in: its first input's type, with
    the output's when that differs (``int8->float32`` for DEQUANTIZE)."""
    first_in = next((t for t in op.inputs if t >= 0), None)
    first_out = next((t for t in op.outputs if t >= 0), None)
    in_type = model.tensors[first_in].dtype if first_in is not None else None
    out_type = (model.tensors[first_out].dtype if first_out is not None
                else None)
    if in_type and out_type and in_type != out_type:
        return f"{in_type}->{out_type}"
    return in_type or out_type or "-"


def macs(model: ModelFile, op: Operator) -> int | None:
    """Multiply-accumulates of one run of ``op``, None where undefined.

    From the tensor shapes (NHWC activations, TFLite filter layouts):
    CONV_2D output elements x kernel height x width x input channels
    (filter [out_c, kh, kw, in_c]); DEPTHWISE_CONV_2D output elements x
    kh x kw (filter [1, kh, kw, out_c]); FULLY_CONNECTED output elements x
    input depth (weights [units, depth]); TRANSPOSE_CONV input elements x
    kh x kw x output channels; BATCH_MATMUL output elements x the shared
    dimension.
    """
    code = model.opcode(op)
    if code.is_custom:
        return None
    name = builtin_name(code.builtin_code)
    tensors = model.tensors

    def shape(position: int, of=op.inputs) -> tuple[int, ...] | None:
        if position >= len(of) or of[position] < 0:
            return None
        return tensors[of[position]].shape

    out = shape(0, op.outputs)
    out_elements = _elements(out) if out is not None else None
    if name == "CONV_2D":
        kernel = shape(1)
        if out_elements is None or kernel is None or len(kernel) != 4:
            return None
        return out_elements * kernel[1] * kernel[2] * kernel[3]
    if name == "DEPTHWISE_CONV_2D":
        kernel = shape(1)
        if out_elements is None or kernel is None or len(kernel) != 4:
            return None
        return out_elements * kernel[1] * kernel[2]
    if name == "FULLY_CONNECTED":
        weights = shape(1)
        if out_elements is None or weights is None or len(weights) != 2:
            return None
        return out_elements * weights[1]
    if name == "TRANSPOSE_CONV":
        kernel, data = shape(1), shape(2)
        if kernel is None or data is None or len(kernel) != 4:
            return None
        return _elements(data) * kernel[0] * kernel[1] * kernel[2]
    if name == "BATCH_MATMUL":
        lhs = shape(0)
        if out_elements is None or lhs is None or len(lhs) < 2:
            return None
        # The shared dimension is lhs's last unless adj_x; both equal the
        # rhs's matching one, so take the one not in the output.
        rows = out[-2] if len(out) >= 2 else 1
        return out_elements * (lhs[-1] if lhs[-2] == rows else lhs[-2])
    return None


def _elements(shape: tuple[int, ...]) -> int:
    count = 1
    for d in shape:
        count *= max(int(d), 0)
    return count
