"""Instructions per Invoke: reference kernels vs each vendor library.

    python tools/benchmarks/vendor_bench.py --models-dir DIR [--json]
        [--pair cortex_m4:arm_dsp ...]
        [--library reference=REF.so --library arm_dsp=DSP.so]

Runs `tfmicro bench` (qemu-system-arm -icount shift=0: deterministic
instruction counts) on the MLPerf Tiny int8 models (kws, vww, ic, ad from
`bazel build //tools/models`, found as DIR/<name>_int8.tflite) for every
TARGET:VENDOR pair, once with the reference kernels and once with the
vendor library, and prints instructions, the speedup (reference / vendor)
and TFLM's measured bars from issue 6 (Cortex-M4F only).

`tfmicro bench` sizes the program's arena by running the model on the
host library, so a vendor whose kernels request more scratch than the
reference needs a host library built with it:
`bazel build --define tfmicro_vendor=arm_dsp //tensorflow_micro/c:libtfmicro_c.so`
(copy it aside and pass it with --library arm_dsp=PATH). Each run is a
`python -m tfmicro bench --json` subprocess with TFMICRO_LIBRARY set.
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
from pathlib import Path

MODELS = ("kws", "vww", "ic", "ad")

# Issue 6: TFLM on these machines (Cortex-M4F, mps2-an386, qemu -icount).
TFLM_M4 = {
    "kws": (43_000_000, 7_702_000),
    "vww": (100_460_000, 24_414_000),
    "ic": (107_358_000, 29_858_000),
    "ad": (1_687_000, 595_800),
}


def run_bench(path: Path, target: str, vendor: str | None,
              libraries: dict[str, str]) -> int:
    """Instructions per Invoke from one `tfmicro bench --json` run."""
    env = dict(os.environ)
    library = libraries.get(vendor or "reference")
    if library:
        env["TFMICRO_LIBRARY"] = library
    command = [sys.executable, "-m", "tfmicro", "bench", str(path),
               "--target", target, "--json"]
    if vendor:
        command += ["--vendor", vendor]
    result = subprocess.run(command, env=env, capture_output=True, text=True,
                            check=False)
    if result.returncode != 0:
        raise SystemExit(f"vendor_bench: {' '.join(command)} failed:\n"
                         f"{result.stderr.strip()}")
    return json.loads(result.stdout)["instructions"]


def measure(models_dir: Path, pairs: list[tuple[str, str]],
            models=MODELS, libraries: dict[str, str] | None = None
            ) -> list[dict]:
    libraries = libraries or {}
    rows = []
    reference_cache: dict[tuple[str, str], int] = {}
    for target, vendor in pairs:
        for name in models:
            path = models_dir / f"{name}_int8.tflite"
            if not path.exists():
                raise SystemExit(f"vendor_bench: {path} not found "
                                 "(bazel build //tools/models)")
            key = (target, name)
            if key not in reference_cache:
                reference_cache[key] = run_bench(path, target, None,
                                                 libraries)
            vendor_count = run_bench(path, target, vendor, libraries)
            ref = reference_cache[key]
            row = {"model": name, "target": target, "vendor": vendor,
                   "reference": ref, "vendor_instructions": vendor_count,
                   "speedup": ref / vendor_count}
            if target == "cortex_m4" and name in TFLM_M4:
                tflm_ref, tflm_cmsis = TFLM_M4[name]
                row.update(tflm_reference=tflm_ref, tflm_cmsis_nn=tflm_cmsis,
                           tflm_speedup=tflm_ref / tflm_cmsis)
            rows.append(row)
    return rows


def table(rows: list[dict]) -> str:
    lines = ["| model | target | reference | vendor | vendor instr. | "
             "speedup | TFLM ref | TFLM+CMSIS-NN | TFLM speedup |",
             "|---|---|---|---|---|---|---|---|---|"]
    for r in rows:
        tflm = (f"{r['tflm_reference']:,} | {r['tflm_cmsis_nn']:,} | "
                f"{r['tflm_speedup']:.1f}x" if "tflm_reference" in r
                else "- | - | -")
        lines.append(f"| {r['model']} | {r['target']} | {r['reference']:,} | "
                     f"{r['vendor']} | {r['vendor_instructions']:,} | "
                     f"{r['speedup']:.2f}x | {tflm} |")
    return "\n".join(lines)


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--models-dir", type=Path,
                        default=Path("bazel-bin/tools/models"))
    parser.add_argument("--pair", action="append", default=None,
                        help="TARGET:VENDOR (default cortex_m4:arm_dsp)")
    parser.add_argument("--models", default=",".join(MODELS))
    parser.add_argument("--library", action="append", default=[],
                        help="NAME=PATH: the host libtfmicro_c.so for "
                        "'reference' or a vendor (TFMICRO_LIBRARY)")
    parser.add_argument("--json", action="store_true")
    args = parser.parse_args(argv)
    pairs = [tuple(p.split(":", 1)) for p in (args.pair or
                                              ["cortex_m4:arm_dsp"])]
    libraries = dict(item.split("=", 1) for item in args.library)
    rows = measure(args.models_dir, pairs, args.models.split(","), libraries)
    print(json.dumps(rows, indent=2) if args.json else table(rows))
    return 0


if __name__ == "__main__":
    sys.exit(main())
