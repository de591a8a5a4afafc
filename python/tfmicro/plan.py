"""``tfmicro plan``: an offline memory plan, stored in the model.

The runtime plans its arena on the device with a greedy planner. This
module computes a better plan ahead of time and writes it into the model's
metadata ("tfmicro_plan", format in tensorflow_micro/core/offline_plan.h),
which the device checks and then uses:

1. Operator order (``reorder``): where the graph allows several orders
   (branches, residual blocks), the order with the lowest peak of live
   bytes, found by a search over the sets of executed operators. The model
   is written in that order; results do not change (every operator still
   sees the same inputs).
2. Offsets: the buffers (tensors and kernel scratch), their lifetimes and
   the in-place permissions kernels declare (OpContext::AllowInPlace) come
   from the runtime itself (``record_plan``). An exact branch-and-bound
   search over placements proves the optimum for small graphs; larger ones
   take the best of several first-fit orders improved by local search. The
   result is never larger than the device's greedy plan.

    planned = plan_model(model_bytes)       # PlanResult
    planned.model_bytes                     # the model with its plan
"""

from __future__ import annotations

import dataclasses
import random
import struct
import time
from typing import Any, Sequence

import numpy as np

from tfmicro.report import CommandError

METADATA_NAME = "tfmicro_plan"
FORMAT_VERSION = 1
NOT_PLANNED = 0xFFFFFFFF
ALIGNMENT = 16
FILE_IDENTIFIER = b"TFL3"
# Exact search below this many buffers (and within its node budget).
EXACT_MAX_BUFFERS = 24
EXACT_NODE_BUDGET = 200_000
# Reordering explores at most this many sets of executed operators.
REORDER_MAX_STATES = 200_000
# Builtin operators whose order matters beyond their inputs (state).
_STATEFUL_BUILTINS = {
    "ASSIGN_VARIABLE", "READ_VARIABLE", "VAR_HANDLE", "CALL_ONCE", "IF",
    "WHILE", "CALL", "RANDOM_UNIFORM", "RANDOM_STANDARD_NORMAL", "MULTINOMIAL",
}


def align(value: int) -> int:
    return (value + ALIGNMENT - 1) // ALIGNMENT * ALIGNMENT


@dataclasses.dataclass(frozen=True)
class Buffer:
    """One planned buffer: a tensor (``tensor`` >= 0) or a scratch buffer."""

    tensor: int
    first: int
    last: int
    bytes: int

    @property
    def size(self) -> int:
        return align(self.bytes)


@dataclasses.dataclass(frozen=True)
class InPlace:
    """``output`` may start ``gap`` or more bytes before ``input``."""

    input: int
    output: int
    gap: int


@dataclasses.dataclass
class Placement:
    offsets: list[int]
    total: int
    method: str
    optimal: bool = False


@dataclasses.dataclass
class PlanResult:
    model_bytes: bytes
    device_greedy_bytes: int     # planned region of the device's greedy plan
    planned_bytes: int           # planned region of the offline plan
    lower_bound_bytes: int       # no plan for this order can be smaller
    method: str                  # "exact", "heuristic" or "device greedy"
    optimal: bool
    reordered: bool
    order: list[int]             # new position -> original operator index
    peak_live_before: int        # peak live bytes, original order
    peak_live_after: int         # peak live bytes, chosen order


# --- placement ---------------------------------------------------------------

