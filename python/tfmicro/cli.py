"""The ``tfmicro`` command line.

    tfmicro run MODEL [--seed N] [--arena-size BYTES]

runs a .tflite model once on seeded random inputs and prints its outputs and
the arena bytes it used.
"""

from __future__ import annotations

import argparse
import sys

import numpy as np

import tfmicro
from tfmicro.inputs import random_inputs


def _summary(array: np.ndarray) -> str:
    with np.printoptions(threshold=16, edgeitems=4, precision=6):
        return f"{array.dtype.name}{list(array.shape)} {array.flatten()}"


def run(args: argparse.Namespace) -> int:
    interpreter = tfmicro.Interpreter.from_file(args.model,
                                                arena_size=args.arena_size)
    details = [interpreter.get_input_details(i)
               for i in range(interpreter.inputs_size())]
    inputs = random_inputs(details, np.random.default_rng(args.seed))
    for i, array in enumerate(inputs):
        interpreter.set_input(array, i)
        print(f"input {i} ({details[i]['name']}): {_summary(array)}")
    interpreter.invoke()
    for i in range(interpreter.outputs_size()):
        name = interpreter.get_output_details(i)["name"]
        print(f"output {i} ({name}): {_summary(interpreter.get_output(i))}")
    print(f"arena: {interpreter.arena_used_bytes()} bytes used of "
          f"{interpreter.arena_size()}")
    return 0


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="tfmicro", description="Run TensorFlow Lite models with tfmicro.")
    parser.add_argument("--version", action="version",
                        version=f"tfmicro {tfmicro.__version__}")
    commands = parser.add_subparsers(dest="command", required=True)
    run_parser = commands.add_parser(
        "run", help="run a model once on seeded random inputs")
    run_parser.add_argument("model", help="path to a .tflite file")
    run_parser.add_argument("--seed", type=int, default=0,
                            help="seed of the random inputs (default 0)")
    run_parser.add_argument("--arena-size", type=int, default=None,
                            help="arena bytes (default: exactly what the "
                                 "model needs)")
    run_parser.set_defaults(handler=run)
    return parser


def main(argv: list[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    try:
        return args.handler(args)
    except (tfmicro.TfmicroError, OSError, ValueError) as e:
        print(f"tfmicro: error: {e}", file=sys.stderr)
        return 1


if __name__ == "__main__":
    sys.exit(main())
