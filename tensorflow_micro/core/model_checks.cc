#include "tensorflow_micro/core/model_checks.h"

#include "flatbuffers/flatbuffers.h"
#include "tensorflow_micro/core/format.h"
#include "tensorflow_micro/core/tensor.h"

namespace tfmicro {
namespace {

// Flatbuffers' verifier limits: nesting depth and table count.
constexpr flatbuffers::uoffset_t kMaxDepth = 64;
constexpr flatbuffers::uoffset_t kMaxTables = 1000000;

const char* TensorName(const schema::Tensor* tensor) {
  return tensor->name() ? tensor->name()->c_str() : "";
}

bool CheckTensor(const schema::Model* model, const uint8_t* base, size_t size,
                 int subgraph_index, int tensor_index,
                 const schema::Tensor* tensor, char* error,
                 size_t error_size) {
  const auto* buffers = model->buffers();
  const uint32_t num_buffers = buffers ? buffers->size() : 0;
  auto fail = [&](const char* what) {
    Format(error, error_size, "subgraph %d, tensor %d ('%s'): %s",
           subgraph_index, tensor_index, TensorName(tensor), what);
    return false;
  };
  char what[160];
  const auto type = static_cast<int32_t>(tensor->type());
  if (type < schema::TensorType_MIN || type > schema::TensorType_MAX) {
    Format(what, sizeof(what), "unknown tensor type %d", type);
    return fail(what);
  }
  const auto* shape = tensor->shape();
  const uint32_t rank = shape ? shape->size() : 0;
  if (rank > static_cast<uint32_t>(kMaxTensorRank)) {
    Format(what, sizeof(what), "rank %u exceeds the maximum of %d", rank,
           kMaxTensorRank);
    return fail(what);
  }
  uint64_t elements = 1;
  for (uint32_t d = 0; d < rank; ++d) {
    const int32_t dim = shape->Get(d);
    if (dim < 0) {
      Format(what, sizeof(what), "dimension %u is negative (%d)", d, dim);
      return fail(what);
    }
    elements *= static_cast<uint64_t>(dim);
    if (elements > kMaxTensorBytes) {
      return fail("shape has more elements than the runtime supports (2^31)");
    }
  }
  const uint64_t bytes = elements * DataTypeSize(static_cast<DataType>(type));
  if (bytes > kMaxTensorBytes) {
    return fail("tensor is larger than the runtime supports (2^31 bytes)");
  }
  const uint32_t buffer_index = tensor->buffer();
  if (buffer_index != 0 && buffer_index >= num_buffers) {
    Format(what, sizeof(what), "buffer index %u is out of range (%u buffers)",
           buffer_index, num_buffers);
    return fail(what);
  }
  if (buffer_index < num_buffers) {
    const schema::Buffer* buffer = buffers->Get(buffer_index);
    uint64_t available = 0;
    bool has_data = false;
    if (buffer->offset() > 1) {
      if (buffer->offset() > size || buffer->size() > size - buffer->offset()) {
        Format(what, sizeof(what),
               "buffer %u lies outside the model (offset %llu, size %llu, "
               "model %zu bytes)",
               buffer_index,
               static_cast<unsigned long long>(buffer->offset()),
               static_cast<unsigned long long>(buffer->size()), size);
        return fail(what);
      }
      available = buffer->size();
      has_data = true;
    } else if (buffer->data() != nullptr && buffer->data()->size() > 0) {
      available = buffer->data()->size();
      has_data = true;
    }
    if (has_data && DataTypeSize(static_cast<DataType>(type)) > 0 &&
        available < bytes) {
      Format(what, sizeof(what),
             "buffer %u holds %llu bytes but the shape needs %llu",
             buffer_index, static_cast<unsigned long long>(available),
             static_cast<unsigned long long>(bytes));
      return fail(what);
    }
    if (has_data) {
      const uint8_t* data = buffer->offset() > 1
                                ? base + buffer->offset()
                                : buffer->data()->data();
      const size_t element = DataTypeSize(static_cast<DataType>(type));
      if (element > 1 &&
          reinterpret_cast<uintptr_t>(data) % (element > 8 ? 8 : element)) {
        return fail("constant data is not aligned to its element size");
      }
    }
  }
  const auto* q = tensor->quantization();
  if (q != nullptr && q->scale() != nullptr && q->scale()->size() > 0) {
    const uint32_t channels = q->scale()->size();
    if (q->zero_point() != nullptr && q->zero_point()->size() != channels) {
      Format(what, sizeof(what),
             "quantization has %u scales but %u zero points", channels,
             q->zero_point()->size());
      return fail(what);
    }
    if (channels > 1) {
      const int32_t dim = q->quantized_dimension();
      if (dim < 0 || static_cast<uint32_t>(dim) >= rank) {
        Format(what, sizeof(what),
               "quantized dimension %d is outside the tensor's rank %u", dim,
               rank);
        return fail(what);
      }
      if (static_cast<uint32_t>(shape->Get(static_cast<uint32_t>(dim))) !=
          channels) {
        Format(what, sizeof(what),
               "%u per-channel scales but dimension %d has size %d", channels,
               dim, shape->Get(static_cast<uint32_t>(dim)));
        return fail(what);
      }
    }
  }
  return true;
}

bool HasConstantData(const schema::Model* model, const schema::Tensor* t) {
  const auto* buffers = model->buffers();
  if (buffers == nullptr || t->buffer() == 0 || t->buffer() >= buffers->size()) {
    return false;
  }
  const schema::Buffer* buffer = buffers->Get(t->buffer());
  return buffer->offset() > 1 ||
         (buffer->data() != nullptr && buffer->data()->size() > 0);
}

bool CheckIndices(const flatbuffers::Vector<int32_t>* indices,
                  int32_t num_tensors, bool allow_absent, const char* where,
                  int subgraph_index, char* error, size_t error_size) {
  if (indices == nullptr) return true;
  for (uint32_t i = 0; i < indices->size(); ++i) {
    const int32_t index = indices->Get(i);
    if ((allow_absent && index == -1) || (index >= 0 && index < num_tensors)) {
      continue;
    }
    Format(error, error_size,
           "subgraph %d, %s %u: tensor index %d is out of range (%d tensors)",
           subgraph_index, where, i, index, num_tensors);
    return false;
  }
  return true;
}

bool CheckSubgraph(const schema::Model* model, const uint8_t* base,
                   size_t size, int index, char* error, size_t error_size) {
  const schema::SubGraph* subgraph = model->subgraphs()->Get(index);
  const auto* tensors = subgraph->tensors();
  const int32_t num_tensors = tensors ? static_cast<int32_t>(tensors->size()) : 0;
  for (int32_t t = 0; t < num_tensors; ++t) {
    if (!CheckTensor(model, base, size, index, t, tensors->Get(t), error,
                     error_size)) {
      return false;
    }
  }
  if (!CheckIndices(subgraph->inputs(), num_tensors, false, "input", index,
                    error, error_size) ||
      !CheckIndices(subgraph->outputs(), num_tensors, false, "output", index,
                    error, error_size)) {
    return false;
  }
  const auto* codes = model->operator_codes();
  const uint32_t num_codes = codes ? codes->size() : 0;
  const auto* ops = subgraph->operators();
  for (uint32_t n = 0; ops && n < ops->size(); ++n) {
    const schema::Operator* op = ops->Get(n);
    if (op->opcode_index() >= num_codes) {
      Format(error, error_size,
             "subgraph %d, operator %u: opcode index %u is out of range (%u "
             "operator codes)",
             index, n, op->opcode_index(), num_codes);
      return false;
    }
    char where[48];
    Format(where, sizeof(where), "operator %u input", n);
    if (!CheckIndices(op->inputs(), num_tensors, true, where, index, error,
                      error_size)) {
      return false;
    }
    Format(where, sizeof(where), "operator %u output", n);
    if (!CheckIndices(op->outputs(), num_tensors, false, where, index, error,
                      error_size)) {
      return false;
    }
    // A kernel writing into the model would corrupt (or fault on) flash.
    for (uint32_t i = 0; op->outputs() && i < op->outputs()->size(); ++i) {
      const schema::Tensor* out = tensors->Get(op->outputs()->Get(i));
      if (HasConstantData(model, out) && !out->is_variable()) {
        Format(error, error_size,
               "subgraph %d, operator %u: output tensor %d ('%s') is a "
               "constant",
               index, n, op->outputs()->Get(i), TensorName(out));
        return false;
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
  if (m->subgraphs() == nullptr || m->subgraphs()->size() == 0) {
    Format(error, error_size, "model has no subgraphs");
    return false;
  }
  for (uint32_t s = 0; s < m->subgraphs()->size(); ++s) {
    if (!CheckSubgraph(m, bytes, size, static_cast<int>(s), error,
                       error_size)) {
      return false;
    }
  }
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

}  // namespace tfmicro
