// STRIDED_SLICE: input[begin:end:strides] with TensorFlow's masks
// (begin_mask, end_mask, ellipsis_mask, new_axis_mask, shrink_axis_mask) and
// TFLite's `offset` option (end is relative to begin). begin, end and
// strides are constant INT32 or INT64 vectors; the slice is resolved in
// Prepare, where the resulting shape is checked against the output tensor.
// Any element type of 1, 2, 4 or 8 bytes (FLOAT32, INT8, INT32, ...).
//
// The mask handling follows TFLite's kernel: the ellipsis expands to the
// dimensions the spec leaves out, new axes become dimensions of extent 1,
// dimensions past the spec are taken whole.
#include <cstdint>
#include <cstring>

#include "tensorflow_micro/kernels/internal/tensor_util.h"
#include "tensorflow_micro/kernels/reference_kernels.h"
#include "tensorflow_micro/schema/schema_generated.h"

namespace tfmicro {
namespace {

constexpr int kInputTensor = 0;
constexpr int kBeginTensor = 1;
constexpr int kEndTensor = 2;
constexpr int kStridesTensor = 3;
constexpr int kOutputTensor = 0;

constexpr int kMaxSliceRank = 6;

// The slice over the "effective" input: the input with new axes inserted,
// and the spec aligned to it.
struct SliceSpec {
  int rank;
  int32_t dims[kMaxSliceRank];
  int32_t begin[kMaxSliceRank];
  int32_t end[kMaxSliceRank];
  int32_t strides[kMaxSliceRank];
  uint32_t begin_mask;
  uint32_t end_mask;
  uint32_t shrink_axis_mask;
  bool offset;
};

// What Eval walks: per effective dimension (right-aligned in
// kMaxSliceRank slots), the first index, the end and the step, plus the
// input's element strides.
struct OpData {
  int32_t start[kMaxSliceRank];
  int32_t stop[kMaxSliceRank];
  int32_t step[kMaxSliceRank];
  int64_t input_strides[kMaxSliceRank];
  size_t element_size;
};

// Entry i of an INT32 or INT64 index vector; INT64 values saturate to the
// INT32 range (indices are clamped to the dimension anyway).
int32_t Element(const Tensor* t, int i) {
  if (t->type == DataType::kInt32) return t->data_as<int32_t>()[i];
  const int64_t v = t->data_as<int64_t>()[i];
  return v > INT32_MAX ? INT32_MAX
                       : (v < INT32_MIN ? INT32_MIN : static_cast<int32_t>(v));
}

bool Bit(uint32_t mask, int i) { return i < 32 && ((mask >> i) & 1u) != 0; }

Status BuildSpec(OpContext& context, const Tensor* input, const Tensor* begin,
                 const Tensor* end, const Tensor* strides,
                 const schema::StridedSliceOptions* opts, SliceSpec* spec) {
  const uint32_t begin_mask =
      opts ? static_cast<uint32_t>(opts->begin_mask()) : 0;
  const uint32_t end_mask = opts ? static_cast<uint32_t>(opts->end_mask()) : 0;
  const uint32_t ellipsis_mask =
      opts ? static_cast<uint32_t>(opts->ellipsis_mask()) : 0;
  const uint32_t new_axis_mask =
      opts ? static_cast<uint32_t>(opts->new_axis_mask()) : 0;
  const uint32_t shrink_axis_mask =
      opts ? static_cast<uint32_t>(opts->shrink_axis_mask()) : 0;
  spec->offset = opts != nullptr && opts->offset();
  const int count = begin->dims[0];

  int num_add_axis = 0;
  for (int i = 0; i < count; ++i) {
    if (!Bit(ellipsis_mask, i) && Bit(new_axis_mask, i)) ++num_add_axis;
  }
  const int rank = input->rank + num_add_axis;
  TFM_ENSURE(context, rank <= kMaxSliceRank,
             "input rank %d with %d new axes exceeds rank %d",
             static_cast<int>(input->rank), num_add_axis, kMaxSliceRank);
  spec->rank = rank;

  // Which effective dimensions the ellipsis covers and which are new axes.
  uint32_t ellipsis = 0;
  uint32_t new_axis = 0;
  int ellipsis_start = rank;
  int expanded_ellipsis = 0;
  for (int i = 0; i < rank;) {
    if (Bit(ellipsis_mask, i)) {
      ellipsis_start = i;
      int ellipsis_end = i + 1 + num_add_axis + input->rank - count;
      ellipsis_end = ellipsis_end < rank ? ellipsis_end : rank;
      ellipsis_end = ellipsis_end > i + 1 ? ellipsis_end : i + 1;
      expanded_ellipsis = ellipsis_end - ellipsis_start - 1;
      for (; i < ellipsis_end; ++i) ellipsis |= 1u << i;
      continue;
    }
    if (Bit(new_axis_mask, i - expanded_ellipsis)) new_axis |= 1u << i;
    ++i;
  }

  spec->begin_mask = 0;
  spec->end_mask = 0;
  spec->shrink_axis_mask = 0;
  int added_ellipsis = 0;
  int added_axes = 0;
  for (int i = 0; i < rank; ++i) {
    if (Bit(ellipsis, i)) {
      added_ellipsis = i - ellipsis_start > 0 ? i - ellipsis_start : 0;
      spec->begin[i] = 0;
      spec->end[i] = 0;
      spec->strides[i] = 1;
      spec->begin_mask |= 1u << i;
      spec->end_mask |= 1u << i;
      spec->dims[i] = input->dims[i - added_axes];
    } else if (Bit(new_axis, i)) {
      spec->begin[i] = 0;
      spec->end[i] = 1;
      spec->strides[i] = 1;
      spec->dims[i] = 1;
      ++added_axes;
    } else if (i >= count + expanded_ellipsis) {
      spec->begin[i] = 0;
      spec->end[i] = 0;
      spec->strides[i] = 1;
      spec->begin_mask |= 1u << i;
      spec->end_mask |= 1u << i;
      spec->dims[i] = input->dims[i - added_axes];
    } else {
      const int original = i - added_ellipsis;
      spec->begin[i] = Element(begin, original);
      spec->end[i] = Element(end, original);
      spec->strides[i] = Element(strides, original);
      if (Bit(begin_mask, original)) spec->begin_mask |= 1u << i;
      if (Bit(end_mask, original)) spec->end_mask |= 1u << i;
      if (Bit(shrink_axis_mask, original)) spec->shrink_axis_mask |= 1u << i;
      spec->dims[i] = input->dims[i - added_axes];
    }
  }
  return Status::kOk;
}

int32_t ClampIndex(int32_t v, int32_t lo, int32_t hi) {
  return v > hi ? hi : (v < lo ? lo : v);
}

// First index along axis i: in [0, size] for positive strides, [-1, size-1]
// for negative ones.
int32_t StartForAxis(const SliceSpec& s, int i) {
  const int32_t size = s.dims[i];
  const int32_t stride = s.strides[i];
  int32_t start = s.begin[i];
  if (start < 0) start += size;
  start =
      stride > 0 ? ClampIndex(start, 0, size) : ClampIndex(start, -1, size - 1);
  if (Bit(s.begin_mask, i)) start = stride > 0 ? 0 : size - 1;
  return start;
}

// One past the last index along axis i (in the direction of the stride).
int32_t StopForAxis(const SliceSpec& s, int i, int32_t start) {
  const int32_t size = s.dims[i];
  if (Bit(s.shrink_axis_mask, i)) return start >= size ? start : start + 1;
  const int32_t stride = s.strides[i];
  // In 64 bits: begin + size may leave the INT32 range.
  int64_t stop = s.end[i];
  if (s.offset) stop += start;
  if (stop < 0) stop += size;
  const int64_t low = stride > 0 ? 0 : -1;
  const int64_t high = stride > 0 ? size : size - 1;
  stop = stop < low ? low : (stop > high ? high : stop);
  if (Bit(s.end_mask, i)) stop = stride > 0 ? size : -1;
  return static_cast<int32_t>(stop);
}

// Number of indices start, start + stride, ... before stop.
int32_t StepCount(int32_t start, int32_t stop, int32_t stride) {
  const int64_t length = static_cast<int64_t>(stop) - start;
  if (stride > 0) {
    return length <= 0 ? 0
                       : static_cast<int32_t>((length + stride - 1) / stride);
  }
  return length >= 0
             ? 0
             : static_cast<int32_t>((-length - stride - 1) / -int64_t{stride});
}

Status CheckIndexTensor(OpContext& context, const Tensor* t, const char* role,
                        int32_t count) {
  if (t->type != DataType::kInt32 && t->type != DataType::kInt64) {
    return context.Error("%s type %s not supported (expected INT32 or INT64)",
                         role, DataTypeName(t->type));
  }
  TFM_ENSURE(context, t->is_constant, "%s must be a constant tensor", role);
  const int32_t expected[1] = {count};
  return ExpectShape(context, t, role, expected, 1);
}

Status Prepare(OpContext& context) {
  TFM_RETURN_IF_ERROR(ExpectIoCount(context, 4, 4, 1));
  const Tensor* input = context.input(kInputTensor);
  const Tensor* begin = context.input(kBeginTensor);
  const Tensor* end = context.input(kEndTensor);
  const Tensor* strides = context.input(kStridesTensor);
  const Tensor* output = context.output(kOutputTensor);
  const size_t element_size = DataTypeSize(input->type);
  if (element_size != 1 && element_size != 2 && element_size != 4 &&
      element_size != 8) {
    return context.Error("input type %s not supported",
                         DataTypeName(input->type));
  }
  TFM_RETURN_IF_ERROR(
      ExpectSameType(context, output, "output", input, "input"));
  TFM_ENSURE(context, begin->rank == 1, "begin must be a vector, got shape %s",
             ShapeText(*begin).text);
  const int32_t count = begin->dims[0];
  TFM_ENSURE(context, count <= kMaxSliceRank,
             "begin has %d entries, at most %d supported",
             static_cast<int>(count), kMaxSliceRank);
  TFM_RETURN_IF_ERROR(CheckIndexTensor(context, begin, "begin", count));
  TFM_RETURN_IF_ERROR(CheckIndexTensor(context, end, "end", count));
  TFM_RETURN_IF_ERROR(CheckIndexTensor(context, strides, "strides", count));

  SliceSpec spec = {};
  TFM_RETURN_IF_ERROR(BuildSpec(context, input, begin, end, strides,
                                context.options<schema::StridedSliceOptions>(),
                                &spec));

  OpData* data = AllocateOpData<OpData>(context);
  if (data == nullptr) return Status::kArenaTooSmall;
  data->element_size = element_size;
  int32_t output_dims[kMaxSliceRank];
  int output_rank = 0;
  const int pad = kMaxSliceRank - spec.rank;
  int64_t input_stride = 1;
  for (int slot = kMaxSliceRank - 1; slot >= 0; --slot) {
    data->input_strides[slot] = input_stride;
    if (slot < pad) {
      data->start[slot] = 0;
      data->stop[slot] = 1;
      data->step[slot] = 1;
      continue;
    }
    input_stride *= spec.dims[slot - pad];
  }
  for (int i = 0; i < spec.rank; ++i) {
    const int32_t stride = spec.strides[i];
    TFM_ENSURE(context, stride != 0, "stride of dimension %d is zero", i);
    const int32_t start = StartForAxis(spec, i);
    const int32_t stop = StopForAxis(spec, i, start);
    if (Bit(spec.shrink_axis_mask, i)) {
      TFM_ENSURE(context, start >= 0 && start < spec.dims[i],
                 "index %d of shrunk dimension %d is out of range for size %d",
                 static_cast<int>(spec.begin[i]), i,
                 static_cast<int>(spec.dims[i]));
    } else {
      output_dims[output_rank++] = StepCount(start, stop, stride);
    }
    data->start[pad + i] = start;
    data->stop[pad + i] = stop;
    data->step[pad + i] = stride;
  }
  // In offset mode TFLite sizes the output from `end` (the slice size) alone.
  if (spec.offset) {
    output_rank = 0;
    for (int i = 0; i < spec.rank; ++i) {
      if (Bit(spec.shrink_axis_mask, i)) continue;
      const int32_t natural =
          StepCount(data->start[pad + i], data->stop[pad + i], spec.strides[i]);
      const bool whole = Bit(spec.begin_mask, i) && Bit(spec.end_mask, i);
      const int32_t requested =
          whole ? natural : StepCount(0, spec.end[i], spec.strides[i]);
      TFM_ENSURE(context, requested == natural,
                 "slice of dimension %d (begin %d, size %d) exceeds the input "
                 "size %d",
                 i, static_cast<int>(spec.begin[i]),
                 static_cast<int>(spec.end[i]), static_cast<int>(spec.dims[i]));
      output_dims[output_rank++] = natural;
    }
  }
  return ExpectShape(context, output, "output", output_dims, output_rank);
}

template <typename T>
void Slice(const OpData& d, const T* in, T* out) {
  const int32_t* start = d.start;
  const int32_t* stop = d.stop;
  const int32_t* step = d.step;
  const int64_t* s = d.input_strides;
  auto more = [](int32_t i, int32_t end, int32_t stride) {
    return stride > 0 ? i < end : i > end;
  };
  for (int32_t i0 = start[0]; more(i0, stop[0], step[0]); i0 += step[0]) {
    const int64_t o0 = i0 * s[0];
    for (int32_t i1 = start[1]; more(i1, stop[1], step[1]); i1 += step[1]) {
      const int64_t o1 = o0 + i1 * s[1];
      for (int32_t i2 = start[2]; more(i2, stop[2], step[2]); i2 += step[2]) {
        const int64_t o2 = o1 + i2 * s[2];
        for (int32_t i3 = start[3]; more(i3, stop[3], step[3]); i3 += step[3]) {
          const int64_t o3 = o2 + i3 * s[3];
          for (int32_t i4 = start[4]; more(i4, stop[4], step[4]);
               i4 += step[4]) {
            const T* row = in + o3 + i4 * s[4];
            for (int32_t i5 = start[5]; more(i5, stop[5], step[5]);
                 i5 += step[5]) {
              *out++ = row[i5];
            }
          }
        }
      }
    }
  }
}

Status Eval(OpContext& context) {
  const auto& d = *static_cast<const OpData*>(context.op_data());
  const Tensor* input = context.input(kInputTensor);
  Tensor* output = context.output(kOutputTensor);
  switch (d.element_size) {
    case 1:
      Slice(d, input->data_as<uint8_t>(), output->data_as<uint8_t>());
      break;
    case 2:
      Slice(d, input->data_as<uint16_t>(), output->data_as<uint16_t>());
      break;
    case 4:
      Slice(d, input->data_as<uint32_t>(), output->data_as<uint32_t>());
      break;
    default:
      Slice(d, input->data_as<uint64_t>(), output->data_as<uint64_t>());
      break;
  }
  return Status::kOk;
}

}  // namespace

const KernelRegistration& Register_STRIDED_SLICE() {
  static const KernelRegistration r = {nullptr, Prepare, Eval, nullptr};
  return r;
}

}  // namespace tfmicro
