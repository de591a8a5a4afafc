"""Builds the benchmark and example models as .tflite files.

The four MLPerf Tiny architectures (keyword spotting, visual wake words,
image classification, anomaly detection) are built with random but
deterministic weights, plus a tiny sine model whose weights are fitted in
closed form. Each model is written twice: full-integer int8 (int8 input and
output) and float32, as ``<name>_int8.tflite`` and ``<name>_float32.tflite``.

Every model uses a fixed batch size of 1 so that Keras reshapes become static
RESHAPE ops instead of SHAPE/STRIDED_SLICE/PACK chains.

Usage:
    build_models.py --out DIR [--only NAME ...]
"""

from __future__ import annotations

import os

os.environ.setdefault("TF_CPP_MIN_LOG_LEVEL", "3")
os.environ.setdefault("TF_ENABLE_ONEDNN_OPTS", "0")

import argparse  # noqa: E402
import contextlib  # noqa: E402
import dataclasses  # noqa: E402
import logging  # noqa: E402
import sys  # noqa: E402
import tempfile  # noqa: E402
import time  # noqa: E402
from collections.abc import Callable, Iterator  # noqa: E402
from pathlib import Path  # noqa: E402

import numpy as np  # noqa: E402

NUM_REPRESENTATIVE_SAMPLES = 16

# Ops the tfmicro runtime implements; a model using anything else is an error.
SUPPORTED_OPS = frozenset({
    "CONV_2D", "DEPTHWISE_CONV_2D", "FULLY_CONNECTED", "AVERAGE_POOL_2D",
    "MAX_POOL_2D", "SOFTMAX", "RESHAPE", "ADD", "MUL", "QUANTIZE",
    "DEQUANTIZE", "RELU", "RELU6", "LOGISTIC", "TANH", "MEAN", "PAD",
    "CONCATENATION", "SHAPE", "STRIDED_SLICE", "PACK",
})


def _quiet_tensorflow():
    """Imports TensorFlow with its Python and C++ logging silenced."""
    try:
        import absl.logging
        absl.logging.set_verbosity(absl.logging.ERROR)
    except ImportError:
        pass
    import tensorflow as tf
    tf.get_logger().setLevel(logging.ERROR)
    tf.autograph.set_verbosity(0)
    return tf


tf = _quiet_tensorflow()
keras = tf.keras
layers = keras.layers


@dataclasses.dataclass(frozen=True)
class ModelSpec:
    """How to build one model and what its inputs look like."""

    name: str
    description: str
    build: Callable[[int], keras.Model]
    # Makes the representative dataset: `count` input batches of the given
    # shape for calibrating int8 quantization.
    samples: Callable[[np.random.Generator, tuple[int, ...], int],
                      list[np.ndarray]]
    seed: int


def _reset_keras(seed: int) -> None:
    """Starts a model from a clean slate so names and weights are repeatable.

    Keras numbers layer and tensor names globally; the converter copies them
    into the flatbuffer, so without a reset a model's bytes would depend on
    which models were built before it in the same process.
    """
    keras.backend.clear_session()
    keras.utils.set_random_seed(seed)


def _randomize_batch_norm(model: keras.Model, seed: int) -> None:
    """Gives BatchNormalization layers non-trivial statistics.

    Fresh layers have mean 0 / variance 1 / gamma 1 / beta 0, which folds to
    the identity; random values make the folded scales and biases realistic.
    """
    rng = np.random.default_rng(seed)
    for layer in model.layers:
        if isinstance(layer, layers.BatchNormalization):
            (channels,) = layer.gamma.shape
            layer.set_weights([
                rng.uniform(0.5, 1.5, channels).astype(np.float32),
                rng.normal(0.0, 0.1, channels).astype(np.float32),
                rng.normal(0.0, 0.1, channels).astype(np.float32),
                rng.uniform(0.5, 1.5, channels).astype(np.float32),
            ])


def _conv_bn_relu(x, filters: int, kernel, strides=1):
    x = layers.Conv2D(filters, kernel, strides=strides, padding="same")(x)
    x = layers.BatchNormalization()(x)
    return layers.ReLU()(x)


def _depthwise_separable(x, filters: int, strides=1):
    x = layers.DepthwiseConv2D(3, strides=strides, padding="same")(x)
    x = layers.BatchNormalization()(x)
    x = layers.ReLU()(x)
    return _conv_bn_relu(x, filters, 1)


