"""Inspection and quantization edits of converted CONV_2D, DEPTHWISE_CONV_2D
and FULLY_CONNECTED models, for their conformance tests.

The TFLite converter quantizes these filters per channel; the edits here make
the per-tensor variants (and a non-zero filter zero point) that TFLite's
kernels also accept, so the oracle covers those paths too. Models are edited
with TFLite's own Python schema (``ai_edge_litert.schema_py_generated``).
"""

from __future__ import annotations

from typing import Any

import flatbuffers
import numpy as np
from ai_edge_litert import schema_py_generated as schema

_FILE_IDENTIFIER = b"TFL3"
_BUILTIN_NAMES = {value: name
                  for name, value in vars(schema.BuiltinOperator).items()
                  if not name.startswith("_")}
_FILTER_INPUT = 1
_BIAS_INPUT = 2
# TRANSPOSE_CONV's inputs are (output_shape, filter, input, bias).
_DATA_INPUT_OF = {"TRANSPOSE_CONV": 2}
_BIAS_INPUT_OF = {"TRANSPOSE_CONV": 3}


def _bias_index(op_name: str, op: schema.OperatorT) -> int:
    """The op's bias tensor, -1 without one."""
    position = _BIAS_INPUT_OF.get(op_name, _BIAS_INPUT)
    return int(op.inputs[position]) if len(op.inputs) > position else -1


def _unpack(model_bytes: bytes) -> schema.ModelT:
    return schema.ModelT.InitFromObj(schema.Model.GetRootAs(model_bytes, 0))


def _pack(model: schema.ModelT) -> bytes:
    builder = flatbuffers.Builder(1024)
    builder.Finish(model.Pack(builder), file_identifier=_FILE_IDENTIFIER)
    return bytes(builder.Output())


def _op_name(model: schema.ModelT, op: schema.OperatorT) -> str:
    code = model.operatorCodes[op.opcodeIndex]
    return _BUILTIN_NAMES[max(code.builtinCode, code.deprecatedBuiltinCode)]


def operator_names(model_bytes: bytes) -> list[str]:
    """The builtin names of the main subgraph's operators, in order."""
    model = _unpack(model_bytes)
    return [_op_name(model, op) for op in model.subgraphs[0].operators]


def _find(model: schema.ModelT, op_name: str) -> schema.OperatorT:
    for op in model.subgraphs[0].operators:
        if _op_name(model, op) == op_name:
            return op
    names = [_op_name(model, op) for op in model.subgraphs[0].operators]
    raise AssertionError(f"the model has no {op_name}, only {names}")


def describe(model_bytes: bytes, op_name: str) -> dict[str, Any]:
    """The first ``op_name``: its options (as a dict of the schema's field
    names), and its filter's shape and number of scales."""
    model = _unpack(model_bytes)
    op = _find(model, op_name)
    tensors = model.subgraphs[0].tensors
    filter_tensor = tensors[op.inputs[_FILTER_INPUT]]
    quant = filter_tensor.quantization
    bias_index = _bias_index(op_name, op)
    return {
        "options": dict(vars(op.builtinOptions)) if op.builtinOptions else {},
        "filter_shape": [int(d) for d in filter_tensor.shape],
        "filter_scales": (0 if quant is None or quant.scale is None
                          else len(quant.scale)),
        "has_bias": bool(bias_index >= 0),
    }


def _tensor_array(model: schema.ModelT, index: int, dtype) -> np.ndarray:
    tensor = model.subgraphs[0].tensors[index]
    data = np.asarray(model.buffers[tensor.buffer].data, dtype=np.uint8)
    return data.view(dtype).reshape([int(d) for d in tensor.shape])


def _set_tensor_array(model: schema.ModelT, index: int,
                      values: np.ndarray) -> None:
    tensor = model.subgraphs[0].tensors[index]
    model.buffers[tensor.buffer].data = np.frombuffer(
        np.ascontiguousarray(values).tobytes(), dtype=np.uint8)


