// Models with several subgraphs: what the verifier rejects (bad subgraph
// indices, recursion, nesting deeper than kMaxSubgraphDepth), which
// subgraphs are prepared, and how the memory plan keeps a called
// subgraph's tensors clear of its caller's.
#include <vector>

#include "tensorflow_micro/core/model_checks.h"
#include "tensorflow_micro/testing/graph_model.h"
#include "tensorflow_micro/testing/micro_test.h"

namespace tfmicro {
namespace {

using testing::GraphModel;

flatbuffers::Offset<void> IfOptions(GraphModel& m, int then_index,
                                    int else_index) {
  return schema::CreateIfOptions(m.builder(), then_index, else_index).Union();
}

// Subgraph `s`: out = in * in over FLOAT32 [n].
void AddSquare(GraphModel& m, int s, int n = 2) {
  const int in = m.AddTensor(s, DataType::kFloat32, {n});
  const int out = m.AddTensor(s, DataType::kFloat32, {n});
  m.AddOperator(s, schema::BuiltinOperator_MUL, {in, in}, {out});
  m.SetInputs(s, {in});
  m.SetOutputs(s, {out});
}

// Subgraph `s`: y = IF(cond, x) over subgraphs then_index / else_index.
void AddIf(GraphModel& m, int s, int then_index, int else_index,
           bool cond_is_input) {
  const int cond =
      cond_is_input
          ? m.AddTensor(s, DataType::kBool, {})
          : m.AddConstTensor<uint8_t>(s, DataType::kBool, {}, {1});
  const int x = m.AddTensor(s, DataType::kFloat32, {2});
  const int y = m.AddTensor(s, DataType::kFloat32, {2});
  m.AddOperator(s, schema::BuiltinOperator_IF, {cond, x}, {y},
                schema::BuiltinOptions_IfOptions,
                IfOptions(m, then_index, else_index));
  if (cond_is_input) {
    m.SetInputs(s, {cond, x});
  } else {
    m.SetInputs(s, {x});
  }
  m.SetOutputs(s, {y});
}

TFM_TEST(RejectsASubgraphIndexOutOfRange) {
  GraphModel m;
  m.AddSubgraph();
  m.AddSubgraph();
  AddIf(m, 0, 1, 7, true);
  AddSquare(m, 1);
  TFM_EXPECT_EQ(Status::kInvalidModel, m.Build());
  TFM_EXPECT_TRUE(TfmContains(m.error(),
                              "subgraph 0, operator 0 (IF): else subgraph "
                              "index 7 is out of range (2 subgraphs)"));
}

TFM_TEST(RejectsASubgraphCallingItself) {
  GraphModel m;
  m.AddSubgraph();
  m.AddSubgraph();
  AddIf(m, 0, 1, 1, true);
  AddIf(m, 1, 1, 1, false);
  TFM_EXPECT_EQ(Status::kInvalidModel, m.Build());
  TFM_EXPECT_TRUE(TfmContains(m.error(), "subgraph 1, operator 0 (IF): then "
                                         "subgraph 1 is the operator's own "
                                         "subgraph (recursion)"));
}

TFM_TEST(RejectsSubgraphsCallingEachOther) {
  GraphModel m;
  for (int s = 0; s < 3; ++s) m.AddSubgraph();
  AddIf(m, 0, 1, 1, true);
  AddIf(m, 1, 2, 2, false);
  AddIf(m, 2, 1, 1, false);
  TFM_EXPECT_EQ(Status::kInvalidModel, m.Build());
  TFM_EXPECT_TRUE(TfmContains(m.error(), "subgraph 1 again (the subgraphs "
                                         "call each other recursively)"));
}

// Subgraph s (s < last) runs subgraph s + 1 through IF; the last squares.
void BuildChain(GraphModel& m, int num_subgraphs) {
  for (int s = 0; s < num_subgraphs; ++s) m.AddSubgraph();
  for (int s = 0; s + 1 < num_subgraphs; ++s) {
    AddIf(m, s, s + 1, s + 1, s == 0);
  }
  AddSquare(m, num_subgraphs - 1);
}

TFM_TEST(RunsNestingUpToTheMaximumDepth) {
  GraphModel m;
  BuildChain(m, kMaxSubgraphDepth + 1);
  TFM_EXPECT_EQ(Status::kOk, m.Build());
  m.SetBoolInput(0, true);
  m.SetInput<float>(1, {3.f, -4.f});
  TFM_EXPECT_EQ(Status::kOk, m.Invoke());
  TFM_EXPECT_EQ(9.f, m.Output<float>(0)[0]);
  TFM_EXPECT_EQ(16.f, m.Output<float>(0)[1]);
}

TFM_TEST(RejectsNestingDeeperThanTheMaximum) {
  GraphModel m;
  BuildChain(m, kMaxSubgraphDepth + 2);
  TFM_EXPECT_EQ(Status::kInvalidModel, m.Build());
  TFM_EXPECT_TRUE(TfmContains(m.error(), "nests control flow deeper than 8 "
                                         "levels"));
}

TFM_TEST(PreparesOnlySubgraphsTheModelRuns) {
  // Subgraph 2 is never called; its HASHTABLE_FIND has no kernel.
  GraphModel m;
  for (int s = 0; s < 3; ++s) m.AddSubgraph();
  AddIf(m, 0, 1, 1, true);
  AddSquare(m, 1);
  const int a = m.AddTensor(2, DataType::kFloat32, {2});
  const int b = m.AddTensor(2, DataType::kFloat32, {2});
  m.AddOperator(2, schema::BuiltinOperator_HASHTABLE_FIND, {a}, {b});
  m.SetInputs(2, {a});
  m.SetOutputs(2, {b});
  TFM_EXPECT_EQ(Status::kOk, m.Build());
}

TFM_TEST(NamesAMissingKernelInACalledSubgraph) {
  GraphModel m;
  m.AddSubgraph();
  m.AddSubgraph();
  AddIf(m, 0, 1, 1, true);
  const int a = m.AddTensor(1, DataType::kFloat32, {2});
  const int b = m.AddTensor(1, DataType::kFloat32, {2});
  m.AddOperator(1, schema::BuiltinOperator_HASHTABLE_FIND, {a}, {b});
  m.SetInputs(1, {a});
  m.SetOutputs(1, {b});
  TFM_EXPECT_EQ(Status::kUnsupportedOp, m.Build());
  TFM_EXPECT_TRUE(TfmContains(m.error(), "subgraph 1, node 0 "
                                         "(HASHTABLE_FIND): no kernel"));
}

// main: y = IF(cond, x); z = y + x, so x must survive the branch, whose
// intermediates are planned while x is alive. The branch computes
// ((x * x) * (x * x)) through 64-element intermediates.
void BuildIfThenReuse(GraphModel& m) {
  m.AddSubgraph();
  m.AddSubgraph();
  const int cond = m.AddTensor(0, DataType::kBool, {});
  const int x = m.AddTensor(0, DataType::kFloat32, {64});
  const int y = m.AddTensor(0, DataType::kFloat32, {64});
  const int z = m.AddTensor(0, DataType::kFloat32, {64});
  m.AddOperator(0, schema::BuiltinOperator_IF, {cond, x}, {y},
                schema::BuiltinOptions_IfOptions, IfOptions(m, 1, 1));
  m.AddOperator(0, schema::BuiltinOperator_ADD, {y, x}, {z});
  m.SetInputs(0, {cond, x});
  m.SetOutputs(0, {z});
  const int in = m.AddTensor(1, DataType::kFloat32, {64});
  const int square = m.AddTensor(1, DataType::kFloat32, {64});
  const int out = m.AddTensor(1, DataType::kFloat32, {64});
  m.AddOperator(1, schema::BuiltinOperator_MUL, {in, in}, {square});
  m.AddOperator(1, schema::BuiltinOperator_MUL, {square, square}, {out});
  m.SetInputs(1, {in});
  m.SetOutputs(1, {out});
}

TFM_TEST(CalledSubgraphKeepsClearOfTheCallersLiveTensors) {
  GraphModel m;
  BuildIfThenReuse(m);
  TFM_EXPECT_EQ(Status::kOk, m.Build());
  std::vector<float> x(64);
  for (int i = 0; i < 64; ++i) x[static_cast<size_t>(i)] = 0.5f + 0.01f * i;
  m.SetBoolInput(0, true);
  m.SetInput<float>(1, x);
  TFM_EXPECT_EQ(Status::kOk, m.Invoke());
  const std::vector<float> z = m.Output<float>(0);
  TFM_EXPECT_EQ(64u, z.size());
  for (size_t i = 0; i < z.size(); ++i) {
    const float v = x[i];
    TFM_EXPECT_NEAR(v * v * v * v + v, z[i], 1e-6f);
  }
}

TFM_TEST(ASubgraphCalledFromTwoNodesKeepsClearOfBoth) {
  // main: y1 = IF(c, x); z = y1 + x; y2 = IF(c, z); out = y2 + z, both IFs
  // over subgraph 1 (v * v with a 64-element intermediate).
  GraphModel m;
  m.AddSubgraph();
  m.AddSubgraph();
  const int cond = m.AddTensor(0, DataType::kBool, {});
  const int x = m.AddTensor(0, DataType::kFloat32, {64});
  const int y1 = m.AddTensor(0, DataType::kFloat32, {64});
  const int z = m.AddTensor(0, DataType::kFloat32, {64});
  const int y2 = m.AddTensor(0, DataType::kFloat32, {64});
  const int out = m.AddTensor(0, DataType::kFloat32, {64});
  m.AddOperator(0, schema::BuiltinOperator_IF, {cond, x}, {y1},
                schema::BuiltinOptions_IfOptions, IfOptions(m, 1, 1));
  m.AddOperator(0, schema::BuiltinOperator_ADD, {y1, x}, {z});
  m.AddOperator(0, schema::BuiltinOperator_IF, {cond, z}, {y2},
                schema::BuiltinOptions_IfOptions, IfOptions(m, 1, 1));
  m.AddOperator(0, schema::BuiltinOperator_ADD, {y2, z}, {out});
  m.SetInputs(0, {cond, x});
  m.SetOutputs(0, {out});
  AddSquare(m, 1, 64);
  TFM_EXPECT_EQ(Status::kOk, m.Build());
  std::vector<float> values(64);
  for (int i = 0; i < 64; ++i) values[static_cast<size_t>(i)] = 0.25f * i - 4;
  m.SetBoolInput(0, true);
  m.SetInput<float>(1, values);
  TFM_EXPECT_EQ(Status::kOk, m.Invoke());
  const std::vector<float> result = m.Output<float>(0);
  TFM_EXPECT_EQ(64u, result.size());
  for (size_t i = 0; i < result.size(); ++i) {
    const float v = values[i];
    const float zv = v * v + v;
    TFM_EXPECT_NEAR(zv * zv + zv, result[i], 1e-3f);
  }
}

TFM_TEST(SubgraphsShareMemoryUnlessEveryTensorIsPreserved) {
  // Preserving: cond (16 B aligned), x, y, z and the branch's in, square
  // and out, all apart. Otherwise the branch sits above what main keeps
  // alive at the IF (cond, x, y) and reuses z's place.
  GraphModel shared;
  BuildIfThenReuse(shared);
  TFM_EXPECT_EQ(Status::kOk, shared.Build());
  GraphModel preserved;
  BuildIfThenReuse(preserved);
  InterpreterOptions options;
  options.preserve_all_tensors = true;
  TFM_EXPECT_EQ(Status::kOk, preserved.Build(64 * 1024, options));
  const size_t shared_bytes = shared.interpreter().arena_usage().planned_bytes;
  const size_t preserved_bytes =
      preserved.interpreter().arena_usage().planned_bytes;
  TFM_EXPECT_EQ(static_cast<size_t>(16 + 6 * 256), preserved_bytes);
  TFM_EXPECT_TRUE(shared_bytes < preserved_bytes);
}

TFM_TEST(ReportsAShortArenaAtEveryPoint) {
  // Every arena size below the need fails cleanly with the shortfall named,
  // wherever preparing the subgraphs and variables runs out.
  size_t needed = 0;
  {
    GraphModel m;
    testing::BuildAccumulatorModel(m);
    TFM_EXPECT_EQ(Status::kOk, m.Build());
    needed = m.interpreter().arena_used_bytes();
  }
  for (size_t size = 64; size < needed; size += 16) {
    GraphModel m;
    testing::BuildAccumulatorModel(m);
    TFM_EXPECT_EQ(Status::kArenaTooSmall, m.Build(size));
    TFM_EXPECT_TRUE(TfmContains(m.error(), "arena too small"));
  }
  GraphModel m;
  testing::BuildAccumulatorModel(m);
  TFM_EXPECT_EQ(Status::kOk, m.Build(needed));
}

}  // namespace
}  // namespace tfmicro

TFM_TEST_MAIN()
