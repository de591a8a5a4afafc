"""Mutation fuzzing through the Python bindings: no model may kill Python.

Mutates the sine example and the fuzzer's seed models (one or more per
kernel, tensorflow_micro/fuzz/seeds/) by byte flips, field edits located
with the flatbuffers reader and truncations (model_mutations.py), and runs
each mutant in child processes through Interpreter.from_bytes, allocation,
set_input, invoke and every read-back call. Models go in batches, many per
child; a child that dies (signal, abort, hang) names the model it was
running, which is saved for replay, and the rest of its batch runs in a new
child. The test fails on any death and on any exception other than a
tfmicro error (an argument the Python API did not validate).
"""

from __future__ import annotations

import concurrent.futures
import json
import os
import pickle
import subprocess
import sys
import time
from collections import Counter
from pathlib import Path

import pytest

import model_mutations
import tfmicro
from tfmicro import _bindings

REPO_DIR = Path(__file__).absolute().parents[2]
SEEDS_DIR = REPO_DIR / "tensorflow_micro" / "fuzz" / "seeds"
NUM_MUTANTS = 10_400
BATCH_SIZE = 1300
WORKERS = 2
CHILD_TIMEOUT_SECONDS = 300


def _base_models(sine_model: bytes) -> list[tuple[str, bytes]]:
    models = [("sine_int8", sine_model)]
    models += [(path.stem, path.read_bytes())
               for path in sorted(SEEDS_DIR.glob("*.tflite"))]
    return models


def _child_env() -> dict[str, str]:
    env = dict(os.environ)
    env["PYTHONPATH"] = os.pathsep.join(
        [str(Path(tfmicro.__file__).parent.parent),
         str(Path(model_mutations.__file__).parent)] +
        ([env["PYTHONPATH"]] if env.get("PYTHONPATH") else []))
    env[_bindings.LIBRARY_ENV] = str(_bindings.library_path().resolve())
    return env


def _run_batch(batch: list[tuple[str, bytes]], work: Path, env: dict
               ) -> tuple[Counter, list[str], list[tuple[str, bytes, str]]]:
    """Runs a batch in as many children as it takes; returns outcome
    counts, unexpected exceptions and (description, model, how) deaths."""
    outcomes: Counter = Counter()
    unexpected: list[str] = []
    deaths: list[tuple[str, bytes, str]] = []
    start = 0
    while start < len(batch):
        rest = batch[start:]
        batch_file = work / f"batch_{start}.pickle"
        progress = work / f"progress_{start}.txt"
        batch_file.write_bytes(pickle.dumps([data for _, data in rest]))
        try:
            child = subprocess.run(
                [sys.executable, model_mutations.__file__, str(batch_file),
                 str(progress)],
                env=env, capture_output=True, text=True,
                timeout=CHILD_TIMEOUT_SECONDS, check=False)
            how = f"exit status {child.returncode}: {child.stderr[-1500:]}"
            ok = child.returncode == 0
        except subprocess.TimeoutExpired:
            how = f"hung for more than {CHILD_TIMEOUT_SECONDS} s"
            ok = False
        if ok:
            summary = json.loads(child.stdout.strip().splitlines()[-1])
            outcomes.update(summary["outcomes"])
            unexpected += [f"{rest[int(m.split()[1].rstrip(':'))][0]}: {m}"
                           for m in summary["unexpected"]]
            break
        lines = progress.read_text().split() if progress.exists() else []
        died_at = int(lines[-1]) if lines else 0
        description, data = rest[died_at]
        deaths.append((description, data, how))
        outcomes["death"] += 1
        start += died_at + 1
    return outcomes, unexpected, deaths


def test_mutated_models_never_kill_the_process(sine_model, tmp_path):
    begin = time.monotonic()
    bases = _base_models(sine_model)
    per_model = -(-NUM_MUTANTS // len(bases))
    models = []
    for k, (name, data) in enumerate(bases):
        models += [(f"{name} {description}", mutant)
                   for description, mutant in
                   model_mutations.mutants(data, per_model, seed=k)]
    batches = [models[i:i + BATCH_SIZE]
               for i in range(0, len(models), BATCH_SIZE)]
    env = _child_env()
    outcomes: Counter = Counter()
    unexpected: list[str] = []
    deaths: list[tuple[str, bytes, str]] = []
    with concurrent.futures.ThreadPoolExecutor(WORKERS) as pool:
        futures = []
        for b, batch in enumerate(batches):
            work = tmp_path / f"batch{b}"
            work.mkdir()
            futures.append(pool.submit(_run_batch, batch, work, env))
        for future in futures:
            o, u, d = future.result()
            outcomes.update(o)
            unexpected += u
            deaths += d
    elapsed = time.monotonic() - begin
    print(f"{len(models)} mutated models of {len(bases)} in "
          f"{elapsed:.1f} s: {dict(sorted(outcomes.items()))}")
    saved = Path(os.environ.get("TEST_UNDECLARED_OUTPUTS_DIR", tmp_path))
    for n, (description, data, _) in enumerate(deaths):
        (saved / f"death_{n}.tflite").write_bytes(data)
    assert sum(outcomes.values()) == len(models) >= 10_000
    assert not deaths, "models killed the process (saved in " + str(
        saved) + "):\n" + "\n".join(f"{d}: {how}" for d, _, how in deaths)
    assert not unexpected, "exceptions that are not tfmicro errors:\n" + \
        "\n".join(unexpected)
    assert outcomes["ok"] > 0 and outcomes["InvalidModelError"] > 0


@pytest.mark.parametrize("name", ["image_int8", "elementwise_int16"])
def test_field_edits_find_every_kind_of_field(sine_model, name):
    data = dict(_base_models(sine_model))[name]
    kinds = {f.kind for f in model_mutations.locate_fields(data)}
    assert {"dim", "tensor_index", "opcode_index", "builtin_code", "type",
            "buffer_index", "scale", "zero_point", "bytes",
            "option"} <= kinds
