"""Conformance of control flow and resource variables against TFLite's
reference kernels: IF, WHILE, CALL_ONCE, VAR_HANDLE, READ_VARIABLE,
ASSIGN_VARIABLE, in models with several subgraphs.

Models come from ``tf.cond`` / ``tf.while_loop`` and from ``tf.Variable``
state in a ``tf.Module`` (converted with resource variables kept). Every
case runs several consecutive invokes on one interpreter in both runtimes,
so variable state carried across invokes is compared too. Quantized models
keep control-flow values in float32 (the converter puts QUANTIZE /
DEQUANTIZE inside the subgraphs) and variables in float32.

Most loop conditions are boolean loop variables (a shift register of
flags), so the loops run 0..3 times by the inputs; the counting loop and
the computed IF condition use LESS and GREATER. No int16 cases: the converter rejects IF and
WHILE in 16x8 mode ("Quantization to 16x8-bit not yet supported for op"),
and leaves the variable model in float32.
"""

from __future__ import annotations

import numpy as np
import pytest

import conformance_util as cu
import model_edit as me
import single_op_edit as edit

SHAPE = (1, 4)
MODES = ("float32", "int8")


def _ops(model: bytes) -> set[str]:
    return {name for names in edit.all_op_names(model) for name in names}


def _expect_ops(model: bytes, *names: str) -> None:
    present = _ops(model)
    for name in names:
        assert name in present, f"the model has {sorted(present)}, not {name}"


def _input_sets(model: bytes, flags: list[tuple[bool, ...]], seed: int = 0):
    """One input set per entry of ``flags``: random values for the other
    inputs; the entry's values for the bool inputs in the order of their
    names (the converter may order the model's inputs differently)."""
    import tfmicro

    interpreter = tfmicro.Interpreter.from_bytes(model)
    details = [interpreter.get_input_details(i)
               for i in range(interpreter.inputs_size())]
    bool_inputs = sorted(
        (d["name"], i) for i, d in enumerate(details)
        if np.dtype(d["dtype"]) == np.bool_)
    rng = np.random.default_rng(seed)
    sets = []
    for entry in flags:
        assert len(entry) == len(bool_inputs)
        arrays = cu.random_inputs(details, rng, cu.DEFAULT_INPUT_RANGE)
        for value, (_, i) in zip(entry, bool_inputs, strict=True):
            arrays[i] = np.full(tuple(int(d) for d in details[i]["shape"]),
                                value, dtype=np.bool_)
        sets.append(arrays)
    return sets


def _convert(fn, specs, quantize):
    """Converts ``fn`` (a tf.function, or a tf.Module with variables) for
    ``specs`` (shape, dtype) pairs."""
    tf = cu._tensorflow()
    return cu.convert(fn, [s for s, _ in specs], quantize=quantize,
                      input_dtypes=[d for _, d in specs],
                      resource_variables=isinstance(fn, tf.Module))


def _value_and_flags(num_flags: int):
    return [(SHAPE, np.float32)] + [((), np.bool_)] * num_flags


@pytest.mark.parametrize("quantize", MODES)
def test_if_one_output(quantize):
    tf = cu._tensorflow()

    @tf.function
    def fn(x, flag):
        return tf.cond(flag, lambda: tf.nn.relu(x * 2.0 + 1.0),
                       lambda: tf.tanh(x) * 0.5)

    model = _convert(fn, _value_and_flags(1), quantize)
    _expect_ops(model, "IF")
    edit.assert_matches_reference(
        model, inputs=_input_sets(model, [(True,), (False,), (False,),
                                          (True,)]))


@pytest.mark.parametrize("quantize", MODES)
def test_if_two_inputs_two_outputs(quantize):
    tf = cu._tensorflow()

    @tf.function
    def fn(x, y, flag):
        return tf.cond(flag, lambda: (x + y, x * y),
                       lambda: (x * y, tf.nn.relu(x)))

    specs = [(SHAPE, np.float32), (SHAPE, np.float32), ((), np.bool_)]
    model = _convert(fn, specs, quantize)
    _expect_ops(model, "IF")
    edit.assert_matches_reference(
        model, inputs=_input_sets(model, [(False,), (True,), (True,)]))


def _shift_loop(tf, body_value):
    """A while loop over (a, b, c, x) that runs as many times as the leading
    true flags: the condition is `a`, the body shifts the flags left."""

    @tf.function
    def fn(x, a, b, c):
        _, _, _, out = tf.while_loop(
            lambda a, b, c, v: a,
            lambda a, b, c, v: (b, c, tf.constant(False), body_value(v, b)),
            [a, b, c, x])
        return out

    return fn


FLAG_PATTERNS = [(True, True, True), (False, True, True), (True, False, True),
                 (True, True, False)]


@pytest.mark.parametrize("quantize", MODES)
def test_while(quantize):
    tf = cu._tensorflow()
    fn = _shift_loop(tf, lambda v, b: v * 1.25 + 0.5)
    model = _convert(fn, _value_and_flags(3), quantize)
    _expect_ops(model, "WHILE")
    edit.assert_matches_reference(model,
                                  inputs=_input_sets(model, FLAG_PATTERNS))


@pytest.mark.parametrize("quantize", MODES)
def test_if_nested_in_while(quantize):
    tf = cu._tensorflow()
    fn = _shift_loop(tf, lambda v, b: tf.cond(
        b, lambda: v * 2.0, lambda: tf.nn.relu(v + 0.25)))
    model = _convert(fn, _value_and_flags(3), quantize)
    _expect_ops(model, "WHILE", "IF")
    edit.assert_matches_reference(model,
                                  inputs=_input_sets(model, FLAG_PATTERNS))


