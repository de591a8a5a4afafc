// Offline plans: the device uses a plan that passes its checks and falls
// back to the greedy planner for crafted plans that would put live tensors
// on the same bytes, outside the arena or off alignment.
#include "tensorflow_micro/core/offline_plan.h"

#include <cstdint>
#include <cstring>
#include <vector>

#include "flatbuffers/flatbuffers.h"
#include "tensorflow_micro/core/interpreter.h"
#include "tensorflow_micro/core/memory_planner.h"
#include "tensorflow_micro/kernels/micro_op_resolver.h"
#include "tensorflow_micro/schema/schema_generated.h"
#include "tensorflow_micro/testing/micro_test.h"

namespace tfmicro {
namespace {

constexpr int kElements = 64;            // float32 [1, 64]: 256 bytes
constexpr uint32_t kTensorBytes = 256;

void PutU32(std::vector<uint8_t>* out, uint32_t value) {
  for (int i = 0; i < 4; ++i) out->push_back((value >> (8 * i)) & 0xff);
}

// A plan payload in the documented format.
std::vector<uint8_t> PlanPayload(uint32_t num_tensors, uint32_t num_operators,
                                 uint32_t region,
                                 const std::vector<uint32_t>& offsets) {
  std::vector<uint8_t> out = {'T', 'F', 'M', 'P', 1, 0, 0, 0};
  PutU32(&out, num_tensors);
  PutU32(&out, num_operators);
  PutU32(&out, region);
  PutU32(&out, 0);  // scratch buffers
  for (uint32_t offset : offsets) PutU32(&out, offset);
  return out;
}

// input -> RELU -> mid -> RELU -> output, float32 [1, 64], with `plan` as
// the tfmicro_plan metadata (none when empty).
std::vector<uint8_t> TwoReluModel(const std::vector<uint8_t>& plan) {
  flatbuffers::FlatBufferBuilder b;
  std::vector<flatbuffers::Offset<schema::Buffer>> buffers = {
      schema::CreateBuffer(b)};
  std::vector<flatbuffers::Offset<schema::Metadata>> metadata;
  if (!plan.empty()) {
    b.ForceVectorAlignment(plan.size(), 1, 16);
    buffers.push_back(schema::CreateBuffer(b, b.CreateVector(plan)));
    metadata.push_back(schema::CreateMetadata(
        b, b.CreateString(kOfflinePlanMetadataName), 1));
  }
  const std::vector<int32_t> shape = {1, kElements};
  std::vector<flatbuffers::Offset<schema::Tensor>> tensors;
  for (const char* name : {"input", "mid", "output"}) {
    tensors.push_back(schema::CreateTensor(b, b.CreateVector(shape),
                                           schema::TensorType_FLOAT32, 0,
                                           b.CreateString(name)));
  }
  const std::vector<int32_t> in0 = {0}, out0 = {1}, in1 = {1}, out1 = {2};
  std::vector<flatbuffers::Offset<schema::Operator>> ops = {
      schema::CreateOperator(b, 0, b.CreateVector(in0), b.CreateVector(out0)),
      schema::CreateOperator(b, 0, b.CreateVector(in1), b.CreateVector(out1))};
  const std::vector<int32_t> inputs = {0}, outputs = {2};
  auto subgraph = schema::CreateSubGraph(
      b, b.CreateVector(tensors), b.CreateVector(inputs),
      b.CreateVector(outputs), b.CreateVector(ops));
  std::vector<flatbuffers::Offset<schema::OperatorCode>> codes = {
      schema::CreateOperatorCode(b, schema::BuiltinOperator_RELU, 0, 1,
                                 schema::BuiltinOperator_RELU)};
  std::vector<flatbuffers::Offset<schema::SubGraph>> subgraphs = {subgraph};
  auto model = schema::CreateModel(
      b, 3, b.CreateVector(codes), b.CreateVector(subgraphs), 0,
      b.CreateVector(buffers), 0,
      metadata.empty() ? 0 : b.CreateVector(metadata));
  b.Finish(model, "TFL3");
  return std::vector<uint8_t>(b.GetBufferPointer(),
                              b.GetBufferPointer() + b.GetSize());
}

struct Run {
  PlanSource source;
  size_t planned_bytes;
  bool outputs_correct;
};

Run RunModel(const std::vector<uint8_t>& model) {
  MicroOpResolver<1> resolver;
  resolver.AddRelu();
  alignas(16) static uint8_t arena[16 * 1024];
  InterpreterOptions options;
  options.log_errors = false;
  Interpreter interpreter(model.data(), model.size(), resolver, arena,
                          sizeof(arena), options);
  Run run = {PlanSource::kNone, 0, false};
  if (interpreter.AllocateTensors() != Status::kOk) return run;
  float* input = interpreter.input(0)->data_as<float>();
  for (int i = 0; i < kElements; ++i) input[i] = static_cast<float>(i - 32);
  if (interpreter.Invoke() != Status::kOk) return run;
  run.source = interpreter.plan_source();
  run.planned_bytes = interpreter.arena_usage().planned_bytes;
  const float* output = interpreter.output(0)->data_as<float>();
  run.outputs_correct = true;
  for (int i = 0; i < kElements; ++i) {
    const float expected = i > 32 ? static_cast<float>(i - 32) : 0.f;
    if (output[i] != expected) run.outputs_correct = false;
  }
  return run;
}

Run RunWithPlan(uint32_t region, const std::vector<uint32_t>& offsets) {
  return RunModel(TwoReluModel(PlanPayload(3, 2, region, offsets)));
}

TFM_TEST(WithoutAPlanTheDevicePlans) {
  const Run run = RunModel(TwoReluModel({}));
  TFM_EXPECT_TRUE(run.source == PlanSource::kDevice);
  TFM_EXPECT_EQ(kTensorBytes, run.planned_bytes);  // greedy runs RELU in place
  TFM_EXPECT_TRUE(run.outputs_correct);
}

TFM_TEST(AValidPlanIsUsed) {
  // input and output never live together: both at 0, mid after them.
  const Run run = RunWithPlan(512, {0, 256, 0});
  TFM_EXPECT_TRUE(run.source == PlanSource::kOffline);
  TFM_EXPECT_EQ(512u, run.planned_bytes);
  TFM_EXPECT_TRUE(run.outputs_correct);
}

TFM_TEST(InPlacePlanFollowsTheKernelsPermission) {
  // RELU allows its output over its dying input: all three share bytes.
  const Run run = RunWithPlan(256, {0, 0, 0});
  TFM_EXPECT_TRUE(run.source == PlanSource::kOffline);
  TFM_EXPECT_EQ(256u, run.planned_bytes);
  TFM_EXPECT_TRUE(run.outputs_correct);
}

TFM_TEST(OverlappingLiveTensorsAreRejected) {
  // mid starts after input's start: RELU would overwrite input values it
  // has not read yet; in-place allows only output <= input offset.
  Run run = RunWithPlan(512, {0, 128, 0});
  TFM_EXPECT_TRUE(run.source == PlanSource::kOfflineRejected);
  TFM_EXPECT_EQ(kTensorBytes, run.planned_bytes);  // greedy runs RELU in place
  TFM_EXPECT_TRUE(run.outputs_correct);
  // The same bytes for two tensors alive over both operators' boundary
  // with no permission at all: mid and output of different nodes.
  run = RunWithPlan(512, {256, 0, 128});
  TFM_EXPECT_TRUE(run.source == PlanSource::kOfflineRejected);
  TFM_EXPECT_TRUE(run.outputs_correct);
}

TFM_TEST(OutOfBoundsAndMisalignedOffsetsAreRejected) {
  TFM_EXPECT_TRUE(RunWithPlan(512, {0, 512, 0}).source ==
                  PlanSource::kOfflineRejected);
  TFM_EXPECT_TRUE(RunWithPlan(512, {0, 0xFFFFFF00u, 0}).source ==
                  PlanSource::kOfflineRejected);
  TFM_EXPECT_TRUE(RunWithPlan(520, {0, 264, 0}).source ==
                  PlanSource::kOfflineRejected);
  TFM_EXPECT_TRUE(RunWithPlan(512, {0, kOfflinePlanNotPlanned, 0}).source ==
                  PlanSource::kOfflineRejected);
}

TFM_TEST(PlansForAnotherGraphOrFormatAreRejected) {
  std::vector<uint8_t> wrong_count = PlanPayload(4, 2, 512, {0, 256, 0, 0});
  TFM_EXPECT_TRUE(RunModel(TwoReluModel(wrong_count)).source ==
                  PlanSource::kOfflineRejected);
  std::vector<uint8_t> wrong_ops = PlanPayload(3, 3, 512, {0, 256, 0});
  TFM_EXPECT_TRUE(RunModel(TwoReluModel(wrong_ops)).source ==
                  PlanSource::kOfflineRejected);
  std::vector<uint8_t> bad_magic = PlanPayload(3, 2, 512, {0, 256, 0});
  bad_magic[0] = 'X';
  TFM_EXPECT_TRUE(RunModel(TwoReluModel(bad_magic)).source ==
                  PlanSource::kOfflineRejected);
  std::vector<uint8_t> bad_version = PlanPayload(3, 2, 512, {0, 256, 0});
  bad_version[4] = 2;
  TFM_EXPECT_TRUE(RunModel(TwoReluModel(bad_version)).source ==
                  PlanSource::kOfflineRejected);
  std::vector<uint8_t> truncated = PlanPayload(3, 2, 512, {0, 256, 0});
  truncated.resize(truncated.size() - 4);
  TFM_EXPECT_TRUE(RunModel(TwoReluModel(truncated)).source ==
                  PlanSource::kOfflineRejected);
}

TFM_TEST(CheckPlanHonoursGapsAndLifetimes) {
  char reason[160];
  // Output (1) born where input (0) dies, allowed 64 bytes before it.
  PlannedBuffer buffers[] = {{256, 0, 1, 64}, {256, 1, 2, 0}};
  const InPlaceAllowance allowance = {0, 1, 64};
  TFM_EXPECT_TRUE(CheckPlan(buffers, 2, &allowance, 1, 320, reason,
                            sizeof(reason)));
  buffers[0].offset = 48;  // gap 48 < 64
  TFM_EXPECT_FALSE(CheckPlan(buffers, 2, &allowance, 1, 320, reason,
                             sizeof(reason)));
  TFM_EXPECT_TRUE(std::strstr(reason, "overlap") != nullptr);
  buffers[0] = {256, 0, 2, 64};  // the input lives on after the node
  TFM_EXPECT_FALSE(CheckPlan(buffers, 2, &allowance, 1, 320, reason,
                             sizeof(reason)));
  const InPlaceAllowance bad = {0, 7, 0};
  TFM_EXPECT_FALSE(CheckPlan(buffers, 2, &bad, 1, 320, reason,
                             sizeof(reason)));
}

}  // namespace
}  // namespace tfmicro

TFM_TEST_MAIN()
