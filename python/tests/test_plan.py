"""The offline memory planner (``tfmicro plan``, tfmicro/plan.py).

Planned models must run with their plan (the runtime's check accepts it),
stay bit-exact with TFLite's reference kernels, need no more arena than the
device's greedy plan, and be sized exactly by Interpreter(arena_size=None).
Plans the runtime must not trust fall back to the greedy planner.
"""

from __future__ import annotations

import itertools
import json
import random
import struct

import numpy as np
import pytest

import conformance_util
import tfmicro
from conftest import models_dir
from tfmicro import cli, plan

MLPERF_INT8 = ["kws_int8", "vww_int8", "ic_int8", "ad_int8"]
TIME_BUDGET = 0.5


def _model(name: str) -> bytes:
    path = models_dir() / f"{name}.tflite"
    assert path.is_file(), f"{path} was not built"
    return path.read_bytes()


@pytest.fixture(scope="module")
def planned() -> dict[str, plan.PlanResult]:
    return {name: plan.plan_model(_model(name), time_budget=TIME_BUDGET)
            for name in MLPERF_INT8 + ["sine_int8", "kws_float32"]}


@pytest.mark.parametrize("name", MLPERF_INT8 + ["sine_int8", "kws_float32"])
def test_planned_model_is_used_smaller_and_matches_oracle(planned, name):
    result = planned[name]
    assert result.planned_bytes <= result.device_greedy_bytes
    assert result.lower_bound_bytes <= result.planned_bytes
    interpreter = tfmicro.Interpreter.from_bytes(result.model_bytes)
    assert interpreter.plan_source() == "offline"
    assert interpreter.arena_usage()["planned_bytes"] == result.planned_bytes
    conformance_util.assert_matches_oracle(result.model_bytes, num_inputs=2,
                                           seed=3)


@pytest.mark.parametrize("name", ["kws_int8", "vww_int8", "ic_int8"])
def test_in_place_beats_greedy_on_convolution_chains(planned, name):
    result = planned[name]
    assert result.planned_bytes < 0.85 * result.device_greedy_bytes


def test_arena_is_sized_exactly(planned):
    data = planned["ic_int8"].model_bytes
    exact = tfmicro.Interpreter.from_bytes(data).arena_used_bytes()
    fitted = tfmicro.Interpreter.from_bytes(data, arena_size=exact)
    assert fitted.plan_source() == "offline"
    with pytest.raises(tfmicro.ArenaTooSmallError):
        tfmicro.Interpreter.from_bytes(data, arena_size=exact - 16)


def _replace_plan(model_bytes: bytes, edit) -> bytes:
    model = plan._unpack(model_bytes)
    for entry in model.metadata:
        if entry.name in (plan.METADATA_NAME, plan.METADATA_NAME.encode()):
            payload = bytearray(bytes(model.buffers[entry.buffer].data))
            edit(payload)
            plan._with_metadata(model, bytes(payload))
    return plan._pack(model)


def _first_two_live_offsets(payload: bytearray) -> None:
    """Moves the second planned tensor onto the first (both alive)."""
    decoded = plan.decode_plan(bytes(payload))
    planned = [i for i, o in enumerate(decoded["tensor_offsets"])
               if o != plan.NOT_PLANNED]
    first, second = planned[0], planned[1]
    struct.pack_into("<I", payload, 24 + 4 * second,
                     decoded["tensor_offsets"][first] + 16)


@pytest.mark.parametrize("edit", [
    _first_two_live_offsets,
    lambda p: struct.pack_into("<I", p, 16, 16),          # region too small
    lambda p: struct.pack_into("<I", p, 8, 3),            # tensor count
    lambda p: p.__setitem__(slice(0, 4), b"XXXX"),        # magic
])
def test_untrusted_plans_fall_back_to_greedy(planned, edit):
    original = _model("kws_int8")
    broken = _replace_plan(planned["kws_int8"].model_bytes, edit)
    interpreter = tfmicro.Interpreter.from_bytes(broken)
    assert interpreter.plan_source() == "offline_rejected"
    greedy = tfmicro.Interpreter.from_bytes(original)
    assert (interpreter.arena_usage()["planned_bytes"]
            == greedy.arena_usage()["planned_bytes"])
    plan.verify_planned(original, planned["kws_int8"].model_bytes)
    conformance_util.assert_matches_oracle(broken, num_inputs=1, seed=1)


