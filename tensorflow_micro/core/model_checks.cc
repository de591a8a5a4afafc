#include "tensorflow_micro/core/model_checks.h"

#include <cstdarg>

#include "flatbuffers/flatbuffers.h"
#include "tensorflow_micro/core/format.h"
#include "tensorflow_micro/core/op_names.h"
#include "tensorflow_micro/core/tensor.h"

// The checker passes uint32_t/int32_t to %u/%d, which FormatV reads as
// 32-bit ints on every target. On bare-metal Arm int32_t is `long` (also 32
// bits), which -Wformat flags, so the format check runs on the hosts (gcc
// and clang check every call there).
#if defined(__GNUC__) && !(defined(__arm__) && !defined(__linux__))
#define TFM_CHECKS_PRINTF(format_index, first_arg) \
  __attribute__((format(printf, format_index, first_arg)))
#else
#define TFM_CHECKS_PRINTF(format_index, first_arg)
#endif

namespace tfmicro {
namespace {

// Flatbuffers' verifier limits: nesting depth and table count.
constexpr flatbuffers::uoffset_t kMaxDepth = 64;
constexpr flatbuffers::uoffset_t kMaxTables = 1000000;

const char* TensorName(const schema::Tensor* tensor) {
  return tensor->name() ? tensor->name()->c_str() : "";
}

// Bits of one element; 0 for types without a fixed size (string, resource,
// variant). Unlike DataTypeSize this knows the packed types, so the buffer
// of an int4 constant is checked too.
uint64_t ElementBits(int32_t type) {
  switch (type) {
    case schema::TensorType_INT2:
      return 2;
    case schema::TensorType_INT4:
    case schema::TensorType_UINT4:
      return 4;
    case schema::TensorType_FLOAT8_E4M3FN:
    case schema::TensorType_FLOAT8_E5M2:
      return 8;
    default:
      return 8 * DataTypeSize(static_cast<DataType>(type));
  }
}

// Range of zero points a tensor type can represent; false for types whose
// zero point only has to fit the runtime's int32.
bool ZeroPointRange(int32_t type, int64_t* low, int64_t* high) {
  switch (type) {
    case schema::TensorType_INT8:
      *low = -128;
      *high = 127;
      return true;
    case schema::TensorType_UINT8:
      *low = 0;
      *high = 255;
      return true;
    case schema::TensorType_INT16:
      *low = -32768;
      *high = 32767;
      return true;
    case schema::TensorType_UINT16:
      *low = 0;
      *high = 65535;
      return true;
    case schema::TensorType_INT4:
      *low = -8;
      *high = 7;
      return true;
    case schema::TensorType_UINT4:
      *low = 0;
      *high = 15;
      return true;
    default:
      *low = INT32_MIN;
      *high = INT32_MAX;
      return false;
  }
}

bool IsFinite(float value) {
  return value == value && value <= 3.4028235e38f && value >= -3.4028235e38f;
}

class Checker {
 public:
  Checker(const schema::Model* model, const uint8_t* base, size_t size,
          char* error, size_t error_size)
      : model_(model),
        base_(base),
        size_(size),
        error_(error),
        error_size_(error_size),
        num_buffers_(model->buffers() ? model->buffers()->size() : 0),
        num_subgraphs_(model->subgraphs() ? model->subgraphs()->size() : 0),
        num_codes_(model->operator_codes() ? model->operator_codes()->size()
                                           : 0) {}

  bool Run();

 private:
  bool Fail(const char* format, ...) TFM_CHECKS_PRINTF(2, 3);
  bool CheckOperatorCodes();
  bool CheckBuffers();
  bool CheckSubgraph(uint32_t index);
  bool CheckTensor(uint32_t subgraph, uint32_t index,
                   const schema::Tensor* tensor);
  bool CheckQuantization(const char* where, uint32_t rank,
                         const schema::Tensor* tensor);
  bool CheckIndices(const flatbuffers::Vector<int32_t>* indices,
                    uint32_t num_tensors, bool allow_absent,
                    const char* where, const char* role);
  bool CheckOperator(uint32_t subgraph, uint32_t index,
                     const schema::Operator* op, uint32_t num_tensors);
  bool CheckOptions(const char* where, int32_t code,
                    const schema::Operator* op);
  bool CheckCallDepth();
  // True when subgraph `from` runs subgraph `to`, directly or through
  // others (indices checked).
  bool Reaches(uint32_t from, uint32_t to) const;
  bool CheckSignatures();
  bool HasConstantData(const schema::Tensor* tensor) const;
  // "subgraph 0, operator 3 (CONV_2D)"
  void OperatorWhere(uint32_t subgraph, uint32_t index,
                     const schema::Operator* op, char* where,
                     size_t where_size) const;

  // Calls visit(role, subgraph_index) for every subgraph the operator runs
  // (IF branches, WHILE condition and body, ...); stops at the first false.
  template <typename Visit>
  bool ForEachCalledSubgraph(const schema::Operator* op, Visit visit) const;

