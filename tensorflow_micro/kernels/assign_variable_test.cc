// ASSIGN_VARIABLE: values persist across Invoke calls, Reset clears them,
// any fixed-size type works, and prepare's rejections name the problem.
#include <vector>

#include "tensorflow_micro/testing/graph_model.h"
#include "tensorflow_micro/testing/micro_test.h"

namespace tfmicro {
namespace {

using testing::GraphModel;

TFM_TEST(ValuesPersistAcrossInvokes) {
  GraphModel m;
  testing::BuildAccumulatorModel(m);
  TFM_EXPECT_EQ(Status::kOk, m.Build());
  for (int i = 1; i <= 3; ++i) {
    m.SetInput<float>(0, {0.5f, -1.f});
    TFM_EXPECT_EQ(Status::kOk, m.Invoke());
    TFM_EXPECT_EQ(1.f + 0.5f * i, m.Output<float>(0)[0]);
    TFM_EXPECT_EQ(2.f - 1.f * i, m.Output<float>(0)[1]);
  }
}

// Subgraph 0: ASSIGN_VARIABLE(v, x) (x of `type` and `shape`) when the
// second value is absent, then ASSIGN_VARIABLE(v, [3 zeros of INT8]).
void BuildAssigner(GraphModel& m, DataType type, std::vector<int32_t> shape,
                   bool second_assign) {
  m.AddSubgraph();
  const int x = m.AddTensor(0, type, shape);
  const int handle = testing::AddVarHandle(m, 0, "v");
  const int read = m.AddTensor(0, type, shape);
  m.AddOperator(0, schema::BuiltinOperator_ASSIGN_VARIABLE, {handle, x}, {});
  if (second_assign) {
    const int other =
        m.AddConstTensor<int8_t>(0, DataType::kInt8, {3}, {0, 0, 0});
    m.AddOperator(0, schema::BuiltinOperator_ASSIGN_VARIABLE, {handle, other},
                  {});
  }
  m.AddOperator(0, schema::BuiltinOperator_READ_VARIABLE, {handle}, {read});
  m.SetInputs(0, {x});
  m.SetOutputs(0, {read});
}

TFM_TEST(HoldsInt8Values) {
  GraphModel m;
  BuildAssigner(m, DataType::kInt8, {4}, false);
  TFM_EXPECT_EQ(Status::kOk, m.Build());
  m.SetInput<int8_t>(0, {-128, -1, 0, 127});
  TFM_EXPECT_EQ(Status::kOk, m.Invoke());
  const std::vector<int8_t> out = m.Output<int8_t>(0);
  TFM_EXPECT_EQ(4u, out.size());
  TFM_EXPECT_EQ(-128, out[0]);
  TFM_EXPECT_EQ(127, out[3]);
}

TFM_TEST(RejectsAValueOfAnotherTypeOrSize) {
  GraphModel m;
  BuildAssigner(m, DataType::kFloat32, {2}, true);
  TFM_EXPECT_EQ(Status::kKernelError, m.Build());
  TFM_EXPECT_TRUE(TfmContains(m.error(), "node 2 (ASSIGN_VARIABLE): variable "
                                         "'v' holds FLOAT32 (8 bytes)"));
  TFM_EXPECT_TRUE(TfmContains(m.error(), "INT8 (3 bytes)"));
}

TFM_TEST(RejectsAMissingValue) {
  GraphModel m;
  m.AddSubgraph();
  const int handle = testing::AddVarHandle(m, 0, "v");
  m.AddOperator(0, schema::BuiltinOperator_ASSIGN_VARIABLE, {handle}, {});
  TFM_EXPECT_EQ(Status::kKernelError, m.Build());
  TFM_EXPECT_TRUE(TfmContains(m.error(), "node 1 (ASSIGN_VARIABLE): expected "
                                         "2 inputs, got 1"));
}

}  // namespace
}  // namespace tfmicro

TFM_TEST_MAIN()
