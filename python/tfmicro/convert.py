"""``tfmicro convert``: a thin wrapper over ``tf.lite.TFLiteConverter``.

It applies the settings that make a model fit a microcontroller and says
what it did:

* ``int8`` (default): full-integer quantization calibrated on the
  representative samples, int8 weights and activations, int8 model input and
  output, only builtin int8 kernels allowed (``TFLITE_BUILTINS_INT8``).
* ``int16x8``: int16 activations with int8 weights
  (``EXPERIMENTAL_TFLITE_BUILTINS_ACTIVATIONS_INT16_WEIGHTS_INT8``), int16
  input and output.
* ``float32``: no quantization.

The representative data is a .npy array whose first axis counts samples
(each sample is fed with a batch of one), or a .npz with one such array per
model input (named like the inputs, else in order). TensorFlow is imported
only here, and only after the arguments are checked.
"""

from __future__ import annotations

import contextlib
import os
import sys
from pathlib import Path
from typing import Any

import numpy as np

from tfmicro.progress import Progress
from tfmicro.report import CommandError, plural

QUANTIZE_MODES = ("int8", "int16x8", "float32")
_KERAS_SUFFIXES = (".keras", ".h5", ".hdf5")


def _source_kind(source: str) -> str:
    path = Path(source)
    if not path.exists():
        raise CommandError(f"model not found: {source}")
    if path.is_dir():
        if not (path / "saved_model.pb").is_file():
            raise CommandError(f"{source} is a directory without "
                               "saved_model.pb: not a SavedModel")
        return "SavedModel"
    if path.suffix.lower() in _KERAS_SUFFIXES:
        return "Keras"
    raise CommandError(f"{source}: expected a SavedModel directory or a "
                       f"Keras file ({', '.join(_KERAS_SUFFIXES)})")


def _load_samples(path: str) -> list[tuple[str | None, np.ndarray]]:
    if not Path(path).is_file():
        raise CommandError(f"representative data not found: {path}")
    try:
        if path.endswith(".npz"):
            with np.load(path, allow_pickle=False) as data:
                arrays = [(name, data[name]) for name in data.files]
        else:
            arrays = [(None, np.load(path, allow_pickle=False))]
    except (OSError, ValueError) as e:
        raise CommandError(f"cannot read {path}: {e}") from e
    counts = {len(a) if a.ndim else 0 for _, a in arrays}
    if not arrays or len(counts) != 1 or 0 in counts:
        raise CommandError(
            f"{path}: every array needs the same number (> 0) of samples "
            "along its first axis")
    return arrays


def default_output(source: str, quantize: str) -> str:
    path = Path(source.rstrip("/"))
    return str(path.with_name(f"{path.stem}_{quantize}.tflite"))


def convert(source: str, quantize: str = "int8",
            representative: str | None = None,
            output: str | None = None) -> dict[str, Any]:
    """Converts ``source``; returns what --json prints."""
    if quantize not in QUANTIZE_MODES:
        raise CommandError(f"--quantize must be one of "
                           f"{', '.join(QUANTIZE_MODES)}, got {quantize!r}")
    kind = _source_kind(source)
    samples = None
    if quantize != "float32":
        if representative is None:
            raise CommandError(
                f"--quantize {quantize} calibrates on real inputs: give "
                "--representative DATA.npy (samples along the first axis)")
        samples = _load_samples(representative)
    elif representative is not None:
        raise CommandError("--representative is only used when quantizing "
                           "(--quantize int8 or int16x8)")
    output = output or default_output(source, quantize)
    # TensorFlow and Keras print progress on stdout (e.g. Keras's "Saved
    # artifact at ..."); stdout is for our report and --json.
    with contextlib.redirect_stdout(sys.stderr):
        flatbuffer, num_samples = _convert(source, kind, quantize, samples,
                                           representative)
    try:
        Path(output).write_bytes(flatbuffer)
    except OSError as e:
        raise CommandError(f"cannot write {output}: {e.strerror}") from e
    return _describe(source, kind, quantize, representative, num_samples,
                     output, flatbuffer)


