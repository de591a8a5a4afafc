"""Runs pytest on the files given as arguments: the main of py_test targets.

Bazel runs tests from the runfiles tree with relative paths in the
environment (see python/BUILD); they are made absolute here so that child
processes started from other directories see the same files.
"""

from __future__ import annotations

import os
import sys

import pytest

PATH_VARIABLES = ("TFMICRO_LIBRARY", "TFMICRO_MODELS_DIR",
                  "TFMICRO_NATIVE_SOURCES")


class BazelShard:
    """With a target's shard_count, Bazel runs it N times with
    TEST_TOTAL_SHARDS=N and TEST_SHARD_INDEX=i: shard i keeps every N-th
    collected test, starting at the i-th."""

    def __init__(self, index: int, total: int) -> None:
        self.index, self.total = index, total

    def pytest_collection_modifyitems(self, config, items) -> None:
        kept = items[self.index::self.total]
        config.hook.pytest_deselected(
            items=[item for item in items if item not in kept])
        items[:] = kept


def main(argv: list[str]) -> int:
    for name in PATH_VARIABLES:
        if os.environ.get(name):
            os.environ[name] = os.path.abspath(os.environ[name])
    args = ["-p", "no:cacheprovider", "-q", *argv]
    if os.environ.get("XML_OUTPUT_FILE"):
        args.append(f"--junitxml={os.environ['XML_OUTPUT_FILE']}")
    plugins = []
    if os.environ.get("TEST_TOTAL_SHARDS"):
        # Tells Bazel this runner shards.
        if os.environ.get("TEST_SHARD_STATUS_FILE"):
            open(os.environ["TEST_SHARD_STATUS_FILE"], "w").close()
        plugins.append(BazelShard(int(os.environ["TEST_SHARD_INDEX"]),
                                  int(os.environ["TEST_TOTAL_SHARDS"])))
    return int(pytest.main(args, plugins=plugins))


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
