"""Writes the fuzzer's extra seed models to tensorflow_micro/fuzz/seeds/.

The repo's benchmark models use few operators; these small models, made
with TensorFlow's converter (through the conformance tests' convert()),
give the fuzzer one realistic starting point for every kernel, in float32,
int8 and int16x8 form. Each also gets a "dense" twin, repacked with every
scalar field written even when it holds its default: the converter omits
those (opcode index 0, buffer 0, is_variable false, ...), and the fuzzer's
mutator can only edit fields that are present. Rerun after adding kernels:

    .venv/bin/python tools/fuzz/make_seeds.py [--dense-only | GRAPH...]
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
# Graphs whose outputs (SHAPE's int32, booleans) or control flow the
# quantizing converter does not take.
FLOAT_ONLY = ("shape", "math", "control")


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

    def math(x):  # [1, 4, 6]
        a = tf.abs(x) + 0.5
        y = tf.nn.leaky_relu(x, 0.2) + tf.math.rsqrt(a) + tf.sqrt(a)
        y = y + tf.exp(-a) + tf.math.log(a) + tf.sin(x) + tf.cos(x)
        y = y + tf.floor(x) + tf.math.ceil(x) + tf.round(x) + tf.square(x)
        y = tf.nn.elu(y) + x * tf.nn.relu6(x + 3.0) / 6.0
        flags = tf.logical_or(tf.logical_and(x < y, x >= 0.0),
                              tf.logical_not(tf.equal(x, y)))
        return y, flags, tf.greater(y, x)

    mat_w = tf.constant([[0.1 * ((i + 2 * j) % 5 - 2) for j in range(4)]
                         for i in range(6)], dtype=tf.float32)
    deconv_w = tf.constant(
        [[[[0.1 * ((i + j + k + c) % 3 - 1) for c in range(2)]
           for k in range(2)] for j in range(2)] for i in range(2)],
        dtype=tf.float32)

    def layout(x):  # [1, 4, 4, 2]
        t = tf.transpose(x, [0, 2, 1, 3])
        t = tf.reverse(tf.tile(t, [1, 1, 2, 1]), axis=[2])
        a, b = tf.split(t, 2, axis=2)
        c, d = tf.split(a, [1, 3], axis=1)
        parts = tf.unstack(tf.squeeze(c, axis=0), axis=0)
        e = tf.expand_dims(parts[0], 0)
        r = tf.image.resize(x, [6, 6], method="bilinear")
        n = tf.image.resize(x, [8, 8], method="nearest")
        s2d = tf.nn.space_to_depth(n, 2)
        d2s = tf.nn.depth_to_space(s2d, 2)
        m = tf.matmul(tf.reshape(x[:, :, :3, :], [1, 4, 6]), mat_w)
        up = tf.nn.conv2d_transpose(x, deconv_w, [1, 8, 8, 2], 2)
        reduced = (tf.reduce_max(d, axis=1) + tf.reduce_min(d, axis=1) +
                   tf.reduce_sum(d, axis=1))
        return (b, e, r, d2s, m, up, reduced,
                tf.broadcast_to(x[:, :1, :1, :], [1, 4, 4, 2]) +
                tf.zeros_like(x), tf.slice(x, [0, 1, 1, 0], [1, 2, 3, 2]))

    def control(x):  # [1, 4]: IF and WHILE with their subgraphs
        y = tf.cond(tf.reduce_sum(x) > 0.0, lambda: x * 2.0,
                    lambda: x + tf.constant(-1.0))
        _, z = tf.while_loop(lambda i, v: i < 3,
                             lambda i, v: (i + 1, v * 0.5 + 1.0),
                             (tf.constant(0), y))
        return z

    return {"image": (image, [(1, 8, 8, 3)]),
            "elementwise": (elementwise, [(1, 4, 6), (1, 4, 6)]),
            "shape": (shape_of, [(2, 3, 4)]),
            "math": (math, [(1, 4, 6)]),
            "layout": (layout, [(1, 4, 4, 2)]),
            "control": (control, [(1, 4)])}


def main(argv: list[str]) -> int:
    OUT.mkdir(parents=True, exist_ok=True)
    if argv != ["--dense-only"]:
        convert_all(only=set(argv) or None)
    for source in [SINE, *sorted(OUT.glob("*.tflite"))]:
        if not source.stem.endswith(DENSE_SUFFIX):
            path = write_dense(source)
            print(f"wrote {path.relative_to(REPO)}")
    return 0


def convert_all(only: set[str] | None = None) -> None:
    tf = conformance_util._tensorflow()
    for name, (fn, shapes) in _graphs(tf).items():
        if only is not None and name not in only:
            continue
        for quantize in ("float32", "int8", "int16"):
            if name in FLOAT_ONLY and quantize != "float32":
                continue
            try:
                model = conformance_util.convert(tf.function(fn), shapes,
                                                 quantize=quantize)
            except Exception as e:  # noqa: BLE001 - a seed less, said why
                print(f"skipped {name}_{quantize}: {type(e).__name__}: "
                      f"{str(e).splitlines()[0][:200]}")
                continue
            path = OUT / f"{name}_{quantize}.tflite"
            path.write_bytes(model)
            print(f"wrote {path.relative_to(REPO)} ({len(model)} bytes)")


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
