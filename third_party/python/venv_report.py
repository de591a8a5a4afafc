"""Writes the interpreter's prefix and numpy's version to the file argv[1]."""

import sys

import numpy as np


def main() -> None:
    with open(sys.argv[1], "w", encoding="utf-8") as out:
        out.write(f"prefix={sys.prefix}\nnumpy={np.__version__}\n")


if __name__ == "__main__":
    main()
