// RESHAPE: the same elements under the output tensor's shape, any type.
//
// The output shape is the one the model gives the output tensor. The shape
// input (a constant INT32 vector) or the new_shape option, when present, is
// checked against it with TFLite's rules (one -1 entry is inferred; [0] in
// the option means a scalar).
#include <cstdint>

#include "tensorflow_micro/kernels/data_movement_common.h"
#include "tensorflow_micro/kernels/internal/in_place.h"
#include "tensorflow_micro/kernels/internal/tensor_util.h"
#include "tensorflow_micro/kernels/reference_kernels.h"
#include "tensorflow_micro/schema/schema_generated.h"

namespace tfmicro {
namespace {

constexpr int kInputTensor = 0;
constexpr int kShapeTensor = 1;
constexpr int kOutputTensor = 0;

// A tensor has at most 2^31 bytes (kMaxTensorBytes), so fewer elements.
constexpr int64_t kMaxRequestedElements = int64_t{1} << 31;

// Checks a requested shape (entries `shape[0..rank)`, at most one -1)
// against the output tensor. `source` names where the shape came from.
template <typename Getter>
Status CheckRequestedShape(OpContext& context, const Tensor* input,
                           const Tensor* output, int rank, Getter shape,
                           const char* source) {
  int stretch = -1;
  int64_t known = 1;
  bool matches = rank == output->rank;
  for (int i = 0; i < rank; ++i) {
    const int32_t value = shape(i);
    if (value == -1) {
      TFM_ENSURE(context, stretch == -1, "%s has more than one -1 entry",
                 source);
      stretch = i;
    } else {
      TFM_ENSURE(context, value >= 0, "%s entry %d is negative (%d)", source, i,
                 static_cast<int>(value));
      // known stays below 2^31 before each product, so none overflows.
      known *= value;
      TFM_ENSURE(context, known <= kMaxRequestedElements,
                 "%s asks for more than %lld elements", source,
                 static_cast<long long>(kMaxRequestedElements));
      if (matches && value != output->dims[i]) matches = false;
    }
  }
  if (stretch >= 0 && matches) {
    const int64_t inferred = known == 0 ? 0 : input->num_elements() / known;
    matches = inferred == output->dims[stretch];
  }
  if (!matches) {
    int32_t requested[8];
    const int shown = rank < 8 ? rank : 8;
    for (int i = 0; i < shown; ++i) requested[i] = shape(i);
    return context.Error("output shape %s does not match the %s %s",
                         ShapeText(*output).text, source,
                         ShapeText(requested, shown).text);
  }
  return Status::kOk;
}

Status Prepare(OpContext& context) {
  TFM_RETURN_IF_ERROR(ExpectIoCount(context, 1, 2, 1));
  const Tensor* input = context.input(kInputTensor);
  const Tensor* shape = context.input(kShapeTensor);
  const Tensor* output = context.output(kOutputTensor);
  TFM_RETURN_IF_ERROR(
      ExpectSameType(context, output, "output", input, "input"));
  TFM_ENSURE(context, DataTypeSize(input->type) != 0,
             "input type %s not supported (no fixed element size)",
             DataTypeName(input->type));
  TFM_ENSURE(
      context, input->num_elements() == output->num_elements(),
      "input shape %s has %lld elements but output shape %s has %lld",
      ShapeText(*input).text, static_cast<long long>(input->num_elements()),
      ShapeText(*output).text, static_cast<long long>(output->num_elements()));
  TFM_ENSURE(context, input->bytes == output->bytes,
             "input has %lu bytes but output has %lu",
             static_cast<unsigned long>(input->bytes),
             static_cast<unsigned long>(output->bytes));

  if (shape != nullptr && shape->rank == 1 && shape->type == DataType::kInt32) {
    if (!shape->is_constant) return Status::kOk;  // computed at run time
    const int32_t* values = shape->data_as<int32_t>();
    return CheckRequestedShape(
        context, input, output, shape->dims[0],
        [values](int i) { return values[i]; }, "shape input");
  }
  const auto* opts = context.options<schema::ReshapeOptions>();
  if (opts == nullptr || opts->new_shape() == nullptr) return Status::kOk;
  const auto* new_shape = opts->new_shape();
  int rank = static_cast<int>(new_shape->size());
  if (rank == 1 && new_shape->Get(0) == 0) rank = 0;  // legacy scalar
  return CheckRequestedShape(
      context, input, output, rank,
      [new_shape](int i) {
        return static_cast<int32_t>(new_shape->Get(static_cast<uint32_t>(i)));
      },
      "new_shape option");
}

}  // namespace

const KernelRegistration& Register_RESHAPE() {
  static const KernelRegistration r = {nullptr, PrepareView<Prepare>,
                                       EvalCopyInput, nullptr};
  return r;
}

}  // namespace tfmicro