class _Problem:
    """Buffers, their time conflicts and in-place permissions."""

    def __init__(self, buffers: Sequence[Buffer],
                 in_place: Sequence[InPlace]) -> None:
        self.buffers = list(buffers)
        self.sizes = [b.size for b in buffers]
        n = len(buffers)
        self.conflicts: list[list[int]] = [[] for _ in range(n)]
        for i in range(n):
            for j in range(i + 1, n):
                a, b = buffers[i], buffers[j]
                if a.first <= b.last and b.first <= a.last:
                    self.conflicts[i].append(j)
                    self.conflicts[j].append(i)
        # gap[(input, output)]: the smallest permitted gap.
        self.gap: dict[tuple[int, int], int] = {}
        for p in in_place:
            inp, out = buffers[p.input], buffers[p.output]
            if inp.last != out.first:
                continue
            key = (p.input, p.output)
            self.gap[key] = min(p.gap, self.gap.get(key, p.gap))
        # A pair permitted both ways cannot come from one node: trust neither.
        for inp, out in [k for k in self.gap if (k[1], k[0]) in self.gap]:
            self.gap.pop((inp, out), None)
            self.gap.pop((out, inp), None)

    def forbidden(self, x: int, y: int, y_offset: int) -> tuple[int, int]:
        """Open interval of offsets x may not take with y at y_offset."""
        sx, sy = self.sizes[x], self.sizes[y]
        gap = self.gap.get((y, x))
        if gap is not None:  # x is written over its input y
            return y_offset - min(gap, sx), y_offset + sy
        gap = self.gap.get((x, y))
        if gap is not None:  # x is the input that y is written over
            return y_offset - sx, y_offset + min(gap, sy)
        return y_offset - sx, y_offset + sy

    def first_fit(self, x: int, offsets: list[int | None]) -> int:
        intervals = sorted(
            self.forbidden(x, y, offsets[y]) for y in self.conflicts[x]
            if offsets[y] is not None)
        candidate = 0
        for lo, hi in intervals:
            if candidate <= lo:
                # candidate < lo + 1: fits below this interval (open at lo).
                break
            if hi > candidate:
                candidate = align(hi)
        return candidate

    def place_in_order(self, order: Sequence[int]) -> tuple[list[int], int]:
        offsets: list[int | None] = [None] * len(self.buffers)
        total = 0
        for x in order:
            offsets[x] = self.first_fit(x, offsets)
            total = max(total, offsets[x] + self.sizes[x])
        return offsets, total  # type: ignore[return-value]

    def is_valid(self, offsets: Sequence[int]) -> bool:
        for x in range(len(self.buffers)):
            if offsets[x] % ALIGNMENT:
                return False
            for y in self.conflicts[x]:
                lo, hi = self.forbidden(x, y, offsets[y])
                if lo < offsets[x] < hi:
                    return False
        return True

    def total(self, offsets: Sequence[int]) -> int:
        return max((o + s for o, s in zip(offsets, self.sizes)), default=0)

    def lower_bound(self) -> int:
        """Peak over operators of what the live buffers must occupy."""
        if not self.buffers:
            return 0
        last_op = max(b.last for b in self.buffers)
        bound = max(self.sizes)
        for op in range(last_op + 1):
            live = [i for i, b in enumerate(self.buffers)
                    if b.first <= op <= b.last]
            groups: dict[int, list[tuple[int, int]]] = {}
            for (inp, out), gap in self.gap.items():
                if self.buffers[out].first == op and inp in live:
                    groups.setdefault(out, []).append((inp, gap))
            claimed = [inp for members in groups.values()
                       for inp, _ in members]
            if len(claimed) != len(set(claimed)):
                continue  # shared inputs: only the largest buffer counts
            grouped = set(claimed) | set(groups)
            need = sum(self.sizes[i] for i in live if i not in grouped)
            for out, members in groups.items():
                inputs = sum(self.sizes[i] for i, _ in members)
                need += max(self.sizes[out],
                            inputs + min(gap for _, gap in members))
            bound = max(bound, need)
        return bound


def _heuristic(problem: _Problem, time_budget: float, seed: int) -> Placement:
    n = len(problem.buffers)
    b = problem.buffers
    s = problem.sizes
    length = [x.last - x.first + 1 for x in b]
    orders = {
        "size": sorted(range(n), key=lambda i: (-s[i], i)),
        "size x lifetime": sorted(range(n), key=lambda i: (-s[i] * length[i],
                                                           i)),
        "lifetime": sorted(range(n), key=lambda i: (-length[i], -s[i], i)),
        "birth": sorted(range(n), key=lambda i: (b[i].first, -s[i], i)),
        # Latest first: a chain of in-place outputs then steps down from
        # the top, each output just below its input.
        "latest birth": sorted(range(n), key=lambda i: (-b[i].first,
                                                        -b[i].last, i)),
        "latest death": sorted(range(n), key=lambda i: (-b[i].last,
                                                        -b[i].first, i)),
        "size, latest birth": sorted(range(n), key=lambda i: (
            -s[i], -b[i].first, i)),
        "conflict size": sorted(range(n), key=lambda i: (
            -(s[i] + sum(s[j] for j in problem.conflicts[i])), i)),
    }
    best_order, best_total = None, None
    for order in orders.values():
        _, total = problem.place_in_order(order)
        if best_total is None or total < best_total:
            best_order, best_total = list(order), total
    # Local search: move one buffer to another place in the order.
    rng = random.Random(seed)
    lower = problem.lower_bound()
    deadline = time.monotonic() + time_budget
    order = list(best_order)
    while n > 1 and best_total > lower and time.monotonic() < deadline:
        candidate = list(order)
        i, j = rng.randrange(n), rng.randrange(n)
        candidate.insert(j, candidate.pop(i))
        _, total = problem.place_in_order(candidate)
        if total <= best_total:
            order = candidate
            if total < best_total:
                best_order, best_total = list(candidate), total
    offsets, total = problem.place_in_order(best_order)
    return Placement(offsets, total, "heuristic", total == lower)