def _classifier_head(x, classes: int):
    """Average pool over the whole feature map, flatten, dense, softmax."""
    x = layers.AveragePooling2D(pool_size=tuple(x.shape[1:3]))(x)
    x = layers.Reshape((x.shape[-1],))(x)
    x = layers.Dense(classes)(x)
    return layers.Softmax()(x)


def build_kws(seed: int) -> keras.Model:
    """MLPerf Tiny keyword spotting DS-CNN (small) on 49x10 MFCC features."""
    _reset_keras(seed)
    inputs = keras.Input(shape=(49, 10, 1), batch_size=1, name="input")
    x = _conv_bn_relu(inputs, 64, (10, 4), strides=2)
    for _ in range(4):
        x = _depthwise_separable(x, 64)
    # MLPerf pools with (input/2) = (24, 5) over the 25x5 map.
    x = layers.AveragePooling2D(pool_size=(24, 5))(x)
    x = layers.Reshape((x.shape[-1],))(x)
    x = layers.Dense(12)(x)
    outputs = layers.Softmax()(x)
    model = keras.Model(inputs, outputs, name="kws_ds_cnn")
    _randomize_batch_norm(model, seed)
    return model


def build_vww(seed: int) -> keras.Model:
    """MLPerf Tiny visual wake words MobileNetV1 (alpha 0.25) on 96x96x3."""
    _reset_keras(seed)
    alpha = 0.25
    inputs = keras.Input(shape=(96, 96, 3), batch_size=1, name="input")
    x = _conv_bn_relu(inputs, int(32 * alpha), 3, strides=2)
    blocks = [(64, 1), (128, 2), (128, 1), (256, 2), (256, 1), (512, 2),
              (512, 1), (512, 1), (512, 1), (512, 1), (512, 1), (1024, 2),
              (1024, 1)]
    for filters, strides in blocks:
        x = _depthwise_separable(x, int(filters * alpha), strides)
    outputs = _classifier_head(x, 2)
    model = keras.Model(inputs, outputs, name="vww_mobilenet_v1_025")
    _randomize_batch_norm(model, seed)
    return model


def _residual_block(x, filters: int, strides: int):
    shortcut = x
    y = _conv_bn_relu(x, filters, 3, strides)
    y = layers.Conv2D(filters, 3, padding="same")(y)
    y = layers.BatchNormalization()(y)
    if strides != 1 or x.shape[-1] != filters:
        shortcut = layers.Conv2D(filters, 1, strides=strides,
                                 padding="same")(x)
    y = layers.Add()([y, shortcut])
    return layers.ReLU()(y)


def build_ic(seed: int) -> keras.Model:
    """MLPerf Tiny image classification ResNet-8 on 32x32x3 (CIFAR-10)."""
    _reset_keras(seed)
    inputs = keras.Input(shape=(32, 32, 3), batch_size=1, name="input")
    x = _conv_bn_relu(inputs, 16, 3)
    x = _residual_block(x, 16, 1)
    x = _residual_block(x, 32, 2)
    x = _residual_block(x, 64, 2)
    outputs = _classifier_head(x, 10)
    model = keras.Model(inputs, outputs, name="ic_resnet8")
    _randomize_batch_norm(model, seed)
    return model


def build_ad(seed: int) -> keras.Model:
    """MLPerf Tiny anomaly detection (ToyADMOS) dense autoencoder, 640 in."""
    _reset_keras(seed)
    inputs = keras.Input(shape=(640,), batch_size=1, name="input")
    x = inputs
    for units in (128, 128, 128, 128, 8, 128, 128, 128, 128):
        x = layers.Dense(units)(x)
        x = layers.BatchNormalization()(x)
        x = layers.ReLU()(x)
    outputs = layers.Dense(640)(x)
    model = keras.Model(inputs, outputs, name="ad_autoencoder")
    _randomize_batch_norm(model, seed)
    return model


SINE_RANGE = 2.0 * np.pi


