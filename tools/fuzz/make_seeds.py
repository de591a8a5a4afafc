"""Writes the fuzzer's extra seed models to tensorflow_micro/fuzz/seeds/.

The repo's benchmark models use few operators; these small models, made
with TensorFlow's converter (through the conformance tests' convert()),
give the fuzzer one realistic starting point for every kernel, in float32,
int8 and int16x8 form. Each also gets a "dense" twin, repacked with every
scalar field written even when it holds its default: the converter omits
those (opcode index 0, buffer 0, is_variable false, ...), and the fuzzer's
mutator can only edit fields that are present. Rerun after adding kernels:

    .venv/bin/python tools/fuzz/make_seeds.py [--dense-only]
"""

from __future__ import annotations

import sys
from pathlib import Path

REPO = Path(__file__).absolute().parents[2]
sys.path[:0] = [str(REPO / "python"), str(REPO / "python" / "tests"),
                str(REPO / "python" / "tests" / "conformance")]

import conformance_util  # noqa: E402

OUT = REPO / "tensorflow_micro" / "fuzz" / "seeds"
SINE = REPO / "tensorflow_micro" / "examples" / "models" / "sine_int8.tflite"
DENSE_SUFFIX = "_dense"


def write_dense(source: Path) -> Path:
    """OUT/<stem>_dense.tflite: the model with every default written."""
    import flatbuffers
    import model_edit

    builder = flatbuffers.Builder(1024)
    builder.ForceDefaults(True)
    builder.Finish(model_edit.unpack(source.read_bytes()).Pack(builder),
                   file_identifier=model_edit.FILE_IDENTIFIER)
    path = OUT / f"{source.stem}{DENSE_SUFFIX}.tflite"
    path.write_bytes(bytes(builder.Output()))
    return path


def _graphs(tf):
    conv_w = tf.constant(
        [[[[0.1 * ((i + j + k + c) % 5 - 2) for c in range(4)]
           for k in range(3)] for j in range(3)] for i in range(3)],
        dtype=tf.float32)
    dw_w = tf.constant(
        [[[[0.2 * ((i - j + k) % 3 - 1)] for k in range(4)]
          for j in range(3)] for i in range(3)], dtype=tf.float32)
    fc_w = tf.constant([[0.05 * ((i * 7 + j) % 9 - 4) for j in range(5)]
                        for i in range(16)], dtype=tf.float32)

    def image(x):  # x: [1, 8, 8, 3]
        y = tf.nn.relu(tf.nn.conv2d(x, conv_w, 1, "SAME"))
        y = tf.nn.relu6(tf.nn.depthwise_conv2d(y, dw_w, [1, 2, 2, 1],
                                               "VALID"))
        a = tf.nn.max_pool2d(y, 2, 1, "SAME")
        b = tf.nn.avg_pool2d(y, 2, 1, "SAME")
        z = tf.concat([a, b], axis=3)
        z = tf.pad(z, [[0, 0], [1, 0], [0, 1], [0, 0]])
        z = z[:, 1:, :3, :]
        m = tf.reduce_mean(z, axis=[1, 2])
        f = tf.matmul(tf.reshape(z[:, :2, :2, :], [1, 32])[:, :16], fc_w)
        return tf.nn.softmax(f), m

    def elementwise(x, y):  # [1, 4, 6] each
        s = tf.add(x, y)
        p = tf.multiply(x, y)
        t = tf.tanh(s)
        g = tf.sigmoid(p)
        stacked = tf.stack([t, g], axis=1)
        return tf.reshape(stacked, [1, 2, 24]), tf.add(t, 1.0)

    def shape_of(x):  # [2, 3, 4]
        return tf.shape(x), tf.nn.relu(x)

    return {"image": (image, [(1, 8, 8, 3)]),
            "elementwise": (elementwise, [(1, 4, 6), (1, 4, 6)]),
            "shape": (shape_of, [(2, 3, 4)])}


def main(argv: list[str]) -> int:
    OUT.mkdir(parents=True, exist_ok=True)
    if argv != ["--dense-only"]:
        convert_all()
    for source in [SINE, *sorted(OUT.glob("*.tflite"))]:
        if not source.stem.endswith(DENSE_SUFFIX):
            path = write_dense(source)
            print(f"wrote {path.relative_to(REPO)}")
    return 0


def convert_all() -> None:
    tf = conformance_util._tensorflow()
    for name, (fn, shapes) in _graphs(tf).items():
        for quantize in ("float32", "int8", "int16"):
            if name == "shape" and quantize != "float32":
                continue  # SHAPE's int32 output is not quantizable
            model = conformance_util.convert(tf.function(fn), shapes,
                                             quantize=quantize)
            path = OUT / f"{name}_{quantize}.tflite"
            path.write_bytes(model)
            print(f"wrote {path.relative_to(REPO)} ({len(model)} bytes)")


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
