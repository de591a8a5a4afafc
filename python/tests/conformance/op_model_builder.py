"""Builds one-operator .tflite models directly (TFLite's Python schema).

For operators TensorFlow's converter does not emit from a tf.function (SVDF)
or emits only in forms a test cannot control (the quantized LSTM's
intermediate scales): the oracle runs any valid model, so a conformance test
can build the model itself and still compare against TFLite's reference
kernels::

    x = Tensor("x", np.int8, (1, 8), scale=0.05, zero_point=3)
    w = Tensor("w", np.int8, (4, 8), data=weights, scale=0.01)
    y = Tensor("y", np.int8, (1, 4), scale=0.1, zero_point=-2)
    model = build("FULLY_CONNECTED", [x, w, None], [y])

Model inputs are the operator's tensors without data that are not
variables; every operator input that is None is an omitted optional input.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Sequence
from typing import Any

import flatbuffers
import numpy as np
from ai_edge_litert import schema_py_generated as schema

FILE_IDENTIFIER = b"TFL3"
# OperatorCode.deprecated_builtin_code is an int8; larger codes store this.
PLACEHOLDER_FOR_GREATER_OP_CODES = 127

_TENSOR_TYPES = {
    np.dtype(np.float32): schema.TensorType.FLOAT32,
    np.dtype(np.int8): schema.TensorType.INT8,
    np.dtype(np.int16): schema.TensorType.INT16,
    np.dtype(np.int32): schema.TensorType.INT32,
    np.dtype(np.int64): schema.TensorType.INT64,
    np.dtype(np.bool_): schema.TensorType.BOOL,
}


@dataclasses.dataclass
class Tensor:
    """One tensor of the model: constant when it has `data`."""

    name: str
    dtype: Any
    shape: Sequence[int]
    data: np.ndarray | None = None
    # One scale (per tensor) or a list (per channel along
    # quantized_dimension); None for an unquantized tensor.
    scale: float | Sequence[float] | None = None
    zero_point: int | Sequence[int] = 0
    quantized_dimension: int = 0
    is_variable: bool = False

    def quantization(self) -> schema.QuantizationParametersT | None:
        if self.scale is None:
            return None
        q = schema.QuantizationParametersT()
        scales = np.atleast_1d(np.asarray(self.scale, dtype=np.float32))
        zero_points = np.atleast_1d(np.asarray(self.zero_point,
                                               dtype=np.int64))
        if zero_points.size == 1 and scales.size > 1:
            zero_points = np.repeat(zero_points, scales.size)
        q.scale = [float(s) for s in scales]
        q.zeroPoint = [int(z) for z in zero_points]
        q.quantizedDimension = self.quantized_dimension
        return q


def build(op_name: str, inputs: Sequence[Tensor | None],
          outputs: Sequence[Tensor], options_type: int = 0,
          options: Any = None, intermediates: Sequence[Tensor] = (),
          version: int = 1) -> bytes:
    """A model whose one subgraph runs `op_name` on `inputs` to `outputs`.

    Args:
      op_name: a builtin operator name, e.g. "SVDF".
      inputs: the operator's inputs in order; None for an omitted optional
        input.
      outputs: the operator's outputs (the model's outputs).
      options_type: a schema.BuiltinOptions value.
      options: the matching *OptionsT object.
      intermediates: the operator's intermediate tensors (quantized LSTM).
      version: the operator code's version.
    """
    tensors: list[Tensor] = []
    buffers = [schema.BufferT()]  # buffer 0: no data

    def add(tensor: Tensor) -> int:
        tensors.append(tensor)
        return len(tensors) - 1

    input_indices = [-1 if t is None else add(t) for t in inputs]
    output_indices = [add(t) for t in outputs]
    intermediate_indices = [add(t) for t in intermediates]

    tensor_objects = []
    for tensor in tensors:
        t = schema.TensorT()
        t.name = tensor.name
        t.shape = [int(d) for d in tensor.shape]
        dtype = np.dtype(tensor.dtype)
        t.type = _TENSOR_TYPES[dtype]
        t.quantization = tensor.quantization()
        t.isVariable = tensor.is_variable
        t.buffer = 0
        if tensor.data is not None:
            # np.array keeps a 0-d (scalar) constant 0-d; ascontiguousarray
            # would make it shape (1,).
            data = np.array(tensor.data, dtype=dtype, order="C")
            assert data.shape == tuple(t.shape), (tensor.name, data.shape)
            buffer = schema.BufferT()
            buffer.data = np.frombuffer(data.tobytes(), dtype=np.uint8)
            buffers.append(buffer)
            t.buffer = len(buffers) - 1
        tensor_objects.append(t)

    code = getattr(schema.BuiltinOperator, op_name)
    opcode = schema.OperatorCodeT()
    opcode.builtinCode = code
    opcode.deprecatedBuiltinCode = min(code, PLACEHOLDER_FOR_GREATER_OP_CODES)
    opcode.version = version

    op = schema.OperatorT()
    op.opcodeIndex = 0
    op.inputs = input_indices
    op.outputs = output_indices
    if intermediate_indices:
        op.intermediates = intermediate_indices
    op.builtinOptionsType = options_type
    op.builtinOptions = options

    subgraph = schema.SubGraphT()
    subgraph.tensors = tensor_objects
    subgraph.inputs = [
        i for i, t in zip(input_indices, inputs, strict=True)
        if t is not None and t.data is None and not t.is_variable]
    subgraph.outputs = output_indices
    subgraph.operators = [op]
    subgraph.name = "main"

    model = schema.ModelT()
    model.version = 3
    model.operatorCodes = [opcode]
    model.subgraphs = [subgraph]
    model.buffers = buffers
    model.description = f"one {op_name} built by op_model_builder"
    builder = flatbuffers.Builder(1024)
    builder.Finish(model.Pack(builder), file_identifier=FILE_IDENTIFIER)
    return bytes(builder.Output())


def symmetric_scale(values: np.ndarray, dtype) -> float:
    """The scale that maps max |values| to the largest value of `dtype`."""
    peak = float(np.max(np.abs(values))) if np.size(values) else 0.0
    return max(peak, 1e-6) / np.iinfo(dtype).max


def quantize(values: np.ndarray, scale: float, dtype,
             zero_point: int = 0) -> np.ndarray:
    """round(values / scale) + zero_point, saturated to `dtype`."""
    info = np.iinfo(dtype)
    q = np.round(np.asarray(values, dtype=np.float64) / scale) + zero_point
    return np.clip(q, info.min, info.max).astype(dtype)