def build_sine(seed: int) -> keras.Model:
    """The classic 1 -> 16 -> 16 -> 1 sine model, fitted in closed form.

    Layer 1 makes 16 ReLU hinges relu(x - k) at knots spread over [0, 2*pi);
    layer 2 passes them through; the output layer is the least-squares fit
    of sin(x) on the hinges, a piecewise-linear sine (max error ~0.011 in
    float32, ~0.02 in int8) without a training run. A dense random layer 2
    would fit as well in float32 but needs large cancelling output weights
    that int8 activations cannot represent.
    """
    _reset_keras(seed)
    inputs = keras.Input(shape=(1,), batch_size=1, name="input")
    hidden1 = layers.Dense(16, activation="relu")
    hidden2 = layers.Dense(16, activation="relu")
    output = layers.Dense(1)
    outputs = output(hidden2(hidden1(inputs)))
    model = keras.Model(inputs, outputs, name="sine")

    knots = np.linspace(0.0, SINE_RANGE, 16, endpoint=False)
    w1 = np.ones((1, 16), np.float32)
    b1 = (-knots).astype(np.float32)
    hidden1.set_weights([w1, b1])
    hidden2.set_weights([np.eye(16, dtype=np.float32),
                         np.zeros(16, np.float32)])

    x = np.linspace(0.0, SINE_RANGE, 1000, dtype=np.float64)[:, None]
    hinges = np.maximum(x @ w1 + b1, 0.0)
    design = np.hstack([hinges, np.ones((len(x), 1))])
    solution, *_ = np.linalg.lstsq(design, np.sin(x), rcond=None)
    output.set_weights([solution[:16].astype(np.float32),
                        solution[16].astype(np.float32)])
    return model


def _normal(rng: np.random.Generator, shape: tuple[int, ...],
            count: int) -> list[np.ndarray]:
    return [rng.standard_normal(shape, dtype=np.float32) for _ in range(count)]


def _unit(rng: np.random.Generator, shape: tuple[int, ...],
          count: int) -> list[np.ndarray]:
    return [rng.uniform(0.0, 1.0, shape).astype(np.float32)
            for _ in range(count)]


def _sine_inputs(rng: np.random.Generator, shape: tuple[int, ...],
                 count: int) -> list[np.ndarray]:
    """Evenly spread over [0, 2*pi] so calibration sees both ends."""
    del rng  # Deterministic grid: random draws would miss the ends.
    return [np.full(shape, x, np.float32)
            for x in np.linspace(0.0, SINE_RANGE, count)]


MODELS: dict[str, ModelSpec] = {
    spec.name: spec for spec in [
        ModelSpec("kws", "keyword spotting DS-CNN small, 49x10x1 -> 12",
                  build_kws, _normal, 1001),
        ModelSpec("vww", "visual wake words MobileNetV1 0.25, 96x96x3 -> 2",
                  build_vww, _unit, 1002),
        ModelSpec("ic", "image classification ResNet-8, 32x32x3 -> 10",
                  build_ic, _unit, 1003),
        ModelSpec("ad", "anomaly detection FC autoencoder, 640 -> 640",
                  build_ad, _normal, 1004),
        ModelSpec("sine", "sine 1 -> 16 -> 16 -> 1", build_sine,
                  _sine_inputs, 1005),
    ]
}


def _representative_dataset(
        spec: ModelSpec,
        input_shape: tuple[int, ...]) -> Callable[[], Iterator[list]]:
    def generate() -> Iterator[list]:
        rng = np.random.default_rng(spec.seed)
        for sample in spec.samples(rng, input_shape,
                                   NUM_REPRESENTATIVE_SAMPLES):
            yield [sample]
    return generate


@contextlib.contextmanager
def _captured_output() -> Iterator[None]:
    """Hides what TensorFlow prints (also from C++) unless the block fails.

    The converter prints its saved-model signature, warnings and calibration
    lines straight to file descriptors 1 and 2, bypassing Python logging.
    """
    sys.stdout.flush()
    sys.stderr.flush()
    saved = [os.dup(1), os.dup(2)]
    failed = False
    with tempfile.TemporaryFile() as capture:
        os.dup2(capture.fileno(), 1)
        os.dup2(capture.fileno(), 2)
        try:
            yield
        except BaseException:
            failed = True
            raise
        finally:
            sys.stdout.flush()
            sys.stderr.flush()
            for target, fd in enumerate(saved, start=1):
                os.dup2(fd, target)
                os.close(fd)
            if failed:
                capture.seek(0)
                sys.stderr.write(capture.read().decode(errors="replace"))


