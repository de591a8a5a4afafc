// CAST: conversions between FLOAT32, INT8, UINT8, INT16, INT32, INT64 and
// BOOL, float truncation toward zero and the defined results of NaN and
// out-of-range floats, and prepare's rejections. Agreement with TFLite is
// proven by python/tests/conformance/test_select_cast.py.
#include <cstdint>
#include <limits>
#include <vector>

#include "tensorflow_micro/testing/kernel_test_util.h"
#include "tensorflow_micro/testing/micro_test.h"
#include "tensorflow_micro/testing/single_op_model.h"

namespace tfmicro {
namespace {

using testing::SingleOpModel;

constexpr auto kOp = schema::BuiltinOperator_CAST;

template <typename From, typename To>
void CheckCast(DataType from, DataType to, const std::vector<From>& in,
               const std::vector<To>& expected) {
  const int32_t n = static_cast<int32_t>(in.size());
  SingleOpModel m(kOp);
  m.AddInput(from, {n});
  m.AddOutput(to, {n});
  TFM_EXPECT_EQ(Status::kOk, m.Build());
  m.SetInput(0, in);
  TFM_EXPECT_EQ(Status::kOk, m.Invoke());
  const To* out = m.Output<To>(0);
  for (int32_t i = 0; i < n; ++i) TFM_EXPECT_EQ(expected[i], out[i]);
}

TFM_TEST(FloatToIntegers) {
  const float nan = std::numeric_limits<float>::quiet_NaN();
  CheckCast<float, int32_t>(DataType::kFloat32, DataType::kInt32,
                            {1.9f, -1.9f, 0.f, 3e9f, nan},
                            {1, -1, 0, std::numeric_limits<int32_t>::min(),
                             std::numeric_limits<int32_t>::min()});
  CheckCast<float, int8_t>(DataType::kFloat32, DataType::kInt8,
                           {100.7f, -100.7f, 300.f}, {100, -100, 44});
  CheckCast<float, uint8_t>(DataType::kFloat32, DataType::kUInt8,
                            {200.5f, -1.5f}, {200, 255});
  CheckCast<float, int64_t>(DataType::kFloat32, DataType::kInt64,
                            {-4294967296.f, 1e19f},
                            {-4294967296LL,
                             std::numeric_limits<int64_t>::min()});
}

TFM_TEST(IntegersAndBool) {
  CheckCast<int32_t, float>(DataType::kInt32, DataType::kFloat32,
                            {-7, 16777217}, {-7.f, 16777216.f});
  CheckCast<int64_t, int32_t>(DataType::kInt64, DataType::kInt32,
                              {(1LL << 32) + 5, -3}, {5, -3});
  CheckCast<int16_t, int32_t>(DataType::kInt16, DataType::kInt32,
                              {-32768, 7}, {-32768, 7});
  CheckCast<int32_t, uint8_t>(DataType::kInt32, DataType::kBool, {0, -3, 2},
                              {0, 1, 1});
  CheckCast<uint8_t, float>(DataType::kBool, DataType::kFloat32, {0, 1},
                            {0.f, 1.f});
  CheckCast<float, uint8_t>(DataType::kFloat32, DataType::kBool,
                            {0.f, -0.5f}, {0, 1});
}

TFM_TEST(BoolBytesOtherThanZeroAndOneAreTrue) {
  // A constant BOOL buffer may hold any byte: nonzero is true, and a BOOL
  // output holds 0 or 1.
  const std::vector<uint8_t> bytes = {0, 2, 255, 1};
  for (DataType to : {DataType::kInt32, DataType::kBool}) {
    SingleOpModel m(kOp);
    m.AddConstInput<uint8_t>(DataType::kBool, {4}, bytes);
    m.AddOutput(to, {4});
    TFM_EXPECT_EQ(Status::kOk, m.Build());
    TFM_EXPECT_EQ(Status::kOk, m.Invoke());
    for (int i = 0; i < 4; ++i) {
      const int expected = bytes[i] != 0 ? 1 : 0;
      const int got = to == DataType::kInt32 ? m.Output<int32_t>(0)[i]
                                             : m.Output<uint8_t>(0)[i];
      TFM_EXPECT_EQ(expected, got);
    }
  }
}

TFM_TEST(RejectsInvalidModels) {
  {
    SingleOpModel m(kOp);
    m.AddInput(DataType::kFloat64, {2});
    m.AddOutput(DataType::kFloat32, {2});
    TFM_EXPECT_EQ(Status::kKernelError, m.Build());
    TFM_EXPECT_TRUE(TfmContains(m.error(), "input type FLOAT64"));
  }
  {
    SingleOpModel m(kOp);
    m.AddInput(DataType::kFloat32, {2});
    m.AddOutput(DataType::kInt32, {3});
    TFM_EXPECT_EQ(Status::kKernelError, m.Build());
  }
}

}  // namespace
}  // namespace tfmicro

TFM_TEST_MAIN()
