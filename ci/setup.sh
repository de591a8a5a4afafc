#!/usr/bin/env bash
# Installs what tfmicro needs to build and test, on Debian 12 (bookworm):
# the Debian toolchains (Bazel 4, flatc, clang, the Arm cross compiler,
# qemu) and the Python virtualenv <repo>/.venv with ci/requirements.txt.
#
# Idempotent: it installs only what is missing and skips pip while
# ci/requirements.txt (and python/pyproject.toml) are unchanged, so it is
# cheap to run before every build. Environment:
#   PYTHON=/path/to/python3   interpreter for a new .venv (default: python3)
set -euo pipefail

repo="$(cd "$(dirname "$(readlink -f "${BASH_SOURCE[0]}")")/.." && pwd)"
venv="$repo/.venv"
python="${PYTHON:-python3}"

say() { echo "[setup] $*"; }
die() { echo "[setup] error: $*" >&2; exit 1; }

apt_packages=(
  bazel-bootstrap
  flatbuffers-compiler
  libflatbuffers-dev
  g++
  clang
  lld
  libclang-rt-14-dev
  gcc-arm-none-eabi
  libnewlib-arm-none-eabi
  libstdc++-arm-none-eabi-newlib
  qemu-system-arm
  make
  cmake
)

is_installed() {
  dpkg-query -W -f='${Status}' "$1" 2>/dev/null | grep -q 'install ok installed'
}

# --- Debian packages --------------------------------------------------------
command -v dpkg-query >/dev/null || die "this script expects Debian 12 (dpkg/apt)"
command -v "$python" >/dev/null || die "$python not found (set PYTHON=...)"

missing=()
for pkg in "${apt_packages[@]}"; do
  is_installed "$pkg" || missing+=("$pkg")
done
# Debian's own python3 needs python3-venv for `-m venv` and python3-dev for
# building C extensions; other interpreters (pyenv, ...) bring both.
if [[ ! -x "$venv/bin/python3" ]] &&
   ! "$python" -c 'import ensurepip, venv' 2>/dev/null; then
  missing+=(python3-venv)
fi
if ! "$python" -c 'import os, sys, sysconfig
sys.exit(not os.path.exists(os.path.join(sysconfig.get_paths()["include"], "Python.h")))' 2>/dev/null; then
  missing+=(python3-dev)
fi

if ((${#missing[@]})); then
  sudo=()
  if ((EUID != 0)); then
    command -v sudo >/dev/null || die "need root (or sudo) to install: ${missing[*]}"
    sudo=(sudo)
  fi
  say "apt-get install ${missing[*]}"
  export DEBIAN_FRONTEND=noninteractive
  "${sudo[@]}" apt-get update -qq
  "${sudo[@]}" apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
else
  say "Debian packages present"
fi
[[ -d /usr/share/bazel/platforms ]] ||
  die "/usr/share/bazel/platforms missing (bazel-bootstrap-data), WORKSPACE needs it"

# --- Python virtualenv ------------------------------------------------------
if [[ ! -x "$venv/bin/python3" ]]; then
  say "creating $venv with $("$python" --version 2>&1)"
  "$python" -m venv "$venv"
fi
"$venv/bin/python3" -c 'import sys; sys.exit(sys.version_info < (3, 10))' ||
  die "$venv has $("$venv/bin/python3" --version 2>&1); need Python 3.10+ (remove .venv, set PYTHON)"

stamp="$venv/.tfmicro-requirements.sha256"
stamp_inputs=("$repo/ci/requirements.txt")
for f in "$repo/python/pyproject.toml" "$repo/python/setup.py"; do
  [[ -f "$f" ]] && stamp_inputs+=("$f")
done
want="$(cat "${stamp_inputs[@]}" | sha256sum | cut -d' ' -f1)"
if [[ -f "$stamp" && "$(cat "$stamp")" == "$want" ]]; then
  say "Python packages up to date ($venv)"
else
  rm -f "$stamp"
  pip=("$venv/bin/python3" -m pip --disable-pip-version-check -q)
  say "pip install -r ci/requirements.txt (first time: a few minutes)"
  "${pip[@]}" install -r "$repo/ci/requirements.txt"
  if [[ -f "$repo/python/pyproject.toml" ]]; then
    say "pip install -e python"
    "${pip[@]}" install --no-build-isolation --no-deps -e "$repo/python"
  fi
  echo "$want" >"$stamp"
fi

# The Python package loads the C API library from tfmicro/_native; copy it
# on every run so a stale copy never shadows a fresh build.
say "bazel build //tensorflow_micro/c:libtfmicro_c.so (for the Python package)"
(cd "$repo" && bazel build --noshow_progress --ui_event_filters=-info \
  //tensorflow_micro/c:libtfmicro_c.so)
native="$repo/python/tfmicro/_native"
mkdir -p "$native"
install -m 0755 "$repo/bazel-bin/tensorflow_micro/c/libtfmicro_c.so" "$native/"
install -m 0644 "$repo/tensorflow_micro/c/tfmicro_c.h" \
  "$repo/tensorflow_micro/kernels/builtin_kernels.inc" "$native/"

say "ready: bazel $(dpkg-query -W -f='${Version}' bazel-bootstrap), $(flatc --version), $("$venv/bin/python3" --version)"
