"""``tfmicro analyze --json`` on every model the repository builds.

Its arena bytes must equal ``arena_used_bytes()`` of an interpreter that
really ran the model (a fresh one, sized exactly, invoked on other inputs
than analyze used), and its split must add up.
"""

from __future__ import annotations

import numpy as np
import pytest
import tfmicro
from cli_testing import run_cli
from conftest import models_dir
from tfmicro.inputs import random_inputs

MODEL_NAMES = [f"{name}_{variant}"
               for name in ("kws", "vww", "ic", "ad", "sine")
               for variant in ("int8", "float32")]


def test_every_built_model_is_covered():
    built = sorted(p.stem for p in models_dir().glob("*.tflite"))
    assert built == sorted(MODEL_NAMES)


@pytest.mark.parametrize("model_name", MODEL_NAMES)
def test_analyze_arena_equals_arena_used_bytes(model_name, capsys):
    path = models_dir() / f"{model_name}.tflite"
    result = run_cli(capsys, "analyze", path, "--json")
    assert result.code == 0, result.err
    arena = result.json()["arena"]

    interpreter = tfmicro.Interpreter.from_file(path)
    details = [interpreter.get_input_details(i)
               for i in range(interpreter.inputs_size())]
    for i, array in enumerate(random_inputs(details,
                                            np.random.default_rng(99))):
        interpreter.set_input(array, i)
    interpreter.invoke()
    assert arena["total_bytes"] == interpreter.arena_used_bytes()
    assert arena["total_bytes"] == interpreter.arena_size()
    assert arena["total_bytes"] == sum(
        arena[k] for k in ("tensor_bytes", "scratch_bytes",
                           "persistent_bytes", "temporary_bytes",
                           "interpreter_bytes"))
    # The model runs in exactly that many bytes, and not in one fewer
    # alignment unit.
    tfmicro.Interpreter.from_file(path, arena_size=arena["total_bytes"])
    with pytest.raises(tfmicro.ArenaTooSmallError):
        tfmicro.Interpreter.from_file(path,
                                      arena_size=arena["total_bytes"] - 16)
