"""Corrupted variants of a model, and a checker that runs them all.

Used in-process by test_interpreter.py and as a child process
(``python corrupt_models.py MODEL``) to prove that no corrupted model can
crash the process: the child exits 0 and prints a summary only if every
variant either ran or raised a tfmicro error.
"""

from __future__ import annotations

import sys
from collections import Counter
from collections.abc import Iterator

import numpy as np

NUM_RANDOM = 40
NUM_FLIPPED = 2000
MAX_RANDOM_BYTES = 4096


def truncations(model: bytes) -> Iterator[tuple[str, bytes]]:
    """Prefixes of the model, from a few bytes to all but the last."""
    for size in sorted({0, 1, 4, 7, 8, 16, 64, len(model) // 4,
                        len(model) // 2, (3 * len(model)) // 4,
                        len(model) - 16, len(model) - 1}):
        if 0 <= size < len(model):
            yield f"first {size} of {len(model)} bytes", model[:size]


def random_models(seed: int = 0) -> Iterator[tuple[str, bytes]]:
    """Random bytes, bare and behind the model's 'TFL3' identifier."""
    rng = np.random.default_rng(seed)
    for k in range(NUM_RANDOM):
        size = int(rng.integers(1, MAX_RANDOM_BYTES))
        data = rng.integers(0, 256, size, dtype=np.uint8).tobytes()
        if k % 2:
            # A plausible root offset and the identifier, then noise.
            data = (int(rng.integers(8, 64)).to_bytes(4, "little") +
                    b"TFL3" + data)
        yield f"random #{k} ({len(data)} bytes)", data


def header_flips(model: bytes) -> Iterator[tuple[str, bytes]]:
    """The model with its root offset or file identifier damaged."""
    for position in range(8):
        data = bytearray(model)
        data[position] ^= 0xFF
        yield f"byte {position} inverted", bytes(data)


def flipped_models(model: bytes, seed: int = 0
                   ) -> Iterator[tuple[str, bytes]]:
    """The model with 1 to 3 random bytes changed anywhere.

    Most changes leave a valid model (e.g. a different weight); the others
    must be rejected with an error, never crash.
    """
    rng = np.random.default_rng(seed)
    for k in range(NUM_FLIPPED):
        data = bytearray(model)
        changes = []
        for _ in range(int(rng.integers(1, 4))):
            position = int(rng.integers(len(data)))
            mask = int(rng.integers(1, 256))
            data[position] ^= mask
            changes.append(f"{position}^{mask:#04x}")
        yield f"flipped #{k} ({', '.join(changes)})", bytes(data)


def run_variant(data: bytes) -> str:
    """'ok' or the name of the tfmicro error the variant raised.

    Anything else (another exception, a crash) escapes to the caller.
    """
    import tfmicro

    try:
        interpreter = tfmicro.Interpreter.from_bytes(data)
        for i in range(interpreter.inputs_size()):
            details = interpreter.get_input_details(i)
            interpreter.set_input(np.zeros(tuple(details["shape"]),
                                           details["dtype"]), i)
        interpreter.invoke()
        for i in range(interpreter.outputs_size()):
            interpreter.get_output(i)
    except tfmicro.TfmicroError as e:
        return type(e).__name__
    return "ok"


def main(argv: list[str]) -> int:
    (model_path,) = argv
    with open(model_path, "rb") as f:
        model = f.read()
    outcomes: Counter[str] = Counter()
    for variants in (truncations(model), random_models(),
                     header_flips(model), flipped_models(model)):
        for _, data in variants:
            outcomes[run_variant(data)] += 1
    print("survived " + ", ".join(f"{name}={count}"
                                  for name, count in sorted(outcomes.items())))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
