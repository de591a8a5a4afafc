"""Round-trip tests for generate_cc_array: bytes in == bytes in the array."""

from __future__ import annotations

import os
import random
import re
import tempfile
import unittest
from pathlib import Path

import generate_cc_array

_ARRAY = re.compile(
    r"alignas\(16\) const unsigned char (\w+)\[\] = \{(.*?)\};", re.S)
_LENGTH = re.compile(r"const unsigned int (\w+)_len = (\d+);")

# Written by the cc_array_library rule in BUILD from testdata/pattern.bin.
_RULE_OUTPUT = "tools/cc_array/pattern_array.cc"
_PATTERN = "tools/cc_array/testdata/pattern.bin"


def parse_array(source: str) -> tuple[str, bytes]:
    """Reads the symbol and bytes back out of a generated .cc file."""
    array = _ARRAY.search(source)
    length = _LENGTH.search(source)
    if not array or not length:
        raise AssertionError(f"no array definition in:\n{source}")
    symbol, body = array.groups()
    if length.group(1) != symbol:
        raise AssertionError(f"{length.group(1)}_len does not match {symbol}")
    values = [int(token, 16) for token in re.findall(r"0x[0-9a-f]{2}", body)]
    return symbol, bytes(values[:int(length.group(2))])


class GenerateCcArrayTest(unittest.TestCase):

    def generate(self, data: bytes, symbol: str = "g_data",
                 include_path: str | None = "pkg/data.h") -> tuple[str, str]:
        with tempfile.TemporaryDirectory() as tmp:
            tmp_path = Path(tmp)
            (tmp_path / "in.bin").write_bytes(data)
            argv = ["--input", str(tmp_path / "in.bin"), "--symbol", symbol,
                    "--cc", str(tmp_path / "out.cc"),
                    "--header", str(tmp_path / "out.h")]
            if include_path:
                argv += ["--include_path", include_path]
            self.assertEqual(generate_cc_array.main(argv), 0)
            return ((tmp_path / "out.cc").read_text(),
                    (tmp_path / "out.h").read_text())

    def test_round_trip_preserves_every_byte(self):
        rng = random.Random(7)
        cases = [bytes(range(256)), b"\x00", b"\xff" * 12, b"\x80" * 13,
                 bytes(rng.randrange(256) for _ in range(1001))]
        for data in cases:
            with self.subTest(size=len(data)):
                source, _ = self.generate(data)
                self.assertEqual(parse_array(source), ("g_data", data))

    def test_empty_file_has_zero_length(self):
        source, header = self.generate(b"")
        self.assertEqual(parse_array(source), ("g_data", b""))
        self.assertIn("(0 bytes)", header)

    def test_header_declares_array_with_guard(self):
        source, header = self.generate(b"abc", symbol="g_model",
                                       include_path="a/b-c/model.h")
        self.assertIn("#ifndef A_B_C_MODEL_H_\n#define A_B_C_MODEL_H_", header)
        self.assertIn("extern const unsigned char g_model[];", header)
        self.assertIn("extern const unsigned int g_model_len;", header)
        self.assertIn("(3 bytes)", header)
        self.assertIn('#include "a/b-c/model.h"', source)

    def test_include_path_defaults_to_header_name(self):
        source, header = self.generate(b"x", include_path=None)
        self.assertIn('#include "out.h"', source)
        self.assertIn("#ifndef OUT_H_", header)

    def test_rejects_bad_symbol(self):
        with tempfile.NamedTemporaryFile() as tmp:
            argv = ["--input", tmp.name, "--symbol", "1bad-name",
                    "--cc", os.devnull, "--header", os.devnull]
            self.assertEqual(generate_cc_array.main(argv), 2)

    def test_missing_input_fails(self):
        argv = ["--input", "/nonexistent/model.tflite", "--symbol", "g_x",
                "--cc", os.devnull, "--header", os.devnull]
        self.assertEqual(generate_cc_array.main(argv), 1)

    def test_source_name_drops_bazel_output_prefix(self):
        self.assertEqual(
            generate_cc_array.source_name(
                "bazel-out/k8-fastbuild/bin/tools/models/sine_int8.tflite"),
            "tools/models/sine_int8.tflite")
        self.assertEqual(generate_cc_array.source_name("pkg/model.tflite"),
                         "pkg/model.tflite")

    @unittest.skipUnless(os.path.exists(_RULE_OUTPUT),
                         "runs under Bazel, beside the cc_array_library rule")
    def test_bazel_rule_output_matches_input(self):
        symbol, data = parse_array(Path(_RULE_OUTPUT).read_text())
        self.assertEqual(symbol, "g_pattern")
        self.assertEqual(data, Path(_PATTERN).read_bytes())


if __name__ == "__main__":
    unittest.main()
