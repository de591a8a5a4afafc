// OpContext: what a kernel sees of the interpreter.
#include "tensorflow_micro/core/kernel_api.h"

#include <cstdarg>

#include "tensorflow_micro/core/format.h"
#include "tensorflow_micro/core/graph.h"
#include "tensorflow_micro/platform/platform.h"

namespace tfmicro {

using internal::Phase;

const char* OpContext::op_name() const {
  return graph_->nodes[node_index_].op_name;
}

int OpContext::num_inputs() const {
  const auto* inputs = graph_->op(node_index_)->inputs();
  return inputs ? static_cast<int>(inputs->size()) : 0;
}

int OpContext::num_outputs() const {
  const auto* outputs = graph_->op(node_index_)->outputs();
  return outputs ? static_cast<int>(outputs->size()) : 0;
}

Tensor* OpContext::input(int i) const {
  if (i < 0 || i >= num_inputs()) return nullptr;
  const int32_t index =
      graph_->op(node_index_)->inputs()->Get(static_cast<uint32_t>(i));
  return index < 0 ? nullptr : &graph_->tensors[index];
}

int OpContext::num_intermediates() const {
  const auto* intermediates = graph_->op(node_index_)->intermediates();
  return intermediates ? static_cast<int>(intermediates->size()) : 0;
}

Tensor* OpContext::intermediate(int i) const {
  if (i < 0 || i >= num_intermediates()) return nullptr;
  const int32_t index =
      graph_->op(node_index_)->intermediates()->Get(static_cast<uint32_t>(i));
  return index < 0 || index >= graph_->num_tensors ? nullptr
                                                    : &graph_->tensors[index];
}

Tensor* OpContext::output(int i) const {
  if (i < 0 || i >= num_outputs()) return nullptr;
  const int32_t index =
      graph_->op(node_index_)->outputs()->Get(static_cast<uint32_t>(i));
  return index < 0 ? nullptr : &graph_->tensors[index];
}

const void* OpContext::builtin_options() const {
  return graph_->op(node_index_)->builtin_options();
}

const uint8_t* OpContext::custom_options(size_t* size) const {
  const auto* options = graph_->op(node_index_)->custom_options();
  *size = options ? options->size() : 0;
  return options ? options->data() : nullptr;
}

void* OpContext::op_data() const { return graph_->nodes[node_index_].op_data; }

void OpContext::set_op_data(void* data) {
  graph_->nodes[node_index_].op_data = data;
}

void* OpContext::AllocatePersistent(size_t bytes) {
  if (graph_->phase == Phase::kEval) {
    Error("AllocatePersistent called from eval; allocate in init or prepare");
    return nullptr;
  }
  // On failure the interpreter reports the arena shortfall after the
  // kernel returns.
  return graph_->allocator->AllocatePersistent(bytes);
}

Status OpContext::RequestScratch(size_t bytes, int* handle) {
  if (graph_->phase != Phase::kPrepare) {
    return Error("RequestScratch called outside prepare");
  }
  internal::NodeState& node = graph_->nodes[node_index_];
  if (node.num_scratch >= internal::kMaxScratchPerNode) {
    return Error("more than %d scratch buffers requested",
                 internal::kMaxScratchPerNode);
  }
  if (bytes > 0x7fffffff) return Error("scratch request of %zu bytes", bytes);
  graph_->scratch_requests[node_index_ * internal::kMaxScratchPerNode +
                           node.num_scratch] = static_cast<uint32_t>(bytes);
  *handle = node.num_scratch++;
  return Status::kOk;
}

void* OpContext::scratch(int handle) const {
  const internal::NodeState& node = graph_->nodes[node_index_];
  if (graph_->phase != Phase::kEval || handle < 0 ||
      handle >= node.num_scratch) {
    return nullptr;
  }
  return graph_->scratch[node.first_scratch + handle];
}

Status OpContext::Error(const char* format, ...) {
  char* text = graph_->error->text;
  const size_t size = sizeof(graph_->error->text);
  const size_t prefix =
      tfmicro::Format(text, size, "node %d (%s): ", node_index_, op_name());
  va_list args;
  va_start(args, format);
  FormatV(text + prefix, size - prefix, format, args);
  va_end(args);
  if (graph_->error->log_errors) tfm_platform_log(text);
  return Status::kKernelError;
}

Status ExpectIoCount(OpContext& context, int min_inputs, int max_inputs,
                     int outputs) {
  const int n = context.num_inputs();
  if (n < min_inputs || n > max_inputs) {
    if (min_inputs == max_inputs) {
      return context.Error("expected %d inputs, got %d", min_inputs, n);
    }
    return context.Error("expected %d to %d inputs, got %d", min_inputs,
                         max_inputs, n);
  }
  for (int i = 0; i < min_inputs; ++i) {
    if (context.input(i) == nullptr) {
      return context.Error("required input %d is missing", i);
    }
  }
  if (context.num_outputs() != outputs) {
    return context.Error("expected %d outputs, got %d", outputs,
                         context.num_outputs());
  }
  for (int i = 0; i < outputs; ++i) {
    if (context.output(i) == nullptr) {
      return context.Error("output %d is missing", i);
    }
  }
  return Status::kOk;
}

Status ExpectType(OpContext& context, const Tensor* tensor, const char* role,
                  DataType type) {
  if (tensor->type != type) {
    return context.Error("%s type %s not supported (expected %s)", role,
                         DataTypeName(tensor->type), DataTypeName(type));
  }
  return Status::kOk;
}

Status ExpectSameType(OpContext& context, const Tensor* a, const char* role_a,
                      const Tensor* b, const char* role_b) {
  if (a->type != b->type) {
    return context.Error("%s type %s differs from %s type %s", role_a,
                         DataTypeName(a->type), role_b, DataTypeName(b->type));
  }
  return Status::kOk;
}

namespace {

// "[1,4,4,3]"
void ShapeText(const Tensor* t, char* buffer, size_t size) {
  size_t n = tfmicro::Format(buffer, size, "[");
  for (int i = 0; i < t->rank && n < size; ++i) {
    n += tfmicro::Format(buffer + n, size - n, i ? ",%d" : "%d",
                         static_cast<int>(t->dims[i]));
  }
  if (n < size) tfmicro::Format(buffer + n, size - n, "]");
}

}  // namespace

Status ExpectSameShape(OpContext& context, const Tensor* a,
                       const char* role_a, const Tensor* b,
                       const char* role_b) {
  if (!SameShape(*a, *b)) {
    char shape_a[64];
    char shape_b[64];
    ShapeText(a, shape_a, sizeof(shape_a));
    ShapeText(b, shape_b, sizeof(shape_b));
    return context.Error("%s shape %s differs from %s shape %s", role_a,
                         shape_a, role_b, shape_b);
  }
  return Status::kOk;
}

Status ExpectRank(OpContext& context, const Tensor* tensor, const char* role,
                  int rank) {
  if (tensor->rank != rank) {
    return context.Error("%s must have rank %d, got %d", role, rank,
                         static_cast<int>(tensor->rank));
  }
  return Status::kOk;
}

Status ExpectQuantized(OpContext& context, const Tensor* tensor,
                       const char* role) {
  if (tensor->quant.num_channels == 0 || tensor->quant.scales == nullptr) {
    return context.Error("%s (%s) has no quantization parameters", role,
                         DataTypeName(tensor->type));
  }
  for (int32_t c = 0; c < tensor->quant.num_channels; ++c) {
    const float scale = tensor->quant.scales[c];
    // Rejects zero, negative, NaN and infinite scales.
    if (!(scale > 0.f && scale <= 3.4028235e38f)) {
      return context.Error("%s has an invalid scale %g (channel %d)", role,
                           static_cast<double>(scale), static_cast<int>(c));
    }
  }
  return Status::kOk;
}

}  // namespace tfmicro
