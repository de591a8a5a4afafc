"""Checks that schema.fbs is binary-compatible with TensorFlow Lite's schema.

The reference is the Python reader that ai-edge-litert ships
(ai_edge_litert/schema_py_generated.py), plus the copy inside tflite-micro
when that package is installed. Our schema.fbs is compiled with
`flatc --python` into a temporary directory and both modules are compared by
what their generated code does, not by parsing the .fbs:

- every enum and union has the same names with the same values (union
  values are the type codes stored in files);
- every table has the same number of vtable slots, and every field the same
  slot, scalar type, default, vector element size and accessor kind;
- nothing is missing on our side and nothing extra is invented;
- a model built with the reference builder reads back through our reader.

Run: python -m pytest tensorflow_micro/schema/schema_compat_test.py
(or through Bazel: //tensorflow_micro/schema:schema_compat_test).
"""

import importlib.util
import inspect
import os
import re
import shutil
import subprocess
import sys
import tempfile
import types
import unittest
from typing import Dict, List, NamedTuple, Optional, Tuple

import flatbuffers

_SCHEMA = os.path.join(os.path.dirname(os.path.abspath(__file__)), "schema.fbs")

# (top-level package, generated module inside it). The first is required.
_REFERENCES = (
    ("ai_edge_litert", "schema_py_generated.py"),
    ("tflite_micro", "tensorflow/lite/micro/python/schema_py_generated.py"),
)


class Field(NamedTuple):
    slot: int
    kind: str  # builder slot type: "Int8", "Uint32", "UOffsetTRelative"...
    default: object
    vector: Optional[Tuple[int, int]]  # (element size, alignment)
    accessor: Tuple[str, ...]  # what the reader method touches


class Table(NamedTuple):
    num_slots: int
    fields: Dict[str, Field]


class Schema(NamedTuple):
    enums: Dict[str, Dict[str, int]]  # unions included
    tables: Dict[str, Table]


class _RecordingBuilder:
    """Stands in for flatbuffers.Builder and records the calls made on it."""

    def __init__(self) -> None:
        self.calls: List[Tuple[str, tuple]] = []

    def __getattr__(self, method: str):
        def record(*args):
            self.calls.append((method, args))
            return 0

        return record


def _only_call(builder: _RecordingBuilder, what: str) -> Tuple[str, tuple]:
    if len(builder.calls) != 1:
        raise AssertionError(f"{what}: expected one builder call, got {builder.calls}")
    return builder.calls[0]


def _is_enum(cls: type) -> bool:
    values = {k: v for k, v in vars(cls).items() if not k.startswith("_")}
    return bool(values) and all(
        isinstance(v, int) and not isinstance(v, bool) for v in values.values()
    )


_FLAGS = re.compile(r"number_types\.(\w+)Flags")
_OBJECT = re.compile(r"obj = (\w+)\(\)")


def _accessor_kind(cls: type, field: str) -> Tuple[str, ...]:
    """Summarizes a reader method: scalar flags, vector, string, union, table."""
    source = inspect.getsource(getattr(cls, field))
    kind = {f for f in _FLAGS.findall(source) if f != "UOffsetT"}
    kind.update("table:" + t for t in _OBJECT.findall(source))
    for marker, name in (
        ("self._tab.Vector(", "vector"),
        ("self._tab.String(", "string"),
        ("self._tab.Union(", "union"),
    ):
        if marker in source:
            kind.add(name)
    return tuple(sorted(kind))


def _describe_table(module: types.ModuleType, name: str, cls: type) -> Table:
    start = _RecordingBuilder()
    getattr(module, name + "Start")(start)
    method, args = _only_call(start, name + "Start")
    assert method == "StartObject", (name, method)
    fields: Dict[str, Field] = {}
    prefix = name + "Add"
    for fn_name, fn in vars(module).items():
        if not (fn_name.startswith(prefix) and inspect.isfunction(fn)):
            continue
        field = fn_name[len(prefix) :]
        if not hasattr(cls, field):
            continue  # a function of another table whose name extends ours
        add = _RecordingBuilder()
        fn(add, 0)
        method, add_args = _only_call(add, fn_name)
        match = re.fullmatch(r"Prepend(\w+)Slot", method)
        assert match, (fn_name, method)
        vector = None
        start_vector = getattr(module, f"{name}Start{field}Vector", None)
        if start_vector is not None:
            vec = _RecordingBuilder()
            start_vector(vec, 0)
            _, vec_args = _only_call(vec, f"{name}Start{field}Vector")
            vector = (vec_args[0], vec_args[2])
        fields[field] = Field(
            slot=add_args[0],
            kind=match.group(1),
            default=add_args[2],
            vector=vector,
            accessor=_accessor_kind(cls, field),
        )
    return Table(num_slots=args[0], fields=fields)


