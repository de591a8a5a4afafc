"""Conformance of the elementwise kernels against TFLite's reference kernels.

ADD, MUL, RELU, RELU6, QUANTIZE and DEQUANTIZE: float32 within tolerance,
int8 / int16 / int32 / int64 bit-exact (see conformance_util). Each case asserts
that the converted model really contains the operator it is about.
"""

from __future__ import annotations

import numpy as np
import pytest

import conformance_util as cu
import single_op_edit as edit


def _convert_float_io(fn, shapes, activations: str) -> bytes:
    """A quantized model with float32 inputs and outputs: the converter
    adds QUANTIZE at the inputs and DEQUANTIZE at the outputs."""
    tf = cu._tensorflow()
    specs = [tf.TensorSpec(shape, tf.float32) for shape in shapes]
    concrete = tf.function(fn).get_concrete_function(*specs)
    converter = tf.lite.TFLiteConverter.from_concrete_functions([concrete])

    def representative_dataset():
        rng = np.random.default_rng(0)
        for _ in range(cu.NUM_REPRESENTATIVE_SAMPLES):
            yield [rng.uniform(-3, 3, size=s).astype(np.float32)
                   for s in shapes]

    converter.optimizations = [tf.lite.Optimize.DEFAULT]
    converter.representative_dataset = representative_dataset
    if activations == "int16":
        converter.target_spec.supported_ops = [
            tf.lite.OpsSet
            .EXPERIMENTAL_TFLITE_BUILTINS_ACTIVATIONS_INT16_WEIGHTS_INT8]
    else:
        converter.target_spec.supported_ops = [
            tf.lite.OpsSet.TFLITE_BUILTINS_INT8]
    return bytes(converter.convert())


# (id, input shapes) of the broadcasting binary-op cases.
BINARY_SHAPES = [
    ("same_shape", [(1, 4, 4, 3), (1, 4, 4, 3)]),
    ("channel_broadcast", [(1, 4, 4, 3), (3,)]),
    ("both_broadcast", [(2, 1, 5), (1, 3, 1)]),
    ("single_element", [(2, 3), (1,)]),
    ("rank5", [(2, 1, 3, 1, 2), (1, 2, 1, 4, 1)]),
    ("rank6", [(2, 1, 3, 1, 2, 1), (1, 2, 1, 2, 1, 3)]),
]

ACTIVATIONS = {
    "none": lambda x: x,
    "relu": lambda x: cu._tensorflow().nn.relu(x),
    "relu6": lambda x: cu._tensorflow().nn.relu6(x),
}


BINARY_OPS = [("ADD", lambda a, b: a + b), ("MUL", lambda a, b: a * b)]


@pytest.mark.parametrize("op_name, op", BINARY_OPS)
@pytest.mark.parametrize("quantize", ["float32", "int8"])
@pytest.mark.parametrize("case, shapes", BINARY_SHAPES)
def test_binary_broadcast(op_name, op, quantize, case, shapes):
    model = cu.convert(op, shapes, quantize=quantize)
    edit.check(model, (op_name,))


@pytest.mark.parametrize("op_name, op", BINARY_OPS)
@pytest.mark.parametrize("case, shapes", BINARY_SHAPES[::2])
def test_binary_int16(op_name, op, case, shapes):
    model = cu.convert(op, shapes, quantize="int16")
    edit.check(model, (op_name,))


@pytest.mark.parametrize("op_name, op", BINARY_OPS)
@pytest.mark.parametrize("quantize", ["float32", "int8"])
@pytest.mark.parametrize("activation", ["relu", "relu6"])
def test_binary_fused_activation(op_name, op, quantize, activation):
    act = ACTIVATIONS[activation]
    model = cu.convert(lambda a, b: act(op(a, b)), [(1, 3, 4), (1, 3, 4)],
                       quantize=quantize)
    names = edit.op_names(model)
    assert activation.upper() not in names, (
        f"the converter did not fuse {activation}: {names}")
    edit.check(model, (op_name,), input_range=(-4.0, 4.0))


