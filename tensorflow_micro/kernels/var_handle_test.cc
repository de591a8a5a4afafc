// VAR_HANDLE: equal names share a variable across subgraphs, different
// names do not, and prepare's rejections name the problem.
#include <vector>

#include "tensorflow_micro/testing/graph_model.h"
#include "tensorflow_micro/testing/micro_test.h"

namespace tfmicro {
namespace {

using testing::GraphModel;

TFM_TEST(EqualNamesShareAVariableAcrossSubgraphs) {
  // The init subgraph's handle and the main graph's name the same "v".
  GraphModel m;
  testing::BuildAccumulatorModel(m);
  TFM_EXPECT_EQ(Status::kOk, m.Build());
  m.SetInput<float>(0, {0.f, 0.f});
  TFM_EXPECT_EQ(Status::kOk, m.Invoke());
  TFM_EXPECT_EQ(1.f, m.Output<float>(0)[0]);
  TFM_EXPECT_EQ(2.f, m.Output<float>(0)[1]);
}

TFM_TEST(DifferentNamesAreDifferentVariables) {
  GraphModel m;
  m.AddSubgraph();
  const int x = m.AddTensor(0, DataType::kFloat32, {2});
  const int a = testing::AddVarHandle(m, 0, "a");
  const int b = testing::AddVarHandle(m, 0, "b");
  const int c = m.AddConstTensor<float>(0, DataType::kFloat32, {2}, {5, 6});
  const int read_a = m.AddTensor(0, DataType::kFloat32, {2});
  const int read_b = m.AddTensor(0, DataType::kFloat32, {2});
  m.AddOperator(0, schema::BuiltinOperator_ASSIGN_VARIABLE, {a, x}, {});
  m.AddOperator(0, schema::BuiltinOperator_ASSIGN_VARIABLE, {b, c}, {});
  m.AddOperator(0, schema::BuiltinOperator_READ_VARIABLE, {a}, {read_a});
  m.AddOperator(0, schema::BuiltinOperator_READ_VARIABLE, {b}, {read_b});
  m.SetInputs(0, {x});
  m.SetOutputs(0, {read_a, read_b});
  TFM_EXPECT_EQ(Status::kOk, m.Build());
  m.SetInput<float>(0, {1.f, 2.f});
  TFM_EXPECT_EQ(Status::kOk, m.Invoke());
  TFM_EXPECT_EQ(1.f, m.Output<float>(0)[0]);
  TFM_EXPECT_EQ(2.f, m.Output<float>(0)[1]);
  TFM_EXPECT_EQ(5.f, m.Output<float>(1)[0]);
  TFM_EXPECT_EQ(6.f, m.Output<float>(1)[1]);
}

TFM_TEST(RejectsAnOutputThatIsNotAResource) {
  GraphModel m;
  m.AddSubgraph();
  const int out = m.AddTensor(0, DataType::kInt32, {});
  m.AddOperator(0, schema::BuiltinOperator_VAR_HANDLE, {}, {out});
  m.SetOutputs(0, {out});
  TFM_EXPECT_EQ(Status::kKernelError, m.Build());
  TFM_EXPECT_TRUE(TfmContains(
      m.error(), "node 0 (VAR_HANDLE): output type INT32 not supported"));
}

}  // namespace
}  // namespace tfmicro

TFM_TEST_MAIN()