def _convert(source: str, kind: str, quantize: str,
             samples: list[tuple[str | None, np.ndarray]] | None,
             representative: str | None) -> tuple[bytes, int]:
    tf = _tensorflow()
    try:
        if kind == "SavedModel":
            converter = tf.lite.TFLiteConverter.from_saved_model(source)
            inputs = _saved_model_inputs(tf, source)
        else:
            model = tf.keras.models.load_model(source, compile=False)
            converter = tf.lite.TFLiteConverter.from_keras_model(model)
            inputs = [(getattr(t, "name", f"input_{k}"), _dims(t.shape))
                      for k, t in enumerate(model.inputs)]
    except (OSError, ValueError, ImportError) as e:
        raise CommandError(f"cannot load {source}: {_one_line(e)}") from e

    num_samples = 0
    if samples is not None:
        ordered = _order_samples(samples, [n for n, _ in inputs],
                                 representative)
        _check_sample_shapes(ordered, inputs, representative)
        num_samples = len(ordered[0])
        bar = Progress(num_samples, "convert: calibrating")

        def representative_dataset():
            with bar:
                for k in range(num_samples):
                    yield [a[k:k + 1].astype(np.float32) for a in ordered]
                    bar.update()

        converter.optimizations = [tf.lite.Optimize.DEFAULT]
        converter.representative_dataset = representative_dataset
        if quantize == "int8":
            converter.target_spec.supported_ops = [
                tf.lite.OpsSet.TFLITE_BUILTINS_INT8]
            io_type = tf.int8
        else:
            converter.target_spec.supported_ops = [
                tf.lite.OpsSet
                .EXPERIMENTAL_TFLITE_BUILTINS_ACTIVATIONS_INT16_WEIGHTS_INT8]
            io_type = tf.int16
        converter.inference_input_type = io_type
        converter.inference_output_type = io_type
    try:
        return bytes(converter.convert()), num_samples
    except Exception as e:  # The converter raises many types; say which.
        raise CommandError(f"the TFLite converter failed: "
                           f"{type(e).__name__}: {_one_line(e)}") from e


def _tensorflow():
    os.environ.setdefault("TF_CPP_MIN_LOG_LEVEL", "3")
    try:
        import logging

        import tensorflow as tf
    except ImportError as e:
        raise CommandError("convert needs TensorFlow: pip install "
                           "tensorflow-cpu") from e
    tf.get_logger().setLevel(logging.ERROR)
    return tf


def _dims(shape) -> tuple[int | None, ...] | None:
    try:
        return tuple(None if d is None else int(d) for d in shape)
    except TypeError:  # Unknown rank.
        return None


def _saved_model_inputs(tf, source: str
                        ) -> list[tuple[str, tuple[int | None, ...] | None]]:
    """(name, shape) of the serving signature's inputs, by name."""
    try:
        loaded = tf.saved_model.load(source)
        signature = loaded.signatures["serving_default"]
        _, kwargs = signature.structured_input_signature
        return [(name, _dims(spec.shape))
                for name, spec in sorted(kwargs.items())]
    except (KeyError, ValueError, AttributeError):
        return []


def _check_sample_shapes(arrays: list[np.ndarray],
                         inputs: list[tuple[str, tuple | None]],
                         path: str) -> None:
    """Each sample (array[k]) must fit its input without the batch axis."""
    for array, (name, shape) in zip(arrays, inputs, strict=False):
        if shape is None or len(shape) < 1:
            continue
        sample = array.shape[1:]
        expected = shape[1:]
        if len(sample) != len(expected) or any(
                d is not None and d != s
                for s, d in zip(sample, expected, strict=True)):
            want = ["?" if d is None else d for d in expected]
            raise CommandError(
                f"{path}: samples of input {name!r} have shape "
                f"{list(sample)}, the model takes {want} (plus the batch "
                "axis); stack samples along the first axis")


