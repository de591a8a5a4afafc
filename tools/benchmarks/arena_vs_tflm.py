"""Arena bytes per model: tfmicro next to TFLM, measured in one run.

    python tools/benchmarks/arena_vs_tflm.py MODEL.tflite [MODEL.tflite ...]
    python tools/benchmarks/arena_vs_tflm.py --models-dir DIR [--json]

tfmicro's figure is the arena a device program needs: the exact
`arena_used_bytes()` less the interpreter object that the Python bindings
keep at the start of their arena (on a device it lives outside the arena,
as TFLM's MicroInterpreter does). TFLM's is the "Arena allocation total"
line of `print_allocations()` from the `tflite-micro` pip package (its
RecordingMicroAllocator), read in a subprocess because TFLM writes it to the
process's stderr from C++.
"""

from __future__ import annotations

import argparse
import json
import re
import subprocess
import sys
from pathlib import Path

import tfmicro

_TFLM_PROBE = r"""
import sys
from tflite_micro.python.tflite_micro import runtime
data = open(sys.argv[1], "rb").read()
interpreter = runtime.Interpreter.from_bytes(data, arena_size=int(sys.argv[2]))
interpreter.print_allocations()
"""
_TOTAL = re.compile(r"Arena allocation total (\d+) bytes")


def tflm_arena_bytes(model: Path, arena_size: int = 8 * 1024 * 1024) -> int | None:
    """TFLM's arena total for `model`, or None if TFLM cannot load it."""
    result = subprocess.run(
        [sys.executable, "-c", _TFLM_PROBE, str(model), str(arena_size)],
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )
    match = _TOTAL.search(result.stderr + result.stdout)
    return int(match.group(1)) if match else None


def tfmicro_arena(model: Path) -> dict[str, int]:
    """Our exact arena figures for `model`."""
    interpreter = tfmicro.Interpreter.from_file(str(model))
    usage = dict(interpreter.arena_usage())
    usage["device_bytes"] = interpreter.arena_used_bytes() - usage["interpreter_bytes"]
    return usage


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("models", nargs="*", type=Path, help=".tflite files")
    parser.add_argument("--models-dir", type=Path, help="measure every .tflite in DIR")
    parser.add_argument("--json", action="store_true", help="print JSON rows")
    args = parser.parse_args(argv)
    models = list(args.models)
    if args.models_dir:
        models += sorted(args.models_dir.glob("*.tflite"))
    if not models:
        parser.error("give .tflite files or --models-dir")

    rows = []
    for model in models:
        print(f"measuring {model.name} ...", file=sys.stderr, flush=True)
        ours = tfmicro_arena(model)
        tflm = tflm_arena_bytes(model)
        rows.append(
            {
                "model": model.name,
                "tfmicro_bytes": ours["device_bytes"],
                "tfmicro_planned_bytes": ours["planned_bytes"],
                "tfmicro_persistent_bytes": ours["persistent_bytes"],
                "tflm_bytes": tflm,
                "ratio": round(ours["device_bytes"] / tflm, 3) if tflm else None,
            }
        )
    if args.json:
        print(json.dumps(rows, indent=2))
        return 0
    print(f"{'model':<22} {'tfmicro':>10} {'planned':>9} {'persist':>8} {'TFLM':>10} {'ratio':>6}")
    for row in rows:
        tflm = row["tflm_bytes"]
        print(
            f"{row['model']:<22} {row['tfmicro_bytes']:>10} {row['tfmicro_planned_bytes']:>9} "
            f"{row['tfmicro_persistent_bytes']:>8} {tflm if tflm else 'n/a':>10} "
            f"{row['ratio'] if row['ratio'] else 'n/a':>6}"
        )
    print("ratio = tfmicro / TFLM arena bytes (lower is better)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
