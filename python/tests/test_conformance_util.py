"""Tests of the conformance helpers: comparison rule and mismatch reports."""

from __future__ import annotations

import numpy as np
import pytest

import conformance_util as cu
from tfmicro import oracle


def test_integers_must_be_bit_exact():
    ours = np.array([[1, 2], [3, 4]], np.int8)
    reference = ours.copy()
    cu.assert_outputs_match(ours, reference)
    reference[1, 0] = 2
    with pytest.raises(AssertionError) as caught:
        cu.assert_outputs_match(ours, reference, what="output 0")
    message = str(caught.value)
    assert "output 0" in message and "bit-exact" in message
    assert "1 of 4 elements differ" in message
    assert "max abs diff 1" in message
    assert "first at index (1, 0)" in message


def test_float_tolerance_is_relative_with_small_absolute_floor():
    reference = np.array([1000.0, 1.0, 0.0], np.float32)
    within = reference + np.array([1000.0 * 0.9e-5, 0.9e-5, 0.9e-6],
                                  np.float32)
    cu.assert_outputs_match(within.astype(np.float32), reference)
    rtol, atol = cu.float_tolerance(reference)
    assert rtol == 1e-5 and atol == pytest.approx(1e-3)
    outside = reference.copy()
    outside[1] = 1.0 + 2e-3
    with pytest.raises(AssertionError, match=r"first at index \(1,\)"):
        cu.assert_outputs_match(outside, reference)


def test_dtype_and_shape_must_match():
    with pytest.raises(AssertionError, match="dtype"):
        cu.assert_outputs_match(np.zeros(2, np.int8), np.zeros(2, np.int16))
    with pytest.raises(AssertionError, match="shape"):
        cu.assert_outputs_match(np.zeros(2, np.int8), np.zeros(3, np.int8))


def test_matching_non_finite_values_agree():
    values = np.array([np.inf, -np.inf, np.nan, 1.0], np.float32)
    cu.assert_outputs_match(values.copy(), values)
    with pytest.raises(AssertionError):
        cu.assert_outputs_match(np.array([1.0], np.float32),
                                np.array([np.nan], np.float32))


def _perturb(result: oracle.ReferenceResult, tensor: int | None
             ) -> oracle.ReferenceResult:
    """The result with its outputs (or one preserved tensor) changed."""
    if tensor is None:
        outputs = [o + np.ones_like(o) for o in result]
        return oracle.ReferenceResult(outputs, result.resolver)
    tensors = dict(result.tensors)
    tensors[tensor] = tensors[tensor] + np.ones_like(tensors[tensor])
    return oracle.ReferenceResult(list(result), result.resolver,
                                  tensors=tensors)


def test_mismatch_names_the_first_differing_operator(sine_model, monkeypatch):
    """A wrong second FULLY_CONNECTED is reported as operator #1."""
    real_many = oracle.run_reference_many
    second_op_output = 7  # sine_int8: FC #0 -> tensor 6, FC #1 -> 7, FC #2 -> 8

    def wrong_second_op(model, input_sets, **kwargs):
        tensor = (second_op_output if kwargs.get("preserve_all_tensors")
                  else None)
        return [_perturb(r, tensor)
                for r in real_many(model, input_sets, **kwargs)]

    monkeypatch.setattr(oracle, "run_reference_many", wrong_second_op)
    with pytest.raises(AssertionError) as caught:
        cu.assert_matches_oracle(sine_model, num_inputs=1)
    message = str(caught.value)
    assert "output 0 for input set 0" in message
    assert "first mismatching operator: #1 FULLY_CONNECTED" in message
    assert f"tensor {second_op_output}" in message
    assert "oracle resolver: BUILTIN_REF" in message


def test_convert_makes_int8_and_float_models():
    import tensorflow as tf
    from ai_edge_litert.interpreter import Interpreter

    for quantize, dtype in (("int8", np.int8), ("float32", np.float32),
                            ("int16", np.int16)):
        model = cu.convert(lambda x, y: tf.nn.relu(x + y),
                           [(1, 4, 4, 2), (1, 4, 4, 2)], quantize=quantize)
        details = Interpreter(model_content=model).get_input_details()
        assert [d["dtype"] for d in details] == [dtype, dtype]
        assert [tuple(d["shape"]) for d in details] == [(1, 4, 4, 2)] * 2
    with pytest.raises(ValueError, match="quantize"):
        cu.convert(tf.nn.relu, (1, 4), quantize="uint8")


def test_coverage_log_records_ops_and_dtypes(tmp_path, monkeypatch):
    """With TFMICRO_COVERAGE_LOG set, each check appends (op, dtype of its
    main input, passed); QUANTIZE/DEQUANTIZE only count alone."""
    import json

    import single_op_edit as edit

    log = tmp_path / "coverage.jsonl"
    monkeypatch.setenv(cu.COVERAGE_LOG_ENV, str(log))
    tf = cu._tensorflow()
    model = cu.convert(lambda a, b: tf.where(a > 0, a, b), [(2, 3), (3,)],
                       quantize="int8")
    assert cu.operator_dtypes(model) == [("GREATER", "int8"),
                                         ("SELECT_V2", "int8")]
    assert cu.operator_dtypes(model, ops=("SELECT_V2",)) == [
        ("SELECT_V2", "int8")]
    edit.check(model, ("SELECT_V2",))
    with pytest.raises(AssertionError):
        edit.check(model, ("ADD",))
    entries = [json.loads(line) for line in log.read_text().splitlines()]
    assert [(e["op"], e["dtype"], e["passed"]) for e in entries] == [
        ("SELECT_V2", "int8", True), ("ADD", "int8", False)]
    assert "test_coverage_log" in entries[0]["test"]


def test_coverage_log_is_off_without_the_variable(tmp_path, monkeypatch):
    monkeypatch.delenv(cu.COVERAGE_LOG_ENV, raising=False)
    monkeypatch.chdir(tmp_path)
    model = cu.convert(lambda x: x * 2.0, [(2, 3)], quantize="float32")
    cu.assert_matches_oracle(model, num_inputs=1)
    assert list(tmp_path.iterdir()) == []