def _exact(problem: _Problem, upper: Placement, node_budget: int,
           time_budget: float) -> Placement | None:
    """Branch and bound over placements in increasing offset order.

    In a compacted plan every buffer sits at 0 or where a time-conflicting
    buffer below it stops forbidding it; placing buffers in increasing
    offset order at those positions enumerates every compacted plan.
    Returns None when the node or time budget runs out before the search
    ends.
    """
    deadline = time.monotonic() + time_budget
    n = len(problem.buffers)
    lower = problem.lower_bound()
    best = {"total": upper.total, "offsets": list(upper.offsets)}
    if upper.total <= lower:
        return Placement(upper.offsets, upper.total, "exact", True)
    offsets: list[int | None] = [None] * n
    nodes = [0]
    size_order = sorted(range(n), key=lambda i: (-problem.sizes[i], i))

    def candidates(x: int, floor: int) -> list[int]:
        placed = [y for y in problem.conflicts[x] if offsets[y] is not None]
        intervals = [problem.forbidden(x, y, offsets[y]) for y in placed]
        points = {0} | {align(hi) for _, hi in intervals}
        return sorted(p for p in points if p >= floor and all(
            not (lo < p < hi) for lo, hi in intervals))

    def search(placed: int, floor: int, peak: int) -> bool:
        nodes[0] += 1
        if nodes[0] > node_budget or (nodes[0] % 1024 == 0 and
                                      time.monotonic() > deadline):
            return False
        if placed == n:
            if peak < best["total"]:
                best["total"], best["offsets"] = peak, list(offsets)
            return True
        for x in size_order:
            if offsets[x] is not None:
                continue
            for p in candidates(x, floor):
                end = max(peak, p + problem.sizes[x])
                if end >= best["total"]:
                    break
                offsets[x] = p
                ok = search(placed + 1, p, end)
                offsets[x] = None
                if not ok:
                    return False
                if best["total"] <= lower:
                    return True
        return True

    if not search(0, 0, 0):
        return None
    return Placement(best["offsets"], best["total"], "exact", True)


def place(buffers: Sequence[Buffer], in_place: Sequence[InPlace],
          device_offsets: Sequence[int] | None = None,
          time_budget: float = 2.0, seed: int = 0) -> Placement:
    """The best offsets found for the buffers (see the module docstring)."""
    problem = _Problem(buffers, in_place)
    result = _heuristic(problem, time_budget, seed)
    if not result.optimal and len(buffers) <= EXACT_MAX_BUFFERS:
        exact = _exact(problem, result, EXACT_NODE_BUDGET, time_budget)
        if exact is not None:
            result = exact
    if device_offsets is not None and problem.is_valid(device_offsets):
        device_total = problem.total(device_offsets)
        if device_total < result.total:
            result = Placement(list(device_offsets), device_total,
                               "device greedy")
    if not problem.is_valid(result.offsets):
        raise AssertionError("the offline planner produced an invalid plan")
    return result


# --- operator order ----------------------------------------------------------

@dataclasses.dataclass
class _Graph:
    """The operator graph of subgraph 0: who produces and consumes what."""

    num_ops: int
    inputs: list[list[int]]      # per op: tensors it reads (planned only)
    outputs: list[list[int]]     # per op: tensors it writes (planned only)
    size: dict[int, int]         # planned tensor -> aligned bytes
    graph_inputs: list[int]
    graph_outputs: list[int]

    def producers(self) -> dict[int, int]:
        return {t: op for op in range(self.num_ops) for t in self.outputs[op]}


