// CALL_ONCE: the init subgraph runs on the first Invoke only, again after
// Reset, and prepare's rejections name the problem.
#include <vector>

#include "tensorflow_micro/testing/graph_model.h"
#include "tensorflow_micro/testing/micro_test.h"

namespace tfmicro {
namespace {

using testing::GraphModel;

void ExpectSums(GraphModel& m, float first, float second) {
  m.SetInput<float>(0, {1.f, 1.f});
  TFM_EXPECT_EQ(Status::kOk, m.Invoke());
  const std::vector<float> out = m.Output<float>(0);
  TFM_EXPECT_EQ(2u, out.size());
  TFM_EXPECT_EQ(first, out[0]);
  TFM_EXPECT_EQ(second, out[1]);
}

TFM_TEST(RunsTheInitSubgraphOnTheFirstInvokeOnly) {
  GraphModel m;
  testing::BuildAccumulatorModel(m);
  TFM_EXPECT_EQ(Status::kOk, m.Build());
  ExpectSums(m, 2.f, 3.f);
  ExpectSums(m, 3.f, 4.f);
  ExpectSums(m, 4.f, 5.f);
}

TFM_TEST(RunsItAgainAfterReset) {
  GraphModel m;
  testing::BuildAccumulatorModel(m);
  TFM_EXPECT_EQ(Status::kOk, m.Build());
  ExpectSums(m, 2.f, 3.f);
  ExpectSums(m, 3.f, 4.f);
  TFM_EXPECT_EQ(Status::kOk, m.interpreter().Reset());
  ExpectSums(m, 2.f, 3.f);
}

TFM_TEST(RejectsInputs) {
  GraphModel m;
  m.AddSubgraph();
  m.AddSubgraph();
  const int x = m.AddTensor(0, DataType::kFloat32, {2});
  m.AddOperator(0, schema::BuiltinOperator_CALL_ONCE, {x}, {},
                schema::BuiltinOptions_CallOnceOptions,
                schema::CreateCallOnceOptions(m.builder(), 1).Union());
  m.SetInputs(0, {x});
  m.SetOutputs(0, {x});
  TFM_EXPECT_EQ(Status::kKernelError, m.Build());
  TFM_EXPECT_TRUE(TfmContains(
      m.error(), "node 0 (CALL_ONCE): expected no inputs and no outputs"));
}

TFM_TEST(RejectsAnInitSubgraphWithInputs) {
  GraphModel m;
  m.AddSubgraph();
  m.AddSubgraph();
  m.AddOperator(0, schema::BuiltinOperator_CALL_ONCE, {}, {},
                schema::BuiltinOptions_CallOnceOptions,
                schema::CreateCallOnceOptions(m.builder(), 1).Union());
  const int a = m.AddTensor(1, DataType::kFloat32, {2});
  m.SetInputs(1, {a});
  TFM_EXPECT_EQ(Status::kKernelError, m.Build());
  TFM_EXPECT_TRUE(TfmContains(m.error(), "init subgraph 1 has 1 inputs"));
}

}  // namespace
}  // namespace tfmicro

TFM_TEST_MAIN()
