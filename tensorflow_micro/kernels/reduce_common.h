// Shared Prepare and iteration of the reductions over constant axes (MEAN,
// SUM, REDUCE_MAX, REDUCE_MIN, REDUCE_ALL): the axes are resolved once in
// prepare into kept and reduced dimensions with their input strides, so
// eval walks each output's reduced elements in input order (TFLite's
// accumulation order).
#ifndef TENSORFLOW_MICRO_KERNELS_REDUCE_COMMON_H_
#define TENSORFLOW_MICRO_KERNELS_REDUCE_COMMON_H_

#include <cstdint>

#include "tensorflow_micro/core/kernel_api.h"
#include "tensorflow_micro/kernels/internal/type_set.h"

namespace tfmicro {

constexpr int kReduceMaxRank = 8;

// The input types MEAN, SUM, REDUCE_MAX and REDUCE_MIN take (INT8 and
// INT16 quantized; INT32 and INT64 plain integers).
constexpr TypeSet kReduceNumericTypes =
    TypeBit(DataType::kFloat32) | TypeBit(DataType::kInt8) |
    TypeBit(DataType::kInt16) | TypeBit(DataType::kInt32) |
    TypeBit(DataType::kInt64);
// SUM, REDUCE_MAX and REDUCE_MIN also take BOOL, as TFLite: SUM and
// REDUCE_MAX give whether any element is true, REDUCE_MIN whether all are.
constexpr TypeSet kReduceNumericAndBoolTypes =
    kReduceNumericTypes | TypeBit(DataType::kBool);

struct ReduceOpData {
  int32_t kept_rank;
  int32_t kept_dims[kReduceMaxRank];
  int64_t kept_strides[kReduceMaxRank];
  int32_t reduced_rank;
  int32_t reduced_dims[kReduceMaxRank];
  int64_t reduced_strides[kReduceMaxRank];
  int64_t num_outputs;
  int64_t reduced_count;  // input elements per output
  // Quantized: output = zp_out + (sum - count * zp_in) * multiplier *
  // 2^shift (SUM and MEAN; MEAN folds 1 / count into the multiplier).
  int32_t input_zero_point;
  int32_t output_zero_point;
  int32_t multiplier;
  int shift;
};

// Checks the node's inputs (input, constant INT32 axis) and output shape
// (with ReducerOptions.keep_dims), the input type against `types`, the
// output type against the input's, and stores a ReduceOpData with the
// geometry as the node's op data (quantization fields zeroed) and in *data.
Status PrepareReduce(OpContext& context, TypeSet types, ReduceOpData** data);

// Quantized SUM and MEAN: checks both tensors are quantized (INT16 with zero
// points 0, as TFLite requires) and sets the requantization from
// input_scale / output_scale, with 1 / count folded in when `mean`.
Status PrepareReduceRequantize(OpContext& context, bool mean,
                               ReduceOpData* data);

// SUM (mean = false) and MEAN: PrepareReduce over `types`, then for INT8 and
// INT16 PrepareReduceRequantize.
Status PrepareSumOrMean(OpContext& context, bool mean, TypeSet types);

// The INT16, INT32 and INT64 paths SUM (mean = false) and MEAN share:
// ReduceRequantizedSum and ReduceIntegerSumOrMean.
void EvalWideSumOrMean(const ReduceOpData& data, const Tensor* input,
                       bool mean, Tensor* output);

// REDUCE_MAX and REDUCE_MIN on kReduceNumericAndBoolTypes: quantized
// outputs must carry the input's quantization (values are compared, not
// rescaled). An empty reduction gives the type's lowest (max) or highest
// (min) value (false / true for BOOL).
Status PrepareReduceMaxMin(OpContext& context);
Status EvalReduceMaxMin(OpContext& context, bool max);

// BOOL SUM / REDUCE_MAX / REDUCE_ANY (any = true) and REDUCE_MIN /
// REDUCE_ALL (any = false): whether any element is true, or all are
// (false / true for an empty reduction); BOOL bytes read as
// nonzero-is-true.
void ReduceBool(const ReduceOpData& data, const Tensor* input, bool any,
                Tensor* output);

// REDUCE_ANY and REDUCE_ALL: PrepareReduce for BOOL, and ReduceBool.
Status PrepareReduceAnyAll(OpContext& context);
Status EvalReduceAnyAll(OpContext& context, bool any);

// Advances a row-major multi-index over dims[0..rank) and keeps `offset`
// (the sum of index * stride) in step.
inline void AdvanceReduceIndex(int32_t rank, const int32_t* dims,
                               const int64_t* strides, int32_t* index,
                               int64_t* offset) {
  for (int32_t a = rank - 1; a >= 0; --a) {
    *offset += strides[a];
    if (++index[a] < dims[a]) return;
    *offset -= strides[a] * dims[a];
    index[a] = 0;
  }
}

// For every output i: acc = init; acc = reduce(acc, x) over its reduced
// elements in input order; finish(i, acc).
template <typename In, typename Acc, typename Reduce, typename Finish>
void ReduceEach(const ReduceOpData& data, const In* input, Acc init,
                Reduce reduce, Finish finish) {
  int32_t kept_index[kReduceMaxRank] = {};
  int64_t base = 0;
  for (int64_t out = 0; out < data.num_outputs; ++out) {
    int32_t reduced_index[kReduceMaxRank] = {};
    int64_t offset = base;
    Acc acc = init;
    for (int64_t r = 0; r < data.reduced_count; ++r) {
      acc = reduce(acc, input[offset]);
      AdvanceReduceIndex(data.reduced_rank, data.reduced_dims,
                         data.reduced_strides, reduced_index, &offset);
    }
    finish(out, acc);
    AdvanceReduceIndex(data.kept_rank, data.kept_dims, data.kept_strides,
                       kept_index, &base);
  }
}

// INT32 / INT64 SUM (divide = false) or MEAN (divide = true): the sum in
// int64 (SUM wraps in T, as TFLite's sum in the element type), MEAN divided
// by the element count with truncation, as TFLite.
template <typename T>
void ReduceIntegerSumOrMean(const ReduceOpData& data, const T* input,
                            bool divide, T* output);

// Quantized SUM / MEAN over In = int8_t or int16_t: the integer sum of each
// output's elements requantized with data's multiplier, clamped to In.
template <typename In>
void ReduceRequantizedSum(const ReduceOpData& data, const In* input,
                          In* output);

}  // namespace tfmicro

#endif  // TENSORFLOW_MICRO_KERNELS_REDUCE_COMMON_H_
