"""The ``tfmicro`` command line.

    tfmicro run MODEL [--input FILE.npy ...] [--output-dir DIR]
    tfmicro validate MODEL [--inputs N] [--reference ORIGINAL.tflite]
    tfmicro profile MODEL [--runs N] [--csv [FILE]]
    tfmicro analyze MODEL [--plot FILE.svg|FILE.html] [--plan]
    tfmicro plan MODEL [-o MODEL_planned.tflite] [--no-reorder]
    tfmicro convert SAVED_MODEL_OR_KERAS [--quantize int8|int16x8|float32]
        [--representative DATA.npy] [-o MODEL.tflite]
    tfmicro cc-array MODEL -o DIR
    tfmicro resolver MODEL -o DIR
    tfmicro export MODEL --format make|cmake|keil|cubeide|platformio|arduino|
        zephyr|espidf -o DIR [--target host|cortex_m4|...] [--no-build]
    tfmicro bench MODEL --target cortex_m4|cortex_m55|... [--vendor NAME]

Every command exits 0 on success and prints one line ``tfmicro: error:
...`` with exit status 1 otherwise (2 for a bad command line). Commands
that report numbers take ``--json``. Only ``validate`` (ai-edge-litert) and
``convert`` (TensorFlow) import more than numpy and cffi; their modules are
imported when the command runs.
"""

from __future__ import annotations

import argparse
import math
import os
import sys
from pathlib import Path

import numpy as np

import tfmicro
from tfmicro.model_file import ModelFileError
from tfmicro.report import CommandError

EXIT_OK = 0
EXIT_FAILURE = 1
EXIT_BROKEN_PIPE = 141  # 128 + SIGPIPE, what a shell reports


# --- run ---------------------------------------------------------------------

def run(args: argparse.Namespace) -> int:
    from tfmicro.inputs import random_inputs
    from tfmicro.model_file import read_model_bytes, read_model_file
    from tfmicro.report import array_summary, load_input_files, write_json

    data = read_model_file(args.model)
    read_model_bytes(data, args.model)
    interpreter = tfmicro.Interpreter.from_bytes(data,
                                                 arena_size=args.arena_size)
    details = [interpreter.get_input_details(i)
               for i in range(interpreter.inputs_size())]
    notes: list[str] = []
    if args.input:
        inputs = load_input_files(args.input, details, notes)
        sources = ([f"{args.input[0]}[{i}]" for i in range(len(inputs))]
                   if len(args.input) == 1 and len(inputs) > 1
                   else list(args.input))
    else:
        inputs = random_inputs(details, np.random.default_rng(args.seed))
        sources = [f"random (seed {args.seed})"] * len(inputs)
    for i, array in enumerate(inputs):
        interpreter.set_input(array, i)
    interpreter.invoke()
    outputs = [interpreter.get_output(i)
               for i in range(interpreter.outputs_size())]
    written = []
    if args.output_dir:
        out = Path(args.output_dir)
        try:
            out.mkdir(parents=True, exist_ok=True)
            for i, array in enumerate(outputs):
                path = out / f"output_{i}.npy"
                np.save(path, array)
                written.append(str(path))
        except OSError as e:
            raise CommandError(f"cannot write to {out}: {e.strerror}") from e
    if args.json:
        write_json({
            "model": args.model,
            "arena_used_bytes": interpreter.arena_used_bytes(),
            "arena_size": interpreter.arena_size(),
            "inputs": [_tensor_json(details[i], a, source=sources[i])
                       for i, a in enumerate(inputs)],
            "outputs": [_tensor_json(interpreter.get_output_details(i), a)
                        for i, a in enumerate(outputs)],
            "written": written,
            "notes": notes,
        })
        return EXIT_OK
    for note in notes:
        print(f"note: {note}")
    for i, array in enumerate(inputs):
        print(f"input {i} ({details[i]['name']}, {sources[i]}): "
              f"{array_summary(array)}")
    for i, array in enumerate(outputs):
        name = interpreter.get_output_details(i)["name"]
        print(f"output {i} ({name}): {array_summary(array)}")
    for path in written:
        print(f"wrote {path}")
    print(f"arena: {interpreter.arena_used_bytes()} bytes used of "
          f"{interpreter.arena_size()}")
    return EXIT_OK


