"""Small edits of .tflite flatbuffers for tests (TFLite's Python schema)."""

from __future__ import annotations

import flatbuffers
from ai_edge_litert import schema_py_generated as schema

FILE_IDENTIFIER = b"TFL3"
# OperatorCode.deprecated_builtin_code is an int8; larger codes store this.
PLACEHOLDER_FOR_GREATER_OP_CODES = 127

BUILTIN_CODES = {name: value
                 for name, value in vars(schema.BuiltinOperator).items()
                 if not name.startswith("_")}


def unpack(model_bytes: bytes) -> schema.ModelT:
    return schema.ModelT.InitFromObj(schema.Model.GetRootAs(model_bytes, 0))


def pack(model: schema.ModelT) -> bytes:
    builder = flatbuffers.Builder(1024)
    builder.Finish(model.Pack(builder), file_identifier=FILE_IDENTIFIER)
    return bytes(builder.Output())


def builtin_code(opcode: schema.OperatorCodeT) -> int:
    return max(opcode.builtinCode, opcode.deprecatedBuiltinCode)


def replace_operator_code(model_bytes: bytes, opcode_index: int = 0, *,
                          builtin: int | None = None,
                          custom_code: str | None = None,
                          drop_options: bool = False) -> bytes:
    """The model with operator code ``opcode_index`` changed.

    Either to another builtin operator (``builtin``) or to a CUSTOM operator
    named ``custom_code``. Every operator using that code changes with it;
    ``drop_options`` also removes their builtin options (which the verifier
    checks against the operator).
    """
    if (builtin is None) == (custom_code is None):
        raise ValueError("give exactly one of builtin and custom_code")
    model = unpack(model_bytes)
    opcode = model.operatorCodes[opcode_index]
    if custom_code is not None:
        builtin = schema.BuiltinOperator.CUSTOM
        opcode.customCode = custom_code
    opcode.builtinCode = builtin
    opcode.deprecatedBuiltinCode = min(builtin,
                                       PLACEHOLDER_FOR_GREATER_OP_CODES)
    if drop_options:
        for subgraph in model.subgraphs:
            for op in subgraph.operators or []:
                if op.opcodeIndex == opcode_index:
                    op.builtinOptionsType = 0
                    op.builtinOptions = None
    return pack(model)