def describe(module: types.ModuleType) -> Schema:
    """Enums and tables of a `flatc --python --gen-onefile` module."""
    enums: Dict[str, Dict[str, int]] = {}
    tables: Dict[str, Table] = {}
    for name, obj in vars(module).items():
        if not inspect.isclass(obj) or obj.__module__ != module.__name__:
            continue
        if _is_enum(obj):
            enums[name] = {k: v for k, v in vars(obj).items() if not k.startswith("_")}
        elif inspect.isfunction(getattr(module, name + "Start", None)):
            tables[name] = _describe_table(module, name, obj)
    return Schema(enums=enums, tables=tables)


def _load(path: str, module_name: str) -> types.ModuleType:
    spec = importlib.util.spec_from_file_location(module_name, path)
    if spec is None or spec.loader is None:
        raise ImportError(f"cannot load {path}")
    module = importlib.util.module_from_spec(spec)
    sys.modules[module_name] = module
    spec.loader.exec_module(module)
    return module


def _reference_path(package: str, relative: str) -> Optional[str]:
    """Path of a generated reader inside an installed package, without
    importing the package (their __init__ files load native libraries)."""
    spec = importlib.util.find_spec(package)
    if spec is None or not spec.submodule_search_locations:
        return None
    for location in spec.submodule_search_locations:
        path = os.path.join(location, relative)
        if os.path.isfile(path):
            return path
    return None


def _compile_ours(out_dir: str) -> types.ModuleType:
    flatc = shutil.which("flatc")
    if flatc is None:
        raise AssertionError("flatc not found on PATH (Debian: flatbuffers-compiler)")
    subprocess.run(
        [flatc, "--python", "--gen-onefile", "-o", out_dir, _SCHEMA],
        check=True,
        capture_output=True,
        text=True,
    )
    generated = [f for f in os.listdir(out_dir) if f.endswith("_generated.py")]
    if len(generated) != 1:
        raise AssertionError(f"flatc wrote {os.listdir(out_dir)}, expected one module")
    return _load(os.path.join(out_dir, generated[0]), "tfmicro_schema_py_generated")


def compare(ours: Schema, ref: Schema) -> List[str]:
    """Every difference that breaks compatibility or completeness."""
    problems: List[str] = []
    for name in sorted(set(ref.enums) - set(ours.enums)):
        problems.append(f"enum/union {name} is missing")
    for name in sorted(set(ours.enums) - set(ref.enums)):
        problems.append(f"enum/union {name} does not exist in TFLite")
    for name in sorted(set(ref.enums) & set(ours.enums)):
        a, b = ours.enums[name], ref.enums[name]
        for value in sorted(set(b) - set(a)):
            problems.append(f"{name}.{value} (= {b[value]}) is missing")
        for value in sorted(set(a) - set(b)):
            problems.append(f"{name}.{value} does not exist in TFLite")
        for value in sorted(set(a) & set(b)):
            if a[value] != b[value]:
                problems.append(f"{name}.{value} = {a[value]}, TFLite has {b[value]}")
    for name in sorted(set(ref.tables) - set(ours.tables)):
        problems.append(f"table {name} is missing")
    for name in sorted(set(ours.tables) - set(ref.tables)):
        problems.append(f"table {name} does not exist in TFLite")
    for name in sorted(set(ref.tables) & set(ours.tables)):
        a, b = ours.tables[name], ref.tables[name]
        if a.num_slots != b.num_slots:
            problems.append(
                f"table {name} has {a.num_slots} slots, TFLite {b.num_slots}"
            )
        for field in sorted(set(b.fields) - set(a.fields)):
            problems.append(f"{name}.{field} (slot {b.fields[field].slot}) is missing")
        for field in sorted(set(a.fields) - set(b.fields)):
            problems.append(f"{name}.{field} does not exist in TFLite")
        for field in sorted(set(a.fields) & set(b.fields)):
            fa, fb = a.fields[field], b.fields[field]
            for attribute in Field._fields:
                va, vb = getattr(fa, attribute), getattr(fb, attribute)
                if va != vb:
                    problems.append(
                        f"{name}.{field}: {attribute} is {va!r}, TFLite {vb!r}"
                    )
    return problems


