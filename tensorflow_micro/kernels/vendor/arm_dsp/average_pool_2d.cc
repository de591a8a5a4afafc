// arm_dsp AVERAGE_POOL_2D, INT8 (average_pool_s8): four channels' sums in
// two registers of halfword pairs (SXTB16 + SADD16, exact for windows of
// at most 255 values), then the reference's rounding (half away from zero,
// a 32-bit division) and clamp: bit-exact. Larger windows, FLOAT32 and
// INT16 use the reference compute.
#include "tensorflow_micro/kernels/internal/in_place.h"
#include "tensorflow_micro/kernels/internal/pooling.h"
#include "tensorflow_micro/kernels/internal/tensor_util.h"
#include "tensorflow_micro/kernels/pooling_common.h"
#include "tensorflow_micro/kernels/vendor/arm_dsp/dsp_math.h"
#include "tensorflow_micro/kernels/vendor/arm_dsp/pool_s8.h"

namespace tfmicro {
namespace vendor {
namespace {

struct DspPoolData {
  PoolOpData ref;
  bool fast = false;
};

// Halfword lanes hold a window sum of int8 values while 255 * 128 < 2^15.
constexpr int kMaxHalfwordWindow = 255;

TFM_DSP_INLINE int8_t Average(int32_t total, int32_t count, int32_t min,
                              int32_t max) {
  int32_t average = total > 0 ? (total + count / 2) / count
                              : (total - count / 2) / count;
  average = average < min ? min : average;
  average = average > max ? max : average;
  return static_cast<int8_t>(average);
}

// Needs no scratch (average_pool_s8_scratch_size() == 0).
void average_pool_s8(const PoolOpData& data, const int8_t* input,
                     int8_t* output) {
  const int32_t min = data.quantized_activation_min;
  const int32_t max = data.quantized_activation_max;
  const int channels = data.geometry.channels;
  arm_dsp::ForEachPoolWindow(
      data.geometry, input, output,
      [&](const int8_t* first, int rows, int cols, int row_step, int c,
          int count, int8_t* out) {
        uint32_t sum02 = 0;
        uint32_t sum13 = 0;
        const int8_t* row = first + c;
        for (int y = 0; y < rows; ++y) {
          const int8_t* p = row;
          for (int x = 0; x < cols; ++x) {
            const uint32_t v = arm_dsp::Load32(p);
            sum02 = arm_dsp::Sadd16(sum02, arm_dsp::Sxtb16(v));
            sum13 = arm_dsp::Sadd16(sum13, arm_dsp::Sxtb16Ror8(v));
            p += channels;
          }
          row += row_step;
        }
        out[c] = Average(static_cast<int16_t>(sum02 & 0xffff), count, min,
                         max);
        out[c + 1] = Average(static_cast<int16_t>(sum13 & 0xffff), count,
                             min, max);
        out[c + 2] = Average(static_cast<int16_t>(sum02 >> 16), count, min,
                             max);
        out[c + 3] = Average(static_cast<int16_t>(sum13 >> 16), count, min,
                             max);
      },
      [&](const int8_t* first, int rows, int cols, int row_step, int c,
          int count, int8_t* out) {
        int32_t total = 0;
        for (int y = 0; y < rows; ++y) {
          for (int x = 0; x < cols; ++x) {
            total += first[y * row_step + x * channels + c];
          }
        }
        out[c] = Average(total, count, min, max);
      });
}

Status Prepare(OpContext& context) {
  TFM_RETURN_IF_ERROR(PreparePool(context));
  const PoolOpData copy = *static_cast<const PoolOpData*>(context.op_data());
  DspPoolData* data = AllocateOpData<DspPoolData>(context);
  if (data == nullptr) return Status::kArenaTooSmall;
  data->ref = copy;
  data->fast = context.input(0)->type == DataType::kInt8 &&
               copy.geometry.filter_height * copy.geometry.filter_width <=
                   kMaxHalfwordWindow;
  return AllowPoolInPlace(context, copy.geometry);
}

Status Eval(OpContext& context) {
  const auto& data = *static_cast<const DspPoolData*>(context.op_data());
  const Tensor& input = *context.input(0);
  Tensor& output = *context.output(0);
  if (data.fast) {
    average_pool_s8(data.ref, input.data_as<int8_t>(),
                    output.data_as<int8_t>());
    return Status::kOk;
  }
  switch (input.type) {
    case DataType::kFloat32:
      AveragePoolFloat(data.ref.geometry, data.ref.float_activation_min,
                       data.ref.float_activation_max, input.data_as<float>(),
                       output.data_as<float>());
      return Status::kOk;
    case DataType::kInt8:
      AveragePoolInt8(data.ref.geometry, data.ref.quantized_activation_min,
                      data.ref.quantized_activation_max,
                      input.data_as<int8_t>(), output.data_as<int8_t>());
      return Status::kOk;
    default:
      AveragePoolInt16(data.ref.geometry, data.ref.quantized_activation_min,
                       data.ref.quantized_activation_max,
                       input.data_as<int16_t>(), output.data_as<int16_t>());
      return Status::kOk;
  }
}

}  // namespace

const KernelRegistration& Register_AVERAGE_POOL_2D() {
  static const KernelRegistration r = {nullptr, Prepare, Eval, nullptr};
  return r;
}

}  // namespace vendor
}  // namespace tfmicro