def export_saved_model(model: keras.Model, directory: Path) -> None:
    """Exports the model once, with its fixed (batch 1) input signature.

    Both variants convert from this export: exporting dominates the build
    time, and an explicit signature keeps the batch dimension static.
    """
    signature = [tf.TensorSpec(tuple(model.inputs[0].shape), tf.float32,
                               name="input")]
    model.export(str(directory), input_signature=signature, verbose=False)


def convert(saved_model: Path, spec: ModelSpec,
            input_shape: tuple[int, ...], int8: bool) -> bytes:
    """Converts a SavedModel to a float32 or full-integer int8 flatbuffer."""
    converter = tf.lite.TFLiteConverter.from_saved_model(str(saved_model))
    if int8:
        converter.optimizations = [tf.lite.Optimize.DEFAULT]
        converter.representative_dataset = _representative_dataset(
            spec, input_shape)
        converter.target_spec.supported_ops = [
            tf.lite.OpsSet.TFLITE_BUILTINS_INT8]
        converter.inference_input_type = tf.int8
        converter.inference_output_type = tf.int8
    return converter.convert()


def model_ops(model_bytes: bytes) -> list[str]:
    """The builtin op names a .tflite model uses, in order of first use."""
    from tensorflow.lite.python import schema_py_generated as schema

    names = {value: key for key, value in vars(schema.BuiltinOperator).items()
             if not key.startswith("_")}
    model = schema.Model.GetRootAsModel(model_bytes, 0)
    codes = []
    for i in range(model.OperatorCodesLength()):
        code = model.OperatorCodes(i)
        # Newer models store the code in BuiltinCode; old ones only in the
        # deprecated int8 field, so take the larger of the two.
        builtin = max(code.BuiltinCode(), code.DeprecatedBuiltinCode())
        codes.append(names.get(builtin, f"UNKNOWN_{builtin}"))
    ops: list[str] = []
    for s in range(model.SubgraphsLength()):
        subgraph = model.Subgraphs(s)
        for o in range(subgraph.OperatorsLength()):
            name = codes[subgraph.Operators(o).OpcodeIndex()]
            if name not in ops:
                ops.append(name)
    return ops


def build_one(spec: ModelSpec, out_dir: Path) -> list[str]:
    """Builds both variants of one model; returns a list of problems."""
    problems = []
    start = time.monotonic()
    model = spec.build(spec.seed)
    input_shape = tuple(model.inputs[0].shape)
    print(f"[{spec.name}] {spec.description}: {model.count_params():,} "
          "parameters", flush=True)
    with tempfile.TemporaryDirectory(prefix=f"{spec.name}_") as tmp:
        saved_model = Path(tmp) / "saved_model"
        with _captured_output():
            export_saved_model(model, saved_model)
        for int8 in (True, False):
            variant = "int8" if int8 else "float32"
            path = out_dir / f"{spec.name}_{variant}.tflite"
            with _captured_output():
                model_bytes = convert(saved_model, spec, input_shape, int8)
            path.write_bytes(model_bytes)
            ops = model_ops(model_bytes)
            unsupported = sorted(set(ops) - SUPPORTED_OPS)
            print(f"[{spec.name}] wrote {path.name}: {len(model_bytes):,} "
                  f"bytes; ops: {', '.join(ops)}", flush=True)
            if unsupported:
                problems.append(f"{path.name} uses unsupported ops: "
                                f"{', '.join(unsupported)}")
    print(f"[{spec.name}] done in {time.monotonic() - start:.1f} s",
          flush=True)
    return problems


def parse_args(argv: list[str] | None = None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--out", type=Path, required=True,
                        help="directory to write the .tflite files into")
    parser.add_argument("--only", nargs="+", choices=sorted(MODELS),
                        metavar="NAME",
                        help="build only these models (default: all of "
                             f"{', '.join(MODELS)})")
    return parser.parse_args(argv)


def main(argv: list[str] | None = None) -> int:
    args = parse_args(argv)
    args.out.mkdir(parents=True, exist_ok=True)
    names = args.only or list(MODELS)
    start = time.monotonic()
    problems = []
    for name in names:
        problems += build_one(MODELS[name], args.out)
    print(f"built {2 * len(names)} models in {time.monotonic() - start:.1f} s",
          flush=True)
    for problem in problems:
        print(f"error: {problem}", file=sys.stderr)
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
