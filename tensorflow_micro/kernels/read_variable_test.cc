// READ_VARIABLE: reads what ASSIGN_VARIABLE wrote, fails on a variable
// nothing wrote, and prepare's rejections name the problem.
#include <vector>

#include "tensorflow_micro/testing/graph_model.h"
#include "tensorflow_micro/testing/micro_test.h"

namespace tfmicro {
namespace {

using testing::GraphModel;

// x -> [ASSIGN_VARIABLE(v, x) when `assign`] -> READ_VARIABLE(v) as
// `read_type`.
void BuildReader(GraphModel& m, bool assign, DataType read_type) {
  m.AddSubgraph();
  const int x = m.AddTensor(0, DataType::kFloat32, {2});
  const int handle = testing::AddVarHandle(m, 0, "v");
  const int value = m.AddTensor(0, read_type, {2});
  if (assign) {
    m.AddOperator(0, schema::BuiltinOperator_ASSIGN_VARIABLE, {handle, x}, {});
  }
  m.AddOperator(0, schema::BuiltinOperator_READ_VARIABLE, {handle}, {value});
  m.SetInputs(0, {x});
  m.SetOutputs(0, {value});
}

TFM_TEST(ReadsTheAssignedValue) {
  GraphModel m;
  BuildReader(m, true, DataType::kFloat32);
  TFM_EXPECT_EQ(Status::kOk, m.Build());
  m.SetInput<float>(0, {-1.5f, 7.f});
  TFM_EXPECT_EQ(Status::kOk, m.Invoke());
  TFM_EXPECT_EQ(-1.5f, m.Output<float>(0)[0]);
  TFM_EXPECT_EQ(7.f, m.Output<float>(0)[1]);
}

TFM_TEST(FailsOnAVariableNothingWrote) {
  GraphModel m;
  BuildReader(m, false, DataType::kFloat32);
  TFM_EXPECT_EQ(Status::kOk, m.Build());
  TFM_EXPECT_EQ(Status::kKernelError, m.Invoke());
  TFM_EXPECT_TRUE(TfmContains(m.error(), "node 1 (READ_VARIABLE): variable "
                                         "'v' is read before any"));
}

TFM_TEST(RejectsReadingAnotherType) {
  GraphModel m;
  BuildReader(m, true, DataType::kInt32);
  TFM_EXPECT_EQ(Status::kKernelError, m.Build());
  TFM_EXPECT_TRUE(TfmContains(m.error(), "node 2 (READ_VARIABLE): variable "
                                         "'v' holds FLOAT32 (8 bytes)"));
}

TFM_TEST(RejectsAHandleThatIsNotAResource) {
  GraphModel m;
  m.AddSubgraph();
  const int x = m.AddTensor(0, DataType::kInt32, {});
  const int value = m.AddTensor(0, DataType::kFloat32, {2});
  m.AddOperator(0, schema::BuiltinOperator_READ_VARIABLE, {x}, {value});
  m.SetInputs(0, {x});
  m.SetOutputs(0, {value});
  TFM_EXPECT_EQ(Status::kKernelError, m.Build());
  TFM_EXPECT_TRUE(TfmContains(m.error(), "resource handle type INT32"));
}

}  // namespace
}  // namespace tfmicro

TFM_TEST_MAIN()