def _tensor_json(detail: dict, array: np.ndarray, source: str | None = None
                 ) -> dict:
    entry = {"name": detail["name"], "dtype": array.dtype.name,
             "shape": list(array.shape), "values": array.tolist()}
    if source is not None:
        entry["source"] = source
    return entry


# --- validate ------------------------------------------------------------------

def validate(args: argparse.Namespace) -> int:
    from tfmicro import validate as validation
    from tfmicro.report import write_json

    result = validation.validate(
        args.model, num_inputs=args.inputs, seed=args.seed,
        input_files=args.input, reference=args.reference, rtol=args.rtol,
        atol=args.atol)
    if args.json:
        write_json(result)
    else:
        print(validation.format_text(result))
    if not result["passed"]:
        raise CommandError(validation.failure_message(result))
    return EXIT_OK


# --- profile -------------------------------------------------------------------

def profile(args: argparse.Namespace) -> int:
    from tfmicro import profiling
    from tfmicro.report import write_json

    result = profiling.profile(args.model, runs=args.runs, warmup=args.warmup,
                               seed=args.seed, input_files=args.input)
    if args.csv is not None:
        text = profiling.format_csv(result)
        if args.csv == "-":
            sys.stdout.write(text)
        else:
            _write_text(args.csv, text)
            if not args.json:
                print(profiling.format_text(result))
                print(f"wrote {args.csv}")
    if args.json:
        write_json(result)
    elif args.csv is None:
        print(profiling.format_text(result))
    return EXIT_OK


# --- analyze -------------------------------------------------------------------

def analyze(args: argparse.Namespace) -> int:
    from tfmicro import analyze as analysis_module
    from tfmicro.report import write_json

    analysis = analysis_module.analyze(args.model, seed=args.seed,
                                       plan=args.plan)
    if analysis.error is None and args.plot:
        from tfmicro import plot

        plot.write_plot(analysis, args.plot)
    if args.json:
        write_json(analysis.to_json())
    else:
        print(analysis_module.format_text(analysis,
                                          show_tensors=args.tensors))
        if analysis.error is None and args.plot:
            print(f"wrote {args.plot}")
    if analysis.error is not None:
        raise CommandError(analysis.error)
    return EXIT_OK


# --- convert -------------------------------------------------------------------

def convert(args: argparse.Namespace) -> int:
    from tfmicro import convert as conversion
    from tfmicro.report import write_json

    result = conversion.convert(args.source, quantize=args.quantize,
                                representative=args.representative,
                                output=args.output)
    if args.json:
        write_json(result)
    else:
        print(conversion.format_text(result))
    return EXIT_OK


# --- plan ------------------------------------------------------------------------

def plan(args: argparse.Namespace) -> int:
    from tfmicro import plan as planning
    from tfmicro.model_file import read_model_bytes, read_model_file
    from tfmicro.report import write_json

    data = read_model_file(args.model)
    read_model_bytes(data, args.model)
    output = args.output or str(Path(args.model).with_name(
        Path(args.model).stem + "_planned.tflite"))
    result = planning.plan_model(data, reorder=args.reorder,
                                 time_budget=args.time_budget, seed=args.seed)
    try:
        Path(output).write_bytes(result.model_bytes)
    except OSError as e:
        raise CommandError(f"cannot write {output}: {e.strerror}") from e
    arena = tfmicro.Interpreter.from_bytes(result.model_bytes)
    usage = arena.arena_usage()
    summary = {
        "model": args.model, "output": output,
        "arena_bytes": usage["total_bytes"] - usage["interpreter_bytes"],
        "planned_bytes": result.planned_bytes,
        "device_greedy_planned_bytes": result.device_greedy_bytes,
        "lower_bound_bytes": result.lower_bound_bytes,
        "method": result.method, "optimal": result.optimal,
        "reordered": result.reordered, "order": result.order,
        "peak_live_bytes_before": result.peak_live_before,
        "peak_live_bytes_after": result.peak_live_after,
    }
    if args.json:
        write_json(summary)
        return EXIT_OK
    proof = ("optimal for this order" if result.optimal else
             f"lower bound {result.lower_bound_bytes:,}")
    print(f"wrote {output}: planned tensors {result.planned_bytes:,} bytes "
          f"(device greedy {result.device_greedy_bytes:,}; {result.method}, "
          f"{proof}); arena {summary['arena_bytes']:,} bytes")
    if result.reordered:
        print(f"operators reordered: peak live bytes "
              f"{result.peak_live_before:,} -> {result.peak_live_after:,}")
    return EXIT_OK


