#!/usr/bin/env bash
# The README's main command: sets up the machine (ci/setup.sh), then builds
# and runs the hello_sine example on the host.
set -euo pipefail

repo="$(cd "$(dirname "$(readlink -f "${BASH_SOURCE[0]}")")/.." && pwd)"
cd "$repo"
target=//tensorflow_micro/examples:hello_sine

"$repo/ci/setup.sh"

echo "[example] bazel build $target"
bazel build "$target"
echo "[example] running $target"
exec bazel run --noshow_progress --ui_event_filters=-info "$target" -- "$@"
