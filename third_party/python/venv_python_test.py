"""Checks that py_test runs with the repository's virtualenv."""

import sys
import unittest

import numpy as np


class VenvPythonTest(unittest.TestCase):
    def test_runs_inside_the_repository_venv(self):
        self.assertNotEqual(sys.prefix, sys.base_prefix)
        self.assertTrue(sys.prefix.endswith("/.venv"), sys.prefix)

    def test_imports_numpy(self):
        self.assertEqual(int(np.arange(4, dtype=np.int32).sum()), 6)


if __name__ == "__main__":
    unittest.main()