class SchemaCompatTest(unittest.TestCase):
    ours: Schema
    ours_module: types.ModuleType
    references: Dict[str, Tuple[types.ModuleType, Schema]]

    @classmethod
    def setUpClass(cls) -> None:
        cls._tmp = tempfile.TemporaryDirectory()
        cls.ours_module = _compile_ours(cls._tmp.name)
        cls.ours = describe(cls.ours_module)
        cls.references = {}
        for index, (package, relative) in enumerate(_REFERENCES):
            path = _reference_path(package, relative)
            if path is None:
                if index == 0:
                    raise AssertionError(
                        f"{package} is not installed: it is the reference for "
                        "this test (pip install ai-edge-litert)"
                    )
                continue
            module = _load(path, f"reference_{package}_schema")
            cls.references[package] = (module, describe(module))

    @classmethod
    def tearDownClass(cls) -> None:
        cls._tmp.cleanup()

    def test_description_is_not_empty(self) -> None:
        # Guards the introspection itself: an empty description would make
        # every comparison pass.
        for schema in [self.ours] + [s for _, s in self.references.values()]:
            self.assertGreater(len(schema.tables), 150)
            self.assertIn("Conv2DOptions", schema.tables)
            self.assertEqual(schema.tables["Tensor"].fields["Shape"].slot, 0)
            self.assertGreater(len(schema.enums["BuiltinOperator"]), 200)

    def test_matches_reference(self) -> None:
        for package, (_, reference) in self.references.items():
            with self.subTest(reference=package):
                problems = compare(self.ours, reference)
                self.assertEqual(
                    problems,
                    [],
                    f"schema.fbs differs from {package}'s TFLite schema:\n  "
                    + "\n  ".join(problems),
                )

    def test_union_codes(self) -> None:
        # Spelled out because a wrong union order silently misreads options.
        enums = self.ours.enums
        self.assertEqual(enums["BuiltinOptions"]["NONE"], 0)
        self.assertEqual(enums["BuiltinOptions"]["Conv2DOptions"], 1)
        self.assertEqual(enums["BuiltinOptions"]["RightShiftOptions"], 126)
        self.assertEqual(enums["BuiltinOptions2"]["StablehloConcatenateOptions"], 1)
        self.assertEqual(enums["QuantizationDetails"]["CustomQuantization"], 1)
        for package, (_, reference) in self.references.items():
            for union in ("BuiltinOptions", "BuiltinOptions2", "QuantizationDetails",
                          "SparseIndexVector"):
                with self.subTest(reference=package, union=union):
                    self.assertEqual(
                        sorted(enums[union].items(), key=lambda kv: kv[1]),
                        sorted(reference.enums[union].items(), key=lambda kv: kv[1]),
                    )

    def test_reference_built_model_reads_back(self) -> None:
        ref, _ = self.references["ai_edge_litert"]
        ours = self.ours_module
        b = flatbuffers.Builder(0)
        ref.Conv2DOptionsStart(b)
        ref.Conv2DOptionsAddPadding(b, ref.Padding.VALID)
        ref.Conv2DOptionsAddStrideW(b, 2)
        ref.Conv2DOptionsAddStrideH(b, 3)
        ref.Conv2DOptionsAddFusedActivationFunction(b, ref.ActivationFunctionType.RELU6)
        ref.Conv2DOptionsAddDilationHFactor(b, 4)
        conv = ref.Conv2DOptionsEnd(b)
        ref.OperatorStartInputsVector(b, 2)
        b.PrependInt32(-1)
        b.PrependInt32(7)
        inputs = b.EndVector()
        ref.OperatorStart(b)
        ref.OperatorAddOpcodeIndex(b, 5)
        ref.OperatorAddInputs(b, inputs)
        ref.OperatorAddBuiltinOptionsType(b, ref.BuiltinOptions.Conv2DOptions)
        ref.OperatorAddBuiltinOptions(b, conv)
        op = ref.OperatorEnd(b)
        ref.SubGraphStartOperatorsVector(b, 1)
        b.PrependUOffsetTRelative(op)
        operators = b.EndVector()
        ref.SubGraphStart(b)
        ref.SubGraphAddOperators(b, operators)
        subgraph = ref.SubGraphEnd(b)
        ref.ModelStartSubgraphsVector(b, 1)
        b.PrependUOffsetTRelative(subgraph)
        subgraphs = b.EndVector()
        ref.ModelStart(b)
        ref.ModelAddVersion(b, 3)
        ref.ModelAddSubgraphs(b, subgraphs)
        b.Finish(ref.ModelEnd(b), file_identifier=b"TFL3")
        data = bytes(b.Output())

        self.assertTrue(ours.Model.ModelBufferHasIdentifier(data, 0))
        model = ours.Model.GetRootAs(data, 0)
        self.assertEqual(model.Version(), 3)
        read_op = model.Subgraphs(0).Operators(0)
        self.assertEqual(read_op.OpcodeIndex(), 5)
        inputs_read = [read_op.Inputs(i) for i in range(read_op.InputsLength())]
        self.assertEqual(inputs_read, [7, -1])
        self.assertEqual(read_op.DebugMetadataIndex(), -1)
        self.assertEqual(
            read_op.BuiltinOptionsType(), ours.BuiltinOptions.Conv2DOptions
        )
        options = ours.Conv2DOptions()
        table = read_op.BuiltinOptions()
        options.Init(table.Bytes, table.Pos)
        self.assertEqual(options.Padding(), ours.Padding.VALID)
        self.assertEqual(options.StrideW(), 2)
        self.assertEqual(options.StrideH(), 3)
        self.assertEqual(
            options.FusedActivationFunction(), ours.ActivationFunctionType.RELU6
        )
        self.assertEqual(options.DilationWFactor(), 1)  # schema default
        self.assertEqual(options.DilationHFactor(), 4)


if __name__ == "__main__":
    unittest.main()
