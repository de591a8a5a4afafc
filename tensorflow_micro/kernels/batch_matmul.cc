// BATCH_MATMUL: output[..., i, j] = sum_k x[..., i, k] * y[..., k, j], with
// x transposed in its last two dimensions when adj_x is set (y with adj_y).
// Inputs of rank 2 to 5; the batch dimensions (all but the last two)
// broadcast as in NumPy, the output has the larger rank.
//
// Types, as TFLite's reference kernel: FLOAT32; INT8 x INT8 to INT8
// (requantized with a Q31 multiplier) or to INT32 (the sum of the raw
// products: TFLite applies no zero points there);
// INT16 x INT16 or INT16 x INT8 to INT16 (symmetric, a 64-bit accumulator
// requantized as MultiplyByQuantizedMultiplierInt64 does). No fused
// activation: quantized outputs clamp to their type's range.
#include <cstdint>

#include "tensorflow_micro/kernels/internal/conv_quantization.h"
#include "tensorflow_micro/kernels/internal/quantization_util.h"
#include "tensorflow_micro/kernels/internal/tensor_util.h"
#include "tensorflow_micro/kernels/reference_kernels.h"
#include "tensorflow_micro/schema/schema_generated.h"

namespace tfmicro {
namespace {

constexpr int kLhsTensor = 0;
constexpr int kRhsTensor = 1;
constexpr int kOutputTensor = 0;
constexpr int kMinRank = 2;
constexpr int kMaxRank = 5;
// Batch dimensions after extending both inputs to kMaxRank.
constexpr int kBatchDims = kMaxRank - 2;

struct OpData {
  // Output extent of each batch dimension and each input's element stride
  // along it (0 where the input broadcasts).
  int32_t batch[kBatchDims];
  int64_t lhs_stride[kBatchDims];
  int64_t rhs_stride[kBatchDims];
  int32_t rows;   // output rows (of x after adj_x)
  int32_t cols;   // output columns (of y after adj_y)
  int32_t depth;  // the summed dimension
  bool adj_x;
  bool adj_y;
  // Quantized: offsets, the requantization and the clamp range.
  int32_t lhs_offset;
  int32_t rhs_offset;
  int32_t output_offset;
  int32_t multiplier;
  int shift;
  int32_t activation_min;
  int32_t activation_max;
};

// `tensor`'s dimensions extended on the left with 1s to kMaxRank.
void ExtendedDims(const Tensor& tensor, int32_t dims[kMaxRank]) {
  const int pad = kMaxRank - tensor.rank;
  for (int i = 0; i < kMaxRank; ++i) {
    dims[i] = i < pad ? 1 : tensor.dim(i - pad);
  }
}

Status CheckTypes(OpContext& context, const Tensor* lhs, const Tensor* rhs,
                  const Tensor* output) {
  const DataType l = lhs->type;
  const DataType r = rhs->type;
  const DataType o = output->type;
  const bool ok = (l == DataType::kFloat32 && r == l && o == l) ||
                  (l == DataType::kInt8 && r == l &&
                   (o == DataType::kInt8 || o == DataType::kInt32)) ||
                  (l == DataType::kInt16 &&
                   (r == DataType::kInt16 || r == DataType::kInt8) &&
                   o == DataType::kInt16);
  TFM_ENSURE(context, ok,
             "types %s x %s -> %s not supported (expected FLOAT32 x FLOAT32 "
             "-> FLOAT32, INT8 x INT8 -> INT8 or INT32, INT16 x INT16 or "
             "INT8 -> INT16)",
             DataTypeName(l), DataTypeName(r), DataTypeName(o));
  return Status::kOk;
}

Status PrepareQuantization(OpContext& context, const Tensor* lhs,
                           const Tensor* rhs, const Tensor* output,
                           OpData* data) {
  if (output->type == DataType::kInt32) return Status::kOk;
  TFM_RETURN_IF_ERROR(CheckPerTensorQuantization(context, lhs, "lhs"));
  TFM_RETURN_IF_ERROR(CheckPerTensorQuantization(context, rhs, "rhs"));
  data->lhs_offset = -lhs->zero_point();
  data->rhs_offset = -rhs->zero_point();
  TFM_RETURN_IF_ERROR(CheckPerTensorQuantization(context, output, "output"));
  if (lhs->type == DataType::kInt16) {
    TFM_RETURN_IF_ERROR(CheckInt16ZeroPoint(context, lhs, "lhs"));
    TFM_ENSURE(context, rhs->zero_point() == 0,
               "rhs zero point must be 0 with INT16 lhs (16x8 quantization "
               "is symmetric), got %d",
               static_cast<int>(rhs->zero_point()));
    TFM_RETURN_IF_ERROR(CheckInt16ZeroPoint(context, output, "output"));
  }
  data->output_offset = output->zero_point();
  // MultiplyByQuantizedMultiplierInt64 (16x8) shifts right by 15 - shift.
  const int max_shift = lhs->type == DataType::kInt16 ? 14 : 31;
  TFM_RETURN_IF_ERROR(QuantizeModelMultiplier(
      context,
      EffectiveOutputScale(lhs->scale(), rhs->scale(), output->scale()),
      "effective scale (lhs scale x rhs scale / output scale)",
      &data->multiplier, &data->shift, max_shift));
  QuantizedTypeRange(output->type, &data->activation_min,
                     &data->activation_max);
  return Status::kOk;
}

Status Prepare(OpContext& context) {
  TFM_RETURN_IF_ERROR(ExpectIoCount(context, 2, 2, 1));
  const Tensor* lhs = context.input(kLhsTensor);
  const Tensor* rhs = context.input(kRhsTensor);
  const Tensor* output = context.output(kOutputTensor);
  TFM_RETURN_IF_ERROR(CheckTypes(context, lhs, rhs, output));
  TFM_ENSURE(context,
             lhs->rank >= kMinRank && lhs->rank <= kMaxRank &&
                 rhs->rank >= kMinRank && rhs->rank <= kMaxRank,
             "input ranks must be %d to %d, got lhs %s and rhs %s", kMinRank,
             kMaxRank, ShapeText(*lhs).text, ShapeText(*rhs).text);
  const auto* opts = context.options<schema::BatchMatMulOptions>();
  const bool adj_x = opts != nullptr && opts->adj_x();
  const bool adj_y = opts != nullptr && opts->adj_y();

  OpData* data = AllocateOpData<OpData>(context);
  if (data == nullptr) return Status::kArenaTooSmall;
  data->adj_x = adj_x;
  data->adj_y = adj_y;
  int32_t l[kMaxRank];
  int32_t r[kMaxRank];
  ExtendedDims(*lhs, l);
  ExtendedDims(*rhs, r);
  const int32_t lhs_inner = adj_x ? l[3] : l[4];
  const int32_t rhs_inner = adj_y ? r[4] : r[3];
  TFM_ENSURE(context, lhs_inner == rhs_inner,
             "lhs %s%s and rhs %s%s do not multiply: %d != %d summed values",
             ShapeText(*lhs).text, adj_x ? " (adj_x)" : "",
             ShapeText(*rhs).text, adj_y ? " (adj_y)" : "",
             static_cast<int>(lhs_inner), static_cast<int>(rhs_inner));
  data->depth = lhs_inner;
  data->rows = adj_x ? l[4] : l[3];
  data->cols = adj_y ? r[3] : r[4];

  const int out_rank = lhs->rank > rhs->rank ? lhs->rank : rhs->rank;
  int32_t expected[kMaxRank];
  int64_t lhs_size = static_cast<int64_t>(l[3]) * l[4];
  int64_t rhs_size = static_cast<int64_t>(r[3]) * r[4];
  for (int i = kBatchDims - 1; i >= 0; --i) {
    TFM_ENSURE(context, l[i] == r[i] || l[i] == 1 || r[i] == 1,
               "batch dimensions of lhs %s and rhs %s do not broadcast",
               ShapeText(*lhs).text, ShapeText(*rhs).text);
    data->batch[i] = l[i] == 1 ? r[i] : l[i];
    data->lhs_stride[i] = l[i] == 1 ? 0 : lhs_size;
    data->rhs_stride[i] = r[i] == 1 ? 0 : rhs_size;
    lhs_size *= l[i];
    rhs_size *= r[i];
    expected[i] = data->batch[i];
  }
  expected[3] = data->rows;
  expected[4] = data->cols;
  const int32_t* expected_dims = expected + (kMaxRank - out_rank);
  TFM_RETURN_IF_ERROR(
      ExpectShape(context, output, "output", expected_dims, out_rank));
  if (lhs->type == DataType::kFloat32) return Status::kOk;
  return PrepareQuantization(context, lhs, rhs, output, data);
}

// Calls fn(lhs, rhs, out) with each matrix pair of the broadcast batch and
// the output matrix they make.
template <typename L, typename R, typename Out, typename Fn>
void ForEachMatrix(const OpData& d, const L* lhs, const R* rhs, Out* out,
                   Fn fn) {
  const int64_t out_size = static_cast<int64_t>(d.rows) * d.cols;
  for (int32_t b0 = 0; b0 < d.batch[0]; ++b0) {
    for (int32_t b1 = 0; b1 < d.batch[1]; ++b1) {
      for (int32_t b2 = 0; b2 < d.batch[2]; ++b2) {
        const int64_t lhs_at = b0 * d.lhs_stride[0] + b1 * d.lhs_stride[1] +
                               b2 * d.lhs_stride[2];
        const int64_t rhs_at = b0 * d.rhs_stride[0] + b1 * d.rhs_stride[1] +
                               b2 * d.rhs_stride[2];
        fn(lhs + lhs_at, rhs + rhs_at, out);
        out += out_size;
      }
    }
  }
}

// For every output element (row-major), finish(sum over k of
// term(x[i][k], y[k][j])), Acc being the sum's type.
template <typename Acc, typename L, typename R, typename Out, typename Term,
          typename Finish>
void MatMul(const OpData& d, const L* lhs, const R* rhs, Out* out, Term term,
            Finish finish) {
  const int64_t lhs_row_step = d.adj_x ? 1 : d.depth;
  const int64_t lhs_k_step = d.adj_x ? d.rows : 1;
  const int64_t rhs_col_step = d.adj_y ? d.depth : 1;
  const int64_t rhs_k_step = d.adj_y ? 1 : d.cols;
  ForEachMatrix(d, lhs, rhs, out, [&](const L* x, const R* y, Out* o) {
    for (int32_t i = 0; i < d.rows; ++i) {
      for (int32_t j = 0; j < d.cols; ++j) {
        const L* xi = x + i * lhs_row_step;
        const R* yj = y + j * rhs_col_step;
        Acc acc = 0;
        for (int32_t k = 0; k < d.depth; ++k) {
          acc += term(xi[k * lhs_k_step], yj[k * rhs_k_step]);
        }
        *o++ = finish(acc);
      }
    }
  });
}

template <typename L, typename R>
void EvalInt16(const OpData& d, const Tensor& lhs, const Tensor& rhs,
               Tensor& output) {
  MatMul<int64_t>(
      d, lhs.data_as<L>(), rhs.data_as<R>(), output.data_as<int16_t>(),
      [](L x, R y) {
        return static_cast<int64_t>(static_cast<int32_t>(x) * y);
      },
      [&d](int64_t acc) {
        const int32_t value =
            MultiplyByQuantizedMultiplierInt64(acc, d.multiplier, d.shift) +
            d.output_offset;
        return static_cast<int16_t>(
            Clamp(value, d.activation_min, d.activation_max));
      });
}

Status Eval(OpContext& context) {
  const OpData& d = *static_cast<const OpData*>(context.op_data());
  const Tensor& lhs = *context.input(kLhsTensor);
  const Tensor& rhs = *context.input(kRhsTensor);
  Tensor& output = *context.output(kOutputTensor);
  const auto int8_term = [&d](int8_t x, int8_t y) {
    return (x + d.lhs_offset) * (y + d.rhs_offset);
  };
  switch (lhs.type) {
    case DataType::kFloat32:
      MatMul<float>(
          d, lhs.data_as<float>(), rhs.data_as<float>(),
          output.data_as<float>(), [](float x, float y) { return x * y; },
          [](float acc) { return acc; });
      return Status::kOk;
    case DataType::kInt8:
      if (output.type == DataType::kInt32) {
        MatMul<int32_t>(
            d, lhs.data_as<int8_t>(), rhs.data_as<int8_t>(),
            output.data_as<int32_t>(),
            [](int8_t x, int8_t y) { return static_cast<int32_t>(x) * y; },
            [](int32_t acc) { return acc; });
        return Status::kOk;
      }
      MatMul<int32_t>(
          d, lhs.data_as<int8_t>(), rhs.data_as<int8_t>(),
          output.data_as<int8_t>(), int8_term, [&d](int32_t acc) {
            const int32_t value =
                MultiplyByQuantizedMultiplier(acc, d.multiplier, d.shift) +
                d.output_offset;
            return static_cast<int8_t>(
                Clamp(value, d.activation_min, d.activation_max));
          });
      return Status::kOk;
    case DataType::kInt16:
      if (rhs.type == DataType::kInt8) {
        EvalInt16<int16_t, int8_t>(d, lhs, rhs, output);
      } else {
        EvalInt16<int16_t, int16_t>(d, lhs, rhs, output);
      }
      return Status::kOk;
    default:
      return context.Error("lhs type %s not supported",
                           DataTypeName(lhs.type));
  }
}

}  // namespace

const KernelRegistration& Register_BATCH_MATMUL() {
  static const KernelRegistration r = {nullptr, Prepare, Eval, nullptr};
  return r;
}

}  // namespace tfmicro