def _peak_live(graph: _Graph, order: Sequence[int]) -> int:
    remaining = {t: 0 for t in graph.size}
    for op in range(graph.num_ops):
        for t in set(graph.inputs[op]):
            remaining[t] += 1
    outputs = set(graph.graph_outputs)
    live = {t for t in graph.graph_inputs if t in graph.size}
    peak = sum(graph.size[t] for t in live)
    for op in order:
        live |= set(graph.outputs[op])
        peak = max(peak, sum(graph.size[t] for t in live))
        for t in set(graph.inputs[op]):
            remaining[t] -= 1
            if remaining[t] == 0 and t not in outputs:
                live.discard(t)
        for t in graph.outputs[op]:
            if remaining[t] == 0 and t not in outputs:
                live.discard(t)
    return peak


def best_order(graph: _Graph,
               max_states: int = REORDER_MAX_STATES) -> list[int] | None:
    """A topological order with the lowest peak of live bytes.

    A bottleneck shortest path over the sets of executed operators (each
    set fixes which tensors are alive). None when the graph has more such
    sets than ``max_states``. Ties keep operators in their original order.
    """
    import heapq

    n = graph.num_ops
    producers = graph.producers()
    preds = [0] * n
    for op in range(n):
        for t in graph.inputs[op]:
            if t in producers and producers[t] != op:
                preds[op] |= 1 << producers[t]
    consumers: dict[int, int] = {}
    for op in range(n):
        for t in graph.inputs[op]:
            consumers[t] = consumers.get(t, 0) | (1 << op)
    outputs = set(graph.graph_outputs)
    full = (1 << n) - 1

    def live_bytes(done: int) -> int:
        total = 0
        for t, size in graph.size.items():
            produced = (t in graph.graph_inputs if t not in producers
                        else bool(done >> producers[t] & 1))
            if not produced:
                continue
            pending = consumers.get(t, 0) & ~done
            if pending or t in outputs:
                total += size
        return total

    start = 0
    best = {start: live_bytes(start)}
    parent: dict[int, tuple[int, int]] = {}
    heap = [(best[start], 0, start)]
    while heap:
        peak, _, done = heapq.heappop(heap)
        if peak > best.get(done, peak):
            continue
        if done == full:
            break
        base = live_bytes(done)
        for op in range(n):
            if done >> op & 1 or preds[op] & ~done:
                continue
            during = base + sum(graph.size[t] for t in graph.outputs[op])
            after = done | 1 << op
            cost = max(peak, during)
            if cost < best.get(after, cost + 1):
                best[after] = cost
                parent[after] = (done, op)
                if len(best) > max_states:
                    return None
                heapq.heappush(heap, (cost, -bin(after).count("1"), after))
    if full not in parent and n > 0:
        return None
    order = []
    state = full
    while state:
        state, op = parent[state]
        order.append(op)
    return order[::-1]


# --- the model ---------------------------------------------------------------

def _schema():
    from ai_edge_litert import schema_py_generated as schema
    return schema


class _AlignedBuffer:
    """A Buffer table whose bytes start 16-aligned (the schema's
    force_align, which the Python object API does not apply)."""

    def __init__(self, data: Any, offset: int = 0, size: int = 0) -> None:
        self.data = None if data is None else bytes(np.asarray(data,
                                                                np.uint8))
        self.offset = offset
        self.size = size

    def Pack(self, builder):  # noqa: N802 (flatbuffers object API name)
        schema = _schema()
        data = None
        if self.data is not None:
            builder.StartVector(1, len(self.data), ALIGNMENT)
            builder.head = builder.head - len(self.data)
            builder.Bytes[builder.head:builder.head + len(self.data)] = \
                self.data
            data = builder.EndVector()
        schema.BufferStart(builder)
        if data is not None:
            schema.BufferAddData(builder, data)
        schema.BufferAddOffset(builder, self.offset)
        schema.BufferAddSize(builder, self.size)
        return schema.BufferEnd(builder)


def _unpack(model_bytes: bytes):
    schema = _schema()
    if model_bytes[4:8] != FILE_IDENTIFIER:
        raise CommandError("not a TFLite model (no TFL3 identifier)")
    return schema.ModelT.InitFromObj(schema.Model.GetRootAs(model_bytes, 0))