# --- cc-array, resolver ----------------------------------------------------------

def cc_array(args: argparse.Namespace) -> int:
    from tfmicro import codegen
    from tfmicro.report import write_json

    result = codegen.write_cc_array(args.model, args.output, name=args.name,
                                    symbol=args.symbol,
                                    include_prefix=args.include_prefix)
    if args.json:
        write_json(result)
    else:
        print(f"wrote {result['header']} and {result['source']}: "
              f"{result['symbol']}[] ({result['bytes']:,} bytes, 16-byte "
              f"aligned) and {result['symbol']}_len")
    return EXIT_OK


def resolver(args: argparse.Namespace) -> int:
    from tfmicro import codegen
    from tfmicro.report import write_json

    result = codegen.write_resolver(args.model, args.output, name=args.name,
                                    include_prefix=args.include_prefix)
    if args.json:
        write_json(result)
    else:
        print(f"wrote {result['header']} and {result['source']}: "
              f"{result['type']} (tfmicro::MicroOpResolver<"
              f"{len(result['ops'])}>) and {result['function']}() for "
              f"{', '.join(result['ops'])}")
    return EXIT_OK


def export(args: argparse.Namespace) -> int:
    from tfmicro import export as exporter
    from tfmicro.report import write_json

    project = exporter.build_project(args.model, args.target,
                                     source_dir=args.source_dir,
                                     name=args.name, vendor=args.vendor)
    files = exporter.write_tree(project, args.format, args.output)
    result = {"output": args.output, "format": args.format,
              "target": args.target, "ops": project.ops,
              "files": len(files), "sources": len(project.sources),
              "source_bytes": exporter.source_bytes(files),
              "arena_bytes": project.arena_bytes}
    if not args.json:
        print(f"wrote {args.output} ({args.format}, {args.target}): "
              f"{exporter.describe(project, files)}")
    build = (args.build if args.build is not None else
             args.format in exporter.BUILDABLE)
    if build:
        program = exporter.build_tree(args.output, args.format)
        size_tool = ("size" if project.target.is_host else
                     "arm-none-eabi-size")
        result["program"] = str(program)
        result["program_bytes"] = exporter.section_sizes(program, size_tool)
        if not args.json:
            sizes = result["program_bytes"]
            print(f"built {program}: text {sizes['text']:,}, data "
                  f"{sizes['data']:,}, bss {sizes['bss']:,} bytes")
    if args.json:
        write_json(result)
    return EXIT_OK


def bench(args: argparse.Namespace) -> int:
    from tfmicro import bench as bencher
    from tfmicro.report import format_table, write_json

    def log(message: str) -> None:
        if not args.json:
            print(f"tfmicro: {message}", file=sys.stderr)

    result = bencher.bench(args.model, args.target, vendor=args.vendor,
                           source_dir=args.source_dir, keep_dir=args.keep,
                           log=log)
    if args.json:
        write_json(result)
        return EXIT_OK
    total = result["instructions"]
    print(f"{args.model} on {args.target} ({result['vendor']} kernels): "
          f"{total:,} instructions per Invoke, arena "
          f"{result['arena_bytes']:,} bytes, text {result['text_bytes']:,} "
          "bytes" + (f", peak stack {result['peak_stack_bytes']:,} bytes"
                     if result["peak_stack_bytes"] is not None else ""))
    rows = [[op["index"], op["op"], op["instructions"],
             f"{100 * op['instructions'] / total:.1f}%" if total else "-"]
            for op in result["ops"]]
    print(format_table(["#", "op", "instructions", "share"], rows))
    return EXIT_OK


def _write_text(path: str, text: str) -> None:
    try:
        Path(path).write_text(text, encoding="utf-8")
    except OSError as e:
        raise CommandError(f"cannot write {path}: {e.strerror}") from e


