// MEAN over the axes listed in a constant int32 tensor (negative axes count
// from the end, duplicates are ignored), with ReducerOptions.keep_dims.
//
// As TFLite's reference kernel: FLOAT32 sums in float in input order and
// divides by the element count; INT8 sums in int32 and requantizes with
// input_scale / output_scale folded together with 1 / count (the same path
// for every axis set, including Keras' GlobalAveragePooling over H and W).
#include <cstdint>

#include "tensorflow_micro/kernels/internal/quantization_util.h"
#include "tensorflow_micro/kernels/internal/tensor_util.h"
#include "tensorflow_micro/kernels/reference_kernels.h"
#include "tensorflow_micro/schema/schema_generated.h"

namespace tfmicro {
namespace {

constexpr int kInputTensor = 0;
constexpr int kAxisTensor = 1;
constexpr int kOutputTensor = 0;
constexpr int kMaxRank = 8;

// The input dimensions split into kept ones (enumerated in output order)
// and reduced ones (summed, innermost last), each with its input stride.
struct OpData {
  int32_t kept_rank;
  int32_t kept_dims[kMaxRank];
  int64_t kept_strides[kMaxRank];
  int32_t reduced_rank;
  int32_t reduced_dims[kMaxRank];
  int64_t reduced_strides[kMaxRank];
  int64_t num_outputs;
  int64_t reduced_count;  // input elements per output
  // INT8: output = zp_out + sum(q - zp_in) * multiplier * 2^shift.
  int32_t input_zero_point;
  int32_t output_zero_point;
  int32_t multiplier;
  int shift;
};

Status CheckOutputShape(OpContext& context, const Tensor* input,
                        const Tensor* output, const bool* reduced,
                        bool keep_dims) {
  int expected_rank = 0;
  for (int i = 0; i < input->rank; ++i) {
    if (keep_dims || !reduced[i]) ++expected_rank;
  }
  TFM_ENSURE(context, output->rank == expected_rank,
             "output rank %d does not match the reduced rank %d "
             "(keep_dims=%s)",
             static_cast<int>(output->rank), expected_rank,
             keep_dims ? "true" : "false");
  int out = 0;
  for (int i = 0; i < input->rank; ++i) {
    if (!keep_dims && reduced[i]) continue;
    const int32_t expected = reduced[i] ? 1 : input->dim(i);
    TFM_ENSURE(context, output->dim(out) == expected,
               "output dimension %d is %d, expected %d", out,
               static_cast<int>(output->dim(out)),
               static_cast<int>(expected));
    ++out;
  }
  return Status::kOk;
}

// Folds 1 / reduced_count into the requantization multiplier as TFLite
// does: multiplier * 2^k / count with 2^k <= count, k clamped so the
// product stays in range.
void FoldCountIntoMultiplier(int64_t count, int32_t* multiplier,
                             int* shift) {
  int k = 0;  // floor(log2(count))
  for (int64_t c = count; c > 1; c >>= 1) ++k;
  k = k < 32 ? k : 32;
  k = k < 31 + *shift ? k : 31 + *shift;
  *multiplier = static_cast<int32_t>((static_cast<int64_t>(*multiplier) << k) /
                                     count);
  *shift -= k;
}

Status PrepareInt8(OpContext& context, const Tensor* input,
                   const Tensor* output, OpData* data) {
  TFM_RETURN_IF_ERROR(ExpectQuantized(context, input, "input"));
  TFM_RETURN_IF_ERROR(ExpectQuantized(context, output, "output"));
  data->input_zero_point = input->zero_point();
  data->output_zero_point = output->zero_point();
  const double real_multiplier = static_cast<double>(input->scale()) /
                                 static_cast<double>(output->scale());
  // Larger ratios would shift int32 sums out of range (undefined in TFLite).
  TFM_ENSURE(context, real_multiplier < 2147483648.0,
             "input / output scale ratio %g is too large (must be below "
             "2^31)",
             real_multiplier);
  QuantizeMultiplier(real_multiplier, &data->multiplier, &data->shift);
  if (data->reduced_count > 0) {
    FoldCountIntoMultiplier(data->reduced_count, &data->multiplier,
                            &data->shift);
  }
  return Status::kOk;
}

Status Prepare(OpContext& context) {
  TFM_RETURN_IF_ERROR(ExpectIoCount(context, 2, 2, 1));
  const Tensor* input = context.input(kInputTensor);
  const Tensor* axis = context.input(kAxisTensor);
  const Tensor* output = context.output(kOutputTensor);
  TFM_RETURN_IF_ERROR(ExpectFloat32OrInt8(context, input, output));
  TFM_RETURN_IF_ERROR(ExpectType(context, axis, "axis", DataType::kInt32));
  TFM_ENSURE(context, axis->is_constant || axis->num_elements() == 0,
             "axis must be a constant tensor (dynamic axes are not "
             "supported)");
  TFM_ENSURE(context, input->rank <= kMaxRank,
             "input rank %d exceeds the supported maximum of %d",
             static_cast<int>(input->rank), kMaxRank);

  bool reduced[kMaxRank] = {};
  const int32_t* axes = axis->data_as<int32_t>();
  const int64_t num_axes = input->rank > 0 ? axis->num_elements() : 0;
  for (int64_t i = 0; i < num_axes; ++i) {
    int32_t a = axes[i];
    TFM_ENSURE(context, a >= -input->rank && a < input->rank,
               "axis %d is out of range for an input of rank %d",
               static_cast<int>(a), static_cast<int>(input->rank));
    if (a < 0) a += input->rank;
    reduced[a] = true;
  }
  const auto* opts = context.options<schema::ReducerOptions>();
  const bool keep_dims = opts != nullptr && opts->keep_dims();
  TFM_RETURN_IF_ERROR(
      CheckOutputShape(context, input, output, reduced, keep_dims));

  auto* data =
      static_cast<OpData*>(context.AllocatePersistent(sizeof(OpData)));
  if (data == nullptr) return Status::kArenaTooSmall;
  data->kept_rank = 0;
  data->reduced_rank = 0;
  data->num_outputs = 1;
  data->reduced_count = 1;
  int64_t stride = 1;
  for (int i = input->rank - 1; i >= 0; --i) {
    if (reduced[i]) {
      data->reduced_count *= input->dim(i);
      ++data->reduced_rank;
    } else {
      data->num_outputs *= input->dim(i);
      ++data->kept_rank;
    }
  }
  int kept = data->kept_rank;
  int red = data->reduced_rank;
  for (int i = input->rank - 1; i >= 0; --i) {
    if (reduced[i]) {
      --red;
      data->reduced_dims[red] = input->dim(i);
      data->reduced_strides[red] = stride;
    } else {
      --kept;
      data->kept_dims[kept] = input->dim(i);
      data->kept_strides[kept] = stride;
    }
    stride *= input->dim(i);
  }
  data->input_zero_point = 0;
  data->output_zero_point = 0;
  data->multiplier = 0;
  data->shift = 0;
  if (input->type == DataType::kInt8) {
    TFM_RETURN_IF_ERROR(PrepareInt8(context, input, output, data));
  }
  context.set_op_data(data);
  return Status::kOk;
}

// Advances a row-major multi-index over dims[0..rank) and keeps `offset`
// (the sum of index * stride) in step.
inline void Advance(int32_t rank, const int32_t* dims, const int64_t* strides,
                    int32_t* index, int64_t* offset) {
  for (int32_t a = rank - 1; a >= 0; --a) {
    *offset += strides[a];
    if (++index[a] < dims[a]) return;
    *offset -= strides[a] * dims[a];
    index[a] = 0;
  }
}

// Calls finish(output_index, sum) per output, the sum taken over the
// reduced elements in input order (TFLite's float summation order).
template <typename In, typename Acc, typename Finish>
void ReduceSum(const OpData& data, const In* input, Finish finish) {
  int32_t kept_index[kMaxRank] = {};
  int64_t base = 0;
  for (int64_t out = 0; out < data.num_outputs; ++out) {
    int32_t reduced_index[kMaxRank] = {};
    int64_t offset = base;
    Acc sum = 0;
    for (int64_t r = 0; r < data.reduced_count; ++r) {
      sum += input[offset];
      Advance(data.reduced_rank, data.reduced_dims, data.reduced_strides,
              reduced_index, &offset);
    }
    finish(out, sum);
    Advance(data.kept_rank, data.kept_dims, data.kept_strides, kept_index,
            &base);
  }
}

Status Eval(OpContext& context) {
  const auto& data = *static_cast<const OpData*>(context.op_data());
  const Tensor* input = context.input(kInputTensor);
  Tensor* output = context.output(kOutputTensor);
  if (input->type == DataType::kFloat32) {
    float* out = output->data_as<float>();
    const float count = static_cast<float>(data.reduced_count);
    // An empty reduction gives 0 / 0 = NaN, as in TFLite.
    ReduceSum<float, float>(data, input->data_as<float>(),
                            [&](int64_t i, float sum) { out[i] = sum / count; });
    return Status::kOk;
  }

  int8_t* out = output->data_as<int8_t>();
  if (data.reduced_count == 0) {
    for (int64_t i = 0; i < data.num_outputs; ++i) out[i] = 0;
    return Status::kOk;
  }
  const int64_t zero_point_sum = static_cast<int64_t>(data.input_zero_point) *
                                 data.reduced_count;
  ReduceSum<int8_t, int64_t>(
      data, input->data_as<int8_t>(), [&](int64_t i, int64_t sum) {
        // TFLite keeps the sum in int32 (wrapping); the same modulo 2^32.
        const int32_t shifted_sum = static_cast<int32_t>(
            static_cast<uint32_t>(static_cast<uint64_t>(sum - zero_point_sum)));
        const int32_t value =
            MultiplyByQuantizedMultiplier(shifted_sum, data.multiplier,
                                          data.shift) +
            data.output_zero_point;
        out[i] = static_cast<int8_t>(Clamp<int32_t>(value, -128, 127));
      });
  return Status::kOk;
}

}  // namespace

const KernelRegistration& Register_MEAN() {
  static const KernelRegistration r = {nullptr, Prepare, Eval, nullptr};
  return r;
}

}  // namespace tfmicro
