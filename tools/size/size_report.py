"""Prints .text/.data/.bss of a Cortex-M program and who contributes them,
from the GNU ld map file of its link (tools/size/size.sh makes one).

    size_report.py --map prog.map --name core [--model_symbol g_sine_int8_model]
        [--elf prog.elf --top 15]

.text is everything the program keeps in flash: the vector table, code,
constants (the model), unwind tables and the constructor list; .data and
.bss are the RAM sections (the heap and the stack are left out). Each
input section is attributed to tfmicro's objects, the model's array, the
board's platform code or the toolchain's libraries (newlib-nano, libgcc,
libstdc++).
"""

from __future__ import annotations

import argparse
import re
import subprocess
from collections import defaultdict
from pathlib import Path

FLASH_SECTIONS = {".vectors", ".text", ".ARM.extab", ".ARM.exidx",
                  ".init_array"}
RAM_SECTIONS = {".data": "data", ".bss": "bss"}
# An input section with its address, size and file, possibly on the line
# after a long section name.
_INPUT = re.compile(r"^\s+(?:(\S+)\s+)?0x([0-9a-f]+)\s+0x([0-9a-f]+)\s+(\S.*)$")
_OUTPUT = re.compile(r"^(\.\S+)\s+0x[0-9a-f]+\s+0x[0-9a-f]+")
_NAME_ONLY = re.compile(r"^\s(\.\S+)\s*$")


def owner(path: str, model_object: str | None) -> str:
    if model_object and model_object in path:
        return "model array"
    if "/platform/" in path:
        return "platform (start-up, semihosting, syscalls)"
    if path.startswith("bazel-out/"):
        return "tfmicro objects"
    if "libstdc++" in path or "libsupc++" in path:
        return "libstdc++ (nano)"
    if "libgcc" in path:
        return "libgcc"
    if "libc_nano" in path or "libm" in path or "newlib" in path:
        return "newlib-nano (libc, libm)"
    return "other: " + path


def parse_map(map_text: str, model_object: str | None):
    totals = defaultdict(int)
    by_owner = defaultdict(lambda: defaultdict(int))
    by_object = defaultdict(int)
    in_memory_map = False
    current = None
    pending_name = None
    for line in map_text.splitlines():
        if line.startswith("Linker script and memory map"):
            in_memory_map = True
            continue
        if not in_memory_map:
            continue
        output = _OUTPUT.match(line)
        if output:
            current = output.group(1)
            pending_name = None
            continue
        if line and not line[0].isspace():
            current = line.split()[0] if line.startswith(".") else None
            continue
        name_only = _NAME_ONLY.match(line)
        if name_only:
            pending_name = name_only.group(1)
            continue
        match = _INPUT.match(line)
        if not match or current is None:
            continue
        section = match.group(1) or pending_name
        pending_name = None
        size = int(match.group(3), 16)
        path = match.group(4).strip()
        if size == 0 or section is None or section.startswith("*"):
            continue
        if current in FLASH_SECTIONS:
            kind = "text"
        elif current in RAM_SECTIONS:
            kind = RAM_SECTIONS[current]
        else:
            continue
        totals[kind] += size
        by_owner[kind][owner(path, model_object)] += size
        if kind == "text":
            by_object[_short(path)] += size
    return totals, by_owner, by_object


def _short(path: str) -> str:
    """libcore.a(interpreter.o) for a Bazel archive member, libc_nano.a(...)."""
    return re.sub(r"^.*/", "", path.split("(")[0]) + (
        "(" + path.split("(", 1)[1] if "(" in path else "")


def symbol_size(elf: Path, symbol: str) -> int | None:
    out = subprocess.run(["arm-none-eabi-nm", "-S", str(elf)], check=True,
                         capture_output=True, text=True).stdout
    for line in out.splitlines():
        parts = line.split()
        if len(parts) == 4 and parts[3] == symbol:
            return int(parts[1], 16)
    return None


def largest_symbols(elf: Path, count: int) -> list[tuple[int, str, str]]:
    out = subprocess.run(
        ["arm-none-eabi-nm", "--size-sort", "-S", "-C", "--reverse-sort",
         str(elf)], check=True, capture_output=True, text=True).stdout
    rows = []
    for line in out.splitlines():
        parts = line.split(maxsplit=3)
        if len(parts) == 4 and parts[2] in "tTrRdD":
            rows.append((int(parts[1], 16), parts[2], parts[3]))
    return rows[:count]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--map", type=Path, required=True)
    parser.add_argument("--name", required=True)
    parser.add_argument("--model_object",
                        help="file name of the model array's object")
    parser.add_argument("--model_symbol")
    parser.add_argument("--elf", type=Path)
    parser.add_argument("--top", type=int, default=0)
    args = parser.parse_args()

    totals, by_owner, by_object = parse_map(args.map.read_text(),
                                            args.model_object)
    print(f"{args.name}: .text {totals['text']:,} B, .data "
          f"{totals['data']:,} B, .bss {totals['bss']:,} B")
    for kind in ("text", "data", "bss"):
        for who, size in sorted(by_owner[kind].items(), key=lambda x: -x[1]):
            print(f"  .{kind:<4} {size:>9,} B  {who}")
    if args.elf and args.model_symbol:
        size = symbol_size(args.elf, args.model_symbol)
        if size is not None:
            print(f"  model array {args.model_symbol}: {size:,} B "
                  "(inside .text)")
    if args.top:
        print("  largest objects in .text:")
        for name, size in sorted(by_object.items(),
                                 key=lambda x: -x[1])[:args.top]:
            print(f"    {size:>7,} {name}")
    if args.elf and args.top:
        print(f"  largest symbols (arm-none-eabi-nm --size-sort):")
        for size, kind, name in largest_symbols(args.elf, args.top):
            print(f"    {size:>7,} {kind} {name[:90]}")


if __name__ == "__main__":
    main()
