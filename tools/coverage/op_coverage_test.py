"""The coverage table from a coverage log: cell states, counts, totals."""

from __future__ import annotations

import json
import tempfile
import unittest
from pathlib import Path

import op_coverage


def _log(entries) -> Path:
    handle = tempfile.NamedTemporaryFile("w", suffix=".jsonl", delete=False)
    with handle:
        for op, dtype, passed in entries:
            handle.write(json.dumps({"op": op, "dtype": dtype,
                                     "passed": passed, "test": "t"}) + "\n")
    return Path(handle.name)


class RenderTest(unittest.TestCase):

    def test_cells_and_totals(self):
        log = _log([("ABS", "float32", True), ("ABS", "float32", True),
                    ("ABS", "int8", True), ("ABS", "int8", False),
                    ("SELECT", "float32", True)])
        results = op_coverage.read_log(log)
        log.unlink()
        self.assertEqual(op_coverage.cell("ABS", "float32", results), "pass")
        self.assertEqual(op_coverage.cell("ABS", "int8", results), "FAIL")
        self.assertEqual(op_coverage.cell("ABS", "int32", results), "not yet")
        self.assertEqual(op_coverage.cell("ABS", "bool", results),
                         "unsupported")
        page = op_coverage.render(results)
        self.assertIn("| ABS | pass (2) | FAIL (2) | not yet | not yet | "
                      "unsupported | unsupported |", page)
        self.assertIn("1 pass, 1 fail,", page)
        # An op outside issue #4's list is listed below the table.
        self.assertIn("- SELECT float32: pass (1)", page)

    def test_every_listed_op_has_a_row(self):
        page = op_coverage.render({})
        for op in op_coverage.TFLITE_DTYPES:
            self.assertIn(f"| {op} |", page)
        self.assertEqual(len(op_coverage.TFLITE_DTYPES), 101)


if __name__ == "__main__":
    unittest.main()
