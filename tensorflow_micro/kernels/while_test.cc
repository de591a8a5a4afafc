// WHILE: runs the body as long as the condition holds (zero times too),
// carries values between iterations, and prepare's rejections name the
// problem. The loops count with boolean flags: (a, b, c, v) -> (b, c,
// false, v + v) runs as many times as the leading true flags. Conformance
// with TFLite is python/tests/conformance/test_control_flow.py.
#include <vector>

#include "tensorflow_micro/testing/graph_model.h"
#include "tensorflow_micro/testing/micro_test.h"

namespace tfmicro {
namespace {

using testing::GraphModel;

constexpr int kMain = 0;
constexpr int kCond = 1;
constexpr int kBody = 2;

struct LoopSpec {
  DataType cond_result = DataType::kBool;  // the condition returns a or v
  std::vector<int32_t> body_value_shape = {2};
  bool drop_an_output = false;
  bool endless = false;  // the body hands back its flags unchanged
};

void BuildLoop(GraphModel& m, const LoopSpec& spec = LoopSpec()) {
  m.AddSubgraph();
  std::vector<int32_t> in;
  for (int i = 0; i < 3; ++i) in.push_back(m.AddTensor(kMain, DataType::kBool, {}));
  in.push_back(m.AddTensor(kMain, DataType::kFloat32, {2}));
  std::vector<int32_t> out;
  for (int i = 0; i < 3; ++i) {
    out.push_back(m.AddTensor(kMain, DataType::kBool, {}));
  }
  out.push_back(m.AddTensor(kMain, DataType::kFloat32, {2}));
  if (spec.drop_an_output) out.erase(out.begin());
  m.AddOperator(
      kMain, schema::BuiltinOperator_WHILE, in, out,
      schema::BuiltinOptions_WhileOptions,
      schema::CreateWhileOptions(m.builder(), kCond, kBody).Union());
  m.SetInputs(kMain, in);
  m.SetOutputs(kMain, {out.back()});

  m.AddSubgraph();  // condition: returns a (or v), no operators
  std::vector<int32_t> cond_in;
  for (int i = 0; i < 3; ++i) {
    cond_in.push_back(m.AddTensor(kCond, DataType::kBool, {}));
  }
  cond_in.push_back(m.AddTensor(kCond, DataType::kFloat32, {2}));
  m.SetInputs(kCond, cond_in);
  m.SetOutputs(kCond, {spec.cond_result == DataType::kBool ? cond_in[0]
                                                           : cond_in[3]});

  m.AddSubgraph();  // body: (b, c, false, v + v)
  std::vector<int32_t> body_in;
  for (int i = 0; i < 3; ++i) {
    body_in.push_back(m.AddTensor(kBody, DataType::kBool, {}));
  }
  body_in.push_back(m.AddTensor(kBody, DataType::kFloat32, {2}));
  const int no = m.AddConstTensor<uint8_t>(kBody, DataType::kBool, {}, {0});
  const int sum =
      m.AddTensor(kBody, DataType::kFloat32, spec.body_value_shape);
  m.AddOperator(kBody, schema::BuiltinOperator_ADD, {body_in[3], body_in[3]},
                {sum});
  m.SetInputs(kBody, body_in);
  if (spec.endless) {
    m.SetOutputs(kBody, {body_in[0], body_in[1], body_in[2], sum});
  } else {
    m.SetOutputs(kBody, {body_in[1], body_in[2], no, sum});
  }
}

TFM_TEST(RunsWhileTheConditionHolds) {
  GraphModel m;
  BuildLoop(m);
  TFM_EXPECT_EQ(Status::kOk, m.Build());
  const bool flags[][3] = {{false, true, true},
                           {true, false, true},
                           {true, true, false},
                           {true, true, true}};
  const float expected_scale[] = {1.f, 2.f, 4.f, 8.f};
  for (int k = 0; k < 4; ++k) {
    for (int i = 0; i < 3; ++i) m.SetBoolInput(i, flags[k][i]);
    m.SetInput<float>(3, {1.5f, -3.f});
    TFM_EXPECT_EQ(Status::kOk, m.Invoke());
    const std::vector<float> out = m.Output<float>(0);
    TFM_EXPECT_EQ(2u, out.size());
    TFM_EXPECT_EQ(1.5f * expected_scale[k], out[0]);
    TFM_EXPECT_EQ(-3.f * expected_scale[k], out[1]);
  }
}

// A model is untrusted: a condition that never turns false ends in an error
// after kMaxWhileIterations, not in a hang.
TFM_TEST(StopsALoopThatNeverEnds) {
  GraphModel m;
  LoopSpec spec;
  spec.endless = true;
  BuildLoop(m, spec);
  TFM_EXPECT_EQ(Status::kOk, m.Build());
  for (int i = 0; i < 3; ++i) m.SetBoolInput(i, true);
  m.SetInput<float>(3, {1.f, 1.f});
  TFM_EXPECT_EQ(Status::kKernelError, m.Invoke());
  TFM_EXPECT_TRUE(TfmContains(m.error(), "node 0 (WHILE): stopped after "
                                         "1048576 iterations"));
}

TFM_TEST(RejectsAConditionThatIsNotBool) {
  GraphModel m;
  LoopSpec spec;
  spec.cond_result = DataType::kFloat32;
  BuildLoop(m, spec);
  TFM_EXPECT_EQ(Status::kKernelError, m.Build());
  TFM_EXPECT_TRUE(TfmContains(m.error(), "node 0 (WHILE): condition "
                                         "subgraph 1 must return one BOOL"));
}

TFM_TEST(RejectsABodyChangingAShape) {
  GraphModel m;
  LoopSpec spec;
  spec.body_value_shape = {3};
  BuildLoop(m, spec);
  TFM_EXPECT_EQ(Status::kKernelError, m.Build());
  // The body's ADD rejects the shape first, naming its own node.
  TFM_EXPECT_TRUE(TfmContains(m.error(), "subgraph 2, node 0 (ADD)"));
}

TFM_TEST(RejectsMismatchedInputAndOutputCounts) {
  GraphModel m;
  LoopSpec spec;
  spec.drop_an_output = true;
  BuildLoop(m, spec);
  TFM_EXPECT_EQ(Status::kKernelError, m.Build());
  TFM_EXPECT_TRUE(
      TfmContains(m.error(), "expected as many outputs as inputs (4), got 3"));
}

}  // namespace
}  // namespace tfmicro

TFM_TEST_MAIN()
