"""Instructions per Invoke: reference kernels vs each vendor library.

    python tools/benchmarks/vendor_bench.py --models-dir DIR [--json]
        [--pair cortex_m4:arm_dsp ...]

Runs `tfmicro bench` (qemu-system-arm -icount shift=0: deterministic
instruction counts) on the MLPerf Tiny int8 models (kws, vww, ic, ad from
`bazel build //tools/models`, found as DIR/<name>_int8.tflite) for every
TARGET:VENDOR pair, once with the reference kernels and once with the
vendor library, and prints instructions, the speedup (reference / vendor)
and TFLM's measured bars from issue 6 (Cortex-M4F only).
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

from tfmicro import bench

MODELS = ("kws", "vww", "ic", "ad")

# Issue 6: TFLM on these machines (Cortex-M4F, mps2-an386, qemu -icount).
TFLM_M4 = {
    "kws": (43_000_000, 7_702_000),
    "vww": (100_460_000, 24_414_000),
    "ic": (107_358_000, 29_858_000),
    "ad": (1_687_000, 595_800),
}


def measure(models_dir: Path, pairs: list[tuple[str, str]],
            models=MODELS) -> list[dict]:
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
                reference_cache[key] = bench.bench(
                    str(path), target)["instructions"]
            vendor_count = bench.bench(str(path), target,
                                       vendor=vendor)["instructions"]
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
    parser.add_argument("--json", action="store_true")
    args = parser.parse_args(argv)
    pairs = [tuple(p.split(":", 1)) for p in (args.pair or
                                              ["cortex_m4:arm_dsp"])]
    rows = measure(args.models_dir, pairs, args.models.split(","))
    print(json.dumps(rows, indent=2) if args.json else table(rows))
    return 0


if __name__ == "__main__":
    sys.exit(main())