def _order_samples(samples: list[tuple[str | None, np.ndarray]],
                   input_names: list[str], path: str) -> list[np.ndarray]:
    if len(samples) == 1:
        if len(input_names) > 1:
            raise CommandError(
                f"the model has {len(input_names)} inputs but {path} holds "
                "one array: give a .npz with one array per input")
        return [samples[0][1]]
    by_name = dict(samples)
    if input_names and set(input_names) <= set(by_name):
        return [by_name[n] for n in input_names]
    if input_names and len(samples) != len(input_names):
        raise CommandError(f"{path} holds {len(samples)} arrays, the model "
                           f"has {plural(len(input_names), 'input')}")
    return [a for _, a in samples]


def _one_line(error: Exception) -> str:
    lines = [line.strip() for line in str(error).splitlines() if line.strip()]
    return lines[0] if lines else type(error).__name__


def _describe(source: str, kind: str, quantize: str,
              representative: str | None, num_samples: int, output: str,
              flatbuffer: bytes) -> dict[str, Any]:
    from tfmicro.model_file import read_model_bytes

    model = read_model_bytes(flatbuffer, output)
    result: dict[str, Any] = {
        "source": source, "source_kind": kind, "quantize": quantize,
        "representative": representative,
        "representative_samples": num_samples,
        "output": output, "bytes": len(flatbuffer),
        "inputs": [{"name": model.tensors[t].name,
                    "dtype": model.tensors[t].dtype,
                    "shape": list(model.tensors[t].shape)}
                   for t in model.inputs],
        "outputs": [{"name": model.tensors[t].name,
                     "dtype": model.tensors[t].dtype,
                     "shape": list(model.tensors[t].shape)}
                    for t in model.outputs],
        "weights_bytes": model.weights_bytes,
        "tfmicro": None,
    }
    import tfmicro
    from tfmicro import op_info

    try:
        names = [op_info.op_name(model, op) for op in model.operators]
        unsupported = sorted({n for n, op in zip(names, model.operators,
                                                 strict=True)
                              if not op_info.is_supported(model, op)})
    except tfmicro.TfmicroError as e:  # No native library.
        result["tfmicro_note"] = _one_line(e)
        return result
    ops: dict[str, int] = {}
    for n in names:
        ops[n] = ops.get(n, 0) + 1
    info: dict[str, Any] = {"ops": ops, "unsupported_ops": unsupported,
                            "arena_bytes": None, "error": None}
    result["tfmicro"] = info
    if not unsupported:
        try:
            info["arena_bytes"] = tfmicro.Interpreter.from_bytes(
                flatbuffer).arena_used_bytes()
        except tfmicro.TfmicroError as e:
            info["error"] = _one_line(e)
    return result


def format_text(result: dict[str, Any]) -> str:
    how = {
        "int8": ("full-integer int8 (int8 weights and activations, int8 "
                 "input and output)"),
        "int16x8": ("int16 activations, int8 weights (int16 input and "
                    "output)"),
        "float32": "float32, not quantized",
    }[result["quantize"]]
    lines = [(f"converted {result['source']} ({result['source_kind']}) "
              f"with tf.lite.TFLiteConverter: {how}")]
    if result["representative"]:
        lines.append(f"calibrated on {result['representative_samples']} "
                     f"samples from {result['representative']}")
    lines.append(f"wrote {result['output']}: {result['bytes']:,} bytes, "
                 f"weights {result['weights_bytes']:,} bytes")
    for kind in ("inputs", "outputs"):
        for k, t in enumerate(result[kind]):
            lines.append(f"  {kind[:-1]} {k}: {t['dtype']}{t['shape']} "
                         f"{t['name']!r}")
    info = result.get("tfmicro")
    if info is None:
        lines.append(f"tfmicro: not checked ({result.get('tfmicro_note')})")
    else:
        ops = ", ".join(f"{n} x{c}" for n, c in info["ops"].items())
        lines.append(f"operators: {ops}")
        if info["unsupported_ops"]:
            lines.append("tfmicro: no kernel for "
                         f"{', '.join(info['unsupported_ops'])}")
        elif info["error"]:
            lines.append(f"tfmicro: cannot run it: {info['error']}")
        else:
            lines.append(f"tfmicro: every operator supported; arena "
                         f"{info['arena_bytes']:,} bytes")
    return "\n".join(lines)
