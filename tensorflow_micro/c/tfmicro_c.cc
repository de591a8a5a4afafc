// The C API over Interpreter and the all-ops resolver. The interpreter
// object lives at the start of the caller's arena: no heap, no globals.
#include "tensorflow_micro/c/tfmicro_c.h"

#include <cstring>
#include <new>

#include "tensorflow_micro/core/format.h"
#include "tensorflow_micro/core/interpreter.h"
#include "tensorflow_micro/core/model_checks.h"
#include "tensorflow_micro/core/op_names.h"
#include "tensorflow_micro/kernels/micro_op_resolver.h"
#include "tensorflow_micro/platform/platform.h"

static_assert(TFM_MAX_ARENA_BYTES == tfmicro::kMaxArenaBytes,
              "tfmicro_c.h mirrors the arena limit of core/model_checks.h");
static_assert(TFM_MAX_RANK == tfmicro::kMaxTensorRank,
              "tfmicro_c.h mirrors the rank limit of core/model_checks.h");

struct TfmInterpreter {
  TfmInterpreter(const void* model, size_t model_size, uint8_t* arena,
                 size_t arena_size, const tfmicro::InterpreterOptions& options)
      : interpreter(model, model_size, resolver, arena, arena_size, options) {}
  tfmicro::AllOpsResolver resolver;
  tfmicro::Interpreter interpreter;
  size_t object_bytes = 0;  // arena bytes before the interpreter's own region
};

namespace {

TfmStatus ToC(tfmicro::Status status) { return static_cast<TfmStatus>(status); }

size_t ObjectBytes() {
  return tfmicro::AlignUp(sizeof(TfmInterpreter), tfmicro::kArenaAlignment);
}

void FillInfo(const TfmInterpreter* handle, int32_t tensor_index,
              TfmTensorInfo* info) {
  auto& interpreter = const_cast<tfmicro::Interpreter&>(handle->interpreter);
  *info = TfmTensorInfo();
  info->tensor_index = tensor_index;
  info->name = interpreter.tensor_name(static_cast<size_t>(tensor_index));
  info->arena_offset = interpreter.tensor_arena_offset(tensor_index);
  interpreter.tensor_lifetime(tensor_index, &info->first_op, &info->last_op);
  const tfmicro::Tensor* t = interpreter.tensor(tensor_index);
  if (t == nullptr) return;  // not allocated yet
  info->type = static_cast<int32_t>(t->type);
  info->rank = t->rank;
  for (int i = 0; i < t->rank && i < TFM_MAX_RANK; ++i) info->dims[i] = t->dims[i];
  info->bytes = t->bytes;
  info->data = t->data;
  info->is_constant = t->is_constant ? 1 : 0;
  info->num_channels = t->quant.num_channels;
  info->quantized_dimension = t->quant.quantized_dimension;
  info->scales = t->quant.scales;
  info->zero_points = t->quant.zero_points;
}

class TickProfiler : public tfmicro::Profiler {
 public:
  TickProfiler(uint64_t* ticks, size_t count) : ticks_(ticks), count_(count) {}
  void BeginOp(int, const char*) override { start_ = tfm_platform_ticks(); }
  void EndOp(int node_index) override {
    if (static_cast<size_t>(node_index) < count_) {
      ticks_[node_index] = tfm_platform_ticks() - start_;
    }
  }

 private:
  uint64_t* ticks_;
  size_t count_;
  uint64_t start_ = 0;
};

}  // namespace

