// MIRROR_PAD: pads every dimension with its own elements mirrored at the
// edges, `before` and `after` counts from a constant [rank, 2] INT32 or
// INT64 paddings input. REFLECT leaves the edge element out of the mirror
// (padding at most dim - 1), SYMMETRIC repeats it (at most dim). Ranks up
// to 6; FLOAT32, INT8, UINT8, INT16, INT32, INT64, BOOL.
#include <cstdint>
#include <cstring>

#include "tensorflow_micro/kernels/internal/strided_copy.h"
#include "tensorflow_micro/kernels/internal/tensor_util.h"
#include "tensorflow_micro/kernels/pad_common.h"
#include "tensorflow_micro/kernels/reference_kernels.h"
#include "tensorflow_micro/schema/schema_generated.h"

namespace tfmicro {
namespace {

constexpr int kInputTensor = 0;
constexpr int kPaddingsTensor = 1;
constexpr int kOutputTensor = 0;

struct OpData {
  PadGeometry geometry;
  int64_t input_strides[kMaxPadRank];
  // 0 for REFLECT, 1 for SYMMETRIC: how far the mirror is from the edge.
  int32_t edge;
};

Status Prepare(OpContext& context) {
  TFM_RETURN_IF_ERROR(ExpectIoCount(context, 2, 2, 1));
  const Tensor* input = context.input(kInputTensor);
  const Tensor* output = context.output(kOutputTensor);
  OpData* data = AllocateOpData<OpData>(context);
  if (data == nullptr) return Status::kArenaTooSmall;
  PadGeometry& g = data->geometry;
  TFM_RETURN_IF_ERROR(PreparePadGeometry(
      context, input, context.input(kPaddingsTensor), output, &g));
  TFM_RETURN_IF_ERROR(
      ExpectSameQuantization(context, input, "input", output, "output"));
  const auto* opts = context.options<schema::MirrorPadOptions>();
  const bool symmetric =
      opts != nullptr && opts->mode() == schema::MirrorPadMode_SYMMETRIC;
  data->edge = symmetric ? 1 : 0;
  for (int i = 0; i < g.rank; ++i) {
    const int32_t limit = symmetric ? g.input_dims[i] : g.input_dims[i] - 1;
    TFM_ENSURE(context, g.before[i] <= limit && g.after[i] <= limit,
               "paddings [%d, %d] of dimension %d exceed %d, the most %s "
               "mode allows for size %d",
               static_cast<int>(g.before[i]), static_cast<int>(g.after[i]), i,
               static_cast<int>(limit > 0 ? limit : 0),
               symmetric ? "SYMMETRIC" : "REFLECT",
               static_cast<int>(g.input_dims[i]));
  }
  RowMajorStrides(g.input_dims, g.rank, data->input_strides);
  return Status::kOk;
}

// The input index mirrored for output index i of a dimension.
int32_t SourceIndex(int32_t i, int32_t before, int32_t dim, int32_t edge) {
  const int32_t j = i - before;
  if (j < 0) return -j - edge;
  if (j >= dim) return 2 * dim - 2 + edge - j;
  return j;
}

template <typename T>
T* PadDimension(const OpData& d, int dim, const T* in, T* out) {
  const PadGeometry& g = d.geometry;
  const int32_t extent = g.output_dims[dim];
  for (int32_t i = 0; i < extent; ++i) {
    const int32_t source =
        SourceIndex(i, g.before[dim], g.input_dims[dim], d.edge);
    const T* at = in + source * d.input_strides[dim];
    if (dim == g.rank - 1) {
      *out++ = *at;
    } else {
      out = PadDimension(d, dim + 1, at, out);
    }
  }
  return out;
}

Status Eval(OpContext& context) {
  const auto& d = *static_cast<const OpData*>(context.op_data());
  const Tensor* input = context.input(kInputTensor);
  Tensor* output = context.output(kOutputTensor);
  if (d.geometry.rank == 0) {
    std::memcpy(output->data, input->data, d.geometry.element_size);
    return Status::kOk;
  }
  WithElementType(d.geometry.element_size, [&](auto tag) {
    using T = decltype(tag);
    PadDimension(d, 0, input->data_as<T>(), output->data_as<T>());
  });
  return Status::kOk;
}

}  // namespace

const KernelRegistration& Register_MIRROR_PAD() {
  static const KernelRegistration r = {nullptr, Prepare, Eval, nullptr};
  return r;
}

}  // namespace tfmicro
