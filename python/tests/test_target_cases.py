"""Conformance cases for targets: what the host suite records
(conformance_util.record_case, tfmicro.target_cases) and what
//tools/conformance:case_runner (host build) reports for them, including
a wrong expected output, a float tolerance, a broken model and a broken
bundle."""

from __future__ import annotations

import os
import struct
import subprocess
from pathlib import Path

import numpy as np
import pytest

import conformance_util as cu
from tfmicro import oracle, target_cases

SINE = Path(__file__).resolve().parents[2] / (
    "tensorflow_micro/examples/models/sine_int8.tflite")


def runner() -> Path:
    path = os.environ.get("TFMICRO_CASE_RUNNER")
    if not path:
        pytest.skip("TFMICRO_CASE_RUNNER is not set (bazel test sets it)")
    return Path(path).resolve()


def run(cases: list[target_cases.Case], tmp_path: Path,
        bundle: bytes | None = None) -> subprocess.CompletedProcess:
    path = tmp_path / "bundle.bin"
    path.write_bytes(target_cases.pack_bundle(cases) if bundle is None
                     else bundle)
    return subprocess.run([str(runner()), str(path)], capture_output=True,
                          text=True, check=False, timeout=120)


def sine_inputs() -> list[list[np.ndarray]]:
    return [[np.array([[v]], dtype=np.int8)] for v in (-127, -3, 0, 64, 127)]


@pytest.fixture
def recorded(tmp_path, monkeypatch) -> list[target_cases.Case]:
    """The sine model checked against the oracle with recording on."""
    monkeypatch.setenv(cu.CASES_ENV, str(tmp_path / "cases"))
    cu.check_against(SINE.read_bytes(), oracle.run_reference_many,
                     inputs=sine_inputs())
    return target_cases.read_cases([tmp_path / "cases"])


def test_a_checked_model_is_recorded_with_its_operators(recorded):
    assert len(recorded) == 1
    assert ["FULLY_CONNECTED", "int8"] in recorded[0].meta["ops"]
    assert recorded[0].meta["resolver"] == oracle.REFERENCE_RESOLVER
    data = recorded[0].path.read_bytes()
    assert data[:4] == target_cases.MAGIC
    version, body, model = struct.unpack_from("<III", data, 4)
    assert (version, body + 16) == (target_cases.VERSION, len(data))
    assert model == len(SINE.read_bytes())


def test_identical_checks_share_one_case(recorded, tmp_path):
    cu.check_against(SINE.read_bytes(), oracle.run_reference_many,
                     inputs=sine_inputs())
    assert len(target_cases.read_cases([tmp_path / "cases"])) == 1


def test_runner_passes_the_oracles_outputs(recorded, tmp_path):
    result = run(recorded + recorded, tmp_path)
    assert result.returncode == 0, result.stdout + result.stderr
    outcomes, complete = target_cases.parse_report(result.stdout)
    assert complete
    assert [r.outcome for r in outcomes.values()] == ["pass", "pass"]


def test_runner_names_a_wrong_output(recorded, tmp_path):
    expected = [oracle.run_reference_many(SINE.read_bytes(), sine_inputs())]
    sets = [list(map(np.asarray, r)) for r in expected[0]]
    sets[2][0] = sets[2][0].copy()
    sets[2][0].flat[0] += 1
    case = target_cases.encode_case(SINE.read_bytes(), sine_inputs(), sets,
                                    [[(0.0, 0.0)]] * len(sets))
    path = target_cases.write_case(tmp_path / "bad", case, {})
    result = run(recorded + [target_cases.Case(path, {})], tmp_path)
    assert result.returncode == 1
    outcomes, complete = target_cases.parse_report(result.stdout)
    assert complete and outcomes[0].outcome == "pass"
    assert outcomes[1].outcome == "fail"
    assert "output 0 of invocation 2" in outcomes[1].detail
    assert "1 of 1 int8 elements differ" in outcomes[1].detail


def test_float_outputs_use_the_recorded_tolerance(tmp_path):
    model = cu.convert(lambda x: x * 2.0 + 1.0, [(1, 4)], quantize="float32")
    inputs = [[np.array([[0.5, -1.0, 2.0, 3.0]], dtype=np.float32)]]
    ref = np.asarray(oracle.run_reference_many(model, inputs)[0][0])

    def case(shift: float, atol: float) -> target_cases.Case:
        data = target_cases.encode_case(model, inputs, [[ref + shift]],
                                        [[(0.0, atol)]])
        return target_cases.Case(
            target_cases.write_case(tmp_path / "f", data, {}), {})

    result = run([case(1e-4, 1e-3), case(1e-2, 1e-3)], tmp_path)
    outcomes, complete = target_cases.parse_report(result.stdout)
    assert complete, result.stdout
    assert outcomes[0].outcome == "pass"
    assert outcomes[1].outcome == "fail"
    assert "float32 elements outside" in outcomes[1].detail


def test_a_broken_model_is_an_error_not_a_crash(recorded, tmp_path):
    broken = bytearray(SINE.read_bytes())
    broken[4:8] = b"XXXX"  # the file identifier
    case = target_cases.encode_case(bytes(broken), [], [], [])
    path = target_cases.write_case(tmp_path / "broken", case, {})
    result = run([target_cases.Case(path, {})] + recorded, tmp_path)
    assert result.returncode == 1
    outcomes, complete = target_cases.parse_report(result.stdout)
    assert complete
    assert outcomes[0].outcome == "error"
    assert "AllocateTensors" in outcomes[0].detail
    assert outcomes[1].outcome == "pass"


@pytest.mark.parametrize("cut", [3, 16, 40])
def test_a_truncated_bundle_stops_with_a_message(recorded, tmp_path, cut):
    bundle = target_cases.pack_bundle(recorded)
    result = run([], tmp_path, bundle=bundle[:-cut] if cut > 16
                 else bundle[:cut])
    assert result.returncode == 2
    assert "case 0" in result.stdout
    assert "Segmentation" not in result.stderr


def test_a_bundle_with_a_wrong_magic_is_refused(recorded, tmp_path):
    bundle = bytearray(target_cases.pack_bundle(recorded))
    bundle[:4] = b"NOPE"
    result = run([], tmp_path, bundle=bytes(bundle))
    assert result.returncode == 2
    assert "no valid header" in result.stdout


def test_report_parsing_notices_a_missing_summary():
    results, complete = target_cases.parse_report(
        "case 0: pass\ncase 1: error: Invoke 0: node 2 (ADD): boom\n")
    assert not complete
    assert results[1].outcome == "error"
    assert results[1].detail == "Invoke 0: node 2 (ADD): boom"