def test_plan_survives_replanning(planned):
    again = plan.plan_model(planned["ad_int8"].model_bytes,
                            time_budget=TIME_BUDGET)
    assert again.planned_bytes <= planned["ad_int8"].planned_bytes
    model = plan._unpack(again.model_bytes)
    names = [e.name for e in model.metadata]
    wanted = (plan.METADATA_NAME, plan.METADATA_NAME.encode())
    assert len([n for n in names if n in wanted]) == 1


def test_reordered_model_stays_bit_exact():
    # ic_int8's second residual block: the shortcut convolution (op 6) may
    # run before the main branch (ops 4, 5).
    original = _model("ic_int8")
    order = [0, 1, 2, 3, 6, 4, 5, 7, 8, 9, 10, 11, 12, 13, 14]
    reordered = plan.reorder_model(original, order)
    interpreter = tfmicro.Interpreter.from_bytes(reordered)
    assert [op["op_name"] for op in interpreter.operators()][4:7] == [
        "CONV_2D"] * 3
    result = plan.plan_model(reordered, time_budget=TIME_BUDGET)
    conformance_util.assert_matches_oracle(result.model_bytes, num_inputs=1,
                                           seed=2)
    plan.verify_planned(original, result.model_bytes)
    with pytest.raises(ValueError):
        plan.reorder_model(original, order[:-1])


def _topological_orders(graph):
    producers = graph.producers()
    deps = [{producers[t] for t in graph.inputs[op] if t in producers}
            for op in range(graph.num_ops)]

    def extend(done):
        if len(done) == graph.num_ops:
            yield list(done)
            return
        for op in range(graph.num_ops):
            if op not in done and deps[op] <= set(done):
                yield from extend(done + [op])

    yield from extend([])


@pytest.mark.parametrize("seed", range(4))
def test_best_order_is_optimal_on_random_graphs(seed):
    rng = random.Random(seed)
    num_ops = 7
    size = {0: 16}
    inputs, outputs = [], []
    for op in range(num_ops):
        available = [t for t in size]
        inputs.append(sorted(set(rng.sample(available,
                                            min(len(available),
                                                rng.randrange(1, 3))))))
        outputs.append([op + 1])
        size[op + 1] = 16 * rng.randrange(1, 20)
    graph = plan._Graph(num_ops, inputs, outputs, size, [0], [num_ops])
    best = plan.best_order(graph)
    assert sorted(best) == list(range(num_ops))
    peak = plan._peak_live(graph, best)
    assert peak == min(plan._peak_live(graph, order)
                       for order in _topological_orders(graph))


def test_best_order_on_branches():
    # 0 -> {1: small branch, 2 -> 3: big chain}, 4 joins; running the big
    # chain first frees its large intermediate before the small one is made.
    size = {10: 16, 11: 64, 12: 256, 13: 16, 14: 16, 15: 16}
    graph = plan._Graph(
        num_ops=5,
        inputs=[[10], [11], [11], [12], [13, 14]],
        outputs=[[11], [14], [12], [13], [15]],
        size=size, graph_inputs=[10], graph_outputs=[15])
    original = plan._peak_live(graph, [0, 1, 2, 3, 4])
    best = plan.best_order(graph)
    assert best[0] == 0 and best[-1] == 4
    assert plan._peak_live(graph, best) <= original


def _brute_force(buffers, in_place) -> int:
    problem = plan._Problem(buffers, in_place)
    return min(problem.place_in_order(order)[1]
               for order in itertools.permutations(range(len(buffers))))


@pytest.mark.parametrize("seed", range(6))
def test_exact_search_matches_brute_force(seed):
    rng = random.Random(seed)
    buffers = []
    for _ in range(6):
        first = rng.randrange(5)
        buffers.append(plan.Buffer(len(buffers), first,
                                   first + rng.randrange(3),
                                   16 * rng.randrange(1, 12)))
    in_place = [plan.InPlace(i, j, 16 * rng.randrange(0, 3))
                for i, j in itertools.permutations(range(6), 2)
                if buffers[i].last == buffers[j].first and rng.random() < 0.5]
    result = plan.place(buffers, in_place, time_budget=0.2, seed=seed)
    assert plan._Problem(buffers, in_place).is_valid(result.offsets)
    assert result.total <= _brute_force(buffers, in_place)


def test_plan_format_round_trip():
    payload = plan.encode_plan(4, 3, 96, {0: 0, 2: 32}, [64])
    decoded = plan.decode_plan(payload)
    assert decoded["tensor_offsets"] == [0, plan.NOT_PLANNED, 32,
                                         plan.NOT_PLANNED]
    assert decoded["scratch_offsets"] == [64]
    assert decoded["region_bytes"] == 96 and decoded["operators"] == 3
    assert len(payload) == 24 + 4 * 5