extern "C" {

size_t tfm_interpreter_object_bytes(void) { return ObjectBytes(); }

TfmStatus tfm_interpreter_create(const void* model, size_t model_size,
                                 void* arena, size_t arena_size,
                                 uint32_t flags, TfmInterpreter** out,
                                 char* error, size_t error_size) {
  if (error != nullptr && error_size > 0) error[0] = '\0';
  if (out == nullptr) return TFM_INVALID_ARGUMENT;
  *out = nullptr;
  auto* base = static_cast<uint8_t*>(arena);
  const size_t misalignment =
      arena ? (tfmicro::kArenaAlignment -
               reinterpret_cast<uintptr_t>(arena) % tfmicro::kArenaAlignment) %
                  tfmicro::kArenaAlignment
            : 0;
  const size_t header = misalignment + ObjectBytes();
  if (arena == nullptr || arena_size < header) {
    if (error != nullptr) {
      tfmicro::Format(error, error_size,
                      "arena too small: %zu bytes given, at least %zu needed "
                      "for the interpreter object alone",
                      arena_size, header);
    }
    return arena == nullptr ? TFM_INVALID_ARGUMENT : TFM_ARENA_TOO_SMALL;
  }
  tfmicro::InterpreterOptions options;
  options.preserve_all_tensors = (flags & TFM_FLAG_PRESERVE_ALL_TENSORS) != 0;
  options.record_plan = (flags & TFM_FLAG_RECORD_PLAN) != 0;
  options.use_offline_plan = (flags & TFM_FLAG_IGNORE_OFFLINE_PLAN) == 0;
  options.log_errors = false;  // callers read tfm_last_error
  options.arena_prefix_bytes = header;
  auto* handle = new (base + misalignment) TfmInterpreter(
      model, model_size, base + header, arena_size - header, options);
  handle->object_bytes = header;
  if (handle->interpreter.status() != tfmicro::Status::kOk) {
    if (error != nullptr) {
      tfmicro::Format(error, error_size, "%s",
                      handle->interpreter.error_message());
    }
    return ToC(handle->interpreter.status());
  }
  *out = handle;
  return TFM_OK;
}

TfmStatus tfm_allocate_tensors(TfmInterpreter* interpreter) {
  if (interpreter == nullptr) return TFM_INVALID_ARGUMENT;
  return ToC(interpreter->interpreter.AllocateTensors());
}

TfmStatus tfm_invoke(TfmInterpreter* interpreter) {
  if (interpreter == nullptr) return TFM_INVALID_ARGUMENT;
  return ToC(interpreter->interpreter.Invoke());
}

TfmStatus tfm_invoke_profiled(TfmInterpreter* interpreter, uint64_t* ticks,
                              size_t count) {
  if (interpreter == nullptr || (ticks == nullptr && count > 0)) {
    return TFM_INVALID_ARGUMENT;
  }
  for (size_t i = 0; i < count; ++i) ticks[i] = 0;
  TickProfiler profiler(ticks, count);
  interpreter->interpreter.SetProfiler(&profiler);
  const tfmicro::Status status = interpreter->interpreter.Invoke();
  interpreter->interpreter.SetProfiler(nullptr);
  return ToC(status);
}

TfmStatus tfm_reset(TfmInterpreter* interpreter) {
  if (interpreter == nullptr) return TFM_INVALID_ARGUMENT;
  return ToC(interpreter->interpreter.Reset());
}

void tfm_abi_sizes(TfmAbiSizes* sizes) {
  if (sizes == nullptr) return;
  sizes->tensor_info = sizeof(TfmTensorInfo);
  sizes->operator_info = sizeof(TfmOperatorInfo);
  sizes->arena_usage = sizeof(TfmArenaUsage);
}

const char* tfm_last_error(const TfmInterpreter* interpreter) {
  if (interpreter == nullptr) return "interpreter is NULL";
  return interpreter->interpreter.error_message();
}

size_t tfm_arena_used_bytes(const TfmInterpreter* interpreter) {
  if (interpreter == nullptr) return 0;
  return interpreter->object_bytes +
         interpreter->interpreter.arena_used_bytes();
}

TfmStatus tfm_arena_usage(const TfmInterpreter* interpreter,
                          TfmArenaUsage* usage) {
  if (interpreter == nullptr || usage == nullptr) return TFM_INVALID_ARGUMENT;
  const tfmicro::ArenaUsage u = interpreter->interpreter.arena_usage();
  usage->total_bytes = tfm_arena_used_bytes(interpreter);
  usage->planned_bytes = u.planned_bytes;
  usage->scratch_bytes = u.scratch_bytes;
  usage->persistent_bytes = u.persistent_bytes;
  usage->temporary_bytes = u.temporary_bytes;
  usage->interpreter_bytes = interpreter->object_bytes;
  return TFM_OK;
}

int32_t tfm_inputs_size(const TfmInterpreter* interpreter) {
  return interpreter ? static_cast<int32_t>(interpreter->interpreter.inputs_size())
                     : 0;
}

int32_t tfm_outputs_size(const TfmInterpreter* interpreter) {
  return interpreter
             ? static_cast<int32_t>(interpreter->interpreter.outputs_size())
             : 0;
}

static TfmStatus IoInfo(const TfmInterpreter* interpreter, int32_t index,
                        TfmTensorInfo* info, bool is_input) {
  if (interpreter == nullptr || info == nullptr) return TFM_INVALID_ARGUMENT;
  const int32_t count =
      is_input ? tfm_inputs_size(interpreter) : tfm_outputs_size(interpreter);
  if (index < 0 || index >= count) return TFM_INVALID_ARGUMENT;
  auto& mutable_interpreter =
      const_cast<tfmicro::Interpreter&>(interpreter->interpreter);
  const tfmicro::Tensor* t = is_input ? mutable_interpreter.input(index)
                                      : mutable_interpreter.output(index);
  if (t == nullptr) return TFM_NOT_READY;
  const int32_t tensor_index =
      static_cast<int32_t>(t - mutable_interpreter.tensor(0));
  FillInfo(interpreter, tensor_index, info);
  return TFM_OK;
}

TfmStatus tfm_input_info(const TfmInterpreter* interpreter, int32_t index,
                         TfmTensorInfo* info) {
  return IoInfo(interpreter, index, info, true);
}

TfmStatus tfm_output_info(const TfmInterpreter* interpreter, int32_t index,
                          TfmTensorInfo* info) {
  return IoInfo(interpreter, index, info, false);
}

int32_t tfm_tensors_size(const TfmInterpreter* interpreter) {
  return interpreter
             ? static_cast<int32_t>(interpreter->interpreter.tensors_size())
             : 0;
}

TfmStatus tfm_tensor_info(const TfmInterpreter* interpreter,
                          int32_t tensor_index, TfmTensorInfo* info) {
  if (interpreter == nullptr || info == nullptr || tensor_index < 0 ||
      tensor_index >= tfm_tensors_size(interpreter)) {
    return TFM_INVALID_ARGUMENT;
  }
  FillInfo(interpreter, tensor_index, info);
  const bool allocated =
      const_cast<tfmicro::Interpreter&>(interpreter->interpreter)
          .tensor(static_cast<size_t>(tensor_index)) != nullptr;
  return allocated ? TFM_OK : TFM_NOT_READY;
}

int32_t tfm_operators_size(const TfmInterpreter* interpreter) {
  return interpreter
             ? static_cast<int32_t>(interpreter->interpreter.operators_size())
             : 0;
}

TfmStatus tfm_operator_info(const TfmInterpreter* interpreter, int32_t op_index,
                            TfmOperatorInfo* info) {
  if (interpreter == nullptr || info == nullptr || op_index < 0 ||
      op_index >= tfm_operators_size(interpreter)) {
    return TFM_INVALID_ARGUMENT;
  }
  const auto& i = interpreter->interpreter;
  const auto* op = i.operator_at(static_cast<size_t>(op_index));
  info->builtin_code = i.operator_builtin_code(static_cast<size_t>(op_index));
  info->op_name = i.operator_name(static_cast<size_t>(op_index));
  info->num_inputs = op->inputs() ? static_cast<int32_t>(op->inputs()->size()) : 0;
  info->inputs = op->inputs() ? op->inputs()->data() : nullptr;
  info->num_outputs =
      op->outputs() ? static_cast<int32_t>(op->outputs()->size()) : 0;
  info->outputs = op->outputs() ? op->outputs()->data() : nullptr;
  return TFM_OK;
}

int32_t tfm_plan_source(const TfmInterpreter* interpreter) {
  return interpreter ? static_cast<int32_t>(
                           interpreter->interpreter.plan_source())
                     : 0;
}

int32_t tfm_plan_buffers_size(const TfmInterpreter* interpreter) {
  return interpreter ? interpreter->interpreter.plan_record().num_buffers : 0;
}

TfmStatus tfm_plan_buffer(const TfmInterpreter* interpreter, int32_t index,
                          TfmPlanBuffer* buffer) {
  if (interpreter == nullptr || buffer == nullptr) return TFM_INVALID_ARGUMENT;
  const tfmicro::PlanRecord& record = interpreter->interpreter.plan_record();
  if (index < 0 || index >= record.num_buffers) return TFM_INVALID_ARGUMENT;
  const tfmicro::PlannedBuffer& b = record.buffers[index];
  buffer->tensor_index = record.buffer_tensors[index];
  buffer->first_op = b.first_op;
  buffer->last_op = b.last_op;
  buffer->bytes = b.bytes;
  buffer->offset = b.offset;
  return TFM_OK;
}

int32_t tfm_in_place_size(const TfmInterpreter* interpreter) {
  return interpreter ? interpreter->interpreter.plan_record().num_allowances
                     : 0;
}

TfmStatus tfm_in_place(const TfmInterpreter* interpreter, int32_t index,
                       TfmInPlace* in_place) {
  if (interpreter == nullptr || in_place == nullptr) {
    return TFM_INVALID_ARGUMENT;
  }
  const tfmicro::PlanRecord& record = interpreter->interpreter.plan_record();
  if (index < 0 || index >= record.num_allowances) return TFM_INVALID_ARGUMENT;
  const tfmicro::InPlaceAllowance& a = record.allowances[index];
  in_place->input_buffer = a.input_buffer;
  in_place->output_buffer = a.output_buffer;
  in_place->min_gap = a.min_gap;
  return TFM_OK;
}

uint64_t tfm_ticks_per_second(void) { return tfm_platform_ticks_per_second(); }

int32_t tfm_supported_builtins(int32_t* codes, int32_t capacity) {
  const tfmicro::AllOpsResolver resolver;
  int32_t count = 0;
  for (int32_t code = tfmicro::schema::BuiltinOperator_MIN;
       code <= tfmicro::schema::BuiltinOperator_MAX; ++code) {
    if (resolver.FindBuiltin(code) == nullptr) continue;
    if (codes != nullptr && count < capacity) codes[count] = code;
    ++count;
  }
  return count;
}

const char* tfm_builtin_name(int32_t builtin_code) {
  const char* name = tfmicro::BuiltinOperatorName(builtin_code);
  return std::strcmp(name, "UNKNOWN") == 0 ? nullptr : name;
}

const char* tfm_version(void) { return "0.1.0"; }

}  // extern "C"
