#!/bin/sh
# Checks the report a genrule wrote by running a py_binary tool.
set -eu
report="$1"
grep -q '^prefix=.*/\.venv$' "$report" || { cat "$report"; exit 1; }
grep -q '^numpy=' "$report" || { cat "$report"; exit 1; }
echo "genrule py_binary tool ran in .venv: $(tr '\n' ' ' < "$report")"
