#include "tensorflow_micro/kernels/pad_common.h"

#include <cstdint>
#include <cstring>

#include "tensorflow_micro/kernels/internal/tensor_util.h"
#include "tensorflow_micro/kernels/internal/type_set.h"

namespace tfmicro {
namespace {

constexpr int kInputTensor = 0;
constexpr int kPaddingsTensor = 1;
constexpr int kConstantValuesTensor = 2;
constexpr int kOutputTensor = 0;

struct OpData {
  PadGeometry geometry;
  // The pad value's bytes (one element).
  uint8_t pad_value[8];
};

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
    std::memcpy(data->pad_value, constant->data, data->geometry.element_size);
    // A BOOL constant may hold any byte: nonzero is true, written as 1.
    if (output->type == DataType::kBool) {
      data->pad_value[0] = data->pad_value[0] != 0 ? 1 : 0;
    }
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

}  // namespace

Status PreparePadGeometry(OpContext& context, const Tensor* input,
                          const Tensor* paddings, const Tensor* output,
                          PadGeometry* geometry) {
  TFM_RETURN_IF_ERROR(ExpectTypeIn(
      context, input, "input",
      TypeBit(DataType::kFloat32) | TypeBit(DataType::kInt8) |
          TypeBit(DataType::kUInt8) | TypeBit(DataType::kInt16) |
          TypeBit(DataType::kInt32) | TypeBit(DataType::kInt64) |
          TypeBit(DataType::kBool)));
  TFM_RETURN_IF_ERROR(
      ExpectSameType(context, output, "output", input, "input"));
  TFM_ENSURE(context, input->rank <= kMaxPadRank,
             "input rank %d not supported (at most %d)",
             static_cast<int>(input->rank), kMaxPadRank);
  TFM_RETURN_IF_ERROR(ExpectConstantIndices(context, paddings, "paddings"));
  const int32_t expected_paddings_shape[2] = {input->rank, 2};
  TFM_RETURN_IF_ERROR(
      ExpectShape(context, paddings, "paddings", expected_paddings_shape, 2));

  geometry->rank = input->rank;
  geometry->element_size = DataTypeSize(input->type);
  for (int i = 0; i < input->rank; ++i) {
    const int64_t before = IndexAt(paddings, 2 * i);
    const int64_t after = IndexAt(paddings, 2 * i + 1);
    TFM_ENSURE(
        context,
        before >= 0 && after >= 0 && before <= INT32_MAX && after <= INT32_MAX,
        "paddings of dimension %d must be non-negative, got [%lld, "
        "%lld]",
        i, static_cast<long long>(before), static_cast<long long>(after));
    geometry->input_dims[i] = input->dims[i];
    geometry->before[i] = static_cast<int32_t>(before);
    geometry->after[i] = static_cast<int32_t>(after);
    const int64_t extent = input->dims[i] + before + after;
    TFM_ENSURE(context, extent <= INT32_MAX, "output dimension %d overflows",
               i);
    geometry->output_dims[i] = static_cast<int32_t>(extent);
  }
  TFM_RETURN_IF_ERROR(ExpectShape(context, output, "output",
                                  geometry->output_dims, input->rank));
  int64_t stride = 1;
  for (int i = input->rank - 1; i >= 0; --i) {
    geometry->output_strides[i] = stride;
    stride *= geometry->output_dims[i];
  }
  return Status::kOk;
}

Status PrepareConstantPad(OpContext& context) {
  TFM_RETURN_IF_ERROR(ExpectIoCount(context, 2, 3, 1));
  const Tensor* input = context.input(kInputTensor);
  const Tensor* output = context.output(kOutputTensor);
  OpData* data = AllocateOpData<OpData>(context);
  if (data == nullptr) return Status::kArenaTooSmall;
  TFM_RETURN_IF_ERROR(PreparePadGeometry(context, input,
                                         context.input(kPaddingsTensor),
                                         output, &data->geometry));
  return PreparePadValue(context, context.input(kConstantValuesTensor),
                         output, data);
}

namespace {

// Fills `count` elements at `out` with the pad value; returns the end.
uint8_t* Fill(const OpData& d, uint8_t* out, int64_t count) {
  const size_t size = d.geometry.element_size;
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
  const PadGeometry& g = d.geometry;
  const size_t size = g.element_size;
  const int64_t block = g.output_strides[dim];
  out = Fill(d, out, g.before[dim] * block);
  if (dim == g.rank - 1) {
    const size_t bytes = static_cast<size_t>(g.input_dims[dim]) * size;
    CopyBytes(out, *in, bytes);
    out += bytes;
    *in += bytes;
  } else {
    for (int32_t i = 0; i < g.input_dims[dim]; ++i) {
      out = PadDimension(d, dim + 1, in, out);
    }
  }
  return Fill(d, out, g.after[dim] * block);
}

}  // namespace

Status EvalConstantPad(OpContext& context) {
  const auto& d = *static_cast<const OpData*>(context.op_data());
  const Tensor* input = context.input(kInputTensor);
  Tensor* output = context.output(kOutputTensor);
  const auto* in = static_cast<const uint8_t*>(input->data);
  auto* out = static_cast<uint8_t*>(output->data);
  if (d.geometry.rank == 0) {
    CopyBytes(out, in, d.geometry.element_size);
    return Status::kOk;
  }
  PadDimension(d, 0, &in, out);
  return Status::kOk;
}

}  // namespace tfmicro