# --- parser ----------------------------------------------------------------------

def _int_at_least(text: str, low: int) -> int:
    try:
        value = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(
            f"expected an integer, got {text!r}") from None
    if value < low:
        raise argparse.ArgumentTypeError(f"must be at least {low}, got "
                                         f"{value}")
    return value


def _positive_int(text: str) -> int:
    return _int_at_least(text, 1)


def _non_negative_int(text: str) -> int:
    return _int_at_least(text, 0)


def _tolerance(text: str) -> float:
    try:
        value = float(text)
    except ValueError:
        raise argparse.ArgumentTypeError(
            f"expected a number, got {text!r}") from None
    if not math.isfinite(value) or value < 0:
        raise argparse.ArgumentTypeError(
            f"must be a finite number >= 0, got {text}")
    return value


def _add_model(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("model", help="path to a .tflite file")


def _add_inputs(parser: argparse.ArgumentParser, what: str) -> None:
    parser.add_argument(
        "--input", action="append", metavar="FILE.npy",
        help=f"{what}: one .npy per model input, in order (repeat the "
             "option), or one .npz holding all of them; default: seeded "
             "random inputs")
    parser.add_argument("--seed", type=_non_negative_int, default=0,
                        help="seed of the random inputs (default 0)")


def _add_json(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--json", action="store_true",
                        help="print the results as JSON")


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="tfmicro",
        description="Run, check, measure and package TensorFlow Lite models "
                    "for microcontrollers with the tfmicro runtime.")
    parser.add_argument("--version", action="version",
                        version=f"tfmicro {tfmicro.__version__}")
    commands = parser.add_subparsers(dest="command", required=True,
                                     metavar="COMMAND")

    p = commands.add_parser(
        "run", help="run a model once on the host runtime",
        description="Runs MODEL once with the tfmicro runtime and prints "
                    "its inputs, outputs and the arena bytes used. Without "
                    "--input the inputs are seeded random values (quantized "
                    "inputs cover their type's full range, float inputs "
                    "are uniform in [-1, 1)).")
    _add_model(p)
    _add_inputs(p, "input data")
    p.add_argument("--output-dir", metavar="DIR",
                   help="also write each output as DIR/output_<i>.npy")
    p.add_argument("--arena-size", type=_non_negative_int, default=None,
                   metavar="BYTES",
                   help="arena bytes (default: exactly what the model needs)")
    _add_json(p)
    p.set_defaults(handler=run)

    p = commands.add_parser(
        "validate", help="compare with TFLite's reference kernels",
        description="Runs input sets through tfmicro and TFLite's reference "
                    "kernels (ai-edge-litert) and compares the outputs: "
                    "integer outputs must be bit-exact, float outputs "
                    "within |diff| <= atol + rtol*|ref|. On a mismatch it "
                    "compares every operator's outputs, with all tensors "
                    "preserved on both sides, and names the first operator "
                    "and tensor where they diverge. Exit status 1 when "
                    "they differ.")
    _add_model(p)
    p.add_argument("--inputs", type=_positive_int, default=10, metavar="N",
                   help="number of random input sets (default 10)")
    _add_inputs(p, "one input set instead of random ones")
    p.add_argument("--reference", metavar="MODEL.tflite",
                   help="run TFLite on this model instead of MODEL (same "
                        "inputs and tensors, e.g. the original of an edited "
                        "model)")
    p.add_argument("--rtol", type=_tolerance, default=1e-5,
                   help="relative tolerance of float outputs (default 1e-5)")
    p.add_argument("--atol", type=_tolerance, default=None,
                   help="absolute tolerance of float outputs (default 1e-6 "
                        "x max(1, max|ref|) per output)")
    _add_json(p)
    p.set_defaults(handler=validate)

    p = commands.add_parser(
        "profile", help="time each operator",
        description="Runs MODEL --warmup times, then --runs times with "
                    "per-operator timing, and prints each operator's median "
                    "time (platform timer ticks and microseconds), its share "
                    "of the total and its multiply-accumulates where "
                    "defined (convolutions, fully connected).")
    _add_model(p)
    p.add_argument("--runs", type=_positive_int, default=10,
                   help="profiled runs (default 10)")
    p.add_argument("--warmup", type=_non_negative_int, default=1,
                   help="unprofiled runs first (default 1)")
    _add_inputs(p, "input data")
    p.add_argument("--csv", nargs="?", const="-", metavar="FILE",
                   help="write the table as CSV to FILE (or stdout without "
                        "FILE)")
    _add_json(p)
    p.set_defaults(handler=profile)

    p = commands.add_parser(
        "analyze", help="operators, support, arena and memory timeline",
        description="Lists MODEL's operators and whether tfmicro has a "
                    "kernel for each, its weight bytes, the exact arena "
                    "bytes (measured after one invoke) split into planned "
                    "tensors, scratch, persistent data, planning "
                    "temporaries and the interpreter object, and the memory "
                    "plan over the operators. Exit status 1 when an "
                    "operator is unsupported.")
    _add_model(p)
    p.add_argument("--plot", metavar="FILE",
                   help="draw the arena timeline to FILE.svg or FILE.html")
    p.add_argument("--tensors", type=_non_negative_int, default=10,
                   metavar="N",
                   help="list the N largest planned tensors (default 10)")
    p.add_argument("--plan", action="store_true",
                   help="also report the arena the model needs after "
                        "`tfmicro plan` (runs the offline planner)")
    p.add_argument("--seed", type=_non_negative_int, default=0,
                   help="seed of the random inputs of the measuring run")
    _add_json(p)
    p.set_defaults(handler=analyze)

    p = commands.add_parser(
        "plan", help="store an offline memory plan in the model",
        description="Computes tensor offsets that minimize the arena "
                    "(exact search for small graphs, else the best of "
                    "several heuristics, never worse than the device's "
                    "greedy plan), using the in-place permissions of the "
                    "kernels, and with --reorder (the default where the "
                    "model has no state) the operator order with the lowest "
                    "peak memory. Writes the model with the plan in its "
                    "'tfmicro_plan' metadata and checks that the runtime "
                    "accepts it and that outputs stay bit-exact.")
    _add_model(p)
    p.add_argument("-o", "--output", metavar="MODEL_planned.tflite",
                   help="default: <model>_planned.tflite beside it")
    p.add_argument("--reorder", action=argparse.BooleanOptionalAction,
                   default=True,
                   help="reorder operators when that lowers peak memory "
                        "(default on; never for models with state)")
    p.add_argument("--time-budget", type=_tolerance, default=2.0,
                   metavar="S", help="seconds per search (default 2)")
    p.add_argument("--seed", type=_non_negative_int, default=0,
                   help="seed of the local search and of the check's inputs")
    _add_json(p)
    p.set_defaults(handler=plan)

    p = commands.add_parser(
        "convert", help="convert a SavedModel or Keras model to .tflite",
        description="Converts with tf.lite.TFLiteConverter using the "
                    "settings that fit a microcontroller: int8 (default) is "
                    "full-integer quantization with int8 input and output; "
                    "int16x8 uses int16 activations and int8 weights; "
                    "float32 does not quantize. Needs TensorFlow.")
    p.add_argument("source", metavar="SAVED_MODEL_OR_KERAS",
                   help="a SavedModel directory or a .keras/.h5 file")
    p.add_argument("--quantize", choices=("int8", "int16x8", "float32"),
                   default="int8", help="default int8")
    p.add_argument("--representative", metavar="DATA.npy",
                   help="calibration samples along the first axis (.npy, "
                        "or .npz with one array per input); required when "
                        "quantizing")
    p.add_argument("-o", "--output", metavar="MODEL.tflite",
                   help="default: <source>_<quantize>.tflite beside it")
    _add_json(p)
    p.set_defaults(handler=convert)

    p = commands.add_parser(
        "cc-array", help="embed the model as an aligned C++ array",
        description="Writes DIR/<name>.h and DIR/<name>.cc defining "
                    "`alignas(16) const unsigned char <symbol>[]` and "
                    "`<symbol>_len`, to link the model into firmware.")
    _add_model(p)
    p.add_argument("-o", "--output", required=True, metavar="DIR",
                   help="directory to write into (created if needed)")
    p.add_argument("--name", help="file name stem (default <model>_model)")
    p.add_argument("--symbol", help="array name (default g_<name>)")
    p.add_argument("--include-prefix", default="", metavar="PATH/",
                   help="path the .cc uses to include the header")
    _add_json(p)
    p.set_defaults(handler=cc_array)

    p = commands.add_parser(
        "resolver", help="generate the op resolver the model needs",
        description="Writes DIR/<name>_op_resolver.h and .cc: a "
                    "tfmicro::MicroOpResolver<N> type with room for exactly "
                    "MODEL's N operators and a function that adds them, so "
                    "only those kernels are linked.")
    _add_model(p)
    p.add_argument("-o", "--output", required=True, metavar="DIR",
                   help="directory to write into (created if needed)")
    p.add_argument("--name", help="name stem (default: the model's)")
    p.add_argument("--include-prefix", default="", metavar="PATH/",
                   help="path the .cc uses to include the header")
    _add_json(p)
    p.set_defaults(handler=resolver)

    from tfmicro.export import FORMATS

    p = commands.add_parser(
        "export", help="write a self-contained Make/CMake/IDE project",
        description="Writes DIR: the runtime with only the kernels MODEL "
                    "uses, the FlatBuffers headers it includes, the model "
                    "as a C array, its op resolver, a bundled input and a "
                    "program that runs one inference and prints the "
                    "outputs, with the build files of FORMAT. make and "
                    "cmake trees are built right away (--no-build skips "
                    "it) and the program's size is printed.")
    _add_model(p)
    p.add_argument("--format", required=True, choices=FORMATS)
    p.add_argument("-o", "--output", required=True, metavar="DIR",
                   help="a new or empty directory")
    p.add_argument("--target", default="host",
                   help="host (default) or a Cortex-M CPU: cortex_m3, "
                        "cortex_m4, cortex_m7, cortex_m33, cortex_m55")
    p.add_argument("--vendor", metavar="NAME",
                   help="a vendor kernel library (tensorflow_micro/kernels/"
                        "vendor/NAME)")
    p.add_argument("--name", help="project name (default: the model's)")
    p.add_argument("--source-dir", metavar="DIR",
                   help="the tfmicro checkout to export from (default: the "
                        "one this package runs from)")
    p.add_argument("--build", dest="build", action="store_true",
                   default=None, help="build the exported tree (default "
                   "for make and cmake)")
    p.add_argument("--no-build", dest="build", action="store_false")
    _add_json(p)
    p.set_defaults(handler=export)

    p = commands.add_parser(
        "bench", help="count instructions per Invoke on an emulated Cortex-M",
        description="Builds MODEL's program for the target (the make tree "
                    "of `tfmicro export`, arm-none-eabi-gcc -Os), runs it "
                    "in qemu-system-arm with -icount shift=0 (one virtual "
                    "nanosecond per instruction: deterministic counts) and "
                    "reports instructions per Invoke and per operator, "
                    "arena bytes, peak stack and text size.")
    _add_model(p)
    p.add_argument("--target", required=True,
                   help="cortex_m3, cortex_m4, cortex_m7, cortex_m33 or "
                        "cortex_m55")
    p.add_argument("--vendor", metavar="NAME",
                   help="a vendor kernel library (default: reference)")
    p.add_argument("--source-dir", metavar="DIR",
                   help="the tfmicro checkout to build from")
    p.add_argument("--keep", metavar="DIR",
                   help="keep the built project in DIR (new or empty)")
    _add_json(p)
    p.set_defaults(handler=bench)
    return parser


def _one_line(message: str) -> str:
    return " ".join(part.strip() for part in str(message).splitlines()
                    if part.strip())


def main(argv: list[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    try:
        return args.handler(args)
    except BrokenPipeError:
        # The reader went away (`tfmicro analyze M | head`): stop quietly,
        # and keep Python from complaining when it flushes stdout at exit.
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return EXIT_BROKEN_PIPE
    except (CommandError, ModelFileError, tfmicro.TfmicroError, OSError,
            ValueError) as e:
        sys.stdout.flush()
        print(f"tfmicro: error: {_one_line(e)}", file=sys.stderr)
        return EXIT_FAILURE
    except KeyboardInterrupt:
        print("tfmicro: interrupted", file=sys.stderr)
        return 130


if __name__ == "__main__":
    sys.exit(main())
