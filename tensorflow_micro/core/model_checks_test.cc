// The limits of model_checks.h, at and just past each boundary: subgraph
// nesting (and recursion), subgraph count, tensor count and arena size.
// Each failure must name the limit.
#include "tensorflow_micro/core/model_checks.h"

#include <cstdint>
#include <cstring>
#include <vector>

#include "flatbuffers/flatbuffers.h"
#include "tensorflow_micro/core/interpreter.h"
#include "tensorflow_micro/kernels/micro_op_resolver.h"
#include "tensorflow_micro/testing/micro_test.h"

namespace tfmicro {
namespace {

namespace s = schema;

// A model of `num_subgraphs` subgraphs, each with one bool tensor; subgraph
// i runs IF with both branches calling callee[i] (-1: no operator).
std::vector<uint8_t> BuildCallModel(const std::vector<int>& callee,
                                    uint32_t tensors_in_first = 1) {
  flatbuffers::FlatBufferBuilder b;
  std::vector<flatbuffers::Offset<s::SubGraph>> subgraphs;
  for (size_t i = 0; i < callee.size(); ++i) {
    std::vector<flatbuffers::Offset<s::Tensor>> tensors;
    const uint32_t count = i == 0 ? tensors_in_first : 1;
    for (uint32_t t = 0; t < count; ++t) {
      tensors.push_back(s::CreateTensor(b, b.CreateVector<int32_t>({1}),
                                        s::TensorType_BOOL));
    }
    std::vector<flatbuffers::Offset<s::Operator>> ops;
    if (callee[i] >= 0) {
      const auto options =
          s::CreateIfOptions(b, callee[i], callee[i]).Union();
      ops.push_back(s::CreateOperator(b, 0, b.CreateVector<int32_t>({0}),
                                      b.CreateVector<int32_t>({}),
                                      s::BuiltinOptions_IfOptions, options));
    }
    subgraphs.push_back(s::CreateSubGraph(
        b, b.CreateVector(tensors), b.CreateVector<int32_t>({0}),
        b.CreateVector<int32_t>({}), b.CreateVector(ops)));
  }
  const auto code = s::CreateOperatorCode(b, s::BuiltinOperator_IF, 0, 1,
                                          s::BuiltinOperator_IF);
  const auto buffer = s::CreateBuffer(b);
  b.Finish(s::CreateModel(b, 3, b.CreateVector(&code, 1),
                          b.CreateVector(subgraphs), 0,
                          b.CreateVector(&buffer, 1)),
           s::ModelIdentifier());
  return std::vector<uint8_t>(b.GetBufferPointer(),
                              b.GetBufferPointer() + b.GetSize());
}

// A chain 0 -> 1 -> ... -> n-1 of IF calls.
std::vector<int> Chain(int n) {
  std::vector<int> callee(static_cast<size_t>(n));
  for (int i = 0; i < n; ++i) callee[i] = i + 1 < n ? i + 1 : -1;
  return callee;
}

bool Check(const std::vector<uint8_t>& bytes, char* error, size_t size) {
  // The checks read the model in place: give it the alignment it needs.
  static std::vector<uint64_t> storage;
  storage.assign((bytes.size() + 7) / 8, 0);
  std::memcpy(storage.data(), bytes.data(), bytes.size());
  const s::Model* model = nullptr;
  return CheckModel(reinterpret_cast<const uint8_t*>(storage.data()),
                    bytes.size(), &model, error, size);
}

TFM_TEST(NestingUpToTheLimitIsAccepted) {
  char error[256] = "";
  // kMaxSubgraphDepth calls below the main graph.
  TFM_EXPECT_TRUE(Check(BuildCallModel(Chain(kMaxSubgraphDepth + 1)), error,
                        sizeof(error)));
}

TFM_TEST(NestingPastTheLimitNamesIt) {
  char error[256] = "";
  TFM_EXPECT_FALSE(Check(BuildCallModel(Chain(kMaxSubgraphDepth + 2)), error,
                         sizeof(error)));
  TFM_EXPECT_TRUE(TfmContains(error, "deeper than 8 levels"));
}

TFM_TEST(DirectRecursionIsRejected) {
  char error[256] = "";
  TFM_EXPECT_FALSE(Check(BuildCallModel({0}), error, sizeof(error)));
  TFM_EXPECT_TRUE(TfmContains(error, "subgraph 0, operator 0 (IF)"));
  TFM_EXPECT_TRUE(TfmContains(error, "recursion"));
}

TFM_TEST(MutualRecursionIsRejected) {
  char error[256] = "";
  TFM_EXPECT_FALSE(Check(BuildCallModel({1, 2, 0}), error, sizeof(error)));
  TFM_EXPECT_TRUE(TfmContains(error, "recursively"));
}

TFM_TEST(SubgraphIndexOutOfRangeIsRejected) {
  char error[256] = "";
  TFM_EXPECT_FALSE(Check(BuildCallModel({5, -1}), error, sizeof(error)));
  TFM_EXPECT_TRUE(TfmContains(error, "then subgraph index 5 is out of range"));
}

TFM_TEST(TooManySubgraphsNamesTheLimit) {
  char error[256] = "";
  TFM_EXPECT_TRUE(Check(BuildCallModel(std::vector<int>(kMaxSubgraphs, -1)),
                        error, sizeof(error)));
  TFM_EXPECT_FALSE(Check(
      BuildCallModel(std::vector<int>(kMaxSubgraphs + 1, -1)), error,
      sizeof(error)));
  TFM_EXPECT_TRUE(TfmContains(error, "129 subgraphs; the limit is 128"));
}

TFM_TEST(TooManyTensorsNamesTheLimit) {
  char error[256] = "";
  TFM_EXPECT_TRUE(
      Check(BuildCallModel({-1}, kMaxTensors), error, sizeof(error)));
  TFM_EXPECT_FALSE(
      Check(BuildCallModel({-1}, kMaxTensors + 1), error, sizeof(error)));
  TFM_EXPECT_TRUE(
      TfmContains(error, "subgraph 0 has 10001 tensors; the limit is 10000"));
}

TFM_TEST(ArenaPastTheLimitIsAnArgumentError) {
  const std::vector<uint8_t> model = BuildCallModel({-1});
  static std::vector<uint64_t> storage;
  storage.assign((model.size() + 7) / 8, 0);
  std::memcpy(storage.data(), model.data(), model.size());
  const AllOpsResolver resolver;
  // The size is checked before the arena is touched.
  alignas(16) static uint8_t arena[64];
  InterpreterOptions options;
  options.log_errors = false;
  Interpreter too_large(storage.data(), model.size(), resolver, arena,
                        static_cast<size_t>(kMaxArenaBytes) + 1, options);
  TFM_EXPECT_EQ(Status::kInvalidArgument, too_large.status());
  TFM_EXPECT_TRUE(TfmContains(too_large.error_message(),
                              "exceeds the maximum of 2147483648 bytes"));
}

}  // namespace
}  // namespace tfmicro

TFM_TEST_MAIN()
