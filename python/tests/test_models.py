"""Every model of //tools/models:models through tfmicro and the oracle.

Each model runs on 3 seeded random inputs (quantized inputs cover the full
int8 range, float inputs are uniform in conformance_util's
DEFAULT_INPUT_RANGE) and must agree with TFLite's reference kernels:

* int8 models: bit-exact.
* float32 models: elementwise |ours - ref| <= 1e-5 * |ref| + atol, with
  atol = 1e-6 * max(1, max|ref|) per output (conformance_util.FLOAT_RTOL and
  FLOAT_ATOL_SCALE).

On a mismatch the assertion names the first operator whose output differs
(tfmicro and the oracle are re-run with every tensor preserved); if tfmicro
rejects the model, its error names the node and the op.
"""

from __future__ import annotations

import pytest

import conformance_util
from conftest import models_dir

MODEL_NAMES = [f"{name}_{variant}"
               for name in ("kws", "vww", "ic", "ad", "sine")
               for variant in ("int8", "float32")]
NUM_INPUTS = 3


@pytest.mark.parametrize("model_name", MODEL_NAMES)
def test_model_matches_oracle(model_name):
    path = models_dir() / f"{model_name}.tflite"
    assert path.is_file(), f"{path} was not built"
    conformance_util.assert_matches_oracle(
        path.read_bytes(), num_inputs=NUM_INPUTS,
        seed=MODEL_NAMES.index(model_name))
