// Test harness: builds a TFLite model with several subgraphs (control
// flow, resource variables) in memory and runs it through the real
// Interpreter with every reference kernel registered. Test-only code: it
// uses the heap and the standard library freely.
//
//   GraphModel m;
//   const int main = m.AddSubgraph();           // 0
//   const int then_graph = m.AddSubgraph();     // 1
//   const int x = m.AddTensor(main, DataType::kFloat32, {2});
//   ...
//   m.AddOperator(main, schema::BuiltinOperator_IF, {cond, x}, {y},
//                 schema::BuiltinOptions_IfOptions,
//                 schema::CreateIfOptions(m.builder(), 1, 2).Union());
//   m.SetInputs(main, {cond, x});
//   m.SetOutputs(main, {y});
//   TFM_EXPECT_EQ(Status::kOk, m.Build());
#ifndef TENSORFLOW_MICRO_TESTING_GRAPH_MODEL_H_
#define TENSORFLOW_MICRO_TESTING_GRAPH_MODEL_H_

#include <cstdint>
#include <cstring>
#include <memory>
#include <string>
#include <vector>

#include "flatbuffers/flatbuffers.h"
#include "tensorflow_micro/core/interpreter.h"
#include "tensorflow_micro/kernels/micro_op_resolver.h"
#include "tensorflow_micro/schema/schema_generated.h"
#include "tensorflow_micro/testing/micro_test.h"
#include "tensorflow_micro/testing/single_op_model.h"

namespace tfmicro {
namespace testing {

class GraphModel {
 public:
  GraphModel();

  // Appends a subgraph; returns its index (the first one is 0, the main
  // graph).
  int AddSubgraph();
  // A tensor of the subgraph without data; returns its index there.
  int AddTensor(int subgraph, DataType type, const std::vector<int32_t>& shape,
                float scale = 0.f, int64_t zero_point = 0);
  template <typename T>
  int AddConstTensor(int subgraph, DataType type,
                     const std::vector<int32_t>& shape,
                     const std::vector<T>& values) {
    return AddConstBytes(subgraph, type, shape, values.data(),
                         values.size() * sizeof(T));
  }
  int AddConstBytes(int subgraph, DataType type,
                    const std::vector<int32_t>& shape, const void* data,
                    size_t bytes);
  void SetInputs(int subgraph, const std::vector<int32_t>& tensors);
  void SetOutputs(int subgraph, const std::vector<int32_t>& tensors);
  void AddOperator(int subgraph, schema::BuiltinOperator op,
                   const std::vector<int32_t>& inputs,
                   const std::vector<int32_t>& outputs,
                   schema::BuiltinOptions options_type =
                       schema::BuiltinOptions_NONE,
                   flatbuffers::Offset<void> options = 0);

  flatbuffers::FlatBufferBuilder& builder() { return builder_; }

  // Finishes the model and, when it verifies, calls AllocateTensors.
  Status Build(size_t arena_size = 64 * 1024,
               const InterpreterOptions& options = InterpreterOptions());
  const char* error() const;
  Interpreter& interpreter() { return *interpreter_; }
  const uint8_t* model_data() const { return model_; }
  size_t model_size() const { return model_size_; }

  template <typename T>
  void SetInput(int index, const std::vector<T>& values) {
    CopyToTensor(interpreter_->input(static_cast<size_t>(index)), values);
  }
  void SetBoolInput(int index, bool value) {
    Tensor* t = interpreter_->input(static_cast<size_t>(index));
    TFM_EXPECT_TRUE(t != nullptr && t->bytes == 1);
    if (t != nullptr && t->bytes == 1) t->data_as<bool>()[0] = value;
  }
  Status Invoke() { return interpreter_->Invoke(); }
  template <typename T>
  std::vector<T> Output(int index) {
    Tensor* t = interpreter_->output(static_cast<size_t>(index));
    if (t == nullptr) return {};
    const T* data = t->data_as<T>();
    return std::vector<T>(data, data + t->bytes / sizeof(T));
  }

 private:
  struct Subgraph {
    std::vector<flatbuffers::Offset<schema::Tensor>> tensors;
    std::vector<flatbuffers::Offset<schema::Operator>> operators;
    std::vector<int32_t> inputs;
    std::vector<int32_t> outputs;
  };
  int AddTensorWithBuffer(int subgraph, DataType type,
                          const std::vector<int32_t>& shape, float scale,
                          int64_t zero_point, uint32_t buffer);
  uint32_t OpcodeIndex(schema::BuiltinOperator op);

  flatbuffers::FlatBufferBuilder builder_;
  std::vector<Subgraph> subgraphs_;
  std::vector<schema::BuiltinOperator> opcodes_;
  std::vector<flatbuffers::Offset<schema::Buffer>> buffers_;
  std::unique_ptr<uint8_t[]> model_storage_;
  uint8_t* model_ = nullptr;
  size_t model_size_ = 0;
  std::unique_ptr<uint8_t[]> arena_;
  AllOpsResolver resolver_;
  std::unique_ptr<Interpreter> interpreter_;
};

// Adds a VAR_HANDLE for `shared_name` to the subgraph; returns the handle
// tensor.
int AddVarHandle(GraphModel& m, int subgraph, const char* shared_name);

// The model TensorFlow makes of a variable `v` (FLOAT32 [2], initially
// [1, 2]) that accumulates the input x:
//   subgraph 0: CALL_ONCE(1); h = VAR_HANDLE(v); s = READ_VARIABLE(h) + x;
//               ASSIGN_VARIABLE(h, s); output s
//   subgraph 1: ASSIGN_VARIABLE(VAR_HANDLE(v), [1, 2])
void BuildAccumulatorModel(GraphModel& m);

}  // namespace testing
}  // namespace tfmicro

#endif  // TENSORFLOW_MICRO_TESTING_GRAPH_MODEL_H_
