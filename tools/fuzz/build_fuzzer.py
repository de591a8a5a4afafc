"""Builds the libFuzzer target tensorflow_micro/fuzz/model_fuzzer outside Bazel.

The runtime's sources come from the one list the project has,
python/tfmicro/native_sources.py (LIBRARIES, the globs of the BUILD files),
plus the fuzz harness in tensorflow_micro/fuzz/ (every .cc but tests). The
schema reader is generated with flatc the same way native_sources does.
Objects are kept between runs and rebuilt when a source, a header it
includes (from clang's dependency files) or the flags change.

    python3 tools/fuzz/build_fuzzer.py [--out build/fuzz] [--jobs 2]

Environment: CXX (default clang++-14, else clang++), FLATC (default flatc).
"""

from __future__ import annotations

import argparse
import concurrent.futures
import hashlib
import importlib.util
import os
import shlex
import shutil
import subprocess
import sys
from pathlib import Path

REPO = Path(__file__).absolute().parents[2]
FUZZ_DIR = "tensorflow_micro/fuzz"
FUZZER_MAIN = f"{FUZZ_DIR}/model_fuzzer.cc"
SANITIZERS = "address,undefined"
# Every undefined behaviour stops the run, so libFuzzer records the input.
SANITIZE_FLAGS = ("-O1", "-g", "-fno-omit-frame-pointer",
                  f"-fsanitize={SANITIZERS}", "-fno-sanitize-recover=all")


def load_native_sources():
    path = REPO / "python" / "tfmicro" / "native_sources.py"
    spec = importlib.util.spec_from_file_location("native_sources", path)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def fuzz_sources() -> list[str]:
    """The harness and the mutator (not the tests, not the fuzzer main)."""
    return sorted(
        f"{FUZZ_DIR}/{p.name}" for p in (REPO / FUZZ_DIR).glob("*.cc")
        if not p.name.endswith("_test.cc") and
        f"{FUZZ_DIR}/{p.name}" != FUZZER_MAIN)


def find_compiler() -> list[str]:
    if "CXX" in os.environ:
        return shlex.split(os.environ["CXX"])
    for name in ("clang++-14", "clang++"):
        if shutil.which(name):
            return [name]
    sys.exit("error: clang++ not found (apt-get install clang "
             "libclang-rt-14-dev, or set CXX)")


def run(command: list[str]) -> None:
    child = subprocess.run(command, stdout=subprocess.PIPE,
                           stderr=subprocess.STDOUT, text=True, check=False)
    if child.returncode != 0:
        sys.exit(f"error: command failed ({child.returncode}): "
                 f"{shlex.join(command)}\n{child.stdout.strip()}")


def generate_schema(native, out: Path) -> Path:
    """schema_generated.h under out/include; rewritten only when it changes,
    so objects that include it are not rebuilt for nothing."""
    include = out / "include"
    target_dir = include / Path(native.SCHEMA).parent
    fresh = out / "schema_tmp"
    fresh.mkdir(parents=True, exist_ok=True)
    flatc = os.environ.get("FLATC", "flatc")
    if shutil.which(flatc) is None:
        sys.exit(f"error: {flatc} not found (apt-get install "
                 "flatbuffers-compiler libflatbuffers-dev, or set FLATC)")
    run([flatc, "--cpp", "-o", str(fresh), str(REPO / native.SCHEMA)])
    generated = fresh / "schema_generated.h"
    target = target_dir / generated.name
    target_dir.mkdir(parents=True, exist_ok=True)
    if not target.exists() or target.read_bytes() != generated.read_bytes():
        os.replace(generated, target)
    return include


def up_to_date(obj: Path, depfile: Path, stamp: Path, flags_key: str) -> bool:
    if not (obj.exists() and depfile.exists() and stamp.exists()):
        return False
    if stamp.read_text() != flags_key:
        return False
    built = obj.stat().st_mtime
    text = depfile.read_text().replace("\\\n", " ")
    deps = text.split(":", 1)[1].split() if ":" in text else []
    for dep in deps:
        try:
            if Path(dep).stat().st_mtime > built:
                return False
        except FileNotFoundError:
            return False
    return True


def build(out: Path, jobs: int) -> Path:
    native = load_native_sources()
    cxx = find_compiler()
    out = out.absolute()
    include = generate_schema(native, out)
    flags = [f for f in native.CXXFLAGS if not f.startswith("-O")]
    # fuzzer-no-link: coverage instrumentation in every object; libFuzzer's
    # runtime (and its main) comes in at the link.
    flags += [*SANITIZE_FLAGS, "-fsanitize=fuzzer-no-link", f"-I{include}",
              f"-I{REPO}"]
    sources = native.sources(REPO) + fuzz_sources() + [FUZZER_MAIN]
    flags_key = hashlib.sha256(shlex.join(cxx + flags).encode()).hexdigest()
    objects_dir = out / "obj"
    objects_dir.mkdir(parents=True, exist_ok=True)

    def compile_one(source: str) -> tuple[Path, bool]:
        stem = source.replace("/", "_")
        obj = objects_dir / f"{stem}.o"
        depfile = objects_dir / f"{stem}.d"
        stamp = objects_dir / f"{stem}.flags"
        if up_to_date(obj, depfile, stamp, flags_key):
            return obj, False
        run([*cxx, *flags, "-MMD", "-MF", str(depfile), "-c",
             str(REPO / source), "-o", str(obj)])
        stamp.write_text(flags_key)
        return obj, True

    with concurrent.futures.ThreadPoolExecutor(jobs) as pool:
        results = list(pool.map(compile_one, sources))
    rebuilt = sum(1 for _, fresh in results if fresh)
    binary = out / "model_fuzzer"
    if rebuilt or not binary.exists():
        run([*cxx, f"-fsanitize=fuzzer,{SANITIZERS}", "-o", str(binary),
             *(str(obj) for obj, _ in results)])
    print(f"[fuzz] {binary} ({len(results)} sources, {rebuilt} compiled)")
    return binary


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, default=REPO / "build" / "fuzz",
                        help="build directory (default: build/fuzz)")
    parser.add_argument("--jobs", type=int,
                        default=min(2, os.cpu_count() or 1),
                        help="parallel compiles (default 2)")
    args = parser.parse_args()
    build(args.out, args.jobs)
    return 0


if __name__ == "__main__":
    sys.exit(main())
