#include "tensorflow_micro/testing/single_op_model.h"

namespace tfmicro {
namespace testing {

uint8_t* AlignedBuffer(size_t bytes, std::unique_ptr<uint8_t[]>* storage) {
  storage->reset(new uint8_t[bytes + 16]);
  uint8_t* base = storage->get();
  return base + (16 - reinterpret_cast<uintptr_t>(base) % 16) % 16;
}

SingleOpModel::SingleOpModel(schema::BuiltinOperator op, int version)
    : op_(op), version_(version) {
  // Buffer 0 is the empty buffer by TFLite convention.
  buffers_.push_back(schema::CreateBuffer(builder_));
}

SingleOpModel::SingleOpModel(const char* custom_name)
    : SingleOpModel(schema::BuiltinOperator_CUSTOM) {
  custom_name_ = custom_name;
}

int SingleOpModel::AddTensor(DataType type, const std::vector<int32_t>& shape,
                             const QuantSpec& quant, uint32_t buffer,
                             bool is_variable) {
  flatbuffers::Offset<schema::QuantizationParameters> q = 0;
  if (!quant.scales.empty()) {
    std::vector<int64_t> zero_points = quant.zero_points;
    if (zero_points.empty()) zero_points.assign(quant.scales.size(), 0);
    q = schema::CreateQuantizationParameters(
        builder_, 0, 0, builder_.CreateVector(quant.scales),
        builder_.CreateVector(zero_points), schema::QuantizationDetails_NONE,
        0, quant.quantized_dimension);
  }
  const int index = static_cast<int>(tensors_.size());
  const std::string name = "t" + std::to_string(index);
  tensors_.push_back(schema::CreateTensor(
      builder_, builder_.CreateVector(shape),
      static_cast<schema::TensorType>(type), buffer,
      builder_.CreateString(name), q, is_variable));
  return index;
}

int SingleOpModel::AddInput(DataType type, const std::vector<int32_t>& shape,
                            float scale, int64_t zero_point) {
  QuantSpec quant;
  if (scale != 0.f) {
    quant.scales = {scale};
    quant.zero_points = {zero_point};
  }
  return AddInput(type, shape, quant);
}

int SingleOpModel::AddInput(DataType type, const std::vector<int32_t>& shape,
                            const QuantSpec& quant) {
  const int tensor = AddTensor(type, shape, quant, 0);
  op_inputs_.push_back(tensor);
  model_inputs_.push_back(tensor);
  return static_cast<int>(model_inputs_.size()) - 1;
}

void SingleOpModel::AddConstBytes(DataType type,
                                  const std::vector<int32_t>& shape,
                                  const void* data, size_t bytes,
                                  const QuantSpec& quant) {
  builder_.ForceVectorAlignment(bytes, 1, 16);
  const auto vector =
      builder_.CreateVector(static_cast<const uint8_t*>(data), bytes);
  const uint32_t buffer = static_cast<uint32_t>(buffers_.size());
  buffers_.push_back(schema::CreateBuffer(builder_, vector));
  op_inputs_.push_back(AddTensor(type, shape, quant, buffer));
}

void SingleOpModel::AddOptionalInput() { op_inputs_.push_back(-1); }

void SingleOpModel::AddIntermediate(DataType type,
                                    const std::vector<int32_t>& shape,
                                    const QuantSpec& quant) {
  op_intermediates_.push_back(AddTensor(type, shape, quant, 0));
}

void SingleOpModel::AddVariableInput(DataType type,
                                     const std::vector<int32_t>& shape,
                                     const QuantSpec& quant) {
  op_inputs_.push_back(AddTensor(type, shape, quant, 0, /*is_variable=*/true));
}

int SingleOpModel::AddOutput(DataType type, const std::vector<int32_t>& shape,
                             float scale, int64_t zero_point) {
  QuantSpec quant;
  if (scale != 0.f) {
    quant.scales = {scale};
    quant.zero_points = {zero_point};
  }
  return AddOutput(type, shape, quant);
}

int SingleOpModel::AddOutput(DataType type, const std::vector<int32_t>& shape,
                             const QuantSpec& quant) {
  op_outputs_.push_back(AddTensor(type, shape, quant, 0));
  return static_cast<int>(op_outputs_.size()) - 1;
}

void SingleOpModel::SetOptions(schema::BuiltinOptions type,
                               flatbuffers::Offset<void> options) {
  options_type_ = type;
  options_ = options;
}

Status SingleOpModel::Build(size_t arena_size, const OpResolver* resolver) {
  const int8_t deprecated_code =
      static_cast<int8_t>(op_ < 127 ? static_cast<int>(op_) : 127);
  const auto code = schema::CreateOperatorCode(
      builder_, deprecated_code,
      custom_name_.empty() ? 0 : builder_.CreateString(custom_name_),
      version_, op_);
  const auto intermediates =
      op_intermediates_.empty() ? 0 : builder_.CreateVector(op_intermediates_);
  const auto op = schema::CreateOperator(
      builder_, 0, builder_.CreateVector(op_inputs_),
      builder_.CreateVector(op_outputs_), options_type_, options_, 0,
      schema::CustomOptionsFormat_FLEXBUFFERS, 0, intermediates);
  const auto subgraph = schema::CreateSubGraph(
      builder_, builder_.CreateVector(tensors_),
      builder_.CreateVector(model_inputs_), builder_.CreateVector(op_outputs_),
      builder_.CreateVector(&op, 1), builder_.CreateString("main"));
  const auto model = schema::CreateModel(
      builder_, 3, builder_.CreateVector(&code, 1),
      builder_.CreateVector(&subgraph, 1),
      builder_.CreateString("single op model"),
      builder_.CreateVector(buffers_));
  schema::FinishModelBuffer(builder_, model);
  model_size_ = builder_.GetSize();
  model_ = AlignedBuffer(model_size_, &model_storage_);
  std::memcpy(model_, builder_.GetBufferPointer(), model_size_);
  uint8_t* arena = AlignedBuffer(arena_size, &arena_);
  interpreter_.reset(new Interpreter(model_, model_size_,
                                     resolver ? *resolver : resolver_, arena,
                                     arena_size));
  if (interpreter_->status() != Status::kOk) return interpreter_->status();
  return interpreter_->AllocateTensors();
}

const char* SingleOpModel::error() const {
  return interpreter_ ? interpreter_->error_message() : "not built";
}

size_t SingleOpModel::OutputCount(int index) {
  Tensor* t = interpreter_->output(static_cast<size_t>(index));
  return t ? static_cast<size_t>(t->num_elements()) : 0;
}

}  // namespace testing
}  // namespace tfmicro
