"""Random model inputs, shared by the CLI and the tests."""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np

DEFAULT_FLOAT_RANGE = (-1.0, 1.0)


def random_array(rng: np.random.Generator, shape: Sequence[int], dtype,
                 value_range: tuple[float, float] = DEFAULT_FLOAT_RANGE,
                 full_integer_range: bool = False) -> np.ndarray:
    """One random array.

    Floats are uniform in ``value_range``; booleans are 0/1; integers cover
    their type's full range when ``full_integer_range`` (quantized values),
    else the integers in ``[low, high)`` of ``value_range``.
    """
    dtype = np.dtype(dtype)
    shape = tuple(int(d) for d in shape)
    if np.issubdtype(dtype, np.floating):
        low, high = value_range
        return rng.uniform(low, high, size=shape).astype(dtype)
    if dtype == np.bool_:
        return rng.integers(0, 2, size=shape).astype(np.bool_)
    if full_integer_range:
        info = np.iinfo(dtype)
        low, high = info.min, info.max + 1
    else:
        low, high = int(value_range[0]), int(value_range[1])
    return rng.integers(low, high, size=shape, dtype=np.int64).astype(dtype)


def random_inputs(details: Sequence[dict], rng: np.random.Generator,
                  value_range: tuple[float, float] = DEFAULT_FLOAT_RANGE
                  ) -> list[np.ndarray]:
    """One random array per input from ``get_input_details`` dicts.

    Quantized integer inputs cover their type's full range; float and other
    integer inputs follow ``value_range`` (see ``random_array``).
    """
    arrays = []
    for detail in details:
        dtype = np.dtype(detail["dtype"])
        quantized = len(detail["quantization_parameters"]["scales"]) > 0
        arrays.append(random_array(
            rng, detail["shape"], dtype, value_range,
            full_integer_range=quantized and np.issubdtype(dtype, np.integer)))
    return arrays


def feed_random_inputs(interpreters: Sequence, seed: int) -> None:
    """Sets the same seeded random inputs (``random_inputs``) on each of
    ``interpreters``, which must have the first one's inputs."""
    first = interpreters[0]
    details = [first.get_input_details(i) for i in range(first.inputs_size())]
    arrays = random_inputs(details, np.random.default_rng(seed))
    for interpreter in interpreters:
        for i, array in enumerate(arrays):
            interpreter.set_input(array, i)
