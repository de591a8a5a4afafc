// Test harness: builds a one-operator TFLite model in memory and runs it
// through the real Interpreter with every reference kernel registered.
// Test-only code: it uses the heap and the standard library freely.
//
//   SingleOpModel m(schema::BuiltinOperator_ADD);
//   m.AddInput(DataType::kFloat32, {1, 2});
//   m.AddInput(DataType::kFloat32, {1, 2});
//   m.AddOutput(DataType::kFloat32, {1, 2});
//   m.SetOptions(schema::BuiltinOptions_AddOptions,
//                schema::CreateAddOptions(m.builder()).Union());
//   TFM_EXPECT_EQ(Status::kOk, m.Build());
//   m.SetInput<float>(0, {1, 2});
//   m.SetInput<float>(1, {3, 4});
//   m.Invoke();
//   const float* out = m.Output<float>(0);
#ifndef TENSORFLOW_MICRO_TESTING_SINGLE_OP_MODEL_H_
#define TENSORFLOW_MICRO_TESTING_SINGLE_OP_MODEL_H_

#include <cstdint>
#include <cstring>
#include <memory>
#include <vector>

#include "flatbuffers/flatbuffers.h"
#include "tensorflow_micro/core/interpreter.h"
#include "tensorflow_micro/kernels/micro_op_resolver.h"
#include "tensorflow_micro/schema/schema_generated.h"
#include "tensorflow_micro/testing/micro_test.h"

namespace tfmicro {
namespace testing {

struct QuantSpec {
  std::vector<float> scales;
  std::vector<int64_t> zero_points;
  int quantized_dimension = 0;
};

// `bytes` bytes at a 16-byte aligned address, owned by `storage`. new[]
// aligns to 8 bytes on some C libraries (newlib): models and arenas are
// aligned to 16 so arena figures are the same on every target.
uint8_t* AlignedBuffer(size_t bytes, std::unique_ptr<uint8_t[]>* storage);

// Copies `values` into the tensor after checking it holds as many bytes.
template <typename T>
void CopyToTensor(Tensor* t, const std::vector<T>& values) {
  TFM_EXPECT_TRUE(t != nullptr);
  if (t == nullptr) return;
  TFM_EXPECT_EQ(static_cast<size_t>(t->bytes), values.size() * sizeof(T));
  if (t->bytes != values.size() * sizeof(T)) return;
  std::memcpy(t->data, values.data(), t->bytes);
}

class SingleOpModel {
 public:
  explicit SingleOpModel(schema::BuiltinOperator op, int version = 1);
  // A custom operator instead of a builtin one.
  explicit SingleOpModel(const char* custom_name);

  // A runtime input of the model (set with SetInput); returns its index
  // among the model inputs.
  int AddInput(DataType type, const std::vector<int32_t>& shape,
               float scale = 0.f, int64_t zero_point = 0);
  int AddInput(DataType type, const std::vector<int32_t>& shape,
               const QuantSpec& quant);
  // A constant operator input holding `values`.
  template <typename T>
  void AddConstInput(DataType type, const std::vector<int32_t>& shape,
                     const std::vector<T>& values,
                     const QuantSpec& quant = QuantSpec()) {
    AddConstBytes(type, shape, values.data(), values.size() * sizeof(T),
                  quant);
  }
  void AddConstBytes(DataType type, const std::vector<int32_t>& shape,
                     const void* data, size_t bytes, const QuantSpec& quant);
  // An absent optional input (index -1).
  void AddOptionalInput();
  // A variable operator input (state kept across Invoke calls, initially
  // zero).
  void AddVariableInput(DataType type, const std::vector<int32_t>& shape,
                        const QuantSpec& quant = QuantSpec());
  // An intermediate tensor of the operator (the quantized LSTM's).
  void AddIntermediate(DataType type, const std::vector<int32_t>& shape,
                       const QuantSpec& quant);
  int AddOutput(DataType type, const std::vector<int32_t>& shape,
                float scale = 0.f, int64_t zero_point = 0);
  int AddOutput(DataType type, const std::vector<int32_t>& shape,
                const QuantSpec& quant);

  flatbuffers::FlatBufferBuilder& builder() { return builder_; }
  void SetOptions(schema::BuiltinOptions type,
                  flatbuffers::Offset<void> options);

  // Finishes the model, verifies it and calls AllocateTensors, resolving
  // with every reference kernel unless `resolver` is given.
  Status Build(size_t arena_size = 256 * 1024,
               const OpResolver* resolver = nullptr);
  // The interpreter's last error message.
  const char* error() const;

  template <typename T>
  void SetInput(int index, const std::vector<T>& values) {
    CopyToTensor(interpreter_->input(static_cast<size_t>(index)), values);
  }
  Status Invoke() { return interpreter_->Invoke(); }
  template <typename T>
  const T* Output(int index) {
    Tensor* t = interpreter_->output(static_cast<size_t>(index));
    return t ? t->data_as<T>() : nullptr;
  }
  size_t OutputCount(int index);
  Tensor* OutputTensor(int index) {
    return interpreter_->output(static_cast<size_t>(index));
  }

  Interpreter& interpreter() { return *interpreter_; }
  const uint8_t* model_data() const { return model_; }
  size_t model_size() const { return model_size_; }

 private:
  int AddTensor(DataType type, const std::vector<int32_t>& shape,
                const QuantSpec& quant, uint32_t buffer,
                bool is_variable = false);

  flatbuffers::FlatBufferBuilder builder_;
  schema::BuiltinOperator op_;
  int version_;
  std::string custom_name_;
  std::vector<flatbuffers::Offset<schema::Tensor>> tensors_;
  std::vector<flatbuffers::Offset<schema::Buffer>> buffers_;
  std::vector<int32_t> op_inputs_;
  std::vector<int32_t> op_outputs_;
  std::vector<int32_t> op_intermediates_;
  std::vector<int32_t> model_inputs_;
  schema::BuiltinOptions options_type_ = schema::BuiltinOptions_NONE;
  flatbuffers::Offset<void> options_;
  std::unique_ptr<uint8_t[]> model_storage_;
  uint8_t* model_ = nullptr;
  size_t model_size_ = 0;
  std::unique_ptr<uint8_t[]> arena_;
  AllOpsResolver resolver_;
  std::unique_ptr<Interpreter> interpreter_;
};

}  // namespace testing
}  // namespace tfmicro

#endif  // TENSORFLOW_MICRO_TESTING_SINGLE_OP_MODEL_H_
