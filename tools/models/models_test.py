"""Checks the models //tools/models:models built: types and supported ops."""

from __future__ import annotations

import unittest
from pathlib import Path

import numpy as np
from ai_edge_litert.interpreter import Interpreter

import build_models

# Beside this file in the runfiles tree (resolving the symlink would lead
# to the source tree, which has no built models).
MODEL_DIR = Path(__file__).absolute().parent


class ModelsTest(unittest.TestCase):

    def model_path(self, name: str, variant: str) -> Path:
        path = MODEL_DIR / f"{name}_{variant}.tflite"
        self.assertTrue(path.is_file(), f"{path} was not built")
        return path

    def test_every_model_uses_only_supported_ops(self):
        for name in build_models.MODELS:
            for variant in ("int8", "float32"):
                with self.subTest(model=f"{name}_{variant}"):
                    ops = build_models.model_ops(
                        self.model_path(name, variant).read_bytes())
                    self.assertTrue(ops)
                    self.assertLessEqual(set(ops), build_models.SUPPORTED_OPS)

    def test_input_and_output_types_match_variant(self):
        expected = {"int8": np.int8, "float32": np.float32}
        for name in build_models.MODELS:
            for variant, dtype in expected.items():
                with self.subTest(model=f"{name}_{variant}"):
                    interpreter = Interpreter(
                        model_path=str(self.model_path(name, variant)))
                    details = (interpreter.get_input_details() +
                               interpreter.get_output_details())
                    self.assertEqual({d["dtype"] for d in details}, {dtype})
                    self.assertTrue(all(d["shape"][0] == 1 for d in details))


if __name__ == "__main__":
    unittest.main()
