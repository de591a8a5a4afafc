"""``tfmicro bench``: instructions per Invoke on an emulated Cortex-M.

The model's program is the one ``tfmicro export`` writes (a make tree for
the target, with the chosen vendor kernel library), built with
arm-none-eabi-gcc and run in qemu-system-arm with ``-icount shift=0``: one
virtual nanosecond per guest instruction, so the platform's tick counter
counts instructions and every figure is deterministic (wall-clock time
under qemu means nothing). Reported: instructions per Invoke and per
operator, arena bytes, peak stack bytes and the program's text size.
"""

from __future__ import annotations

import re
import shutil
import subprocess
import tempfile
from pathlib import Path

from tfmicro import export
from tfmicro.report import CommandError

QEMU = "qemu-system-arm"
QEMU_TIMEOUT_SECONDS = 600


def qemu_command(board: str, program: str) -> list[str]:
    """qemu-system-arm running `program` on `board`, counting instructions."""
    return [QEMU, "-M", board, "-nographic", "-semihosting-config",
            "enable=on,target=native", "-icount", "shift=0,align=off,sleep=off",
            "-kernel", program]


def parse_log(log: str) -> dict:
    """The figures the exported example prints (see templates/app)."""
    invoke = re.search(r"^invoke: (\d+) ticks \((\d+) per second\)$", log,
                       re.MULTILINE)
    arena = re.search(r"^arena: (\d+) bytes used", log, re.MULTILINE)
    if not invoke or not arena:
        raise CommandError("the program did not finish its inference:\n" +
                           "\n".join(log.splitlines()[-10:]))
    ticks, per_second = int(invoke[1]), int(invoke[2])
    # qemu -icount shift=0: 1e9 ticks per second are instructions.
    scale = 1e9 / per_second
    ops = [{"index": int(m[1]), "op": m[2],
            "instructions": round(int(m[3]) * scale)}
           for m in re.finditer(r"^op (\d+) (\S+): (\d+) ticks$", log,
                                re.MULTILINE)]
    stack = re.search(r"^stack: (\d+) bytes peak", log, re.MULTILINE)
    return {"instructions": round(ticks * scale),
            "arena_bytes": int(arena[1]),
            "peak_stack_bytes": int(stack[1]) if stack else None,
            "ops": ops}


def bench(model_path: str, target_name: str, vendor: str | None = None,
          source_dir: str | None = None, keep_dir: str | None = None,
          log=lambda message: None) -> dict:
    """Builds, runs and measures; returns the figures as a dict."""
    project = export.build_project(model_path, target_name,
                                   source_dir=source_dir, vendor=vendor)
    if project.target.is_host:
        raise CommandError("bench counts instructions on an emulated "
                           "Cortex-M: give --target cortex_m3|cortex_m4|"
                           "cortex_m7|cortex_m33|cortex_m55")
    for tool in ("arm-none-eabi-gcc", QEMU, "make"):
        if shutil.which(tool) is None:
            raise CommandError(f"{tool} not found (ci/setup.sh installs it)")
    with tempfile.TemporaryDirectory(prefix="tfmicro_bench_") as tmp:
        out = keep_dir or str(Path(tmp) / "project")
        export.write_tree(project, "make", out)
        log(f"building {model_path} for {target_name}"
            f"{' with ' + vendor if vendor else ''}")
        program = export.build_tree(out, "make")
        sizes = export.section_sizes(program, "arm-none-eabi-size")
        log(f"running in {QEMU} -M {project.target.board}")
        try:
            child = subprocess.run(
                qemu_command(project.target.board, str(program)),
                capture_output=True, text=True, check=False,
                timeout=QEMU_TIMEOUT_SECONDS, stdin=subprocess.DEVNULL)
        except subprocess.TimeoutExpired as e:
            raise CommandError(f"{QEMU} did not finish in "
                               f"{QEMU_TIMEOUT_SECONDS} s") from e
        if child.returncode != 0:
            raise CommandError(f"the program failed on {target_name} (exit "
                               f"{child.returncode}):\n"
                               + (child.stdout + child.stderr)[-2000:])
    figures = parse_log(child.stdout + child.stderr)
    return {"model": model_path, "target": target_name,
            "vendor": vendor or "reference", **figures,
            "text_bytes": sizes["text"], "data_bytes": sizes["data"],
            "bss_bytes": sizes["bss"], "ops_used": project.ops}
