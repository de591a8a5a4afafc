#include "tensorflow_micro/testing/graph_model.h"

namespace tfmicro {
namespace testing {

GraphModel::GraphModel() {
  // Buffer 0 is the empty buffer by TFLite convention.
  buffers_.push_back(schema::CreateBuffer(builder_));
}

int GraphModel::AddSubgraph() {
  subgraphs_.emplace_back();
  return static_cast<int>(subgraphs_.size()) - 1;
}

int GraphModel::AddTensorWithBuffer(int subgraph, DataType type,
                                    const std::vector<int32_t>& shape,
                                    float scale, int64_t zero_point,
                                    uint32_t buffer) {
  flatbuffers::Offset<schema::QuantizationParameters> q = 0;
  if (scale != 0.f) {
    q = schema::CreateQuantizationParameters(
        builder_, 0, 0, builder_.CreateVector(std::vector<float>{scale}),
        builder_.CreateVector(std::vector<int64_t>{zero_point}));
  }
  Subgraph& g = subgraphs_[static_cast<size_t>(subgraph)];
  const int index = static_cast<int>(g.tensors.size());
  const std::string name =
      "s" + std::to_string(subgraph) + "_t" + std::to_string(index);
  g.tensors.push_back(schema::CreateTensor(
      builder_, builder_.CreateVector(shape),
      static_cast<schema::TensorType>(type), buffer,
      builder_.CreateString(name), q));
  return index;
}

int GraphModel::AddTensor(int subgraph, DataType type,
                          const std::vector<int32_t>& shape, float scale,
                          int64_t zero_point) {
  return AddTensorWithBuffer(subgraph, type, shape, scale, zero_point, 0);
}

int GraphModel::AddConstBytes(int subgraph, DataType type,
                              const std::vector<int32_t>& shape,
                              const void* data, size_t bytes) {
  builder_.ForceVectorAlignment(bytes, 1, 16);
  const auto vector =
      builder_.CreateVector(static_cast<const uint8_t*>(data), bytes);
  const uint32_t buffer = static_cast<uint32_t>(buffers_.size());
  buffers_.push_back(schema::CreateBuffer(builder_, vector));
  return AddTensorWithBuffer(subgraph, type, shape, 0.f, 0, buffer);
}

void GraphModel::SetInputs(int subgraph, const std::vector<int32_t>& tensors) {
  subgraphs_[static_cast<size_t>(subgraph)].inputs = tensors;
}

void GraphModel::SetOutputs(int subgraph,
                            const std::vector<int32_t>& tensors) {
  subgraphs_[static_cast<size_t>(subgraph)].outputs = tensors;
}

uint32_t GraphModel::OpcodeIndex(schema::BuiltinOperator op) {
  for (size_t i = 0; i < opcodes_.size(); ++i) {
    if (opcodes_[i] == op) return static_cast<uint32_t>(i);
  }
  opcodes_.push_back(op);
  return static_cast<uint32_t>(opcodes_.size() - 1);
}

void GraphModel::AddOperator(int subgraph, schema::BuiltinOperator op,
                             const std::vector<int32_t>& inputs,
                             const std::vector<int32_t>& outputs,
                             schema::BuiltinOptions options_type,
                             flatbuffers::Offset<void> options) {
  const uint32_t opcode = OpcodeIndex(op);
  const auto in = builder_.CreateVector(inputs);
  const auto out = builder_.CreateVector(outputs);
  subgraphs_[static_cast<size_t>(subgraph)].operators.push_back(
      schema::CreateOperator(builder_, opcode, in, out, options_type,
                             options));
}

Status GraphModel::Build(size_t arena_size,
                         const InterpreterOptions& options) {
  std::vector<flatbuffers::Offset<schema::OperatorCode>> codes;
  for (schema::BuiltinOperator op : opcodes_) {
    const int8_t deprecated =
        static_cast<int8_t>(op < 127 ? static_cast<int>(op) : 127);
    codes.push_back(schema::CreateOperatorCode(builder_, deprecated, 0, 1, op));
  }
  std::vector<flatbuffers::Offset<schema::SubGraph>> subgraphs;
  for (size_t s = 0; s < subgraphs_.size(); ++s) {
    const Subgraph& g = subgraphs_[s];
    subgraphs.push_back(schema::CreateSubGraph(
        builder_, builder_.CreateVector(g.tensors),
        builder_.CreateVector(g.inputs), builder_.CreateVector(g.outputs),
        builder_.CreateVector(g.operators),
        builder_.CreateString("subgraph" + std::to_string(s))));
  }
  const auto model = schema::CreateModel(
      builder_, 3, builder_.CreateVector(codes),
      builder_.CreateVector(subgraphs), builder_.CreateString("graph model"),
      builder_.CreateVector(buffers_));
  schema::FinishModelBuffer(builder_, model);
  model_size_ = builder_.GetSize();
  model_ = AlignedBuffer(model_size_, &model_storage_);
  std::memcpy(model_, builder_.GetBufferPointer(), model_size_);
  uint8_t* arena = AlignedBuffer(arena_size, &arena_);
  InterpreterOptions quiet = options;
  quiet.log_errors = false;
  interpreter_.reset(
      new Interpreter(model_, model_size_, resolver_, arena, arena_size, quiet));
  if (interpreter_->status() != Status::kOk) return interpreter_->status();
  return interpreter_->AllocateTensors();
}

const char* GraphModel::error() const {
  return interpreter_ ? interpreter_->error_message() : "not built";
}

int AddVarHandle(GraphModel& m, int subgraph, const char* shared_name) {
  const int handle = m.AddTensor(subgraph, DataType::kResource, {});
  const auto options = schema::CreateVarHandleOptions(
      m.builder(), m.builder().CreateString(""),
      m.builder().CreateString(shared_name));
  m.AddOperator(subgraph, schema::BuiltinOperator_VAR_HANDLE, {}, {handle},
                schema::BuiltinOptions_VarHandleOptions, options.Union());
  return handle;
}

void BuildAccumulatorModel(GraphModel& m) {
  m.AddSubgraph();
  m.AddSubgraph();
  m.AddOperator(0, schema::BuiltinOperator_CALL_ONCE, {}, {},
                schema::BuiltinOptions_CallOnceOptions,
                schema::CreateCallOnceOptions(m.builder(), 1).Union());
  const int x = m.AddTensor(0, DataType::kFloat32, {2});
  const int handle = AddVarHandle(m, 0, "v");
  const int value = m.AddTensor(0, DataType::kFloat32, {2});
  const int sum = m.AddTensor(0, DataType::kFloat32, {2});
  m.AddOperator(0, schema::BuiltinOperator_READ_VARIABLE, {handle}, {value});
  m.AddOperator(0, schema::BuiltinOperator_ADD, {value, x}, {sum});
  m.AddOperator(0, schema::BuiltinOperator_ASSIGN_VARIABLE, {handle, sum}, {});
  m.SetInputs(0, {x});
  m.SetOutputs(0, {sum});
  const int init_handle = AddVarHandle(m, 1, "v");
  const int initial = m.AddConstTensor<float>(1, DataType::kFloat32, {2},
                                              {1.f, 2.f});
  m.AddOperator(1, schema::BuiltinOperator_ASSIGN_VARIABLE,
                {init_handle, initial}, {});
}

}  // namespace testing
}  // namespace tfmicro
