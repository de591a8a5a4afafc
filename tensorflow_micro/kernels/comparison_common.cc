#include "tensorflow_micro/kernels/comparison_common.h"

#include "tensorflow_micro/kernels/internal/tensor_util.h"

namespace tfmicro {
namespace {

// A scale as a Q31 multiplier and a right shift, which must be below one
// for the common-scale comparison.
Status ScaleMultiplier(OpContext& context, const Tensor* input,
                       const char* role, int32_t* multiplier, int* shift) {
  TFM_RETURN_IF_ERROR(ExpectPerTensorQuantized(context, input, role));
  TFM_RETURN_IF_ERROR(QuantizeModelMultiplier(context, input->scale(), role,
                                              multiplier, shift));
  TFM_ENSURE(context, *shift <= 0,
             "%s scale %g must be below 1 for a quantized comparison", role,
             static_cast<double>(input->scale()));
  return Status::kOk;
}

}  // namespace

Status ComparisonPrepare(OpContext& context, TypeSet types,
                         bool rescale_int16) {
  ComparisonOpData* data = AllocateOpData<ComparisonOpData>(context);
  if (data == nullptr) return Status::kArenaTooSmall;
  TFM_RETURN_IF_ERROR(
      PrepareBroadcastBinaryOp(context, types, true, &data->broadcast));
  const Tensor* input1 = context.input(0);
  const Tensor* input2 = context.input(1);
  // Unquantized INT16 compares raw (TFLite's EQUAL does; its NOT_EQUAL
  // gives no consistent result there).
  data->rescaled =
      input1->type == DataType::kInt8 ||
      (rescale_int16 && input1->type == DataType::kInt16 &&
       input1->quant.num_channels > 0);
  if (!data->rescaled) return Status::kOk;
  data->input1_offset = -input1->zero_point();
  data->input2_offset = -input2->zero_point();
  TFM_RETURN_IF_ERROR(ScaleMultiplier(context, input1, "input1",
                                      &data->input1_multiplier,
                                      &data->input1_shift));
  return ScaleMultiplier(context, input2, "input2", &data->input2_multiplier,
                         &data->input2_shift);
}

}  // namespace tfmicro