@pytest.mark.parametrize("quantize", MODES)
def test_while_counting(quantize):
    tf = cu._tensorflow()

    @tf.function
    def fn(x):
        _, out = tf.while_loop(lambda i, v: i < 3,
                               lambda i, v: (i + 1, v * 1.5 + 0.5),
                               [tf.constant(0), x])
        return out

    model = _convert(fn, [(SHAPE, np.float32)], quantize)
    _expect_ops(model, "WHILE", "LESS")
    edit.assert_matches_reference(model, num_inputs=2)


@pytest.mark.parametrize("quantize", MODES)
def test_if_on_a_computed_condition(quantize):
    tf = cu._tensorflow()

    @tf.function
    def fn(x):
        return tf.cond(x[0, 1] > 0.0, lambda: x * 2.0, lambda: x + 1.0)

    model = _convert(fn, [(SHAPE, np.float32)], quantize)
    _expect_ops(model, "IF", "GREATER")
    # Both signs of the condition.
    edit.assert_matches_reference(
        model, inputs=[[np.full(SHAPE, v, dtype=np.float32)
                        if quantize == "float32"
                        else np.full(SHAPE, 40 * np.sign(v), dtype=np.int8)]
                       for v in (1.5, -0.75, 0.5)])


def _accumulator(tf):
    class Accumulator(tf.Module):
        def __init__(self):
            super().__init__()
            self.total = tf.Variable(tf.fill(SHAPE, 0.5))

        @tf.function
        def __call__(self, x):
            self.total.assign(self.total * 0.5 + x)
            return self.total * 2.0

    return Accumulator()


@pytest.mark.parametrize("quantize", MODES)
def test_variable_state_across_invokes(quantize):
    module = _accumulator(cu._tensorflow())
    model = _convert(module, [(SHAPE, np.float32)], quantize)
    _expect_ops(model, "CALL_ONCE", "VAR_HANDLE", "READ_VARIABLE",
                "ASSIGN_VARIABLE")
    edit.assert_matches_reference(model, num_inputs=4)


def test_reset_runs_call_once_again():
    import tfmicro
    from tfmicro import oracle

    module = _accumulator(cu._tensorflow())
    model = _convert(module, [(SHAPE, np.float32)], "float32")
    inputs = _input_sets(model, [()] * 3)
    reference = oracle.run_reference_many(model, inputs)
    interpreter = tfmicro.Interpreter.from_bytes(model)
    for _ in range(2):
        for input_set, expected in zip(inputs, reference, strict=True):
            interpreter.set_input(input_set[0], 0)
            interpreter.invoke()
            cu.assert_outputs_match(interpreter.get_output(0), expected[0])
        interpreter.reset()


def test_variable_through_if_and_counting_while():
    tf = cu._tensorflow()

    class Both(tf.Module):
        def __init__(self):
            super().__init__()
            self.v = tf.Variable(tf.zeros(SHAPE))

        @tf.function
        def __call__(self, x, flag):
            def then():
                self.v.assign(self.v + x)
                return self.v * 1.0

            # The then branch writes the variable, the else branch reads it.
            y = tf.cond(flag, then, lambda: x * 3.0 + self.v)

            def body(i, a):
                self.v.assign_add(a)
                return i + 1, a + self.v

            return tf.while_loop(lambda i, a: i < 2, body,
                                 [tf.constant(0), y])[1]

    module = Both()
    model = _convert(module, _value_and_flags(1), "float32")
    _expect_ops(model, "IF", "WHILE", "CALL_ONCE", "VAR_HANDLE",
                "READ_VARIABLE", "ASSIGN_VARIABLE")
    edit.assert_matches_reference(
        model, inputs=_input_sets(model, [(True,), (False,), (True,),
                                          (False,)]))


def test_variable_updated_in_while_body():
    tf = cu._tensorflow()

    class Looper(tf.Module):
        def __init__(self):
            super().__init__()
            self.v = tf.Variable(tf.ones(SHAPE))

        @tf.function
        def __call__(self, x, a, b, c):
            def body(a, b, c, y):
                self.v.assign(self.v * 0.5 + y)
                return b, c, tf.constant(False), y + self.v

            return tf.while_loop(lambda a, b, c, y: a, body, [a, b, c, x])[3]

    module = Looper()
    model = _convert(module, _value_and_flags(3), "float32")
    _expect_ops(model, "WHILE", "ASSIGN_VARIABLE", "READ_VARIABLE")
    edit.assert_matches_reference(model,
                                  inputs=_input_sets(model, FLAG_PATTERNS))


def test_resolver_covers_the_operators_of_called_subgraphs(tmp_path):
    from tfmicro import codegen

    tf = cu._tensorflow()
    fn = _shift_loop(tf, lambda v, b: tf.cond(
        b, lambda: v * 2.0, lambda: tf.nn.relu(v + 0.25)))
    model = _convert(fn, _value_and_flags(3), "float32")
    path = tmp_path / "loop.tflite"
    path.write_bytes(model)
    result = codegen.write_resolver(str(path), str(tmp_path / "out"))
    assert result["ops"] == sorted(_ops(model))
    assert {"WHILE", "IF", "MUL", "ADD"} <= set(result["ops"])
