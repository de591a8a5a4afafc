// Interpreter behaviour that does not depend on any real kernel: a test
// kernel "ADD_ONE" (float32, out = in + 1) exercises the whole path.
#include "tensorflow_micro/core/interpreter.h"

#include <cstdio>
#include <cstring>
#include <vector>

#include "tensorflow_micro/testing/micro_test.h"
#include "tensorflow_micro/testing/single_op_model.h"

namespace tfmicro {
namespace {

using testing::SingleOpModel;

struct AddOneData {
  int scratch;
};

Status AddOnePrepare(OpContext& context) {
  TFM_RETURN_IF_ERROR(ExpectIoCount(context, 1, 1, 1));
  TFM_RETURN_IF_ERROR(
      ExpectType(context, context.input(0), "input", DataType::kFloat32));
  TFM_RETURN_IF_ERROR(ExpectSameShape(context, context.input(0), "input",
                                      context.output(0), "output"));
  auto* data =
      static_cast<AddOneData*>(context.AllocatePersistent(sizeof(AddOneData)));
  TFM_ENSURE(context, data != nullptr, "no memory");
  context.set_op_data(data);
  return context.RequestScratch(context.input(0)->bytes, &data->scratch);
}

Status AddOneEval(OpContext& context) {
  const auto* data = static_cast<const AddOneData*>(context.op_data());
  const Tensor* in = context.input(0);
  Tensor* out = context.output(0);
  float* scratch = static_cast<float*>(context.scratch(data->scratch));
  for (int64_t i = 0; i < in->num_elements(); ++i) {
    scratch[i] = in->data_as<float>()[i] + 1.f;
  }
  std::memcpy(out->data, scratch, out->bytes);
  return Status::kOk;
}

const KernelRegistration kAddOne = {nullptr, AddOnePrepare, AddOneEval,
                                    nullptr};

struct AddOneResolver : MutableOpResolver<1> {
  AddOneResolver() { AddCustom("ADD_ONE", kAddOne); }
};

void BuildAddOne(SingleOpModel& m, DataType type = DataType::kFloat32) {
  m.AddInput(type, {1, 4});
  m.AddOutput(type, {1, 4});
}

TFM_TEST(RunsACustomKernelWithScratch) {
  SingleOpModel m("ADD_ONE");
  BuildAddOne(m);
  AddOneResolver resolver;
  TFM_EXPECT_EQ(Status::kOk, m.Build(16 * 1024, &resolver));
  m.SetInput<float>(0, {1.f, 2.f, 3.f, -4.f});
  TFM_EXPECT_EQ(Status::kOk, m.Invoke());
  const float* out = m.Output<float>(0);
  TFM_EXPECT_NEAR(2.f, out[0], 0);
  TFM_EXPECT_NEAR(-3.f, out[3], 0);
  const ArenaUsage usage = m.interpreter().arena_usage();
  TFM_EXPECT_EQ(16u, usage.scratch_bytes);
  TFM_EXPECT_TRUE(usage.planned_bytes >= 48u);  // in, out, scratch
}

// "ACCUMULATE": out = state; state += in (int8, a variable state input).
Status AccumulatePrepare(OpContext& context) {
  return ExpectIoCount(context, 2, 2, 1);
}

Status AccumulateEval(OpContext& context) {
  const Tensor* in = context.input(0);
  Tensor* state = context.input(1);
  Tensor* out = context.output(0);
  for (int64_t i = 0; i < in->num_elements(); ++i) {
    out->data_as<int8_t>()[i] = state->data_as<int8_t>()[i];
    state->data_as<int8_t>()[i] = static_cast<int8_t>(
        state->data_as<int8_t>()[i] + in->data_as<int8_t>()[i]);
  }
  return Status::kOk;
}

const KernelRegistration kAccumulate = {nullptr, AccumulatePrepare,
                                        AccumulateEval, nullptr};

// An INT8 variable without data starts, and restarts on Reset, at its zero
// point (TFLite's ResetVariableTensor), so it stands for 0.
TFM_TEST(Int8VariableStartsAtItsZeroPoint) {
  SingleOpModel m("ACCUMULATE");
  m.AddInput(DataType::kInt8, {3}, 0.5f, 0);
  m.AddVariableInput(DataType::kInt8, {3}, testing::QuantSpec{{0.5f}, {-7}, 0});
  m.AddOutput(DataType::kInt8, {3}, 0.5f, 0);
  MutableOpResolver<1> resolver;
  resolver.AddCustom("ACCUMULATE", kAccumulate);
  TFM_EXPECT_EQ(Status::kOk, m.Build(16 * 1024, &resolver));
  for (int round = 0; round < 2; ++round) {
    m.SetInput<int8_t>(0, {1, 2, 3});
    TFM_EXPECT_EQ(Status::kOk, m.Invoke());
    TFM_EXPECT_EQ(-7, m.Output<int8_t>(0)[0]);
    TFM_EXPECT_EQ(Status::kOk, m.Invoke());
    TFM_EXPECT_EQ(-6, m.Output<int8_t>(0)[0]);
    TFM_EXPECT_EQ(-4, m.Output<int8_t>(0)[2]);
    TFM_EXPECT_EQ(Status::kOk, m.interpreter().Reset());
  }
}

TFM_TEST(UnregisteredOpNamesTheOpAndTheFix) {
  SingleOpModel m(schema::BuiltinOperator_CONV_2D);
  BuildAddOne(m);
  MutableOpResolver<1> empty;
  TFM_EXPECT_EQ(Status::kUnsupportedOp, m.Build(16 * 1024, &empty));
  TFM_EXPECT_TRUE(TfmContains(m.error(), "node 0 (CONV_2D)"));
  TFM_EXPECT_TRUE(TfmContains(m.error(), "resolver.AddConv2D()"));
}

TFM_TEST(UnregisteredCustomOpIsNamed) {
  SingleOpModel m("MY_OP");
  BuildAddOne(m);
  AddOneResolver resolver;
  TFM_EXPECT_EQ(Status::kUnsupportedOp, m.Build(16 * 1024, &resolver));
  TFM_EXPECT_TRUE(TfmContains(m.error(), "custom operator 'MY_OP'"));
}

TFM_TEST(KernelErrorsNameNodeAndOp) {
  SingleOpModel m("ADD_ONE");
  BuildAddOne(m, DataType::kInt8);
  AddOneResolver resolver;
  TFM_EXPECT_EQ(Status::kKernelError, m.Build(16 * 1024, &resolver));
  TFM_EXPECT_TRUE(TfmContains(
      m.error(), "node 0 (ADD_ONE): input type INT8 not supported"));
}

TFM_TEST(ArenaUsedBytesIsExact) {
  SingleOpModel m("ADD_ONE");
  BuildAddOne(m);
  AddOneResolver resolver;
  TFM_EXPECT_EQ(Status::kOk, m.Build(16 * 1024, &resolver));
  const size_t needed = m.interpreter().arena_used_bytes();

  alignas(16) static uint8_t arena[16 * 1024];
  Interpreter exact(m.model_data(), m.model_size(), resolver, arena, needed);
  TFM_EXPECT_EQ(Status::kOk, exact.AllocateTensors());
  TFM_EXPECT_EQ(needed, exact.arena_used_bytes());

  Interpreter small(m.model_data(), m.model_size(), resolver, arena,
                    needed - 1);
  TFM_EXPECT_EQ(Status::kArenaTooSmall, small.AllocateTensors());
  char expected[64];
  std::snprintf(expected, sizeof(expected), "at least %lu needed",
                static_cast<unsigned long>(needed));
  TFM_EXPECT_TRUE(TfmContains(small.error_message(), expected));
}

TFM_TEST(InvokeBeforeAllocateIsAnError) {
  SingleOpModel m("ADD_ONE");
  BuildAddOne(m);
  AddOneResolver resolver;
  TFM_EXPECT_EQ(Status::kOk, m.Build(16 * 1024, &resolver));
  alignas(16) static uint8_t arena[16 * 1024];
  Interpreter fresh(m.model_data(), m.model_size(), resolver, arena,
                    sizeof(arena));
  TFM_EXPECT_EQ(Status::kNotReady, fresh.Invoke());
  TFM_EXPECT_TRUE(fresh.input(0) == nullptr);
}

TFM_TEST(RejectsTruncatedAndForeignBytes) {
  SingleOpModel m("ADD_ONE");
  BuildAddOne(m);
  AddOneResolver resolver;
  TFM_EXPECT_EQ(Status::kOk, m.Build(16 * 1024, &resolver));
  alignas(16) static uint8_t arena[16 * 1024];
  for (size_t size : {size_t{0}, size_t{4}, m.model_size() / 2,
                      m.model_size() - 1}) {
    Interpreter truncated(m.model_data(), size, resolver, arena,
                          sizeof(arena));
    TFM_EXPECT_EQ(Status::kInvalidModel, truncated.status());
    TFM_EXPECT_EQ(Status::kInvalidModel, truncated.AllocateTensors());
    TFM_EXPECT_TRUE(truncated.error_message()[0] != '\0');
  }
  alignas(16) uint8_t foreign[64] = {1, 2, 3, 4, 'N', 'O', 'P', 'E'};
  Interpreter not_tflite(foreign, sizeof(foreign), resolver, arena,
                         sizeof(arena));
  TFM_EXPECT_EQ(Status::kInvalidModel, not_tflite.status());
  TFM_EXPECT_TRUE(TfmContains(not_tflite.error_message(), "TFL3"));
}

// Every single-byte corruption either fails cleanly or runs.
TFM_TEST(SurvivesEveryByteCorruption) {
  SingleOpModel m("ADD_ONE");
  BuildAddOne(m);
  AddOneResolver resolver;
  TFM_EXPECT_EQ(Status::kOk, m.Build(16 * 1024, &resolver));
  std::vector<uint8_t> storage(m.model_size() + 16);
  uint8_t* copy = storage.data() +
                  (16 - reinterpret_cast<uintptr_t>(storage.data()) % 16) % 16;
  alignas(16) static uint8_t arena[16 * 1024];
  int ran = 0;
  for (size_t i = 0; i < m.model_size(); ++i) {
    for (uint8_t value : {uint8_t{0x00}, uint8_t{0xff}, uint8_t{0x7f}}) {
      std::memcpy(copy, m.model_data(), m.model_size());
      copy[i] = value;
      Interpreter interpreter(copy, m.model_size(), resolver, arena,
                              sizeof(arena));
      if (interpreter.AllocateTensors() != Status::kOk) continue;
      for (size_t k = 0; k < interpreter.inputs_size(); ++k) {
        Tensor* t = interpreter.input(k);
        if (t->data) std::memset(t->data, 0, t->bytes);
      }
      interpreter.Invoke();
      ++ran;
    }
  }
  TFM_EXPECT_TRUE(ran > 0);
}

}  // namespace
}  // namespace tfmicro

TFM_TEST_MAIN()
