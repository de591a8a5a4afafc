"""What the conformance tests leave behind under `bazel test`.

Every //python:conformance_test_* target writes, into its undeclared test
outputs (conformance_util: cases_directory, coverage_path), the cases it
checked against TFLite and its coverage lines. Bazel zips them into
bazel-testlogs/python/<test>/[shard_*/]test.outputs/outputs.zip and keeps
them with cached results, so a later run of the tools below needs no
TensorFlow and no conversion: tools/conformance/on_target.py (cases on a
target) and tools/coverage/op_coverage.py --from-bazel (docs/OPERATORS.md).
"""

from __future__ import annotations

import subprocess
import sys
import zipfile
from pathlib import Path

REPO = Path(__file__).resolve().parents[2]
CONFORMANCE_TESTS = "filter('conformance_test_', tests(//python:all))"


class BazelError(Exception):
    pass


def bazel(*args: str, capture: bool = False) -> str:
    result = subprocess.run(["bazel", *args], cwd=REPO, text=True,
                            stdout=subprocess.PIPE if capture else None,
                            check=False)
    if result.returncode != 0:
        raise BazelError(f"bazel {' '.join(args)} failed "
                         f"(exit {result.returncode})")
    return result.stdout or ""


def conformance_outputs(run_tests: bool, destination: Path) -> list[Path]:
    """Runs the conformance tests when `run_tests` (Bazel reuses cached
    results), extracts each test's (each shard's) outputs.zip under
    `destination` and returns the extracted directories."""
    targets = bazel("query", CONFORMANCE_TESTS, capture=True).split()
    if not targets:
        raise BazelError("no //python:conformance_test_* targets found")
    if run_tests:
        print(f"[conformance] bazel test: {len(targets)} conformance tests "
              "(cached when unchanged)", file=sys.stderr, flush=True)
        # A failing test still leaves its outputs: the callers report it.
        subprocess.run(["bazel", "test", "--test_output=errors", *targets],
                       cwd=REPO, check=False)
    testlogs = Path(bazel("info", "bazel-testlogs", capture=True).strip())
    directories = []
    for target in targets:
        name = target.split(":", 1)[1]
        for archive in sorted((testlogs / "python" / name).glob(
                "**/test.outputs/outputs.zip")):
            extracted = destination / name / archive.parent.parent.name
            with zipfile.ZipFile(archive) as zipped:
                zipped.extractall(extracted)
            directories.append(extracted)
    if not directories:
        raise BazelError(f"no test outputs under {testlogs}/python: run the "
                         "conformance tests first (bazel test //python:all)")
    return directories
