// NEG: FLOAT32, INT32, INT64 and raw INT8 / INT16 exact (the minimum
// wraps), and prepare's rejections. Agreement with TFLite is proven by
// python/tests/conformance/test_elementwise_unary.py.
#include <cstdint>
#include <limits>

#include "tensorflow_micro/testing/elementwise_test_util.h"
#include "tensorflow_micro/testing/micro_test.h"
#include "tensorflow_micro/testing/single_op_model.h"

namespace tfmicro {
namespace {

using testing::SingleOpModel;

constexpr auto kOp = schema::BuiltinOperator_NEG;

double Real(double x) { return -x; }

TFM_TEST(Float) { testing::CheckUnaryFloat(kOp, Real, -3.0, 3.0); }

TFM_TEST(Int32) {
  testing::CheckUnaryExact<int32_t>(
      kOp, DataType::kInt32, {-7, 0, 5, std::numeric_limits<int32_t>::min()},
      [](int32_t x) {
        return static_cast<int32_t>(0u - static_cast<uint32_t>(x));
      });
}

TFM_TEST(Int64) {
  testing::CheckUnaryExact<int64_t>(
      kOp, DataType::kInt64, {-7, 0, int64_t{1} << 40},
      [](int64_t x) { return -x; });
}

TFM_TEST(QuantizedNegatesRawValues) {
  // TFLite negates INT8 / INT16 raw values (the minimum wraps); with zero
  // points 0 and equal scales that is the negation.
  for (DataType type : {DataType::kInt8, DataType::kInt16}) {
    const bool int8 = type == DataType::kInt8;
    SingleOpModel m(kOp);
    m.AddInput(type, {4}, 0.05f, 0);
    m.AddOutput(type, {4}, 0.05f, 0);
    TFM_EXPECT_EQ(Status::kOk, m.Build());
    if (int8) {
      m.SetInput<int8_t>(0, {-128, -5, 0, 127});
    } else {
      m.SetInput<int16_t>(0, {-32768, -5, 0, 32767});
    }
    TFM_EXPECT_EQ(Status::kOk, m.Invoke());
    const int32_t expected[4] = {int8 ? -128 : -32768, 5, 0,
                                 int8 ? -127 : -32767};
    for (int i = 0; i < 4; ++i) {
      const int32_t got =
          int8 ? m.Output<int8_t>(0)[i] : m.Output<int16_t>(0)[i];
      TFM_EXPECT_EQ(expected[i], got);
    }
  }
}

TFM_TEST(RejectsQuantizationWhereRawNegationIsWrong) {
  SingleOpModel zero_point(kOp);
  zero_point.AddInput(DataType::kInt8, {4}, 0.05f, 3);
  zero_point.AddOutput(DataType::kInt8, {4}, 0.05f, 3);
  TFM_EXPECT_EQ(Status::kKernelError, zero_point.Build());
  TFM_EXPECT_TRUE(
      TfmContains(zero_point.error(), "needs zero points 0 and equal scales"));

  SingleOpModel scales(kOp);
  scales.AddInput(DataType::kInt16, {4}, 0.05f, 0);
  scales.AddOutput(DataType::kInt16, {4}, 0.1f, 0);
  TFM_EXPECT_EQ(Status::kKernelError, scales.Build());
  TFM_EXPECT_TRUE(TfmContains(scales.error(), "output scale 0.1"));
}

TFM_TEST(RejectsInvalidModels) {
  testing::ExpectUnaryRejections(kOp, DataType::kBool, false);
}

}  // namespace
}  // namespace tfmicro

TFM_TEST_MAIN()