def requantize_filter_per_tensor(model_bytes: bytes, op_name: str) -> bytes:
    """The first ``op_name`` with its per-channel int8 filter turned into a
    per-tensor one of the largest channel scale.

    Filter values and the integer bias (int32, or int64 in a 16x8 model;
    scale input_scale * filter_scale) are requantized to the new scale, so
    the model still computes nearly the same function and the bias scale
    stays consistent.
    """
    model = _unpack(model_bytes)
    op = _find(model, op_name)
    tensors = model.subgraphs[0].tensors
    filter_index = op.inputs[_FILTER_INPUT]
    quant = tensors[filter_index].quantization
    scales = np.asarray(quant.scale, dtype=np.float64)
    assert scales.size > 1, f"{op_name} filter is already per-tensor"
    axis = int(quant.quantizedDimension)
    new_scale = float(np.float32(scales.max()))
    ratio_shape = [1] * len(tensors[filter_index].shape)
    ratio_shape[axis] = scales.size
    ratios = (scales / new_scale).reshape(ratio_shape)
    filter_values = _tensor_array(model, filter_index, np.int8)
    requantized = np.clip(np.round(filter_values * ratios), -127, 127)
    _set_tensor_array(model, filter_index, requantized.astype(np.int8))
    quant.scale = [new_scale]
    quant.zeroPoint = [0]
    quant.quantizedDimension = 0

    bias_index = _bias_index(op_name, op)
    if bias_index >= 0:
        bias_quant = tensors[bias_index].quantization
        bias_dtype = {schema.TensorType.INT32: np.int32,
                      schema.TensorType.INT64: np.int64}[
                          tensors[bias_index].type]
        bias = _tensor_array(model, bias_index, bias_dtype)
        requantized_bias = np.round(bias.astype(np.float64) *
                                    ratios.reshape(-1))
        _set_tensor_array(model, bias_index,
                          requantized_bias.astype(bias_dtype))
        data_input = op.inputs[_DATA_INPUT_OF.get(op_name, 0)]
        input_scale = float(tensors[data_input].quantization.scale[0])
        bias_quant.scale = [
            float(np.float32(input_scale) * np.float32(new_scale))]
        bias_quant.zeroPoint = [0]
        bias_quant.quantizedDimension = 0
    return _pack(model)


def set_filter_zero_point(model_bytes: bytes, op_name: str,
                          zero_point: int) -> bytes:
    """The first ``op_name`` with its per-tensor filter's zero point set."""
    model = _unpack(model_bytes)
    op = _find(model, op_name)
    quant = model.subgraphs[0].tensors[op.inputs[_FILTER_INPUT]].quantization
    assert len(quant.scale) == 1, f"{op_name} filter is not per-tensor"
    quant.zeroPoint = [zero_point]
    return _pack(model)


def narrow_bias_to_int32(model_bytes: bytes, op_name: str) -> bytes:
    """The first ``op_name`` of a 16x8 model with its int64 bias stored as
    int32 and quantized_bias_type INT32, the other bias type TFLite's 16x8
    kernels take (CONV_2D, FULLY_CONNECTED, TRANSPOSE_CONV)."""
    model = _unpack(model_bytes)
    op = _find(model, op_name)
    bias_index = _bias_index(op_name, op)
    assert bias_index >= 0, f"{op_name} has no bias"
    tensor = model.subgraphs[0].tensors[bias_index]
    assert tensor.type == schema.TensorType.INT64, "the bias is not int64"
    bias = _tensor_array(model, bias_index, np.int64)
    info = np.iinfo(np.int32)
    assert bias.min() >= info.min and bias.max() <= info.max
    _set_tensor_array(model, bias_index, bias.astype(np.int32))
    tensor.type = schema.TensorType.INT32
    op.builtinOptions.quantizedBiasType = schema.TensorType.INT32
    return _pack(model)
