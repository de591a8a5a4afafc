#include "tensorflow_micro/kernels/reduce_common.h"

#include <limits>
#include <type_traits>

#include "tensorflow_micro/kernels/internal/quantization_util.h"
#include "tensorflow_micro/kernels/internal/tensor_util.h"
#include "tensorflow_micro/kernels/internal/type_set.h"
#include "tensorflow_micro/schema/schema_generated.h"

namespace tfmicro {
namespace {

constexpr int kInputTensor = 0;
constexpr int kAxisTensor = 1;
constexpr int kOutputTensor = 0;

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

// Folds 1 / count into the requantization multiplier as TFLite does:
// multiplier * 2^k / count with 2^k <= count, k clamped so the product
// stays in range.
void FoldCountIntoMultiplier(int64_t count, int32_t* multiplier, int* shift) {
  int k = 0;  // floor(log2(count))
  for (int64_t c = count; c > 1; c >>= 1) ++k;
  k = k < 32 ? k : 32;
  k = k < 31 + *shift ? k : 31 + *shift;
  *multiplier = static_cast<int32_t>((static_cast<int64_t>(*multiplier) << k) /
                                     count);
  *shift -= k;
}

// Splits the input dimensions into kept and reduced ones with their strides.
void ComputeGeometry(const Tensor* input, const bool* reduced,
                     ReduceOpData* data) {
  data->kept_rank = 0;
  data->reduced_rank = 0;
  data->num_outputs = 1;
  data->reduced_count = 1;
  for (int i = 0; i < input->rank; ++i) {
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
  int64_t stride = 1;
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
}

}  // namespace

Status PrepareReduce(OpContext& context, TypeSet types, ReduceOpData** data) {
  TFM_RETURN_IF_ERROR(ExpectIoCount(context, 2, 2, 1));
  const Tensor* input = context.input(kInputTensor);
  const Tensor* axis = context.input(kAxisTensor);
  const Tensor* output = context.output(kOutputTensor);
  TFM_RETURN_IF_ERROR(ExpectTypeIn(context, input, "input", types));
  TFM_RETURN_IF_ERROR(
      ExpectSameType(context, output, "output", input, "input"));
  TFM_RETURN_IF_ERROR(ExpectType(context, axis, "axis", DataType::kInt32));
  TFM_ENSURE(context, axis->is_constant || axis->num_elements() == 0,
             "axis must be a constant tensor (dynamic axes are not "
             "supported)");
  TFM_ENSURE(context, input->rank <= kReduceMaxRank,
             "input rank %d exceeds the supported maximum of %d",
             static_cast<int>(input->rank), kReduceMaxRank);

  bool reduced[kReduceMaxRank] = {};
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
  *data = AllocateOpData<ReduceOpData>(context);
  if (*data == nullptr) return Status::kArenaTooSmall;
  ComputeGeometry(input, reduced, *data);
  return Status::kOk;
}

Status PrepareReduceRequantize(OpContext& context, bool mean,
                               ReduceOpData* data) {
  const Tensor* input = context.input(kInputTensor);
  const Tensor* output = context.output(kOutputTensor);
  TFM_RETURN_IF_ERROR(ExpectQuantized(context, input, "input"));
  TFM_RETURN_IF_ERROR(ExpectQuantized(context, output, "output"));
  if (input->type == DataType::kInt16) {
    TFM_ENSURE(context, input->zero_point() == 0 && output->zero_point() == 0,
               "INT16 tensors must have zero point 0, got input %d, output %d",
               static_cast<int>(input->zero_point()),
               static_cast<int>(output->zero_point()));
  }
  data->input_zero_point = input->zero_point();
  data->output_zero_point = output->zero_point();
  const double real_multiplier = static_cast<double>(input->scale()) /
                                 static_cast<double>(output->scale());
  // Larger ratios would shift int32 sums out of range (undefined in TFLite).
  TFM_RETURN_IF_ERROR(QuantizeModelMultiplier(
      context, real_multiplier, "input / output",
      &data->multiplier, &data->shift));
  if (mean && data->reduced_count > 0) {
    FoldCountIntoMultiplier(data->reduced_count, &data->multiplier,
                            &data->shift);
  }
  return Status::kOk;
}

Status PrepareReduceMaxMin(OpContext& context) {
  ReduceOpData* data = nullptr;
  TFM_RETURN_IF_ERROR(
      PrepareReduce(context, kReduceNumericAndBoolTypes, &data));
  const Tensor* input = context.input(kInputTensor);
  if (input->type != DataType::kInt8 && input->type != DataType::kInt16) {
    return Status::kOk;
  }
  const Tensor* output = context.output(kOutputTensor);
  TFM_RETURN_IF_ERROR(ExpectQuantized(context, input, "input"));
  TFM_RETURN_IF_ERROR(ExpectQuantized(context, output, "output"));
  // Values are compared, not rescaled.
  TFM_RETURN_IF_ERROR(
      ExpectSameQuantization(context, input, "input", output, "output"));
  if (input->type == DataType::kInt16) {
    TFM_ENSURE(context, input->zero_point() == 0,
               "INT16 tensors must have zero point 0, got %d",
               static_cast<int>(input->zero_point()));
  }
  return Status::kOk;
}

namespace {

template <typename T>
void ReduceMaxMin(const ReduceOpData& data, bool max, const T* input,
                  T* output) {
  const auto finish = [&](int64_t i, T value) { output[i] = value; };
  if (max) {
    ReduceEach(
        data, input, std::numeric_limits<T>::lowest(),
        [](T acc, T x) { return x > acc ? x : acc; }, finish);
  } else {
    ReduceEach(
        data, input, std::numeric_limits<T>::max(),
        [](T acc, T x) { return x < acc ? x : acc; }, finish);
  }
}

}  // namespace

void ReduceBool(const ReduceOpData& data, const Tensor* input, bool any,
                Tensor* output) {
  uint8_t* out = output->data_as<uint8_t>();
  const auto finish = [&](int64_t i, bool value) { out[i] = value ? 1 : 0; };
  if (any) {
    ReduceEach(
        data, input->data_as<BoolByte>(), false,
        [](bool acc, BoolByte x) { return acc || x; }, finish);
  } else {
    ReduceEach(
        data, input->data_as<BoolByte>(), true,
        [](bool acc, BoolByte x) { return acc && x; }, finish);
  }
}

Status PrepareReduceAnyAll(OpContext& context) {
  ReduceOpData* data = nullptr;
  return PrepareReduce(context, TypeBit(DataType::kBool), &data);
}

Status EvalReduceAnyAll(OpContext& context, bool any) {
  const auto& data = *static_cast<const ReduceOpData*>(context.op_data());
  ReduceBool(data, context.input(kInputTensor), any,
             context.output(kOutputTensor));
  return Status::kOk;
}

Status EvalReduceMaxMin(OpContext& context, bool max) {
  const auto& data = *static_cast<const ReduceOpData*>(context.op_data());
  const Tensor* input = context.input(kInputTensor);
  Tensor* output = context.output(kOutputTensor);
  switch (input->type) {
    case DataType::kBool:
      ReduceBool(data, input, /*any=*/max, output);
      break;
    case DataType::kFloat32:
      ReduceMaxMin(data, max, input->data_as<float>(),
                   output->data_as<float>());
      break;
    case DataType::kInt8:
      ReduceMaxMin(data, max, input->data_as<int8_t>(),
                   output->data_as<int8_t>());
      break;
    case DataType::kInt16:
      ReduceMaxMin(data, max, input->data_as<int16_t>(),
                   output->data_as<int16_t>());
      break;
    case DataType::kInt32:
      ReduceMaxMin(data, max, input->data_as<int32_t>(),
                   output->data_as<int32_t>());
      break;
    default:
      ReduceMaxMin(data, max, input->data_as<int64_t>(),
                   output->data_as<int64_t>());
      break;
  }
  return Status::kOk;
}

template <typename In>
void ReduceRequantizedSum(const ReduceOpData& data, const In* input,
                          In* output) {
  if (data.reduced_count == 0) {
    for (int64_t i = 0; i < data.num_outputs; ++i) output[i] = 0;
    return;
  }
  constexpr int32_t kMin = std::numeric_limits<In>::min();
  constexpr int32_t kMax = std::numeric_limits<In>::max();
  const int64_t zero_point_sum =
      static_cast<int64_t>(data.input_zero_point) * data.reduced_count;
  ReduceEach(
      data, input, int64_t{0},
      [](int64_t acc, In x) { return acc + x; },
      [&](int64_t i, int64_t sum) {
        // TFLite keeps the sum in int32 (wrapping); the same modulo 2^32.
        const int32_t shifted_sum = static_cast<int32_t>(static_cast<uint32_t>(
            static_cast<uint64_t>(sum - zero_point_sum)));
        const int32_t value =
            MultiplyByQuantizedMultiplier(shifted_sum, data.multiplier,
                                          data.shift) +
            data.output_zero_point;
        output[i] = static_cast<In>(Clamp<int32_t>(value, kMin, kMax));
      });
}

template <typename T>
void ReduceIntegerSumOrMean(const ReduceOpData& data, const T* input,
                            bool divide, T* output) {
  using Unsigned = typename std::make_unsigned<T>::type;
  ReduceEach(
      data, input, int64_t{0},
      [divide](int64_t acc, T x) {
        // MEAN sums in int64; SUM in T, wrapping.
        return divide ? acc + x
                      : static_cast<int64_t>(static_cast<T>(
                            static_cast<Unsigned>(acc) +
                            static_cast<Unsigned>(x)));
      },
      [&](int64_t i, int64_t sum) {
        output[i] = static_cast<T>(
            divide && data.reduced_count > 0 ? sum / data.reduced_count : sum);
      });
}

Status PrepareSumOrMean(OpContext& context, bool mean, TypeSet types) {
  ReduceOpData* data = nullptr;
  TFM_RETURN_IF_ERROR(PrepareReduce(context, types, &data));
  const DataType type = context.input(kInputTensor)->type;
  if (type != DataType::kInt8 && type != DataType::kInt16) return Status::kOk;
  return PrepareReduceRequantize(context, mean, data);
}

void EvalWideSumOrMean(const ReduceOpData& data, const Tensor* input,
                       bool mean, Tensor* output) {
  switch (input->type) {
    case DataType::kInt16:
      ReduceRequantizedSum(data, input->data_as<int16_t>(),
                           output->data_as<int16_t>());
      break;
    case DataType::kInt32:
      ReduceIntegerSumOrMean(data, input->data_as<int32_t>(), mean,
                             output->data_as<int32_t>());
      break;
    default:
      ReduceIntegerSumOrMean(data, input->data_as<int64_t>(), mean,
                             output->data_as<int64_t>());
      break;
  }
}

template void ReduceIntegerSumOrMean<int32_t>(const ReduceOpData&,
                                              const int32_t*, bool, int32_t*);
template void ReduceIntegerSumOrMean<int64_t>(const ReduceOpData&,
                                              const int64_t*, bool, int64_t*);

template void ReduceRequantizedSum<int8_t>(const ReduceOpData&, const int8_t*,
                                           int8_t*);
template void ReduceRequantizedSum<int16_t>(const ReduceOpData&,
                                            const int16_t*, int16_t*);

}  // namespace tfmicro
