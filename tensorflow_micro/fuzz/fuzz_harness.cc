#include "tensorflow_micro/fuzz/fuzz_harness.h"

#include <cstdio>
#include <cstring>
#include <memory>
#include <new>

#include "tensorflow_micro/c/tfmicro_c.h"
#include "tensorflow_micro/core/interpreter.h"
#include "tensorflow_micro/kernels/micro_op_resolver.h"

namespace tfmicro {
namespace fuzz {
namespace {

constexpr size_t kResetRunMaxModelBytes = 16 * 1024;

struct AlignedDelete {
  void operator()(uint8_t* p) const {
    ::operator delete[](p, std::align_val_t{16});
  }
};
using AlignedBytes = std::unique_ptr<uint8_t[], AlignedDelete>;

// Exactly `size` bytes (at least 1), 16-byte aligned as the runtime asks of
// a model: AddressSanitizer reports any read past the end.
AlignedBytes NewAligned(size_t size) {
  return AlignedBytes(static_cast<uint8_t*>(
      ::operator new[](size > 0 ? size : 1, std::align_val_t{16})));
}

// Deterministic input values: finite floats in [-4, 4], booleans 0/1, and a
// fixed pseudo-random byte pattern for every other type.
void FillInput(Tensor* tensor, uint32_t seed) {
  if (tensor == nullptr || tensor->data == nullptr) return;
  uint32_t state = 0x9e3779b9u ^ (seed * 0x85ebca6bu);
  auto next = [&state]() {
    state = state * 1664525u + 1013904223u;
    return state >> 8;
  };
  uint8_t* bytes = static_cast<uint8_t*>(tensor->data);
  if (tensor->type == DataType::kFloat32) {
    const size_t count = tensor->bytes / sizeof(float);
    for (size_t i = 0; i < count; ++i) {
      const float value =
          static_cast<float>(static_cast<int32_t>(next() % 2001) - 1000) /
          250.f;
      std::memcpy(bytes + i * sizeof(float), &value, sizeof(float));
    }
  } else if (tensor->type == DataType::kBool) {
    for (uint32_t i = 0; i < tensor->bytes; ++i) bytes[i] = next() & 1;
  } else {
    for (uint32_t i = 0; i < tensor->bytes; ++i) {
      bytes[i] = static_cast<uint8_t>(next());
    }
  }
}

RunResult Failed(const char* step, Status status, const char* error) {
  RunResult result;
  result.status = status;
  result.step = step;
  std::strncpy(result.error, error, sizeof(result.error) - 1);
  return result;
}

// The C API the Python bindings use, on a model that passed verification:
// every introspection call over every index, one past the end and -1, and
// a profiled invoke for small models.
void RunThroughCApi(const uint8_t* model, size_t size) {
  AlignedBytes arena = NewAligned(kFuzzArenaBytes);
  TfmInterpreter* interpreter = nullptr;
  char error[128];
  if (tfm_interpreter_create(model, size, arena.get(), kFuzzArenaBytes, 0,
                             &interpreter, error, sizeof(error)) != TFM_OK) {
    return;
  }
  tfm_allocate_tensors(interpreter);
  TfmTensorInfo info;
  for (int32_t i = -1; i <= tfm_tensors_size(interpreter); ++i) {
    tfm_tensor_info(interpreter, i, &info);
  }
  for (int32_t i = -1; i <= tfm_inputs_size(interpreter); ++i) {
    tfm_input_info(interpreter, i, &info);
  }
  for (int32_t i = -1; i <= tfm_outputs_size(interpreter); ++i) {
    tfm_output_info(interpreter, i, &info);
  }
  TfmOperatorInfo op;
  const int32_t num_ops = tfm_operators_size(interpreter);
  for (int32_t i = -1; i <= num_ops; ++i) {
    tfm_operator_info(interpreter, i, &op);
  }
  TfmArenaUsage usage;
  tfm_arena_usage(interpreter, &usage);
  if (size <= kResetRunMaxModelBytes && num_ops <= 64) {
    uint64_t ticks[64];
    tfm_invoke_profiled(interpreter, ticks, static_cast<size_t>(num_ops));
  }
}

}  // namespace

RunResult RunModel(const uint8_t* data, size_t size) {
  static const AllOpsResolver resolver;
  AlignedBytes model = NewAligned(size);
  if (size > 0) std::memcpy(model.get(), data, size);
  AlignedBytes arena = NewAligned(kFuzzArenaBytes);
  InterpreterOptions options;
  options.log_errors = false;
  // Both planners: the greedy one shares memory between tensors, the
  // preserving one gives each its own.
  options.preserve_all_tensors = (size % 7) == 0;
  Interpreter interpreter(model.get(), size, resolver, arena.get(),
                          kFuzzArenaBytes, options);
  if (interpreter.status() != Status::kOk) {
    return Failed("verify", interpreter.status(),
                  interpreter.error_message());
  }
  RunThroughCApi(model.get(), size);
  Status status = interpreter.AllocateTensors();
  if (status != Status::kOk) {
    return Failed("allocate", status, interpreter.error_message());
  }
  for (size_t i = 0; i < interpreter.inputs_size(); ++i) {
    FillInput(interpreter.input(i), static_cast<uint32_t>(i));
  }
  status = interpreter.Invoke();
  if (status != Status::kOk) {
    return Failed("invoke", status, interpreter.error_message());
  }
  // A second run after Reset (variables and kernel state start over), for
  // small models only: the benchmark models take a second per run under
  // the sanitizers.
  if (size > kResetRunMaxModelBytes) return RunResult();
  status = interpreter.Reset();
  if (status == Status::kOk) status = interpreter.Invoke();
  if (status != Status::kOk) {
    return Failed("reset", status, interpreter.error_message());
  }
  return RunResult();
}

bool ReadFile(const char* path, std::vector<uint8_t>* bytes) {
  std::FILE* file = path != nullptr ? std::fopen(path, "rb") : nullptr;
  if (file == nullptr) return false;
  uint8_t chunk[4096];
  size_t n;
  while ((n = std::fread(chunk, 1, sizeof(chunk), file)) > 0) {
    bytes->insert(bytes->end(), chunk, chunk + n);
  }
  const bool ok = std::ferror(file) == 0;
  std::fclose(file);
  return ok;
}

}  // namespace fuzz
}  // namespace tfmicro