def test_cli_plan_writes_model(tmp_path, capsys):
    source = tmp_path / "ad_int8.tflite"
    source.write_bytes(_model("ad_int8"))
    assert cli.main(["plan", str(source), "--json", "--time-budget",
                     "0.2"]) == 0
    report = json.loads(capsys.readouterr().out)
    output = tmp_path / "ad_int8_planned.tflite"
    assert report["output"] == str(output) and output.is_file()
    interpreter = tfmicro.Interpreter.from_file(output)
    assert interpreter.plan_source() == "offline"
    usage = interpreter.arena_usage()
    assert report["arena_bytes"] == (usage["total_bytes"]
                                     - usage["interpreter_bytes"])
    assert report["planned_bytes"] <= report["device_greedy_planned_bytes"]
    assert plan.read_plan(output.read_bytes())["region_bytes"] == \
        report["planned_bytes"]
    assert np.isfinite(report["lower_bound_bytes"])


@pytest.mark.parametrize("quantize", ["int8", "float32"])
def test_elementwise_kernels_run_in_place(quantize):
    """A chain of the kernels that declare in-place permissions: planned on
    one buffer (plus the second input), each writes over its input."""
    tf = conformance_util._tensorflow()

    def chain(x, y):
        a = tf.nn.relu6(x)
        b = tf.math.tanh(a)
        c = tf.math.sigmoid(b)
        z = tf.nn.relu(tf.math.tanh(y))
        d = tf.math.add(c, z)
        e = tf.math.multiply(d, z)
        return tf.reshape(e, [1, 32, 8])

    model = conformance_util.convert(chain, [(1, 16, 16), (1, 16, 16)],
                                     quantize=quantize)
    interpreter = tfmicro.Interpreter.from_bytes(model)
    ops = [op["op_name"] for op in interpreter.operators()]
    for name in ("RELU6", "TANH", "LOGISTIC", "RELU", "ADD", "MUL",
                 "RESHAPE"):
        assert name in ops, ops
    result = plan.plan_model(model, time_budget=TIME_BUDGET)
    element = 1 if quantize == "int8" else 4
    tensor = plan.align(16 * 16 * element)
    # x's buffer carries the chain; y's the other one until MUL.
    assert result.planned_bytes == 2 * tensor <= result.device_greedy_bytes
    conformance_util.assert_matches_oracle(result.model_bytes, num_inputs=2,
                                           seed=4)


def test_analyze_reports_the_planned_arena(tmp_path, capsys):
    source = tmp_path / "ic_int8.tflite"
    source.write_bytes(_model("ic_int8"))
    assert cli.main(["analyze", str(source), "--plan", "--json"]) == 0
    report = json.loads(capsys.readouterr().out)
    assert report["arena"]["plan_source"] == "device"
    planned = report["with_offline_plan"]
    assert planned["planned_bytes"] < report["arena"]["planned_bytes"]
    assert planned["total_bytes"] < report["arena"]["total_bytes"]
    output = tmp_path / "ic_planned.tflite"
    assert cli.main(["plan", str(source), "-o", str(output), "--json"]) == 0
    capsys.readouterr()
    assert cli.main(["analyze", str(output), "--json"]) == 0
    again = json.loads(capsys.readouterr().out)["arena"]
    assert again["plan_source"] == "offline"
    assert again["total_bytes"] == planned["total_bytes"]


def test_control_flow_model_keeps_its_order_and_stays_exact():
    """IF calls subgraphs: the plan covers subgraph 0, callees are planned
    on the device above it; operators are not reordered."""
    tf = conformance_util._tensorflow()

    @tf.function
    def fn(x, flag):
        return tf.cond(flag, lambda: tf.nn.relu(x * 2.0 + 1.0),
                       lambda: tf.tanh(x) * 0.5)

    model = conformance_util.convert(fn, [(1, 8, 8), ()], quantize="float32",
                                     input_dtypes=[np.float32, np.bool_])
    assert plan.reorder_is_safe(plan._unpack(model)) is not None
    result = plan.plan_model(model, time_budget=TIME_BUDGET)
    assert not result.reordered
    assert tfmicro.Interpreter.from_bytes(
        result.model_bytes).plan_source() == "offline"
    rng = np.random.default_rng(5)
    inputs = [[rng.uniform(-1, 1, (1, 8, 8)).astype(np.float32),
               np.array(flag)] for flag in (True, False, True)]
    conformance_util.assert_matches_oracle(result.model_bytes, inputs=inputs)
