// CONCATENATION: joins inputs along one axis (negative counts from the
// end). FLOAT32, INT8, INT16, INT32, INT64 and BOOL.
//
// Beyond TFLite (which accepts neither): a fused activation on FLOAT32 and
// INT8 outputs, and INT8 inputs whose scale or zero point differ from the
// output's, requantized with TFLite's UINT8 formula
//   q_out = round(q_in * s + b) + zp_out,  s = s_in / s_out, b = -zp_in * s
// in float.
#include <cmath>
#include <cstdint>
#include <cstring>

#include "tensorflow_micro/kernels/internal/quantization_util.h"
#include "tensorflow_micro/kernels/internal/tensor_util.h"
#include "tensorflow_micro/kernels/reference_kernels.h"
#include "tensorflow_micro/schema/schema_generated.h"

namespace tfmicro {
namespace {

constexpr int kOutputTensor = 0;
constexpr int kMaxRank = 8;
// Any number of inputs; the bound only keeps the count an int.
constexpr int kMaxInputs = 1 << 16;

// How one INT8 input maps to the output's quantization.
struct Requantization {
  bool needed;
  float scale;
  float bias;
};

struct OpData {
  int axis;
  int64_t outer_size;  // product of the output dims before the axis
  int64_t inner_size;  // product of the output dims after the axis
  size_t element_size;
  int activation;
  float activation_min_f;
  float activation_max_f;
  int32_t activation_min;
  int32_t activation_max;
  int32_t output_zero_point;
  bool clamp_int8;  // the activation narrows the INT8 range
  // INT8 only, one per input; nullptr when no input needs requantizing.
  Requantization* requantization;
};

bool IsSupportedType(DataType type) {
  switch (type) {
    case DataType::kFloat32:
    case DataType::kInt8:
    case DataType::kInt16:
    case DataType::kInt32:
    case DataType::kInt64:
    case DataType::kBool:
      return true;
    default:
      return false;
  }
}

// Largest input / output scale ratio an int8 input may have.
constexpr float kMaxRescale = 8388608.f;  // 2^23

Status PrepareInt8(OpContext& context, const Tensor* output, OpData* data) {
  TFM_RETURN_IF_ERROR(ExpectPerTensorQuantized(context, output, "output"));
  const int count = context.num_inputs();
  bool any = false;
  for (int i = 0; i < count; ++i) {
    const Tensor* input = context.input(i);
    TFM_RETURN_IF_ERROR(ExpectPerTensorQuantized(context, input, "input"));
    any = any || input->scale() != output->scale() ||
          input->zero_point() != output->zero_point();
  }
  data->output_zero_point = output->zero_point();
  TFM_RETURN_IF_ERROR(CalculateActivationRangeQuantized(
      context, data->activation, output, &data->activation_min,
      &data->activation_max));
  data->clamp_int8 = data->activation_min > -128 || data->activation_max < 127;
  if (!any) return Status::kOk;
  data->requantization = static_cast<Requantization*>(
      context.AllocatePersistent(sizeof(Requantization) * count));
  if (data->requantization == nullptr) return Status::kArenaTooSmall;
  const float inverse_output_scale = 1.f / output->scale();
  for (int i = 0; i < count; ++i) {
    const Tensor* input = context.input(i);
    Requantization& r = data->requantization[i];
    r.needed = input->scale() != output->scale() ||
               input->zero_point() != output->zero_point();
    r.scale = input->scale() * inverse_output_scale;
    r.bias = static_cast<float>(-input->zero_point()) * r.scale;
    // Eval converts scale * (q - zero point), |q - zero point| <= 255, to
    // int32: the ratio must keep that below 2^31.
    TFM_ENSURE(context, std::isfinite(r.scale) && r.scale < kMaxRescale,
               "input %d / output scale ratio %g is too large (at most "
               "2^23)",
               i, static_cast<double>(r.scale));
  }
  return Status::kOk;
}

Status Prepare(OpContext& context) {
  TFM_RETURN_IF_ERROR(ExpectIoCount(context, 1, kMaxInputs, 1));
  const Tensor* first = context.input(0);
  const Tensor* output = context.output(kOutputTensor);
  const auto* opts = context.options<schema::ConcatenationOptions>();
  const DataType type = first->type;
  if (!IsSupportedType(type)) {
    return context.Error(
        "input type %s not supported (expected FLOAT32, INT8, INT16, INT32, "
        "INT64 or BOOL)",
        DataTypeName(type));
  }
  TFM_RETURN_IF_ERROR(
      ExpectSameType(context, output, "output", first, "input 0"));

  OpData* data = AllocateOpData<OpData>(context);
  if (data == nullptr) return Status::kArenaTooSmall;
  data->element_size = DataTypeSize(type);
  data->activation = FusedActivationOf(opts);
  // Scalars concatenate into a vector, as if each had shape [1].
  const int rank = first->rank == 0 ? 1 : first->rank;
  const int requested_axis = opts != nullptr ? opts->axis() : 0;
  const int axis = requested_axis < 0 ? requested_axis + rank : requested_axis;
  TFM_ENSURE(context, axis >= 0 && axis < rank,
             "axis %d out of range for inputs of rank %d", requested_axis,
             static_cast<int>(first->rank));
  data->axis = axis;

  const int count = context.num_inputs();
  int32_t output_dims[kMaxRank];
  TFM_ENSURE(context, rank <= kMaxRank,
             "input rank %d not supported (at most %d)", rank, kMaxRank);
  int64_t axis_sum = 0;
  for (int i = 0; i < count; ++i) {
    const Tensor* input = context.input(i);
    TFM_ENSURE(context, input != nullptr, "input %d is missing", i);
    TFM_ENSURE(context, input->type == type,
               "input %d type %s differs from input 0 type %s", i,
               DataTypeName(input->type), DataTypeName(type));
    TFM_ENSURE(context, input->rank == first->rank,
               "input %d rank %d differs from input 0 rank %d", i,
               static_cast<int>(input->rank), static_cast<int>(first->rank));
    for (int d = 0; d < first->rank; ++d) {
      if (d != axis && input->dims[d] != first->dims[d]) {
        return context.Error(
            "input %d shape %s differs from input 0 shape %s outside axis %d",
            i, ShapeText(*input).text, ShapeText(*first).text, axis);
      }
    }
    axis_sum += first->rank == 0 ? 1 : input->dims[axis];
  }
  for (int d = 0; d < rank; ++d) {
    output_dims[d] =
        d == axis ? static_cast<int32_t>(axis_sum) : first->dims[d];
  }
  TFM_RETURN_IF_ERROR(
      ExpectShape(context, output, "output", output_dims, rank));
  data->outer_size = ProductOfDims(output_dims, 0, axis);
  data->inner_size = ProductOfDims(output_dims, axis + 1, rank);

  switch (type) {
    case DataType::kFloat32:
      return CalculateActivationRangeFloat(context, data->activation,
                                           &data->activation_min_f,
                                           &data->activation_max_f);
    case DataType::kInt8:
      return PrepareInt8(context, output, data);
    default:
      TFM_ENSURE(
          context, data->activation == kActivationNone,
          "fused activation %s is not supported for %s",
          schema::EnumNameActivationFunctionType(
              static_cast<schema::ActivationFunctionType>(data->activation)),
          DataTypeName(type));
      return Status::kOk;
  }
}

void CopyInt8(const OpData& d, const Requantization* r, const int8_t* in,
              int8_t* out, int64_t count) {
  if (r == nullptr || !r->needed) {
    if (!d.clamp_int8) {
      std::memcpy(out, in, static_cast<size_t>(count));
      return;
    }
    for (int64_t j = 0; j < count; ++j) {
      out[j] = static_cast<int8_t>(
          Clamp<int32_t>(in[j], d.activation_min, d.activation_max));
    }
    return;
  }
  for (int64_t j = 0; j < count; ++j) {
    const int32_t value =
        static_cast<int32_t>(std::round(in[j] * r->scale + r->bias)) +
        d.output_zero_point;
    out[j] =
        static_cast<int8_t>(Clamp(value, d.activation_min, d.activation_max));
  }
}

Status Eval(OpContext& context) {
  const auto& d = *static_cast<const OpData*>(context.op_data());
  Tensor* output = context.output(kOutputTensor);
  const int count = context.num_inputs();
  const bool clamp_float =
      output->type == DataType::kFloat32 && d.activation != kActivationNone;
  const bool int8 = output->type == DataType::kInt8;
  auto* out = static_cast<uint8_t*>(output->data);
  for (int64_t k = 0; k < d.outer_size; ++k) {
    for (int i = 0; i < count; ++i) {
      const Tensor* input = context.input(i);
      const int64_t block =
          (input->rank == 0 ? 1 : input->dims[d.axis]) * d.inner_size;
      const size_t bytes = static_cast<size_t>(block) * d.element_size;
      const auto* in = static_cast<const uint8_t*>(input->data) + k * bytes;
      if (int8) {
        CopyInt8(d,
                 d.requantization != nullptr ? &d.requantization[i] : nullptr,
                 reinterpret_cast<const int8_t*>(in),
                 reinterpret_cast<int8_t*>(out), block);
      } else if (clamp_float) {
        const auto* from = reinterpret_cast<const float*>(in);
        auto* to = reinterpret_cast<float*>(out);
        for (int64_t j = 0; j < block; ++j) {
          to[j] =
              ActivationClamp(from[j], d.activation_min_f, d.activation_max_f);
        }
      } else {
        std::memcpy(out, in, bytes);
      }
      out += bytes;
    }
  }
  return Status::kOk;
}

}  // namespace

const KernelRegistration& Register_CONCATENATION() {
  static const KernelRegistration r = {nullptr, Prepare, Eval, nullptr};
  return r;
}

}  // namespace tfmicro