@pytest.mark.parametrize("quantize", ["float32", "int8"])
@pytest.mark.parametrize("const_shape", [(3, 4), ()])
def test_binary_constant_operand(quantize, const_shape):
    const = np.linspace(-2, 2, int(np.prod(const_shape)),
                        dtype=np.float32).reshape(const_shape)
    model = cu.convert(lambda x: x * (const + 0.5) + const, [(2, 3, 4)],
                       quantize=quantize)
    edit.check(model, ("ADD", "MUL"))


@pytest.mark.parametrize("dtype", [np.int32, np.int64],
                         ids=["int32", "int64"])
@pytest.mark.parametrize("op_name, op", BINARY_OPS)
def test_binary_integer(op_name, op, dtype):
    model = cu.convert(op, [(2, 3, 4), (3, 1)], quantize="float32",
                       input_dtypes=[dtype, dtype])
    edit.check(model, (op_name,), input_range=(-1000, 1000))


@pytest.mark.parametrize("op_name", ["RELU", "RELU6"])
@pytest.mark.parametrize("quantize", ["float32", "int8", "int16"])
def test_relu(op_name, quantize):
    act = ACTIVATIONS[op_name.lower()]
    model = cu.convert(act, [(1, 5, 5, 3)], quantize=quantize,
                       input_range=(-8.0, 8.0))
    edit.check(model, (op_name,), input_range=(-8.0, 8.0))


@pytest.mark.parametrize("activations", ["int8", "int16"])
def test_quantize_dequantize_float_io(activations):
    model = _convert_float_io(lambda a, b: a + b, [(1, 6, 6, 2), (1, 6, 6, 2)],
                              activations)
    # Values outside the calibrated range exercise QUANTIZE's saturation.
    edit.check(model, ("QUANTIZE", "DEQUANTIZE"), input_range=(-5.0, 5.0))


def test_dequantize_float16_weights():
    tf = cu._tensorflow()
    const = np.linspace(-3, 3, 24, dtype=np.float32).reshape(2, 3, 4)
    specs = [tf.TensorSpec((2, 3, 4), tf.float32)]
    concrete = tf.function(lambda x: x + const).get_concrete_function(*specs)
    converter = tf.lite.TFLiteConverter.from_concrete_functions([concrete])
    converter.optimizations = [tf.lite.Optimize.DEFAULT]
    converter.target_spec.supported_types = [tf.float16]
    model = bytes(converter.convert())
    edit.check(model, ("DEQUANTIZE", "ADD"))


# Quantization parameters the converter would not choose, set by editing the
# model: very different input scales, an output scale that makes MUL's
# multiplier exceed one, asymmetric zero points.
@pytest.mark.parametrize("op_name, op, params", [
    ("ADD", lambda a, b: a + b,
     [("input", 0, 0.5, -20), ("input", 1, 0.003, 7),
      ("output", 0, 0.07, 100)]),
    ("ADD", lambda a, b: a + b,
     [("input", 0, 1e-4, 0), ("input", 1, 2.0, -128), ("output", 0, 1.5, -3)]),
    ("MUL", lambda a, b: a * b,
     [("input", 0, 0.1, 3), ("input", 1, 0.1, -5), ("output", 0, 0.001, 10)]),
    ("MUL", lambda a, b: a * b,
     [("input", 0, 0.02, 127), ("input", 1, 3.0, 0), ("output", 0, 0.9, -128)]),
], ids=["add_mixed", "add_extreme", "mul_multiplier_above_one",
        "mul_asymmetric"])
def test_binary_edited_quantization(op_name, op, params):
    model = cu.convert(op, [(2, 3, 4), (3, 4)], quantize="int8")
    for role, index, scale, zero_point in params:
        model = edit.with_quantization(model, op_name, role, scale, zero_point,
                                       index=index)
    edit.check(model, (op_name,))


@pytest.mark.parametrize("op_name", ["RELU", "RELU6"])
@pytest.mark.parametrize("in_params, out_params", [
    ((0.05, 10), (0.02, -128)),
    ((0.2, -100), (0.5, 60)),
], ids=["finer_output", "coarser_output"])
def test_relu_edited_quantization(op_name, in_params, out_params):
    act = ACTIVATIONS[op_name.lower()]
    model = cu.convert(act, [(4, 64)], quantize="int8")
    model = edit.with_quantization(model, op_name, "input", *in_params)
    model = edit.with_quantization(model, op_name, "output", *out_params)
    edit.check(model, (op_name,))