  const schema::Model* model_;
  const uint8_t* base_;
  size_t size_;
  char* error_;
  size_t error_size_;
  uint32_t num_buffers_;
  uint32_t num_subgraphs_;
  uint32_t num_codes_;
};

bool Checker::Fail(const char* format, ...) {
  va_list args;
  va_start(args, format);
  FormatV(error_, error_size_, format, args);
  va_end(args);
  return false;
}

bool Checker::Run() {
  if (num_subgraphs_ == 0) return Fail("model has no subgraphs");
  if (num_subgraphs_ > kMaxSubgraphs) {
    return Fail("model has %u subgraphs; the limit is %u", num_subgraphs_,
                kMaxSubgraphs);
  }
  if (!CheckOperatorCodes() || !CheckBuffers()) return false;
  for (uint32_t s = 0; s < num_subgraphs_; ++s) {
    if (!CheckSubgraph(s)) return false;
  }
  return CheckCallDepth() && CheckSignatures();
}

bool Checker::CheckOperatorCodes() {
  for (uint32_t i = 0; i < num_codes_; ++i) {
    const schema::OperatorCode* code = model_->operator_codes()->Get(i);
    if (code->deprecated_builtin_code() < 0 ||
        static_cast<int32_t>(code->builtin_code()) < 0) {
      return Fail("operator code %u: builtin code %d (deprecated field %d) is "
                  "negative",
                  i, static_cast<int32_t>(code->builtin_code()),
                  code->deprecated_builtin_code());
    }
  }
  return true;
}

bool Checker::CheckBuffers() {
  for (uint32_t i = 0; i < num_buffers_; ++i) {
    const schema::Buffer* buffer = model_->buffers()->Get(i);
    if (buffer->offset() > 1 &&
        (buffer->offset() > size_ || buffer->size() > size_ - buffer->offset())) {
      return Fail("buffer %u lies outside the model (offset %llu, size %llu, "
                  "model %zu bytes)",
                  i, static_cast<unsigned long long>(buffer->offset()),
                  static_cast<unsigned long long>(buffer->size()), size_);
    }
  }
  const auto* metadata = model_->metadata();
  for (uint32_t i = 0; metadata && i < metadata->size(); ++i) {
    if (metadata->Get(i)->buffer() >= num_buffers_) {
      return Fail("metadata %u: buffer index %u is out of range (%u buffers)",
                  i, metadata->Get(i)->buffer(), num_buffers_);
    }
  }
  const auto* metadata_buffers = model_->metadata_buffer();
  for (uint32_t i = 0; metadata_buffers && i < metadata_buffers->size(); ++i) {
    const int32_t b = metadata_buffers->Get(i);
    if (b < 0 || static_cast<uint32_t>(b) >= num_buffers_) {
      return Fail("metadata_buffer %u: buffer index %d is out of range (%u "
                  "buffers)",
                  i, b, num_buffers_);
    }
  }
  return true;
}

bool Checker::HasConstantData(const schema::Tensor* t) const {
  if (t->buffer() == 0 || t->buffer() >= num_buffers_) return false;
  const schema::Buffer* buffer = model_->buffers()->Get(t->buffer());
  return buffer->offset() > 1 ||
         (buffer->data() != nullptr && buffer->data()->size() > 0);
}

bool Checker::CheckTensor(uint32_t subgraph, uint32_t index,
                          const schema::Tensor* tensor) {
  char where[96];
  Format(where, sizeof(where), "subgraph %u, tensor %u ('%s')",
         static_cast<unsigned>(subgraph), static_cast<unsigned>(index),
         TensorName(tensor));
  const auto type = static_cast<int32_t>(tensor->type());
  if (type < schema::TensorType_MIN || type > schema::TensorType_MAX) {
    return Fail("%s: unknown tensor type %d", where, type);
  }
  const auto* shape = tensor->shape();
  const uint32_t rank = shape ? shape->size() : 0;
  if (rank > static_cast<uint32_t>(kMaxTensorRank)) {
    return Fail("%s: rank %u exceeds the maximum of %d", where, rank,
                kMaxTensorRank);
  }
  uint64_t elements = 1;
  for (uint32_t d = 0; d < rank; ++d) {
    const int32_t dim = shape->Get(d);
    if (dim < 0) {
      return Fail("%s: dimension %u is negative (%d)", where, d, dim);
    }
    elements *= static_cast<uint64_t>(dim);
    if (elements > kMaxTensorBytes) {
      return Fail("%s: shape has more elements than the runtime supports "
                  "(2^31)",
                  where);
    }
  }
  const uint64_t bits = ElementBits(type);
  const uint64_t bytes = (elements * bits + 7) / 8;
  if (bytes > kMaxTensorBytes) {
    return Fail("%s: tensor is larger than the runtime supports (2^31 bytes)",
                where);
  }
  if (tensor->sparsity() != nullptr) {
    return Fail("%s: sparse tensors are not supported (densify the model "
                "when converting)",
                where);
  }
  if (tensor->external_buffer() != 0) {
    return Fail("%s: data in external buffer %u is not supported; embed the "
                "weights in the model",
                where, tensor->external_buffer());
  }
  const uint32_t buffer_index = tensor->buffer();
  if (buffer_index != 0 && buffer_index >= num_buffers_) {
    return Fail("%s: buffer index %u is out of range (%u buffers)", where,
                buffer_index, num_buffers_);
  }
  if (HasConstantData(tensor)) {
    const schema::Buffer* buffer = model_->buffers()->Get(buffer_index);
    const bool after_flatbuffer = buffer->offset() > 1;
    const uint64_t available =
        after_flatbuffer ? buffer->size() : buffer->data()->size();
    if (bits > 0 && available < bytes) {
      return Fail("%s: buffer %u holds %llu bytes but the shape needs %llu",
                  where, buffer_index,
                  static_cast<unsigned long long>(available),
                  static_cast<unsigned long long>(bytes));
    }
    const uint8_t* data =
        after_flatbuffer ? base_ + buffer->offset() : buffer->data()->data();
    const size_t element = DataTypeSize(static_cast<DataType>(type));
    // The TFLite converter aligns constant buffers to 4 bytes only (int64
    // biases of 16x8 ops land on 4-byte boundaries); kernels copy 8-byte
    // constants out rather than read them through a 64-bit pointer.
    if (element > 1 &&
        reinterpret_cast<uintptr_t>(data) % (element > 4 ? 4 : element)) {
      return Fail("%s: constant data is not aligned to its element size",
                  where);
    }
  }
  return CheckQuantization(where, rank, tensor);
}

bool Checker::CheckQuantization(const char* where, uint32_t rank,
                                const schema::Tensor* tensor) {
  const auto* q = tensor->quantization();
  if (q == nullptr) return true;
  if (q->details_type() != schema::QuantizationDetails_NONE ||
      q->details() != nullptr) {
    const int32_t details = static_cast<int32_t>(q->details_type());
    return Fail("%s: quantization scheme %s (%d) is not supported", where,
                details <= schema::QuantizationDetails_MAX
                    ? schema::EnumNameQuantizationDetails(q->details_type())
                    : "UNKNOWN",
                details);
  }
  if (q->quantized_dimension() < 0) {
    return Fail("%s: quantized dimension %d is negative", where,
                q->quantized_dimension());
  }
  if (q->scale() == nullptr || q->scale()->size() == 0) return true;
  const uint32_t channels = q->scale()->size();
  if (q->zero_point() == nullptr || q->zero_point()->size() != channels) {
    return Fail("%s: quantization has %u scales but %u zero points", where,
                channels, q->zero_point() ? q->zero_point()->size() : 0u);
  }
  const auto type = static_cast<int32_t>(tensor->type());
  int64_t low = 0;
  int64_t high = 0;
  const bool typed = ZeroPointRange(type, &low, &high);
  for (uint32_t c = 0; c < channels; ++c) {
    if (!IsFinite(q->scale()->Get(c))) {
      return Fail("%s: quantization scale %u is not a finite number", where,
                  c);
    }
    const int64_t zero_point = q->zero_point()->Get(c);
    if (zero_point < low || zero_point > high) {
      return Fail("%s: zero point %lld (channel %u) is outside the range of "
                  "%s [%lld, %lld]",
                  where, static_cast<long long>(zero_point), c,
                  typed ? schema::EnumNameTensorType(tensor->type()) : "INT32",
                  static_cast<long long>(low), static_cast<long long>(high));
    }
  }
  if (channels > 1) {
    const int32_t dim = q->quantized_dimension();
    if (static_cast<uint32_t>(dim) >= rank) {
      return Fail("%s: quantized dimension %d is outside the tensor's rank %u",
                  where, dim, rank);
    }
    const int32_t extent = tensor->shape()->Get(static_cast<uint32_t>(dim));
    if (static_cast<uint32_t>(extent) != channels) {
      return Fail("%s: %u per-channel scales but dimension %d has size %d",
                  where, channels, dim, extent);
    }
  }
  return true;
}

bool Checker::CheckIndices(const flatbuffers::Vector<int32_t>* indices,
                           uint32_t num_tensors, bool allow_absent,
                           const char* where, const char* role) {
  if (indices == nullptr) return true;
  for (uint32_t i = 0; i < indices->size(); ++i) {
    const int32_t index = indices->Get(i);
    if ((allow_absent && index == -1) ||
        (index >= 0 && static_cast<uint32_t>(index) < num_tensors)) {
      continue;
    }
    return Fail("%s: %s %u: tensor index %d is out of range (%u tensors)",
                where, role, i, index, num_tensors);
  }
  return true;
}

void Checker::OperatorWhere(uint32_t subgraph, uint32_t index,
                            const schema::Operator* op, char* where,
                            size_t where_size) const {
  const char* name = "?";
  if (op->opcode_index() < num_codes_) {
    const schema::OperatorCode* code =
        model_->operator_codes()->Get(op->opcode_index());
    const int32_t builtin = BuiltinCode(code);
    name = builtin == kCustomOperatorCode && code->custom_code()
               ? code->custom_code()->c_str()
               : BuiltinOperatorName(builtin);
  }
  Format(where, where_size, "subgraph %u, operator %u (%s)",
         static_cast<unsigned>(subgraph), static_cast<unsigned>(index), name);
}

bool Checker::CheckSubgraph(uint32_t index) {
  const schema::SubGraph* subgraph = model_->subgraphs()->Get(index);
  const auto* tensors = subgraph->tensors();
  const uint32_t num_tensors = tensors ? tensors->size() : 0;
  if (num_tensors > kMaxTensors) {
    return Fail("subgraph %u has %u tensors; the limit is %u", index,
                num_tensors, kMaxTensors);
  }
  const auto* ops = subgraph->operators();
  const uint32_t num_ops = ops ? ops->size() : 0;
  if (num_ops > kMaxOperators) {
    return Fail("subgraph %u has %u operators; the limit is %u", index,
                num_ops, kMaxOperators);
  }
  for (uint32_t t = 0; t < num_tensors; ++t) {
    if (!CheckTensor(index, t, tensors->Get(t))) return false;
  }
  char where[48];
  Format(where, sizeof(where), "subgraph %u", static_cast<unsigned>(index));
  if (!CheckIndices(subgraph->inputs(), num_tensors, false, where, "input") ||
      !CheckIndices(subgraph->outputs(), num_tensors, false, where,
                    "output")) {
    return false;
  }
  // The caller writes inputs: a constant input would mean writing into the
  // model (flash, or Python's immutable bytes).
  for (uint32_t i = 0; subgraph->inputs() && i < subgraph->inputs()->size();
       ++i) {
    const int32_t t = subgraph->inputs()->Get(i);
    const schema::Tensor* tensor = tensors->Get(static_cast<uint32_t>(t));
    if (HasConstantData(tensor) && !tensor->is_variable()) {
      return Fail("subgraph %u, input %u: tensor %d ('%s') is a constant",
                  index, i, t, TensorName(tensor));
    }
  }
  for (uint32_t n = 0; n < num_ops; ++n) {
    if (!CheckOperator(index, n, ops->Get(n), num_tensors)) return false;
  }
  return true;
}

bool Checker::CheckOperator(uint32_t subgraph, uint32_t index,
                            const schema::Operator* op, uint32_t num_tensors) {
  char where[96];
  OperatorWhere(subgraph, index, op, where, sizeof(where));
  if (op->opcode_index() >= num_codes_) {
    return Fail("%s: opcode index %u is out of range (%u operator codes)",
                where, op->opcode_index(), num_codes_);
  }
  if (!CheckIndices(op->inputs(), num_tensors, true, where, "input") ||
      !CheckIndices(op->outputs(), num_tensors, false, where, "output") ||
      !CheckIndices(op->intermediates(), num_tensors, true, where,
                    "intermediate")) {
    return false;
  }
  const auto* tensors = model_->subgraphs()->Get(subgraph)->tensors();
  // A kernel writing into the model would corrupt (or fault on) flash.
  for (uint32_t i = 0; op->outputs() && i < op->outputs()->size(); ++i) {
    const int32_t t = op->outputs()->Get(i);
    const schema::Tensor* out = tensors->Get(static_cast<uint32_t>(t));
    if (HasConstantData(out) && !out->is_variable()) {
      return Fail("%s: output tensor %d ('%s') is a constant", where, t,
                  TensorName(out));
    }
    // Kernels read inputs while writing outputs; only the planner may make
    // them share memory, where the kernel allows it.
    for (uint32_t j = 0; op->inputs() && j < op->inputs()->size(); ++j) {
      if (op->inputs()->Get(j) == t) {
        return Fail("%s: tensor %d ('%s') is both input %u and output %u",
                    where, t, TensorName(out), j, i);
      }
    }
  }
  if (op->large_custom_options_offset() > 1 &&
      (op->large_custom_options_offset() > size_ ||
       op->large_custom_options_size() >
           size_ - op->large_custom_options_offset())) {
    return Fail("%s: custom options lie outside the model (offset %llu, size "
                "%llu, model %zu bytes)",
                where,
                static_cast<unsigned long long>(
                    op->large_custom_options_offset()),
                static_cast<unsigned long long>(op->large_custom_options_size()),
                size_);
  }
  const int32_t code =
      BuiltinCode(model_->operator_codes()->Get(op->opcode_index()));
  if (!CheckOptions(where, code, op)) return false;
  return ForEachCalledSubgraph(op, [&](const char* role, int64_t callee) {
    if (callee < 0 || callee >= static_cast<int64_t>(num_subgraphs_)) {
      return Fail("%s: %s subgraph index %lld is out of range (%u subgraphs)",
                  where, role, static_cast<long long>(callee),
                  num_subgraphs_);
    }
    if (callee == static_cast<int64_t>(subgraph)) {
      return Fail("%s: %s subgraph %lld is the operator's own subgraph "
                  "(recursion)",
                  where, role, static_cast<long long>(callee));
    }
    return true;
  });
}

// The flatbuffers verifier checks an options table only as the type its
// union tag names, and not at all for tags it does not know: a kernel reading
// the table as its own options type must find exactly that type.
bool Checker::CheckOptions(const char* where, int32_t code,
                           const schema::Operator* op) {
  const auto type = op->builtin_options_type();
  if (static_cast<int32_t>(type) > schema::BuiltinOptions_MAX) {
    return Fail("%s: builtin options type %d is unknown", where,
                static_cast<int32_t>(type));
  }
  if (type == schema::BuiltinOptions_NONE && op->builtin_options() != nullptr) {
    return Fail("%s: builtin options are present but their type is NONE",
                where);
  }
  const schema::BuiltinOptions expected = ExpectedBuiltinOptions(code);
  if (type != schema::BuiltinOptions_NONE &&
      expected != schema::BuiltinOptions_NONE && type != expected) {
    return Fail("%s: builtin options are %s but the operator takes %s", where,
                schema::EnumNameBuiltinOptions(type),
                schema::EnumNameBuiltinOptions(expected));
  }
  const auto type_2 = op->builtin_options_2_type();
  if (static_cast<int32_t>(type_2) > schema::BuiltinOptions2_MAX) {
    return Fail("%s: builtin options 2 type %d is unknown", where,
                static_cast<int32_t>(type_2));
  }
  if (type_2 == schema::BuiltinOptions2_NONE &&
      op->builtin_options_2() != nullptr) {
    return Fail("%s: builtin options 2 are present but their type is NONE",
                where);
  }
  return true;
}

template <typename Visit>
bool Checker::ForEachCalledSubgraph(const schema::Operator* op,
                                    Visit visit) const {
  if (const auto* o = op->builtin_options_as_IfOptions()) {
    return visit("then", o->then_subgraph_index()) &&
           visit("else", o->else_subgraph_index());
  }
  if (const auto* o = op->builtin_options_as_WhileOptions()) {
    return visit("condition", o->cond_subgraph_index()) &&
           visit("body", o->body_subgraph_index());
  }
  if (const auto* o = op->builtin_options_as_CallOnceOptions()) {
    return visit("init", o->init_subgraph_index());
  }
  if (const auto* o = op->builtin_options_as_CallOptions()) {
    return visit("called", o->subgraph());
  }
  if (const auto* o = op->builtin_options_2_as_StablehloWhileOptions()) {
    return visit("condition", o->cond_subgraph_index()) &&
           visit("body", o->body_subgraph_index());
  }
  if (const auto* o = op->builtin_options_2_as_StablehloReduceOptions()) {
    return visit("body", o->body_subgraph_index());
  }
  if (const auto* o = op->builtin_options_2_as_StablehloReduceWindowOptions()) {
    return visit("body", o->body_subgraph_index());
  }
  if (const auto* o = op->builtin_options_2_as_StablehloScatterOptions()) {
    return visit("update", o->update_computation_subgraph_index());
  }
  if (const auto* o = op->builtin_options_2_as_StablehloSortOptions()) {
    return visit("comparator", o->comparator_subgraph_index());
  }
  if (const auto* o = op->builtin_options_2_as_StableHLOCompositeOptions()) {
    return visit("decomposition", o->decomposition_subgraph_index());
  }
  if (const auto* o = op->builtin_options_2_as_StablehloCaseOptions()) {
    const auto* branches = o->branch_subgraph_indices();
    for (uint32_t i = 0; branches && i < branches->size(); ++i) {
      if (!visit("branch", branches->Get(i))) return false;
    }
    return true;
  }
  if (const auto* o = op->builtin_options_2_as_StablehloCustomCallOptions()) {
    const auto* called = o->called_computations();
    for (uint32_t i = 0; called && i < called->size(); ++i) {
      if (!visit("called", called->Get(i))) return false;
    }
    return true;
  }
  return true;
}

// Longest chain of control-flow calls, by relaxation: depth[s] grows to the
// longest call path from s. Indices were checked, and direct recursion was
// rejected; a longer cycle grows past the limit.
bool Checker::CheckCallDepth() {
  uint8_t depth[kMaxSubgraphs] = {};
  bool changed = true;
  while (changed) {
    changed = false;
    for (uint32_t s = 0; s < num_subgraphs_; ++s) {
      const auto* ops = model_->subgraphs()->Get(s)->operators();
      for (uint32_t n = 0; ops && n < ops->size(); ++n) {
        const schema::Operator* op = ops->Get(n);
        const bool ok = ForEachCalledSubgraph(
            op, [&](const char* role, int64_t callee) {
              const int next = depth[callee] + 1;
              if (next <= depth[s]) return true;
              if (next > kMaxSubgraphDepth) {
                char where[96];
                OperatorWhere(s, n, op, where, sizeof(where));
                if (Reaches(static_cast<uint32_t>(callee), s)) {
                  return Fail("%s: %s subgraph %lld runs subgraph %u again "
                              "(the subgraphs call each other recursively)",
                              where, role, static_cast<long long>(callee), s);
                }
                return Fail("%s: %s subgraph %lld nests control flow deeper "
                            "than %d levels",
                            where, role, static_cast<long long>(callee),
                            kMaxSubgraphDepth);
              }
              depth[s] = static_cast<uint8_t>(next);
              changed = true;
              return true;
            });
        if (!ok) return false;
      }
    }
  }
  return true;
}

bool Checker::Reaches(uint32_t from, uint32_t to) const {
  bool seen[kMaxSubgraphs] = {};
  uint8_t queue[kMaxSubgraphs];
  uint32_t head = 0;
  uint32_t tail = 0;
  queue[tail++] = static_cast<uint8_t>(from);
  seen[from] = true;
  while (head < tail) {
    const uint32_t s = queue[head++];
    const auto* ops = model_->subgraphs()->Get(s)->operators();
    for (uint32_t n = 0; ops && n < ops->size(); ++n) {
      ForEachCalledSubgraph(ops->Get(n), [&](const char*, int64_t callee) {
        if (!seen[callee]) {
          seen[callee] = true;
          queue[tail++] = static_cast<uint8_t>(callee);
        }
        return true;
      });
    }
  }
  return seen[to];
}

bool Checker::CheckSignatures() {
  const auto* signatures = model_->signature_defs();
  for (uint32_t i = 0; signatures && i < signatures->size(); ++i) {
    const schema::SignatureDef* signature = signatures->Get(i);
    const uint32_t s = signature->subgraph_index();
    if (s >= num_subgraphs_) {
      return Fail("signature %u: subgraph index %u is out of range (%u "
                  "subgraphs)",
                  i, s, num_subgraphs_);
    }
    const auto* tensors = model_->subgraphs()->Get(s)->tensors();
    const uint32_t num_tensors = tensors ? tensors->size() : 0;
    for (const auto* maps : {signature->inputs(), signature->outputs()}) {
      for (uint32_t k = 0; maps && k < maps->size(); ++k) {
        if (maps->Get(k)->tensor_index() >= num_tensors) {
          return Fail("signature %u: tensor index %u is out of range (%u "
                      "tensors in subgraph %u)",
                      i, maps->Get(k)->tensor_index(), num_tensors, s);
        }
      }
    }
  }
  return true;
}

}  // namespace

bool CheckModel(const uint8_t* bytes, size_t size, const schema::Model** model,
                char* error, size_t error_size) {
  *model = nullptr;
  if (size < 8) {
    Format(error, error_size,
           "model is too small (%zu bytes) to be a TFLite flatbuffer", size);
    return false;
  }
  if (!flatbuffers::BufferHasIdentifier(bytes, schema::ModelIdentifier())) {
    Format(error, error_size,
           "not a TFLite model: bytes 4..7 should be the identifier 'TFL3' "
           "(is this a .tflite file?)");
    return false;
  }
  if (size >= FLATBUFFERS_MAX_BUFFER_SIZE) {
    Format(error, error_size, "model is too large (%zu bytes)", size);
    return false;
  }
  flatbuffers::Verifier verifier(bytes, size, kMaxDepth, kMaxTables);
  if (!schema::VerifyModelBuffer(verifier)) {
    if (reinterpret_cast<uintptr_t>(bytes) % 16 != 0) {
      Format(error, error_size,
             "model failed flatbuffer verification; its data is not 16-byte "
             "aligned (address %% 16 = %u): place it in an aligned buffer",
             static_cast<unsigned>(reinterpret_cast<uintptr_t>(bytes) % 16));
    } else {
      Format(error, error_size,
             "model failed flatbuffer verification (%zu bytes): the file is "
             "truncated or corrupted",
             size);
    }
    return false;
  }
  const schema::Model* m = schema::GetModel(bytes);
  Checker checker(m, bytes, size, error, error_size);
  if (!checker.Run()) return false;
  *model = m;
  return true;
}

uint64_t TensorBytes(const schema::Tensor* tensor) {
  uint64_t elements = 1;
  const auto* shape = tensor->shape();
  for (uint32_t d = 0; shape && d < shape->size(); ++d) {
    elements *= static_cast<uint64_t>(shape->Get(d));
  }
  return elements * DataTypeSize(static_cast<DataType>(tensor->type()));
}

const uint8_t* BufferData(const schema::Model* model, const uint8_t* base,
                          const schema::Tensor* tensor, size_t* size) {
  *size = 0;
  const auto* buffers = model->buffers();
  if (buffers == nullptr || tensor->buffer() == 0 ||
      tensor->buffer() >= buffers->size()) {
    return nullptr;
  }
  const schema::Buffer* buffer = buffers->Get(tensor->buffer());
  if (buffer->offset() > 1) {
    *size = static_cast<size_t>(buffer->size());
    return base + buffer->offset();
  }
  if (buffer->data() == nullptr || buffer->data()->size() == 0) return nullptr;
  *size = buffer->data()->size();
  return buffer->data()->data();
}

int32_t BuiltinCode(const schema::OperatorCode* code) {
  const int32_t deprecated = code->deprecated_builtin_code();
  const int32_t builtin = static_cast<int32_t>(code->builtin_code());
  return builtin > deprecated ? builtin : deprecated;
}

schema::BuiltinOptions ExpectedBuiltinOptions(int32_t builtin_code) {
  using schema::BuiltinOperator;
  namespace o = schema;
  switch (static_cast<BuiltinOperator>(builtin_code)) {
    case o::BuiltinOperator_ADD: return o::BuiltinOptions_AddOptions;
    case o::BuiltinOperator_AVERAGE_POOL_2D:
    case o::BuiltinOperator_L2_POOL_2D:
    case o::BuiltinOperator_MAX_POOL_2D: return o::BuiltinOptions_Pool2DOptions;
    case o::BuiltinOperator_CONCATENATION:
      return o::BuiltinOptions_ConcatenationOptions;
    case o::BuiltinOperator_CONV_2D: return o::BuiltinOptions_Conv2DOptions;
    case o::BuiltinOperator_DEPTHWISE_CONV_2D:
      return o::BuiltinOptions_DepthwiseConv2DOptions;
    case o::BuiltinOperator_DEPTH_TO_SPACE:
      return o::BuiltinOptions_DepthToSpaceOptions;
    case o::BuiltinOperator_DEQUANTIZE:
      return o::BuiltinOptions_DequantizeOptions;
    case o::BuiltinOperator_FULLY_CONNECTED:
      return o::BuiltinOptions_FullyConnectedOptions;
    case o::BuiltinOperator_L2_NORMALIZATION:
      return o::BuiltinOptions_L2NormOptions;
    case o::BuiltinOperator_LOCAL_RESPONSE_NORMALIZATION:
      return o::BuiltinOptions_LocalResponseNormalizationOptions;
    case o::BuiltinOperator_LSH_PROJECTION:
      return o::BuiltinOptions_LSHProjectionOptions;
    case o::BuiltinOperator_LSTM: return o::BuiltinOptions_LSTMOptions;
    case o::BuiltinOperator_MUL: return o::BuiltinOptions_MulOptions;
    case o::BuiltinOperator_RESHAPE: return o::BuiltinOptions_ReshapeOptions;
    case o::BuiltinOperator_RESIZE_BILINEAR:
      return o::BuiltinOptions_ResizeBilinearOptions;
    case o::BuiltinOperator_RNN: return o::BuiltinOptions_RNNOptions;
    case o::BuiltinOperator_SOFTMAX: return o::BuiltinOptions_SoftmaxOptions;
    case o::BuiltinOperator_SPACE_TO_DEPTH:
      return o::BuiltinOptions_SpaceToDepthOptions;
    case o::BuiltinOperator_SVDF: return o::BuiltinOptions_SVDFOptions;
    case o::BuiltinOperator_CONCAT_EMBEDDINGS:
      return o::BuiltinOptions_ConcatEmbeddingsOptions;
    case o::BuiltinOperator_SKIP_GRAM: return o::BuiltinOptions_SkipGramOptions;
    case o::BuiltinOperator_CALL: return o::BuiltinOptions_CallOptions;
    case o::BuiltinOperator_EMBEDDING_LOOKUP_SPARSE:
      return o::BuiltinOptions_EmbeddingLookupSparseOptions;
    case o::BuiltinOperator_PAD: return o::BuiltinOptions_PadOptions;
    case o::BuiltinOperator_UNIDIRECTIONAL_SEQUENCE_RNN:
      return o::BuiltinOptions_SequenceRNNOptions;
    case o::BuiltinOperator_GATHER: return o::BuiltinOptions_GatherOptions;
    case o::BuiltinOperator_BATCH_TO_SPACE_ND:
      return o::BuiltinOptions_BatchToSpaceNDOptions;
    case o::BuiltinOperator_SPACE_TO_BATCH_ND:
      return o::BuiltinOptions_SpaceToBatchNDOptions;
    case o::BuiltinOperator_TRANSPOSE: return o::BuiltinOptions_TransposeOptions;
    case o::BuiltinOperator_MEAN:
    case o::BuiltinOperator_SUM:
    case o::BuiltinOperator_REDUCE_PROD:
    case o::BuiltinOperator_REDUCE_MAX:
    case o::BuiltinOperator_REDUCE_MIN:
    case o::BuiltinOperator_REDUCE_ANY:
    case o::BuiltinOperator_REDUCE_ALL:
      return o::BuiltinOptions_ReducerOptions;
    case o::BuiltinOperator_SUB: return o::BuiltinOptions_SubOptions;
    case o::BuiltinOperator_DIV: return o::BuiltinOptions_DivOptions;
    case o::BuiltinOperator_SQUEEZE: return o::BuiltinOptions_SqueezeOptions;
    case o::BuiltinOperator_UNIDIRECTIONAL_SEQUENCE_LSTM:
      return o::BuiltinOptions_UnidirectionalSequenceLSTMOptions;
    case o::BuiltinOperator_STRIDED_SLICE:
      return o::BuiltinOptions_StridedSliceOptions;
    case o::BuiltinOperator_BIDIRECTIONAL_SEQUENCE_RNN:
      return o::BuiltinOptions_BidirectionalSequenceRNNOptions;
    case o::BuiltinOperator_EXP: return o::BuiltinOptions_ExpOptions;
    case o::BuiltinOperator_TOPK_V2: return o::BuiltinOptions_TopKV2Options;
    case o::BuiltinOperator_SPLIT: return o::BuiltinOptions_SplitOptions;
    case o::BuiltinOperator_LOG_SOFTMAX:
      return o::BuiltinOptions_LogSoftmaxOptions;
    case o::BuiltinOperator_BIDIRECTIONAL_SEQUENCE_LSTM:
      return o::BuiltinOptions_BidirectionalSequenceLSTMOptions;
    case o::BuiltinOperator_CAST: return o::BuiltinOptions_CastOptions;
    case o::BuiltinOperator_MAXIMUM:
    case o::BuiltinOperator_MINIMUM:
      return o::BuiltinOptions_MaximumMinimumOptions;
    case o::BuiltinOperator_ARG_MAX: return o::BuiltinOptions_ArgMaxOptions;
    case o::BuiltinOperator_LESS: return o::BuiltinOptions_LessOptions;
    case o::BuiltinOperator_NEG: return o::BuiltinOptions_NegOptions;
    case o::BuiltinOperator_PADV2: return o::BuiltinOptions_PadV2Options;
    case o::BuiltinOperator_GREATER: return o::BuiltinOptions_GreaterOptions;
    case o::BuiltinOperator_GREATER_EQUAL:
      return o::BuiltinOptions_GreaterEqualOptions;
    case o::BuiltinOperator_LESS_EQUAL:
      return o::BuiltinOptions_LessEqualOptions;
    case o::BuiltinOperator_SELECT: return o::BuiltinOptions_SelectOptions;
    case o::BuiltinOperator_SLICE: return o::BuiltinOptions_SliceOptions;
    case o::BuiltinOperator_TRANSPOSE_CONV:
      return o::BuiltinOptions_TransposeConvOptions;
    case o::BuiltinOperator_SPARSE_TO_DENSE:
      return o::BuiltinOptions_SparseToDenseOptions;
    case o::BuiltinOperator_TILE: return o::BuiltinOptions_TileOptions;
    case o::BuiltinOperator_EXPAND_DIMS:
      return o::BuiltinOptions_ExpandDimsOptions;
    case o::BuiltinOperator_EQUAL: return o::BuiltinOptions_EqualOptions;
    case o::BuiltinOperator_NOT_EQUAL: return o::BuiltinOptions_NotEqualOptions;
    case o::BuiltinOperator_SHAPE: return o::BuiltinOptions_ShapeOptions;
    case o::BuiltinOperator_POW: return o::BuiltinOptions_PowOptions;
    case o::BuiltinOperator_ARG_MIN: return o::BuiltinOptions_ArgMinOptions;
    case o::BuiltinOperator_FAKE_QUANT:
      return o::BuiltinOptions_FakeQuantOptions;
    case o::BuiltinOperator_PACK: return o::BuiltinOptions_PackOptions;
    case o::BuiltinOperator_LOGICAL_OR:
      return o::BuiltinOptions_LogicalOrOptions;
    case o::BuiltinOperator_ONE_HOT: return o::BuiltinOptions_OneHotOptions;
    case o::BuiltinOperator_LOGICAL_AND:
      return o::BuiltinOptions_LogicalAndOptions;
    case o::BuiltinOperator_LOGICAL_NOT:
      return o::BuiltinOptions_LogicalNotOptions;
    case o::BuiltinOperator_UNPACK: return o::BuiltinOptions_UnpackOptions;
    case o::BuiltinOperator_FLOOR_DIV: return o::BuiltinOptions_FloorDivOptions;
    case o::BuiltinOperator_SQUARE: return o::BuiltinOptions_SquareOptions;
    case o::BuiltinOperator_ZEROS_LIKE:
      return o::BuiltinOptions_ZerosLikeOptions;
    case o::BuiltinOperator_FILL: return o::BuiltinOptions_FillOptions;
    case o::BuiltinOperator_FLOOR_MOD: return o::BuiltinOptions_FloorModOptions;
    case o::BuiltinOperator_RANGE: return o::BuiltinOptions_RangeOptions;
    case o::BuiltinOperator_RESIZE_NEAREST_NEIGHBOR:
      return o::BuiltinOptions_ResizeNearestNeighborOptions;
    case o::BuiltinOperator_LEAKY_RELU:
      return o::BuiltinOptions_LeakyReluOptions;
    case o::BuiltinOperator_SQUARED_DIFFERENCE:
      return o::BuiltinOptions_SquaredDifferenceOptions;
    case o::BuiltinOperator_MIRROR_PAD:
      return o::BuiltinOptions_MirrorPadOptions;
    case o::BuiltinOperator_ABS: return o::BuiltinOptions_AbsOptions;
    case o::BuiltinOperator_SPLIT_V: return o::BuiltinOptions_SplitVOptions;
    case o::BuiltinOperator_UNIQUE: return o::BuiltinOptions_UniqueOptions;
    case o::BuiltinOperator_REVERSE_V2:
      return o::BuiltinOptions_ReverseV2Options;
    case o::BuiltinOperator_ADD_N: return o::BuiltinOptions_AddNOptions;
    case o::BuiltinOperator_GATHER_ND: return o::BuiltinOptions_GatherNdOptions;
    case o::BuiltinOperator_COS: return o::BuiltinOptions_CosOptions;
    case o::BuiltinOperator_WHERE: return o::BuiltinOptions_WhereOptions;
    case o::BuiltinOperator_RANK: return o::BuiltinOptions_RankOptions;
    case o::BuiltinOperator_REVERSE_SEQUENCE:
      return o::BuiltinOptions_ReverseSequenceOptions;
    case o::BuiltinOperator_MATRIX_DIAG:
      return o::BuiltinOptions_MatrixDiagOptions;
    case o::BuiltinOperator_QUANTIZE: return o::BuiltinOptions_QuantizeOptions;
    case o::BuiltinOperator_MATRIX_SET_DIAG:
      return o::BuiltinOptions_MatrixSetDiagOptions;
    case o::BuiltinOperator_HARD_SWISH:
      return o::BuiltinOptions_HardSwishOptions;
    case o::BuiltinOperator_IF: return o::BuiltinOptions_IfOptions;
    case o::BuiltinOperator_WHILE: return o::BuiltinOptions_WhileOptions;
    case o::BuiltinOperator_NON_MAX_SUPPRESSION_V4:
      return o::BuiltinOptions_NonMaxSuppressionV4Options;
    case o::BuiltinOperator_NON_MAX_SUPPRESSION_V5:
      return o::BuiltinOptions_NonMaxSuppressionV5Options;
    case o::BuiltinOperator_SCATTER_ND:
      return o::BuiltinOptions_ScatterNdOptions;
    case o::BuiltinOperator_SELECT_V2: return o::BuiltinOptions_SelectV2Options;
    case o::BuiltinOperator_DENSIFY: return o::BuiltinOptions_DensifyOptions;
    case o::BuiltinOperator_SEGMENT_SUM:
      return o::BuiltinOptions_SegmentSumOptions;
    case o::BuiltinOperator_BATCH_MATMUL:
      return o::BuiltinOptions_BatchMatMulOptions;
    case o::BuiltinOperator_CUMSUM: return o::BuiltinOptions_CumsumOptions;
    case o::BuiltinOperator_CALL_ONCE: return o::BuiltinOptions_CallOnceOptions;
    case o::BuiltinOperator_BROADCAST_TO:
      return o::BuiltinOptions_BroadcastToOptions;
    case o::BuiltinOperator_RFFT2D: return o::BuiltinOptions_Rfft2dOptions;
    case o::BuiltinOperator_CONV_3D:
    case o::BuiltinOperator_CONV_3D_TRANSPOSE:
      return o::BuiltinOptions_Conv3DOptions;
    case o::BuiltinOperator_HASHTABLE: return o::BuiltinOptions_HashtableOptions;
    case o::BuiltinOperator_HASHTABLE_FIND:
      return o::BuiltinOptions_HashtableFindOptions;
    case o::BuiltinOperator_HASHTABLE_IMPORT:
      return o::BuiltinOptions_HashtableImportOptions;
    case o::BuiltinOperator_HASHTABLE_SIZE:
      return o::BuiltinOptions_HashtableSizeOptions;
    case o::BuiltinOperator_VAR_HANDLE: return o::BuiltinOptions_VarHandleOptions;
    case o::BuiltinOperator_READ_VARIABLE:
      return o::BuiltinOptions_ReadVariableOptions;
    case o::BuiltinOperator_ASSIGN_VARIABLE:
      return o::BuiltinOptions_AssignVariableOptions;
    case o::BuiltinOperator_RANDOM_STANDARD_NORMAL:
    case o::BuiltinOperator_RANDOM_UNIFORM:
    case o::BuiltinOperator_MULTINOMIAL:
      return o::BuiltinOptions_RandomOptions;
    case o::BuiltinOperator_BUCKETIZE: return o::BuiltinOptions_BucketizeOptions;
    case o::BuiltinOperator_GELU: return o::BuiltinOptions_GeluOptions;
    case o::BuiltinOperator_DYNAMIC_UPDATE_SLICE:
      return o::BuiltinOptions_DynamicUpdateSliceOptions;
    case o::BuiltinOperator_UNSORTED_SEGMENT_PROD:
      return o::BuiltinOptions_UnsortedSegmentProdOptions;
    case o::BuiltinOperator_UNSORTED_SEGMENT_MAX:
      return o::BuiltinOptions_UnsortedSegmentMaxOptions;
    case o::BuiltinOperator_UNSORTED_SEGMENT_MIN:
      return o::BuiltinOptions_UnsortedSegmentMinOptions;
    case o::BuiltinOperator_UNSORTED_SEGMENT_SUM:
      return o::BuiltinOptions_UnsortedSegmentSumOptions;
    case o::BuiltinOperator_ATAN2: return o::BuiltinOptions_ATan2Options;
    case o::BuiltinOperator_SIGN: return o::BuiltinOptions_SignOptions;
    case o::BuiltinOperator_BITCAST: return o::BuiltinOptions_BitcastOptions;
    case o::BuiltinOperator_BITWISE_XOR:
      return o::BuiltinOptions_BitwiseXorOptions;
    case o::BuiltinOperator_RIGHT_SHIFT:
      return o::BuiltinOptions_RightShiftOptions;
    default:
      return o::BuiltinOptions_NONE;
  }
}

}  // namespace tfmicro
