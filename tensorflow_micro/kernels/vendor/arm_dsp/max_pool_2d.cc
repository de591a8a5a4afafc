// arm_dsp MAX_POOL_2D, INT8 (max_pool_s8): four channels' maxima in one
// register, SSUB8 + SEL per input pixel, then the reference's clamp to the
// activation range: bit-exact. FLOAT32 and INT16 use the reference
// compute.
#include "tensorflow_micro/kernels/internal/in_place.h"
#include "tensorflow_micro/kernels/internal/pooling.h"
#include "tensorflow_micro/kernels/internal/tensor_util.h"
#include "tensorflow_micro/kernels/pooling_common.h"
#include "tensorflow_micro/kernels/vendor/arm_dsp/dsp_math.h"
#include "tensorflow_micro/kernels/vendor/arm_dsp/pool_s8.h"

namespace tfmicro {
namespace vendor {
namespace {

TFM_DSP_INLINE int8_t ClampS8(int32_t v, int32_t min, int32_t max) {
  v = v < min ? min : v;
  return static_cast<int8_t>(v > max ? max : v);
}

// Needs no scratch (max_pool_s8_scratch_size() == 0).
void max_pool_s8(const PoolOpData& data, const int8_t* input,
                 int8_t* output) {
  const int32_t min = data.quantized_activation_min;
  const int32_t max = data.quantized_activation_max;
  const int channels = data.geometry.channels;
  arm_dsp::ForEachPoolWindow(
      data.geometry, input, output,
      [&](const int8_t* first, int rows, int cols, int row_step, int c, int,
          int8_t* out) {
        uint32_t m = 0x80808080u;  // -128 in each byte
        const int8_t* row = first + c;
        for (int y = 0; y < rows; ++y) {
          const int8_t* p = row;
          for (int x = 0; x < cols; ++x) {
            m = arm_dsp::Max8x4(arm_dsp::Load32(p), m);
            p += channels;
          }
          row += row_step;
        }
        for (int i = 0; i < 4; ++i) {
          out[c + i] =
              ClampS8(static_cast<int8_t>((m >> (8 * i)) & 0xff), min, max);
        }
      },
      [&](const int8_t* first, int rows, int cols, int row_step, int c, int,
          int8_t* out) {
        int32_t m = -128;
        for (int y = 0; y < rows; ++y) {
          for (int x = 0; x < cols; ++x) {
            const int32_t v = first[y * row_step + x * channels + c];
            m = v > m ? v : m;
          }
        }
        out[c] = ClampS8(m, min, max);
      });
}

Status Prepare(OpContext& context) {
  TFM_RETURN_IF_ERROR(PreparePool(context));
  return AllowPoolInPlace(
      context, static_cast<const PoolOpData*>(context.op_data())->geometry);
}

Status Eval(OpContext& context) {
  const auto& data = *static_cast<const PoolOpData*>(context.op_data());
  const Tensor& input = *context.input(0);
  Tensor& output = *context.output(0);
  switch (input.type) {
    case DataType::kInt8:
      max_pool_s8(data, input.data_as<int8_t>(), output.data_as<int8_t>());
      return Status::kOk;
    case DataType::kFloat32:
      MaxPoolFloat(data.geometry, data.float_activation_min,
                   data.float_activation_max, input.data_as<float>(),
                   output.data_as<float>());
      return Status::kOk;
    default:
      MaxPoolInt16(data.geometry, data.quantized_activation_min,
                   data.quantized_activation_max, input.data_as<int16_t>(),
                   output.data_as<int16_t>());
      return Status::kOk;
  }
}

}  // namespace

const KernelRegistration& Register_MAX_POOL_2D() {
  static const KernelRegistration r = {nullptr, Prepare, Eval, nullptr};
  return r;
}

}  // namespace vendor
}  // namespace tfmicro