def _pack(model) -> bytes:
    import flatbuffers
    for buffer in model.buffers or []:
        if buffer.offset and buffer.offset > 1:
            raise CommandError("the model keeps weights outside its "
                               "flatbuffer (over 2 GB): not supported")
    model.buffers = [_AlignedBuffer(b.data) for b in model.buffers or []]
    builder = flatbuffers.Builder(1024)
    builder.Finish(model.Pack(builder), file_identifier=FILE_IDENTIFIER)
    return bytes(builder.Output())


def _with_metadata(model, payload: bytes) -> None:
    """Stores ``payload`` as the model's tfmicro_plan metadata."""
    schema = _schema()
    model.metadata = list(model.metadata or [])
    model.buffers = list(model.buffers or [])
    for entry in model.metadata:
        name = entry.name.decode() if isinstance(entry.name, bytes) \
            else entry.name
        if name == METADATA_NAME:
            model.buffers[entry.buffer].data = np.frombuffer(payload, np.uint8)
            return
    buffer = schema.BufferT()
    buffer.data = np.frombuffer(payload, np.uint8)
    model.buffers.append(buffer)
    entry = schema.MetadataT()
    entry.name = METADATA_NAME
    entry.buffer = len(model.buffers) - 1
    model.metadata.append(entry)


def encode_plan(num_tensors: int, num_operators: int, region_bytes: int,
                tensor_offsets: dict[int, int],
                scratch_offsets: Sequence[int]) -> bytes:
    """The metadata payload (tensorflow_micro/core/offline_plan.h)."""
    offsets = [tensor_offsets.get(t, NOT_PLANNED) for t in range(num_tensors)]
    return (b"TFMP" + struct.pack("<HHIIII", FORMAT_VERSION, 0, num_tensors,
                                  num_operators, region_bytes,
                                  len(scratch_offsets))
            + struct.pack(f"<{len(offsets)}I", *offsets)
            + struct.pack(f"<{len(scratch_offsets)}I", *scratch_offsets))


def decode_plan(payload: bytes) -> dict[str, Any]:
    if payload[:4] != b"TFMP":
        raise ValueError("not a tfmicro plan")
    version, subgraph, tensors, operators, region, scratch = struct.unpack(
        "<HHIIII", payload[4:24])
    offsets = struct.unpack(f"<{tensors + scratch}I", payload[24:])
    return {"version": version, "subgraph": subgraph, "tensors": tensors,
            "operators": operators, "region_bytes": region,
            "tensor_offsets": list(offsets[:tensors]),
            "scratch_offsets": list(offsets[tensors:])}


def _record(model_bytes: bytes):
    import tfmicro
    interpreter = tfmicro.Interpreter.from_bytes(
        model_bytes, record_plan=True, use_offline_plan=False)
    return interpreter, interpreter.plan_record()


def _graph_of(interpreter, record) -> _Graph:
    size = {b["tensor_index"]: align(b["bytes"]) for b in record["buffers"]
            if b["tensor_index"] >= 0}
    operators = interpreter.operators()
    n = len(operators)
    inputs, outputs = [], []
    for info in operators:
        inputs.append([t for t in info["inputs"] if t in size])
        outputs.append([t for t in info["outputs"] if t in size])
    details_in = [interpreter.get_input_details(i)["index"]
                  for i in range(interpreter.inputs_size())]
    details_out = [interpreter.get_output_details(i)["index"]
                   for i in range(interpreter.outputs_size())]
    return _Graph(n, inputs, outputs, size, details_in, details_out)


def reorder_is_safe(model) -> str | None:
    """None when operators may run in any topological order, else why not."""
    if len(model.subgraphs) != 1:
        return "the model has several subgraphs (control flow)"
    subgraph = model.subgraphs[0]
    if any(t.isVariable for t in subgraph.tensors or []):
        return "the model has variable tensors"
    names = {v: k for k, v in vars(_schema().BuiltinOperator).items()
             if not k.startswith("_")}
    for op in subgraph.operators or []:
        code = model.operatorCodes[op.opcodeIndex]
        builtin = max(code.builtinCode, code.deprecatedBuiltinCode)
        name = names.get(builtin, "")
        if name == "CUSTOM":
            return "the model has custom operators"
        if name in _STATEFUL_BUILTINS:
            return f"the model has {name}, whose order matters"
    return None


