// IF: the condition picks the branch, values go in and come out, nested
// subgraphs run, and prepare's rejections name the problem. Conformance
// with TFLite is python/tests/conformance/test_control_flow.py.
#include <cstdint>
#include <vector>

#include "tensorflow_micro/testing/graph_model.h"
#include "tensorflow_micro/testing/micro_test.h"

namespace tfmicro {
namespace {

using testing::GraphModel;

constexpr int kMain = 0;
constexpr int kThen = 1;
constexpr int kElse = 2;

flatbuffers::Offset<void> IfOptions(GraphModel& m, int then_index,
                                    int else_index) {
  return schema::CreateIfOptions(m.builder(), then_index, else_index).Union();
}

// then: a + [10, 20]; else: a * a.
void AddBranches(GraphModel& m, DataType type = DataType::kFloat32) {
  TFM_EXPECT_EQ(kThen, m.AddSubgraph());
  const int a = m.AddTensor(kThen, type, {2});
  const int c = m.AddConstTensor<float>(kThen, type, {2}, {10.f, 20.f});
  const int b = m.AddTensor(kThen, type, {2});
  m.AddOperator(kThen, schema::BuiltinOperator_ADD, {a, c}, {b});
  m.SetInputs(kThen, {a});
  m.SetOutputs(kThen, {b});
  TFM_EXPECT_EQ(kElse, m.AddSubgraph());
  const int e = m.AddTensor(kElse, type, {2});
  const int f = m.AddTensor(kElse, type, {2});
  m.AddOperator(kElse, schema::BuiltinOperator_MUL, {e, e}, {f});
  m.SetInputs(kElse, {e});
  m.SetOutputs(kElse, {f});
}

// main: y = IF(cond, x) with the output given by `output_shape`.
void AddMain(GraphModel& m, DataType cond_type = DataType::kBool,
             std::vector<int32_t> output_shape = {2}) {
  TFM_EXPECT_EQ(kMain, m.AddSubgraph());
  const int cond = m.AddTensor(kMain, cond_type, {});
  const int x = m.AddTensor(kMain, DataType::kFloat32, {2});
  const int y = m.AddTensor(kMain, DataType::kFloat32, output_shape);
  m.AddOperator(kMain, schema::BuiltinOperator_IF, {cond, x}, {y},
                schema::BuiltinOptions_IfOptions, IfOptions(m, kThen, kElse));
  m.SetInputs(kMain, {cond, x});
  m.SetOutputs(kMain, {y});
}

TFM_TEST(ConditionPicksTheBranch) {
  GraphModel m;
  AddMain(m);
  AddBranches(m);
  TFM_EXPECT_EQ(Status::kOk, m.Build());
  const bool conditions[] = {true, false, false, true};
  for (bool condition : conditions) {
    m.SetBoolInput(0, condition);
    m.SetInput<float>(1, {3.f, -2.f});
    TFM_EXPECT_EQ(Status::kOk, m.Invoke());
    const std::vector<float> out = m.Output<float>(0);
    TFM_EXPECT_EQ(2u, out.size());
    TFM_EXPECT_EQ(condition ? 13.f : 9.f, out[0]);
    TFM_EXPECT_EQ(condition ? 18.f : 4.f, out[1]);
  }
}

TFM_TEST(AnyNonzeroConditionByteIsTrue) {
  GraphModel m;
  AddMain(m);
  AddBranches(m);
  TFM_EXPECT_EQ(Status::kOk, m.Build());
  m.SetInput<uint8_t>(0, {2});
  m.SetInput<float>(1, {3.f, -2.f});
  TFM_EXPECT_EQ(Status::kOk, m.Invoke());
  TFM_EXPECT_EQ(13.f, m.Output<float>(0)[0]);
}

TFM_TEST(NestedIfRunsInsideTheBranch) {
  // main: IF(c1, x) -> then 1: IF(c2, a) over subgraphs 2 / 3.
  GraphModel m;
  m.AddSubgraph();
  const int c1 = m.AddTensor(kMain, DataType::kBool, {});
  const int x = m.AddTensor(kMain, DataType::kFloat32, {2});
  const int y = m.AddTensor(kMain, DataType::kFloat32, {2});
  m.AddOperator(kMain, schema::BuiltinOperator_IF, {c1, x}, {y},
                schema::BuiltinOptions_IfOptions, IfOptions(m, 1, 3));
  m.SetInputs(kMain, {c1, x});
  m.SetOutputs(kMain, {y});
  m.AddSubgraph();  // 1: IF(true, a) over 2 / 3
  const int c2 = m.AddConstTensor<uint8_t>(1, DataType::kBool, {}, {1});
  const int a = m.AddTensor(1, DataType::kFloat32, {2});
  const int b = m.AddTensor(1, DataType::kFloat32, {2});
  m.AddOperator(1, schema::BuiltinOperator_IF, {c2, a}, {b},
                schema::BuiltinOptions_IfOptions, IfOptions(m, 2, 3));
  m.SetInputs(1, {a});
  m.SetOutputs(1, {b});
  for (int s = 2; s <= 3; ++s) {  // 2: a + a, 3: a * a
    m.AddSubgraph();
    const int in = m.AddTensor(s, DataType::kFloat32, {2});
    const int out = m.AddTensor(s, DataType::kFloat32, {2});
    m.AddOperator(s, s == 2 ? schema::BuiltinOperator_ADD
                            : schema::BuiltinOperator_MUL,
                  {in, in}, {out});
    m.SetInputs(s, {in});
    m.SetOutputs(s, {out});
  }
  TFM_EXPECT_EQ(Status::kOk, m.Build());
  m.SetBoolInput(0, true);
  m.SetInput<float>(1, {3.f, 5.f});
  TFM_EXPECT_EQ(Status::kOk, m.Invoke());
  TFM_EXPECT_EQ(6.f, m.Output<float>(0)[0]);
  m.SetBoolInput(0, false);
  TFM_EXPECT_EQ(Status::kOk, m.Invoke());
  TFM_EXPECT_EQ(25.f, m.Output<float>(0)[1]);
}

TFM_TEST(RejectsANonBoolCondition) {
  GraphModel m;
  AddMain(m, DataType::kInt32);
  AddBranches(m);
  TFM_EXPECT_EQ(Status::kKernelError, m.Build());
  TFM_EXPECT_TRUE(TfmContains(m.error(), "node 0 (IF): condition type INT32"));
}

TFM_TEST(RejectsABranchOfAnotherSize) {
  GraphModel m;
  AddMain(m, DataType::kBool, {3});
  AddBranches(m);
  TFM_EXPECT_EQ(Status::kKernelError, m.Build());
  TFM_EXPECT_TRUE(TfmContains(m.error(), "output 0 of subgraph 1"));
  TFM_EXPECT_TRUE(TfmContains(m.error(), "does not match output 0"));
}

TFM_TEST(RejectsABranchWithOtherInputs) {
  GraphModel m;
  AddMain(m);
  AddBranches(m, DataType::kInt32);
  TFM_EXPECT_EQ(Status::kKernelError, m.Build());
  TFM_EXPECT_TRUE(TfmContains(m.error(), "input 1 (FLOAT32 [2]) does not "
                                         "match input 0 of subgraph 1 (INT32"));
}

TFM_TEST(NamesTheFailingNodeInsideABranch) {
  // Both branches are subgraph 1, whose ADD mixes FLOAT32 and INT32.
  GraphModel m;
  m.AddSubgraph();
  const int cond = m.AddTensor(kMain, DataType::kBool, {});
  const int x = m.AddTensor(kMain, DataType::kFloat32, {2});
  const int y = m.AddTensor(kMain, DataType::kFloat32, {2});
  m.AddOperator(kMain, schema::BuiltinOperator_IF, {cond, x}, {y},
                schema::BuiltinOptions_IfOptions, IfOptions(m, 1, 1));
  m.SetInputs(kMain, {cond, x});
  m.SetOutputs(kMain, {y});
  m.AddSubgraph();
  const int a = m.AddTensor(1, DataType::kFloat32, {2});
  const int c = m.AddConstTensor<int32_t>(1, DataType::kInt32, {2}, {1, 2});
  const int b = m.AddTensor(1, DataType::kFloat32, {2});
  m.AddOperator(1, schema::BuiltinOperator_ADD, {a, c}, {b});
  m.SetInputs(1, {a});
  m.SetOutputs(1, {b});
  TFM_EXPECT_EQ(Status::kKernelError, m.Build());
  TFM_EXPECT_TRUE(TfmContains(m.error(), "subgraph 1, node 0 (ADD): "));
}

TFM_TEST(RejectsMissingOptions) {
  GraphModel m;
  m.AddSubgraph();
  const int cond = m.AddTensor(kMain, DataType::kBool, {});
  const int y = m.AddTensor(kMain, DataType::kFloat32, {2});
  m.AddOperator(kMain, schema::BuiltinOperator_IF, {cond}, {y});
  m.SetInputs(kMain, {cond});
  m.SetOutputs(kMain, {y});
  TFM_EXPECT_EQ(Status::kKernelError, m.Build());
  TFM_EXPECT_TRUE(TfmContains(m.error(), "IfOptions"));
}

}  // namespace
}  // namespace tfmicro

TFM_TEST_MAIN()
