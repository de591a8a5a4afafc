// PAD: surrounds the input with a constant, per dimension `before` and
// `after` elements from a constant [rank, 2] INT32 or INT64 paddings input.
// Ranks up to 6; FLOAT32, INT8, UINT8, INT16, INT32, INT64.
//
// The pad value is 0, or the output zero point for quantized tensors (the
// quantized zero), or the optional third input (PADV2's constant_values).
#include <cstdint>
#include <cstring>

#include "tensorflow_micro/kernels/internal/tensor_util.h"
#include "tensorflow_micro/kernels/reference_kernels.h"

namespace tfmicro {
namespace {

constexpr int kInputTensor = 0;
constexpr int kPaddingsTensor = 1;
constexpr int kConstantValuesTensor = 2;
constexpr int kOutputTensor = 0;

constexpr int kMaxPadRank = 6;

struct OpData {
  int rank;
  int32_t input_dims[kMaxPadRank];
  int32_t before[kMaxPadRank];
  int32_t after[kMaxPadRank];
  // Elements of the output per step along each dimension.
  int64_t output_strides[kMaxPadRank];
  // The pad value's bytes (one element).
  uint8_t pad_value[8];
  size_t element_size;
};

bool IsSupportedType(DataType type) {
  switch (type) {
    case DataType::kFloat32:
    case DataType::kInt8:
    case DataType::kUInt8:
    case DataType::kInt16:
    case DataType::kInt32:
    case DataType::kInt64:
      return true;
    default:
      return false;
  }
}

int64_t PaddingAt(const Tensor* paddings, int i) {
  return paddings->type == DataType::kInt32 ? paddings->data_as<int32_t>()[i]
                                            : paddings->data_as<int64_t>()[i];
}

// Sets the pad value: the constant input if present, else the quantized zero
// (output zero point) or 0.
Status PreparePadValue(OpContext& context, const Tensor* constant,
                       const Tensor* output, OpData* data) {
  std::memset(data->pad_value, 0, sizeof(data->pad_value));
  if (constant != nullptr) {
    TFM_RETURN_IF_ERROR(
        ExpectSameType(context, constant, "constant_values", output, "output"));
    TFM_ENSURE(context, constant->num_elements() == 1,
               "constant_values must hold one element, got shape %s",
               ShapeText(*constant).text);
    TFM_ENSURE(context, constant->is_constant,
               "constant_values must be a constant tensor");
    if (output->quant.num_channels > 0) {
      TFM_ENSURE(context,
                 constant->zero_point() == output->zero_point() &&
                     constant->scale() == output->scale(),
                 "constant_values quantization (scale %g, zero point %d) "
                 "differs from the output's (scale %g, zero point %d)",
                 static_cast<double>(constant->scale()),
                 static_cast<int>(constant->zero_point()),
                 static_cast<double>(output->scale()),
                 static_cast<int>(output->zero_point()));
    }
    std::memcpy(data->pad_value, constant->data, data->element_size);
    return Status::kOk;
  }
  const bool quantized =
      output->quant.num_channels > 0 &&
      (output->type == DataType::kInt8 || output->type == DataType::kUInt8 ||
       output->type == DataType::kInt16);
  if (!quantized) return Status::kOk;
  const int32_t zero_point = output->zero_point();
  switch (output->type) {
    case DataType::kInt8: {
      TFM_ENSURE(context, zero_point >= -128 && zero_point <= 127,
                 "output zero point %d outside INT8",
                 static_cast<int>(zero_point));
      const auto value = static_cast<int8_t>(zero_point);
      std::memcpy(data->pad_value, &value, sizeof(value));
      break;
    }
    case DataType::kUInt8: {
      TFM_ENSURE(context, zero_point >= 0 && zero_point <= 255,
                 "output zero point %d outside UINT8",
                 static_cast<int>(zero_point));
      const auto value = static_cast<uint8_t>(zero_point);
      std::memcpy(data->pad_value, &value, sizeof(value));
      break;
    }
    default: {
      TFM_ENSURE(context, zero_point >= -32768 && zero_point <= 32767,
                 "output zero point %d outside INT16",
                 static_cast<int>(zero_point));
      const auto value = static_cast<int16_t>(zero_point);
      std::memcpy(data->pad_value, &value, sizeof(value));
      break;
    }
  }
  return Status::kOk;
}

Status Prepare(OpContext& context) {
  TFM_RETURN_IF_ERROR(ExpectIoCount(context, 2, 3, 1));
  const Tensor* input = context.input(kInputTensor);
  const Tensor* paddings = context.input(kPaddingsTensor);
  const Tensor* constant = context.input(kConstantValuesTensor);
  const Tensor* output = context.output(kOutputTensor);
  if (!IsSupportedType(input->type)) {
    return context.Error(
        "input type %s not supported (expected FLOAT32, INT8, UINT8, INT16, "
        "INT32 or INT64)",
        DataTypeName(input->type));
  }
  TFM_RETURN_IF_ERROR(
      ExpectSameType(context, output, "output", input, "input"));
  TFM_ENSURE(context, input->rank <= kMaxPadRank,
             "input rank %d not supported (at most %d)",
             static_cast<int>(input->rank), kMaxPadRank);
  if (paddings->type != DataType::kInt32 &&
      paddings->type != DataType::kInt64) {
    return context.Error(
        "paddings type %s not supported (expected INT32 or "
        "INT64)",
        DataTypeName(paddings->type));
  }
  TFM_ENSURE(context, paddings->is_constant,
             "paddings must be a constant tensor");
  const int32_t expected_paddings_shape[2] = {input->rank, 2};
  TFM_RETURN_IF_ERROR(
      ExpectShape(context, paddings, "paddings", expected_paddings_shape, 2));

  OpData* data = AllocateOpData<OpData>(context);
  if (data == nullptr) return Status::kArenaTooSmall;
  data->rank = input->rank;
  data->element_size = DataTypeSize(input->type);
  int32_t output_dims[kMaxPadRank];
  for (int i = 0; i < input->rank; ++i) {
    const int64_t before = PaddingAt(paddings, 2 * i);
    const int64_t after = PaddingAt(paddings, 2 * i + 1);
    TFM_ENSURE(
        context,
        before >= 0 && after >= 0 && before <= INT32_MAX && after <= INT32_MAX,
        "paddings of dimension %d must be non-negative, got [%lld, "
        "%lld]",
        i, static_cast<long long>(before), static_cast<long long>(after));
    data->input_dims[i] = input->dims[i];
    data->before[i] = static_cast<int32_t>(before);
    data->after[i] = static_cast<int32_t>(after);
    const int64_t extent = input->dims[i] + before + after;
    TFM_ENSURE(context, extent <= INT32_MAX, "output dimension %d overflows",
               i);
    output_dims[i] = static_cast<int32_t>(extent);
  }
  TFM_RETURN_IF_ERROR(
      ExpectShape(context, output, "output", output_dims, input->rank));
  int64_t stride = 1;
  for (int i = input->rank - 1; i >= 0; --i) {
    data->output_strides[i] = stride;
    stride *= output_dims[i];
  }
  return PreparePadValue(context, constant, output, data);
}

// Fills `count` elements at `out` with the pad value; returns the end.
uint8_t* Fill(const OpData& d, uint8_t* out, int64_t count) {
  const size_t size = d.element_size;
  for (int64_t i = 0; i < count; ++i) {
    std::memcpy(out, d.pad_value, size);
    out += size;
  }
  return out;
}

// Writes the padded block of dimension `dim` and returns the end of the
// output written and, through `in`, the end of the input read.
uint8_t* PadDimension(const OpData& d, int dim, const uint8_t** in,
                      uint8_t* out) {
  const size_t size = d.element_size;
  const int64_t block = d.output_strides[dim];
  out = Fill(d, out, d.before[dim] * block);
  if (dim == d.rank - 1) {
    const size_t bytes = static_cast<size_t>(d.input_dims[dim]) * size;
    std::memcpy(out, *in, bytes);
    out += bytes;
    *in += bytes;
  } else {
    for (int32_t i = 0; i < d.input_dims[dim]; ++i) {
      out = PadDimension(d, dim + 1, in, out);
    }
  }
  return Fill(d, out, d.after[dim] * block);
}

Status Eval(OpContext& context) {
  const auto& d = *static_cast<const OpData*>(context.op_data());
  const Tensor* input = context.input(kInputTensor);
  Tensor* output = context.output(kOutputTensor);
  const auto* in = static_cast<const uint8_t*>(input->data);
  auto* out = static_cast<uint8_t*>(output->data);
  if (d.rank == 0) {
    std::memcpy(out, in, d.element_size);
    return Status::kOk;
  }
  PadDimension(d, 0, &in, out);
  return Status::kOk;
}

}  // namespace

const KernelRegistration& Register_PAD() {
  static const KernelRegistration r = {nullptr, Prepare, Eval, nullptr};
  return r;
}

}  // namespace tfmicro
