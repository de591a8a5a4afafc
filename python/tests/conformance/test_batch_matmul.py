"""BATCH_MATMUL conformance: tfmicro against TFLite's reference kernels.

Two runtime inputs (tf.matmul of two tensors) with batch broadcasting and
adj_x / adj_y, and a constant right-hand side. int8 and int16 (16x8) must be
bit-exact, float32 within the tolerance of conformance_util. The int8 x int8
-> int32 form (no requantization; TFLite applies no zero points there),
which the converter does not emit, is built directly.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pytest

import conformance_util as cu
import op_model_builder as mb
import single_op_edit as so
from ai_edge_litert import schema_py_generated as schema

OP = "BATCH_MATMUL"


@dataclass(frozen=True)
class MatMulCase:
    lhs_shape: tuple[int, ...]
    rhs_shape: tuple[int, ...]
    adj_x: bool = False
    adj_y: bool = False
    constant_rhs: bool = False

    def function(self):
        tf = cu._tensorflow()
        if self.constant_rhs:
            rng = np.random.default_rng(0)
            rhs_value = rng.normal(0.0, 0.5, self.rhs_shape).astype(np.float32)

            def matmul_constant(lhs):
                return tf.matmul(lhs, rhs_value, transpose_a=self.adj_x,
                                 transpose_b=self.adj_y)

            return matmul_constant

        # The converter orders the model's inputs by argument name here;
        # "lhs" < "rhs" keeps them in the order of the representative data.
        def matmul(lhs, rhs):
            return tf.matmul(lhs, rhs, transpose_a=self.adj_x,
                             transpose_b=self.adj_y)

        return matmul

    @property
    def input_shapes(self) -> list[tuple[int, ...]]:
        if self.constant_rhs:
            return [self.lhs_shape]
        return [self.lhs_shape, self.rhs_shape]


CASES = {
    "batch3": MatMulCase((3, 4, 6), (3, 6, 5)),
    "broadcast_rank4_by_rank3": MatMulCase((2, 1, 3, 4), (3, 4, 5)),
    "adj_x_adj_y": MatMulCase((2, 6, 3), (2, 4, 6), adj_x=True, adj_y=True),
    "constant_rhs_adj_y": MatMulCase((2, 5, 8), (2, 7, 8), adj_y=True,
                                     constant_rhs=True),
}


def _convert(case: MatMulCase, quantize: str) -> bytes:
    model = cu.convert(case.function(), case.input_shapes, quantize=quantize)
    assert so.op_names(model) == [OP]
    options = so.options(model, OP)
    assert (options["adjX"], options["adjY"]) == (case.adj_x, case.adj_y)
    return model


@pytest.mark.parametrize("quantize", ["float32", "int8", "int16"])
@pytest.mark.parametrize("name", list(CASES))
def test_batch_matmul_matches_oracle(name: str, quantize: str) -> None:
    so.assert_matches_reference(_convert(CASES[name], quantize))


def test_batch_matmul_int8_to_int32_matches_oracle() -> None:
    options = schema.BatchMatMulOptionsT()
    options.adjY = True
    model = mb.build(
        OP,
        [mb.Tensor("lhs", np.int8, (2, 3, 6), scale=0.1, zero_point=3),
         mb.Tensor("rhs", np.int8, (1, 4, 6), scale=0.2, zero_point=-1)],
        [mb.Tensor("output", np.int32, (2, 3, 4))],
        schema.BuiltinOptions.BatchMatMulOptions, options)
    so.assert_matches_reference(model)