def reorder_model(model_bytes: bytes, order: Sequence[int]) -> bytes:
    """The model with its operators in ``order`` (a topological order)."""
    model = _unpack(model_bytes)
    ops = model.subgraphs[0].operators
    if sorted(order) != list(range(len(ops))):
        raise ValueError("order must list every operator once")
    model.subgraphs[0].operators = [ops[i] for i in order]
    return _pack(model)


def plan_model(model_bytes: bytes, reorder: bool = True,
               time_budget: float = 2.0, seed: int = 0,
               verify: bool = True, in_place: bool = True) -> PlanResult:
    """The model with an offline plan (and, if it helps, a better order).

    ``in_place=False`` ignores the kernels' in-place permissions (every
    pair of live buffers disjoint, as on the device).
    """
    model_bytes = bytes(model_bytes)
    interpreter, record = _record(model_bytes)
    device_greedy = interpreter.arena_usage()["planned_bytes"]
    graph = _graph_of(interpreter, record)
    identity = list(range(graph.num_ops))
    peak_before = _peak_live(graph, identity)
    candidates = [(identity, model_bytes, record)]
    if reorder and reorder_is_safe(_unpack(model_bytes)) is None:
        found = best_order(graph)
        if found is not None and _peak_live(graph, found) < peak_before:
            reordered = reorder_model(model_bytes, found)
            candidates.append((found, reordered, _record(reordered)[1]))
    best = None
    for order, candidate_bytes, candidate_record in candidates:
        buffers = [Buffer(b["tensor_index"], b["first_op"], b["last_op"],
                          b["bytes"]) for b in candidate_record["buffers"]]
        permissions = [InPlace(p["input_buffer"], p["output_buffer"],
                               p["min_gap"])
                       for p in candidate_record["in_place"] if in_place]
        device = [b["offset"] for b in candidate_record["buffers"]]
        placement = place(buffers, permissions, device, time_budget, seed)
        if best is None or placement.total < best[0].total:
            lower = _Problem(buffers, permissions).lower_bound()
            best = (placement, order, candidate_bytes, buffers, lower)
    placement, order, chosen_bytes, buffers, lower = best
    tensor_offsets = {b.tensor: placement.offsets[i]
                      for i, b in enumerate(buffers) if b.tensor >= 0}
    scratch_offsets = [placement.offsets[i] for i, b in enumerate(buffers)
                       if b.tensor < 0]
    payload = encode_plan(interpreter.tensors_size(), graph.num_ops,
                          placement.total, tensor_offsets, scratch_offsets)
    model = _unpack(chosen_bytes)
    _with_metadata(model, payload)
    planned = _pack(model)
    if verify:
        verify_planned(model_bytes, planned, seed)
    return PlanResult(planned, device_greedy, placement.total, lower,
                      placement.method, placement.optimal,
                      order != identity, list(order), peak_before,
                      _peak_live(graph, order))


def verify_planned(original: bytes, planned: bytes, seed: int = 0) -> None:
    """Checks the device accepts the plan and the outputs stay bit-exact."""
    import tfmicro
    from tfmicro.inputs import feed_random_inputs

    ours = tfmicro.Interpreter.from_bytes(planned)
    if ours.plan_source() != "offline":
        raise CommandError("the runtime rejected the offline plan it was "
                           "given (see the platform log)")
    reference = tfmicro.Interpreter.from_bytes(original)
    feed_random_inputs([reference, ours], seed)
    reference.invoke()
    ours.invoke()
    for i in range(reference.outputs_size()):
        expected, got = reference.get_output(i), ours.get_output(i)
        if expected.shape != got.shape or not np.array_equal(
                expected.view(np.uint8), got.view(np.uint8)):
            raise CommandError(f"output {i} of the planned model differs from "
                               "the original's")


def read_plan(model_bytes: bytes) -> dict[str, Any] | None:
    """The decoded tfmicro_plan metadata of a model, None without one."""
    model = _unpack(bytes(model_bytes))
    for entry in model.metadata or []:
        name = entry.name.decode() if isinstance(entry.name, bytes) \
            else entry.name
        if name == METADATA_NAME:
            data = model.buffers[entry.buffer].data
            return decode_plan(bytes(np.asarray(data, np.uint8)))
    return None

